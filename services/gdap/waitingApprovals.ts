// Every customer waiting to approve a GDAP request, oldest first, with its link, its age and its last reminder.
import type { ApprovalReminder } from '../store/storeData.js';
import type { Preview } from './consentAll.js';

export interface WaitingApproval {
  tenantId: string;
  customerName: string;
  /** The organizations mapped to the customer, for the list's titles. */
  organizations: string;
  relationshipId: string;
  relationshipName: string;
  approvalLink: string;
  /** When the request was created (Graph's createdDateTime); absent when the read did not say. */
  waitingSince?: string;
  remindedAt?: string;
}

const DAY_MS = 86_400_000;

/**
 * The previews whose next step is the customer's approval. Oldest first, since those are the ones to chase (and
 * the first to expire); requests of unknown age come last, then by name.
 */
export function waitingApprovals(
  previews: readonly Preview[],
  labelOf: (tenantId: string) => string | undefined,
  reminders: Readonly<Record<string, ApprovalReminder>>,
): WaitingApproval[] {
  const waiting: WaitingApproval[] = [];
  for (const { customer, step } of previews) {
    if (step?.kind !== 'wait-for-approval') continue;
    const { relationship } = step;
    const reminder = reminders[relationship.id.toLowerCase()];
    waiting.push({
      tenantId: customer.tenantId,
      customerName: customer.displayName,
      organizations: labelOf(customer.tenantId) ?? customer.displayName,
      relationshipId: relationship.id,
      relationshipName: relationship.displayName,
      approvalLink: step.approvalLink,
      ...(relationship.createdDateTime ? { waitingSince: relationship.createdDateTime } : {}),
      ...(reminder ? { remindedAt: reminder.remindedAt } : {}),
    });
  }
  const since = (item: WaitingApproval) => Date.parse(item.waitingSince ?? '') || Infinity;
  return waiting.sort((a, b) => since(a) - since(b) || a.organizations.localeCompare(b.organizations));
}

/** Whole days from `iso` to `now`, or undefined when `iso` is not a time. */
export function daysSince(iso: string | undefined, now: Date): number | undefined {
  const at = Date.parse(iso ?? '');
  return Number.isNaN(at) ? undefined : Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

/** "today", "yesterday", "3 days ago": how the list speaks of a past day. */
export function agoText(iso: string | undefined, now: Date): string | undefined {
  const days = daysSince(iso, now);
  if (days === undefined) return undefined;
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}
