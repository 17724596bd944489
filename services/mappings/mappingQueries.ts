// Read-side views of the mappings: organizations with their links, filtered, searched by name and paged.
import { compareNames } from '../organizations/organizationStore.js';
import type { Mapping, Organization, StoreData } from '../store/storeData.js';

export interface OrganizationMappings {
  organization: Organization;
  mappings: Mapping[];
}

export type MappingFilter = 'all' | 'mapped' | 'unmapped' | 'conflicts';

export interface MappingListQuery {
  filter?: MappingFilter;
  /** Part of the organization's name; case and accents are ignored. */
  name?: string;
  /** 1-based; a page past the end shows the last page, so a stale "next" still lands somewhere. */
  page?: number;
  pageSize?: number;
}

export interface MappingPage {
  items: OrganizationMappings[];
  total: number;
  page: number;
  pages: number;
}

/** "Mapped" counts every organization with a link, so mapped + unmapped = all; conflicts are a subset of mapped. */
const FILTERS: Record<MappingFilter, (links: number) => boolean> = {
  all: () => true,
  mapped: (links) => links > 0,
  unmapped: (links) => links === 0,
  conflicts: (links) => links > 1,
};
const MAX_PAGE_SIZE = 100;

export function mappingsOf(data: Readonly<StoreData>, organizationId: string): Mapping[] {
  return Object.values(data.mappings)
    .filter((mapping) => mapping.organizationId === organizationId)
    .sort(byCreation);
}

/** Every organization with its links, sorted by name; links to organizations that no longer exist are left out. */
export function groupMappings(data: Readonly<StoreData>): OrganizationMappings[] {
  const links = new Map<string, Mapping[]>();
  for (const mapping of Object.values(data.mappings)) {
    const list = links.get(mapping.organizationId);
    if (list) list.push(mapping);
    else links.set(mapping.organizationId, [mapping]);
  }
  return Object.values(data.organizations)
    .map((organization) => ({ organization, mappings: (links.get(organization.id) ?? []).sort(byCreation) }))
    .sort((a, b) => compareNames(a.organization.name, b.organization.name));
}

export function listMappings(data: Readonly<StoreData>, query: MappingListQuery): MappingPage {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? 10)));
  const wanted = FILTERS[query.filter ?? 'all'] ?? FILTERS.all;
  const needle = searchKey(query.name ?? '');
  const matching = groupMappings(data).filter(
    (item) => wanted(item.mappings.length) && searchKey(item.organization.name).includes(needle),
  );
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
  const items = matching.slice((page - 1) * pageSize, page * pageSize).map(copy);
  return { items, total: matching.length, page, pages };
}

export function countMappings(data: Readonly<StoreData>): Record<MappingFilter, number> {
  const counts = { all: 0, mapped: 0, unmapped: 0, conflicts: 0 };
  for (const { mappings } of groupMappings(data)) {
    for (const filter of Object.keys(FILTERS) as MappingFilter[]) {
      if (FILTERS[filter](mappings.length)) counts[filter] += 1;
    }
  }
  return counts;
}

/** Copies, so callers cannot change the store's objects behind its back. */
export function copy(item: OrganizationMappings): OrganizationMappings {
  return {
    organization: { ...item.organization },
    mappings: item.mappings.map((mapping) => ({ ...mapping })),
  };
}

function byCreation(a: Mapping, b: Mapping): number {
  return a.createdAt.localeCompare(b.createdAt);
}

/** Name search ignores case, accents and repeated spaces: "cafe noir" finds "Café  Noir". */
function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
