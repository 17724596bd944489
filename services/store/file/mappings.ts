// Links from organizations to CSP customers: map, unmap, remap (one audited revision each), lists and export.
import type { MappingResult, MappingStore, MappingStoreOptions } from '../../mappings/mappingStore.js';
import { randomUUID } from 'node:crypto';
import { AppError, CONFLICT_ALERT, CONFLICT_FIX } from '../../errors.js';
import { lookup, requireOrganization } from './organizations.js';
import type { AppStore } from '../appStore.js';
import type { Mapping, Organization, StoreData } from '../storeData.js';
import { OrganizationOrder } from '../../organizations/organizationOrder.js';
import { runInSlices } from '../../sliced/slicedWork.js';
import { mappingsCsvSteps } from '../../mappings/mappingExport.js';
import { MappingLinks } from '../../mappings/mappingLinks.js';
import {
  copy,
  countMappings,
  groupMappings,
  listMappings,
  type MappingFilter,
  type MappingListQuery,
  type MappingPage,
  type MappingView,
  type OrganizationMappings,
} from '../../mappings/mappingQueries.js';
import { assertFresh, recordChange, type WriteOptions } from '../../mappings/mappingRevision.js';

export class FileMappingStore implements MappingStore {
  readonly #now: () => Date;
  readonly #links = new MappingLinks();
  readonly #order = new OrganizationOrder();

  constructor(
    private readonly store: AppStore,
    private readonly options: MappingStoreOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  get revision(): number {
    return this.store.data.mappingRevision;
  }

  /**
   * Resolves once the mappings are indexed and the organizations in order for the mappings list: built in slices
   * when the store's record is new (start, rollback) or, for the order, after an import.
   */
  async ready(): Promise<void> {
    const current = () => this.store.data;
    await Promise.all([this.#links.ready(current), this.#order.ready(current)]);
  }

  /** Every mapping id of `data` (the store's data, now or as a reader saw it), without listing the record. */
  ids(data: Readonly<StoreData>): string[] {
    return this.#links.ids(data);
  }

  forOrganization(organizationId: string): Mapping[] {
    return this.#links.ofOrganization(this.store.data, organizationId).map((mapping) => ({ ...mapping }));
  }

  /** The mappings to a customer tenant (in any spelling of its id), oldest first. */
  forCustomer(tenantId: string): Mapping[] {
    return this.#links.ofCustomer(this.store.data, tenantId).map((mapping) => ({ ...mapping }));
  }

  /** How many customers the organization is linked to, without copying its links: 0 is unmapped, 2+ a conflict. */
  linkCount(organizationId: string): number {
    return this.#links.ofOrganization(this.store.data, organizationId).length;
  }

  list(query: MappingListQuery = {}): MappingPage {
    return listMappings(this.#view(), query);
  }

  /** Organizations linked to more than one customer; `map` never creates them, but older data can hold them. */
  conflicts(): OrganizationMappings[] {
    const view = this.#view();
    return view.organizations
      .filter((organization) => view.linksOf(organization.id).length > 1)
      .map((organization) => copy({ organization, mappings: [...view.linksOf(organization.id)] }));
  }

  counts(): Record<MappingFilter, number> {
    return countMappings(this.#view());
  }

  /** Mapping to the customer it is already mapped to is a no-op; to a different one is refused (MAPPING_CONFLICT). */
  async map(
    organizationId: string,
    customerTenantId: string,
    opts: WriteOptions,
  ): Promise<MappingResult & { mapping: Mapping }> {
    const tenantId = await this.#existingCustomer(customerTenantId);
    return this.store.update((data) => {
      const current = this.#current(data, organizationId);
      if (current.length > 0 && current.every((mapping) => mapping.customerTenantId === tenantId)) {
        return { mapping: { ...current[0] }, changed: false, revision: data.mappingRevision };
      }
      assertFresh(data, opts);
      const organization = requireOrganization(data, organizationId);
      const others = current.filter((mapping) => mapping.customerTenantId !== tenantId);
      if (others.length > 0)
        throw this.#conflict(organization, others, tenantId, others.length < current.length);
      const mapping = this.#link(data, organizationId, tenantId, opts.by);
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.map',
        changes: [{ field: `mappings.${organizationId}`, before: [], after: [tenantId] }],
        at: this.#now(),
        mappingIds: [mapping.id],
        organizationIds: [],
      });
      return { mapping: { ...mapping }, changed: true, revision };
    });
  }

  /** Maps many unmapped organizations in one write ("map all confident suggestions"); mapped ones are left alone. */
  async mapMany(
    pairs: readonly { organizationId: string; customerTenantId: string }[],
    opts: WriteOptions,
  ): Promise<MappingResult & { mapped: number }> {
    const wanted: { organizationId: string; tenantId: string }[] = [];
    for (const pair of pairs) {
      wanted.push({
        organizationId: pair.organizationId,
        tenantId: await this.#existingCustomer(pair.customerTenantId),
      });
    }
    return this.store.update((data) => {
      assertFresh(data, opts);
      const changes = [];
      const mappingIds: string[] = [];
      // The index is read before this change moves the revision: organizations linked here are noted as they go.
      const linked = new Set<string>();
      for (const { organizationId, tenantId } of wanted) {
        requireOrganization(data, organizationId);
        if (linked.has(organizationId) || this.#links.ofOrganization(data, organizationId).length > 0)
          continue;
        linked.add(organizationId);
        mappingIds.push(this.#link(data, organizationId, tenantId, opts.by).id);
        changes.push({ field: `mappings.${organizationId}`, before: [], after: [tenantId] });
      }
      if (changes.length === 0) return { changed: false, revision: data.mappingRevision, mapped: 0 };
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.mapMany',
        changes,
        at: this.#now(),
        mappingIds,
        organizationIds: [],
      });
      return { changed: true, revision, mapped: changes.length };
    });
  }

  /** Removes the organization's links, or only the one to `customerTenantId` (how a conflict is resolved). */
  async unmap(
    organizationId: string,
    opts: WriteOptions & { customerTenantId?: string },
  ): Promise<MappingResult> {
    return this.store.update((data) => {
      const current = this.#current(data, organizationId);
      const removing = current.filter(
        (mapping) =>
          opts.customerTenantId === undefined || mapping.customerTenantId === opts.customerTenantId,
      );
      if (removing.length === 0 && lookup(data, organizationId)) {
        return { changed: false, revision: data.mappingRevision };
      }
      assertFresh(data, opts);
      requireOrganization(data, organizationId);
      for (const mapping of removing) delete data.mappings[mapping.id];
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.unmap',
        mappingIds: removing.map((mapping) => mapping.id),
        organizationIds: [],
        changes: [
          {
            field: `mappings.${organizationId}`,
            before: tenants(current),
            after: tenants(current.filter((m) => !removing.includes(m))),
          },
        ],
        at: this.#now(),
      });
      return { changed: true, revision };
    });
  }

  /** Moves the organization to another customer in one write, replacing every link it had (or mapping it if none). */
  async remap(
    organizationId: string,
    newTenantId: string,
    opts: WriteOptions,
  ): Promise<MappingResult & { mapping: Mapping }> {
    const tenantId = await this.#existingCustomer(newTenantId);
    return this.store.update((data) => {
      const current = this.#current(data, organizationId);
      if (current.length === 1 && current[0].customerTenantId === tenantId) {
        return { mapping: { ...current[0] }, changed: false, revision: data.mappingRevision };
      }
      assertFresh(data, opts);
      requireOrganization(data, organizationId);
      for (const mapping of current) delete data.mappings[mapping.id];
      const mapping = this.#link(data, organizationId, tenantId, opts.by);
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.remap',
        changes: [{ field: `mappings.${organizationId}`, before: tenants(current), after: [tenantId] }],
        at: this.#now(),
        mappingIds: [...current.map((old) => old.id), mapping.id],
        organizationIds: [],
      });
      return { mapping: { ...mapping }, changed: true, revision };
    });
  }

  /**
   * Settles a conflict in one audited write: the organization keeps its link to `customerTenantId` (the same
   * mapping, with its history) and loses the others. Already the only link: nothing changes. A link that is gone
   * meanwhile is refused as STALE, whatever the revision: the card offered a choice that no longer exists.
   */
  async keepOnly(
    organizationId: string,
    customerTenantId: string,
    opts: WriteOptions,
  ): Promise<MappingResult & { kept: Mapping; removed: Mapping[] }> {
    const wanted = customerTenantId.trim().toLowerCase();
    return this.store.update((data) => {
      requireOrganization(data, organizationId);
      const current = this.#current(data, organizationId);
      const kept = current.find((mapping) => mapping.customerTenantId.toLowerCase() === wanted);
      if (!kept)
        throw new AppError('STALE', `${organizationId} is not linked to ${customerTenantId} any more`);
      const removed = current.filter((mapping) => mapping !== kept);
      if (removed.length === 0)
        return { kept: { ...kept }, removed: [], changed: false, revision: data.mappingRevision };
      assertFresh(data, opts);
      for (const mapping of removed) delete data.mappings[mapping.id];
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.keepOnly',
        changes: [
          { field: `mappings.${organizationId}`, before: tenants(current), after: [kept.customerTenantId] },
        ],
        at: this.#now(),
        mappingIds: removed.map((mapping) => mapping.id),
        organizationIds: [],
      });
      return {
        kept: { ...kept },
        removed: removed.map((mapping) => ({ ...mapping })),
        changed: true,
        revision,
      };
    });
  }

  /** The mappings as CSV, written a slice at a time so that other turns go on meanwhile. */
  exportCsv(customerName: (tenantId: string) => string | undefined): Promise<string> {
    return runInSlices(mappingsCsvSteps(groupMappings(this.#view()), customerName));
  }

  #view(): MappingView {
    const data = this.store.data;
    return {
      organizations: this.#order.sorted(data),
      linksOf: (organizationId) => this.#links.ofOrganization(data, organizationId),
    };
  }

  /** Read at the start of a change: a copy, since the index sees the change's deletes only once the revision moves. */
  #current(data: StoreData, organizationId: string): Mapping[] {
    return [...this.#links.ofOrganization(data, organizationId)];
  }

  #link(data: StoreData, organizationId: string, customerTenantId: string, by: string): Mapping {
    const mapping: Mapping = {
      id: randomUUID(),
      organizationId,
      customerTenantId,
      createdAt: this.#now().toISOString(),
      createdBy: by,
    };
    data.mappings[mapping.id] = mapping;
    return mapping;
  }

  async #existingCustomer(customerTenantId: string): Promise<string> {
    const tenantId = customerTenantId.trim();
    if (!tenantId || !(await this.options.customerExists(tenantId))) {
      throw new AppError('CUSTOMER_NOT_FOUND', `customer tenant ${tenantId}`);
    }
    return tenantId;
  }

  #conflict(
    organization: Organization,
    current: Mapping[],
    tenantId: string,
    alreadyLinked: boolean,
  ): AppError {
    const describe = (id: string) => {
      const name = this.options.customerName?.(id);
      return name ? `${name} (${id})` : id;
    };
    const linked = current.map((mapping) => describe(mapping.customerTenantId)).join(' and ');
    // Already linked to the one chosen, among others: adding it again is not the problem, the others are.
    const detail = alreadyLinked
      ? `“${organization.name}” is already linked to ${describe(tenantId)}, and also to ${linked}.`
      : `“${organization.name}” is already linked to ${linked}, so it cannot also be linked to ${describe(tenantId)}.`;
    return new AppError('MAPPING_CONFLICT', detail, {
      userMessage: `${CONFLICT_ALERT} ${detail} ${CONFLICT_FIX}`,
    });
  }
}

function tenants(mappings: Mapping[]): string[] {
  return mappings.map((mapping) => mapping.customerTenantId).sort();
}
