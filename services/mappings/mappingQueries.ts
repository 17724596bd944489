// Read-side views of the mappings: organizations with their links, filtered, searched by name and paged.
import type { Mapping, Organization } from '../store/storeData.js';

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
  unmapped: (links) => links === 0, // isUnmapped's rule, on a count already read
  conflicts: (links) => links > 1,
};
const MAX_PAGE_SIZE = 100;

/** The organizations in reading order and a look-up of each one's links: what every view here reads. */
export interface MappingView {
  organizations: readonly Organization[];
  /** Oldest first. */
  linksOf: (organizationId: string) => readonly Mapping[];
}

/** Every organization with its links, sorted by name; links to organizations that no longer exist are left out. */
export function groupMappings(view: MappingView): OrganizationMappings[] {
  return view.organizations.map((organization) => ({
    organization,
    mappings: [...view.linksOf(organization.id)],
  }));
}

export function listMappings(view: MappingView, query: MappingListQuery): MappingPage {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? 10)));
  const wanted = FILTERS[query.filter ?? 'all'] ?? FILTERS.all;
  const needle = searchKey(query.name ?? '');
  const matching = view.organizations.filter(
    (organization) =>
      wanted(view.linksOf(organization.id).length) && (!needle || nameKeyOf(organization).includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
  const items = matching
    .slice((page - 1) * pageSize, page * pageSize)
    .map((organization) => copy({ organization, mappings: [...view.linksOf(organization.id)] }));
  return { items, total: matching.length, page, pages };
}

export function countMappings(view: MappingView): Record<MappingFilter, number> {
  const counts = { all: 0, mapped: 0, unmapped: 0, conflicts: 0 };
  for (const organization of view.organizations) {
    const links = view.linksOf(organization.id).length;
    for (const filter of Object.keys(FILTERS) as MappingFilter[]) {
      if (FILTERS[filter](links)) counts[filter] += 1;
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

// An organization is replaced, never edited, when its name changes: its object can key what its name folds to.
const nameKeys = new WeakMap<Organization, string>();

function nameKeyOf(organization: Organization): string {
  let key = nameKeys.get(organization);
  if (key === undefined) nameKeys.set(organization, (key = searchKey(organization.name)));
  return key;
}

/** Name search ignores case, accents and repeated spaces: "cafe noir" finds "Café  Noir". */
function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
