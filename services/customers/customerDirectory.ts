// The synced CSP customers as the bot reads them: lookups, ranked search and suggestions over the cached list.
import type { OrganizationLike } from '../mappings/suggestConfidence.js';
import {
  suggestAllSteps,
  suggestCustomers,
  type AllSuggestions,
  type CustomerSuggestion,
} from '../mappings/suggestions.js';
import { runInSlices } from '../sliced/slicedWork.js';
import type { CspCustomer, CustomerRelationship } from './cspCustomer.js';
import type { CustomerCache } from './customerCache.js';
import { CustomerSearch, DEFAULT_LIMIT } from './customerSearch.js';

// Enough for every organization of a large MSP; past it the oldest are ranked again when asked.
const SUGGESTIONS_KEPT = 20_000;

interface BuiltIndex {
  syncedAt: string | undefined;
  index: CustomerSearch;
}

export class CustomerDirectory {
  /** The index of the newest list built so far. */
  #search: BuiltIndex | undefined;
  /** The newest list asked for, and its build: each list is indexed once. */
  #building: { syncedAt: string | undefined; done: Promise<void> } | undefined;
  /** Suggestions made from one index, by organization name and domain. */
  #suggested: { index: CustomerSearch | undefined; byName: Map<string, CustomerSuggestion> } = {
    index: undefined,
    byName: new Map(),
  };

  constructor(private readonly cache: CustomerCache) {
    // A new list is indexed in the background at once, rather than by the first turn that needs it.
    cache.onReplaced(() => void this.built().catch(() => undefined));
  }

  /**
   * Resolves once there is an index to search: at once when one exists, even for the previous list (which
   * answers while the new one is built); otherwise when the first one is built. Starts the build either way.
   */
  ready(): Promise<void> {
    const built = this.built();
    return this.#search ? Promise.resolve() : built;
  }

  /**
   * Resolves once the search index matches the synced list. At 50,000 customers building it takes a few
   * seconds of work, done a slice at a time so that other turns, timers and I/O go on meanwhile.
   */
  built(): Promise<void> {
    const syncedAt = this.cache.syncedAt;
    if (this.#search?.syncedAt === syncedAt) return Promise.resolve();
    if (this.#building && this.#building.syncedAt === syncedAt) return this.#building.done;
    const done = CustomerSearch.inSlices(this.cache.list()).then((index) => {
      // A build that a newer list overtook is dropped.
      if (this.#building?.done === done) this.#search = { syncedAt, index };
    });
    this.#building = { syncedAt, done };
    return done;
  }

  get size(): number {
    return this.cache.size;
  }

  get syncedAt(): string | undefined {
    return this.cache.syncedAt;
  }

  get(tenantId: string): CspCustomer | undefined {
    return this.cache.get(tenantId);
  }

  /** See CustomerCache.noteRelationships: names and the search index stay as the sync left them. */
  noteRelationships(
    tenantId: string,
    relationships: readonly CustomerRelationship[],
  ): { changed: boolean; saved: Promise<void> } {
    return this.cache.noteRelationships(tenantId, relationships);
  }

  list(): readonly CspCustomer[] {
    return this.cache.list();
  }

  /** Results `skip` to `skip + limit` of the ranking, as a drop-down pages through them. */
  search(query: string, limit = DEFAULT_LIMIT, skip = 0): CspCustomer[] {
    return this.index()
      .search(query, skip + limit)
      .slice(skip)
      .map((match) => match.customer);
  }

  /** The suggestion for one organization; the same name and domain are ranked once per customer list. */
  suggest(organization: OrganizationLike): CustomerSuggestion {
    const index = this.index();
    if (this.#suggested.index !== index) this.#suggested = { index, byName: new Map() };
    const key = `${organization.name}\0${organization.domain ?? ''}`;
    const known = this.#suggested.byName.get(key);
    if (known) return known;
    const suggestion = suggestCustomers(organization, index);
    const byName = this.#suggested.byName;
    if (byName.size >= SUGGESTIONS_KEPT) byName.delete(byName.keys().next().value as string);
    byName.set(key, suggestion);
    return suggestion;
  }

  /**
   * Suggestions for many organizations against the current list (waited for: a bulk mapping must not use the
   * previous sync's), a slice at a time: at a few milliseconds each, a thousand would hold the loop for seconds.
   */
  async suggestAll<O extends OrganizationLike>(organizations: readonly O[]): Promise<AllSuggestions<O>> {
    await this.built();
    return runInSlices(suggestAllSteps(organizations, (organization) => this.suggest(organization)));
  }

  /**
   * The current list's index. While a newer list is still being indexed, the previous list's answers for the
   * moment it takes (a customer added by that sync is found a few seconds later); with none built yet, it is
   * built at once, the way it was before `ready()`.
   */
  private index(): CustomerSearch {
    const syncedAt = this.cache.syncedAt;
    if (this.#search && this.#search.syncedAt !== syncedAt) void this.built().catch(() => undefined);
    if (this.#search) return this.#search.index;
    const search: BuiltIndex = { syncedAt, index: new CustomerSearch(this.cache.list()) };
    this.#search = search;
    this.#building = { syncedAt, done: Promise.resolve() };
    return search.index;
  }
}
