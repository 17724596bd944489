// The organization type-ahead kept in step with the store: a small index of recent changes beside the full one.
import {
  aboutToGrow,
  PAUSE,
  runAtOnce,
  runInSlices,
  STEP_ITEMS,
  takePass,
  type Steps,
} from '../sliced/slicedWork.js';
import type { Organization } from '../store/storeData.js';
import { compareRanked, OrganizationNameIndex } from './organizationNameIndex.js';

// Indexing 10,000 names takes a few hundred milliseconds; up to this many added or renamed since then are indexed
// apart, so a write costs the next keystroke a walk over the names, not a rebuild.
const RECENT_MAX = 256;

/** What the type-ahead reads; the lowdb-backed file store implements it (services/store/file/organizations.ts). */
export interface OrganizationRecords {
  /** Moves with every change to organizations (and to mappings). */
  readonly revision: number;
  /** The store's own record, read-only: a new object after a start or a rollback. */
  record(): Readonly<Record<string, Organization>>;
  /** The ids changed after `revision` as the journal names them; 'many' past what it keeps, undefined if unknown. */
  touchedSince(revision: number): readonly string[] | 'many' | undefined;
  get(id: string): Organization | undefined;
}

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
  /** Ids whose organization is not in the full index as it is now (added, renamed or removed since), or may not be. */
  #differing = new Set<string>();
  /**
   * The store's organizations and revision the indexes were last brought up to. Every change to organizations
   * moves the revision, so other writes (a conversation's state, a sync) cost a turn nothing here.
   */
  #seen: Seen | undefined;
  #rebuilding: Promise<void> | undefined;

  constructor(private readonly organizations: OrganizationRecords) {}

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
    // The indexes hold copies as they were when built; answer with the organizations as they are now.
    return merged
      .slice(skip, wanted)
      .flatMap(({ organization }) => this.organizations.get(organization.id) ?? []);
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
      const seen = this.#now();
      if (this.#current(seen)) return;
      if (this.#catchUpSmall(seen.record)) {
        this.#seen = seen;
        return;
      }
      this.#rebuilding = this.#rebuild().finally(() => (this.#rebuilding = undefined));
    }
  }

  async #rebuild(): Promise<void> {
    // Listing 20,000 organizations takes milliseconds: in a pass of its own, not in the turn's that asked.
    await takePass();
    const seen = this.#now();
    const organizations = Object.values(seen.record);
    const full = await OrganizationNameIndex.inSlices(organizations);
    this.#install(full, await runInSlices(namesSteps(organizations)));
    // What changed while the index was being built is found by the next catch-up, from here.
    this.#seen = seen;
  }

  /** The store's organizations and revision as they are now. */
  #now(): Seen {
    return { record: this.organizations.record(), revision: this.organizations.revision };
  }

  #current(now: Seen): boolean {
    return now.record === this.#seen?.record && now.revision === this.#seen.revision;
  }

  /** `full` becomes the index of the organizations `names` lists, with nothing kept apart. */
  #install(full: OrganizationNameIndex, names: Map<string, string>): void {
    this.#full = full;
    this.#fullNames = names;
    this.#recent = new OrganizationNameIndex([]);
    this.#hidden = new Set();
    this.#differing = new Set();
  }

  private catchUp(): void {
    const seen = this.#now();
    if (this.#current(seen)) return;
    // Without ready() first (a caller outside a turn), the full index is built at once.
    if (!this.#catchUpSmall(seen.record)) {
      const organizations = Object.values(seen.record);
      this.#install(new OrganizationNameIndex(organizations), runAtOnce(namesSteps(organizations)));
    }
    this.#seen = seen;
  }

  /**
   * Indexes what changed since the full index apart, when that is little; false when it is too much. The
   * store's journal names the organizations each change touched; without it, one walk over them finds out.
   */
  #catchUpSmall(record: Readonly<Record<string, Organization>>): boolean {
    const seen = this.#seen;
    const touched = seen?.record === record ? this.organizations.touchedSince(seen.revision) : undefined;
    if (touched === 'many') return false;
    if (!touched) return this.#catchUpByWalk(record);
    // A change to mappings alone: nothing to index.
    if (touched.length === 0) return true;
    for (const id of touched) this.#differing.add(id);
    return this.#indexApart(record, this.#differing);
  }

  #catchUpByWalk(record: Readonly<Record<string, Organization>>): boolean {
    const organizations = Object.values(record);
    // Thousands added or removed (an import): known from the counts alone, before reading a name.
    if (Math.abs(organizations.length - this.#fullNames.size) > RECENT_MAX) return false;
    const differing = new Set<string>();
    let indexedAsThey = 0;
    for (const organization of organizations) {
      if (this.#fullNames.get(organization.id) === organization.name) {
        indexedAsThey++;
        continue;
      }
      differing.add(organization.id);
      if (differing.size > 2 * RECENT_MAX) return false;
    }
    // Some that the full index holds are gone.
    if (indexedAsThey + differing.size - this.#countIndexed(differing) !== this.#fullNames.size) {
      for (const id of this.#fullNames.keys()) if (!Object.hasOwn(record, id)) differing.add(id);
    }
    return this.#indexApart(record, differing);
  }

  /** How many of these ids the full index holds. */
  #countIndexed(ids: ReadonlySet<string>): number {
    let count = 0;
    for (const id of ids) if (this.#fullNames.has(id)) count++;
    return count;
  }

  /** Indexes apart those of `ids` that are not in the full index as they are now; false past RECENT_MAX. */
  #indexApart(record: Readonly<Record<string, Organization>>, ids: ReadonlySet<string>): boolean {
    const changed: Organization[] = [];
    const hidden = new Set<string>();
    const differing = new Set<string>();
    for (const id of ids) {
      const organization = Object.hasOwn(record, id) ? record[id] : undefined;
      const indexedAs = this.#fullNames.get(id);
      if (organization && indexedAs === organization.name) continue;
      differing.add(id);
      if (organization) changed.push(organization);
      if (indexedAs !== undefined) hidden.add(id);
    }
    if (changed.length + hidden.size > RECENT_MAX) return false;
    this.#recent = new OrganizationNameIndex(changed);
    this.#hidden = hidden;
    this.#differing = differing;
    return true;
  }
}

/** Id → name of each organization, for telling later which ones the full index holds as they are. */
function* namesSteps(organizations: readonly Organization[]): Steps<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < organizations.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    if (aboutToGrow(names, organizations[i].id)) yield PAUSE;
    names.set(organizations[i].id, organizations[i].name);
  }
  return names;
}
