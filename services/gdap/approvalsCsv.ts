// The waiting approvals as a CSV file for spreadsheets and mail merges: one row per customer, formula-safe.
import type { MessageSender } from '../settings/messageSender.js';
import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../text/formulaGuard.js';
import { approvalMessage } from './approvalMessages.js';
import { daysSince, type WaitingApproval } from './waitingApprovals.js';

const HEADER = [
  'organization',
  'customer name',
  'customer tenant id',
  'relationship',
  'approval link',
  'waiting since',
  'days waiting',
  'last reminded',
  'message',
];

export function approvalsCsv(items: readonly WaitingApproval[], sender: MessageSender, now: Date): string {
  const records: string[][] = [HEADER];
  for (const item of items) {
    const days = daysSince(item.waitingSince, now);
    records.push([
      item.organizations,
      item.customerName,
      item.tenantId,
      item.relationshipName,
      item.approvalLink,
      item.waitingSince?.slice(0, 10) ?? '',
      days === undefined ? '' : String(days),
      item.remindedAt?.slice(0, 10) ?? '',
      approvalMessage(item.customerName, item.approvalLink, sender),
    ]);
  }
  // As the mappings export: a BOM so Excel reads UTF-8, CRLF as RFC 4180 has it.
  return stringify(
    records.map((record) => record.map(guardFormula)),
    { bom: true, record_delimiter: 'windows' },
  );
}
