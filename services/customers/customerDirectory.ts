// The synced CSP customers as the bot reads them: lookups, ranked search and suggestions over the cached list.
import type { Organization } from '../store/storeData.js';
import {
  suggestAll,
  suggestCustomers,
  type AllSuggestions,
  type CustomerSuggestion,
} from '../mappings/suggestions.js';
import type { CspCustomer, CustomerRelationship } from './cspCustomer.js';
import type { CustomerCache } from './customerCache.js';
import { CustomerSearch, DEFAULT_LIMIT } from './customerSearch.js';

interface BuiltIndex {
  syncedAt: string | undefined;
  index: CustomerSearch;
}

export class CustomerDirectory {
  /** The index of the newest list built so far. */
  #search: BuiltIndex | undefined;
  /** The newest list asked for, and its build: each list is indexed once. */
  #building: { syncedAt: string | undefined; done: Promise<void> } | undefined;

  constructor(private readonly cache: CustomerCache) {
    // A new list is indexed in the background at once, rather than by the first turn that needs it.
    cache.onReplaced(() => void this.ready().catch(() => undefined));
  }

  /**
   * Resolves once the search index matches the synced list. At 50,000 customers building it takes a few
   * seconds of work, done a slice at a time so that other turns, timers and I/O go on meanwhile.
   */
  ready(): Promise<void> {
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

  suggest(organization: Organization): CustomerSuggestion {
    return suggestCustomers(organization, this.index());
  }

  suggestAll(organizations: readonly Organization[]): AllSuggestions<Organization> {
    return suggestAll(organizations, this.index());
  }

  /**
   * The current list's index. While a newer list is still being indexed, the previous list's answers for the
   * moment it takes (a customer added by that sync is found a few seconds later); with none built yet, it is
   * built at once, the way it was before `ready()`.
   */
  private index(): CustomerSearch {
    const syncedAt = this.cache.syncedAt;
    if (this.#search && this.#search.syncedAt !== syncedAt) void this.ready().catch(() => undefined);
    if (this.#search) return this.#search.index;
    const search: BuiltIndex = { syncedAt, index: new CustomerSearch(this.cache.list()) };
    this.#search = search;
    this.#building = { syncedAt, done: Promise.resolve() };
    return search.index;
  }
}
