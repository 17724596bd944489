// The mappings list: filters, paging, each organization with its customer(s) and buttons to change it.
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { mappingsListCard } from '../../cards/mappingCards.js';
import type { MappingFilter } from '../../services/mappings/mappingQueries.js';
import type { MappingDeps } from './mappingDeps.js';

const FILTERS: readonly MappingFilter[] = ['all', 'mapped', 'unmapped', 'conflicts'];
const PAGE_SIZE = 10;

export function asFilter(value: string): MappingFilter {
  const wanted = value.toLowerCase().trim();
  return (FILTERS as readonly string[]).includes(wanted) ? (wanted as MappingFilter) : 'all';
}

export function mappingsListReply(
  deps: MappingDeps,
  filter: MappingFilter,
  name: string,
  page: number,
): CardAttachment {
  const listing = deps.mappings.list({
    filter,
    name: name || undefined,
    page: Math.max(1, page),
    pageSize: PAGE_SIZE,
  });
  const counts = deps.mappings.counts();
  const customerName = (tenantId: string) =>
    deps.customers.get(tenantId)?.displayName ?? `${tenantId} (no longer in the CSP list)`;
  return mappingsListCard({
    revision: deps.mappings.revision,
    summary: `${counts.all} organizations: ${counts.mapped} mapped, ${counts.unmapped} unmapped, ${counts.conflicts} in conflict.`,
    conflicts: counts.conflicts,
    filter,
    name,
    page: listing.page,
    pages: Math.max(1, listing.pages),
    rows: listing.items.map(({ organization, mappings }) => ({
      organizationId: organization.id,
      organization: organization.name,
      customers:
        mappings.length === 0
          ? 'Not mapped'
          : mappings.map((mapping) => customerName(mapping.customerTenantId)).join('; '),
      mark: mappings.length === 0 ? '⬜' : mappings.length > 1 ? '⚠️' : '✅',
      mapped: mappings.length > 0,
    })),
    exportUrl: deps.exportUrl(),
  });
}
