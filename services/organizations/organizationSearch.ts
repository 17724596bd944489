// The organization type-ahead kept in step with the store: re-indexed after organizations change, not per keystroke.
import type { AppStore } from '../store/appStore.js';
import type { Organization } from '../store/storeData.js';
import { OrganizationNameIndex } from './organizationNameIndex.js';
import { lookup } from './organizationStore.js';

export class OrganizationSearch {
  #index: OrganizationNameIndex | undefined;
  /** Id → name of what the index holds, to tell a change of organizations from one of mappings or settings. */
  #indexed = new Map<string, string>();
  #changed = true;

  constructor(private readonly store: AppStore) {
    store.onChange(() => (this.#changed = true));
  }

  /** Results `skip` to `skip + limit` for what someone typed: typos, accents and special letters forgiven. */
  search(query: string, limit: number, skip = 0): Organization[] {
    const data = this.store.data;
    // The index holds copies as they were when it was built; answer with the organizations as they are now.
    return this.current()
      .search(query, limit, skip)
      .flatMap((organization) => lookup(data, organization.id) ?? []);
  }

  private current(): OrganizationNameIndex {
    if (this.#changed || !this.#index) {
      this.#changed = false;
      const organizations = Object.values(this.store.data.organizations);
      if (!this.#index || !sameNames(organizations, this.#indexed)) {
        this.#index = new OrganizationNameIndex(organizations);
        this.#indexed = new Map(organizations.map((organization) => [organization.id, organization.name]));
      }
    }
    return this.#index;
  }
}

function sameNames(organizations: readonly Organization[], indexed: ReadonlyMap<string, string>): boolean {
  return (
    organizations.length === indexed.size &&
    organizations.every((organization) => indexed.get(organization.id) === organization.name)
  );
}
