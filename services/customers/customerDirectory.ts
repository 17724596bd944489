// The synced CSP customers as the bot reads them: lookups, ranked search and suggestions over the cached list.
import type { Organization } from '../store/storeData.js';
import {
  suggestAll,
  suggestCustomers,
  type AllSuggestions,
  type CustomerSuggestion,
} from '../mappings/suggestions.js';
import type { CspCustomer } from './cspCustomer.js';
import type { CustomerCache } from './customerCache.js';
import { CustomerSearch, DEFAULT_LIMIT } from './customerSearch.js';

export class CustomerDirectory {
  #search: { syncedAt: string | undefined; index: CustomerSearch } | undefined;

  constructor(private readonly cache: CustomerCache) {}

  get size(): number {
    return this.cache.size;
  }

  get syncedAt(): string | undefined {
    return this.cache.syncedAt;
  }

  get(tenantId: string): CspCustomer | undefined {
    return this.cache.get(tenantId);
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

  /** The index is rebuilt once per synced list, on first use after a sync (building it takes a moment at 50k). */
  private index(): CustomerSearch {
    if (!this.#search || this.#search.syncedAt !== this.cache.syncedAt) {
      this.#search = { syncedAt: this.cache.syncedAt, index: new CustomerSearch(this.cache.list()) };
    }
    return this.#search.index;
  }
}
