// The organization type-ahead kept in step with the store: a small index of recent changes beside the full one.
import type { AppStore } from '../store/appStore.js';
import type { Organization, StoreData } from '../store/storeData.js';
import { compareRanked, OrganizationNameIndex } from './organizationNameIndex.js';
import { lookup } from './organizationStore.js';

// Indexing 10,000 names takes a few hundred milliseconds; up to this many added or renamed since then are indexed
// apart, so a write costs the next keystroke a walk over the names, not a rebuild.
const RECENT_MAX = 256;

interface Seen {
  record: Readonly<Record<string, Organization>>;
  revision: number;
}

export class OrganizationSearch {
  #full = new OrganizationNameIndex([]);
  /** Id → name of what the full index holds. */
  #fullNames = new Map<string, string>();
  #recent = new OrganizationNameIndex([]);
  /** Ids the full index holds under a name they no longer have, or at all. */
  #hidden = new Set<string>();
  /**
   * The store's organizations and revision the indexes were last brought up to. Every change to organizations
   * moves the revision, so other writes (a conversation's state, a sync) cost a turn nothing here.
   */
  #seen: Seen | undefined;
  #rebuilding: Promise<void> | undefined;

  constructor(private readonly store: AppStore) {}

  /** Results `skip` to `skip + limit` for what someone typed: typos, accents and special letters forgiven. */
  search(query: string, limit: number, skip = 0): Organization[] {
    if (limit <= 0) return [];
    this.catchUp();
    const wanted = skip + limit;
    const merged = [
      ...this.#full
        .ranked(query, wanted + this.#hidden.size)
        .filter((ranked) => !this.#hidden.has(ranked.organization.id)),
      ...this.#recent.ranked(query, wanted),
    ].sort(compareRanked);
    const data = this.store.data;
    // The indexes hold copies as they were when built; answer with the organizations as they are now.
    return merged.slice(skip, wanted).flatMap(({ organization }) => lookup(data, organization.id) ?? []);
  }

  /**
   * Resolves once the indexes match the store. A few changes are indexed apart at once; past that the full
   * index is rebuilt a slice at a time, so an import of thousands does not hold up every other turn.
   */
  async ready(): Promise<void> {
    for (;;) {
      if (this.#rebuilding) {
        await this.#rebuilding;
        continue;
      }
      const data = this.store.data;
      if (this.#current(data)) return;
      const organizations = Object.values(data.organizations);
      if (this.#catchUpSmall(organizations)) {
        this.#seen = { record: data.organizations, revision: data.mappingRevision };
        return;
      }
      const seen = { record: data.organizations, revision: data.mappingRevision };
      this.#rebuilding = this.#rebuild(organizations, seen).finally(() => (this.#rebuilding = undefined));
    }
  }

  async #rebuild(organizations: readonly Organization[], seen: Seen): Promise<void> {
    this.#install(organizations, await OrganizationNameIndex.inSlices(organizations));
    // What changed while the index was being built is found by the next catch-up, from here.
    this.#seen = seen;
  }

  #current(data: Readonly<StoreData>): boolean {
    return data.organizations === this.#seen?.record && data.mappingRevision === this.#seen.revision;
  }

  /** `full` becomes the index of these organizations, with nothing kept apart. */
  #install(organizations: readonly Organization[], full: OrganizationNameIndex): void {
    this.#full = full;
    this.#fullNames = new Map(organizations.map((organization) => [organization.id, organization.name]));
    this.#recent = new OrganizationNameIndex([]);
    this.#hidden = new Set();
  }

  private catchUp(): void {
    const data = this.store.data;
    if (this.#current(data)) return;
    const organizations = Object.values(data.organizations);
    // Without ready() first (a caller outside a turn), the full index is built at once.
    if (!this.#catchUpSmall(organizations)) {
      this.#install(organizations, new OrganizationNameIndex(organizations));
    }
    this.#seen = { record: data.organizations, revision: data.mappingRevision };
  }

  /** Indexes what changed since the full index apart, when that is little; false when it is too much. */
  #catchUpSmall(organizations: readonly Organization[]): boolean {
    // Thousands added or removed (an import): known from the counts alone, before reading a name.
    if (Math.abs(organizations.length - this.#fullNames.size) > RECENT_MAX) return false;
    const changed: Organization[] = [];
    const hidden = new Set<string>();
    for (const organization of organizations) {
      if (this.#fullNames.get(organization.id) === organization.name) continue;
      changed.push(organization);
      if (this.#fullNames.has(organization.id)) hidden.add(organization.id);
      if (changed.length > RECENT_MAX) return false;
    }
    if (organizations.length - changed.length + hidden.size !== this.#fullNames.size) {
      const present = new Set(organizations.map((organization) => organization.id));
      for (const id of this.#fullNames.keys()) if (!present.has(id)) hidden.add(id);
    }
    if (changed.length + hidden.size > RECENT_MAX) return false;
    this.#recent = new OrganizationNameIndex(changed);
    this.#hidden = hidden;
    return true;
  }
}
