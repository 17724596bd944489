// The mappings as a CSV file for spreadsheets: one row per link (or per unmapped organization), formula-safe.
import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../text/formulaGuard.js';
import type { OrganizationMappings } from './mappingQueries.js';

export type ExportStatus = 'mapped' | 'unmapped' | 'conflict' | 'customer not found';

const HEADER = ['organization', 'external id', 'domain', 'customer tenant id', 'customer name', 'status'];

export function mappingsCsv(
  items: readonly OrganizationMappings[],
  customerName: (tenantId: string) => string | undefined,
): string {
  const records: string[][] = [HEADER];
  for (const { organization, mappings } of items) {
    const base = [organization.name, organization.externalId ?? '', organization.domain ?? ''];
    if (mappings.length === 0) records.push([...base, '', '', 'unmapped']);
    for (const { customerTenantId } of mappings) {
      const name = customerName(customerTenantId);
      const status: ExportStatus = mappings.length > 1 ? 'conflict' : name ? 'mapped' : 'customer not found';
      records.push([...base, customerTenantId, name ?? '', status]);
    }
  }
  // The BOM makes Excel read UTF-8 (accented names); CRLF is what RFC 4180 and Excel expect.
  return stringify(
    records.map((record) => record.map(guardFormula)),
    { bom: true, record_delimiter: 'windows' },
  );
}
