// Links from organizations to CSP customers: map, unmap, remap (one audited revision each), lists and export.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../bot/errors.js';
import { lookup, requireOrganization } from '../organizations/organizationStore.js';
import type { AppStore } from '../store/appStore.js';
import type { Mapping, Organization, StoreData } from '../store/storeData.js';
import { mappingsCsv } from './mappingExport.js';
import {
  copy,
  countMappings,
  groupMappings,
  listMappings,
  mappingsOf,
  type MappingFilter,
  type MappingListQuery,
  type MappingPage,
  type OrganizationMappings,
} from './mappingQueries.js';
import { assertFresh, recordChange, type WriteOptions } from './mappingRevision.js';

/** The reference product's alert, word for word: users already know it. */
export const CONFLICT_ALERT =
  'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations.';
export const CONFLICT_FIX =
  'Each organization must be linked to exactly one CSP customer: remove the other mapping or use Remap to move it.';

export interface MappingResult {
  changed: boolean;
  /** The revision after the call, for the card drawn next. */
  revision: number;
}

export interface MappingStoreOptions {
  customerExists: (tenantId: string) => boolean | Promise<boolean>;
  /** Names customers in messages; the tenant id alone is shown when it gives nothing. */
  customerName?: (tenantId: string) => string | undefined;
  now?: () => Date;
}

export class MappingStore {
  readonly #now: () => Date;

  constructor(
    private readonly store: AppStore,
    private readonly options: MappingStoreOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  get revision(): number {
    return this.store.data.mappingRevision;
  }

  forOrganization(organizationId: string): Mapping[] {
    return mappingsOf(this.store.data, organizationId).map((mapping) => ({ ...mapping }));
  }

  list(query: MappingListQuery = {}): MappingPage {
    return listMappings(this.store.data, query);
  }

  /** Organizations linked to more than one customer; `map` never creates them, but older data can hold them. */
  conflicts(): OrganizationMappings[] {
    return groupMappings(this.store.data)
      .filter((item) => item.mappings.length > 1)
      .map(copy);
  }

  counts(): Record<MappingFilter, number> {
    return countMappings(this.store.data);
  }

  /** Mapping to the customer it is already mapped to is a no-op; to a different one is refused (MAPPING_CONFLICT). */
  async map(
    organizationId: string,
    customerTenantId: string,
    opts: WriteOptions,
  ): Promise<MappingResult & { mapping: Mapping }> {
    const tenantId = await this.#existingCustomer(customerTenantId);
    return this.store.update((data) => {
      const current = mappingsOf(data, organizationId);
      if (current.length > 0 && current.every((mapping) => mapping.customerTenantId === tenantId)) {
        return { mapping: { ...current[0] }, changed: false, revision: data.mappingRevision };
      }
      assertFresh(data, opts);
      const organization = requireOrganization(data, organizationId);
      const others = current.filter((mapping) => mapping.customerTenantId !== tenantId);
      if (others.length > 0) throw this.#conflict(organization, others, tenantId);
      const mapping = this.#link(data, organizationId, tenantId, opts.by);
      const revision = recordChange(data, {
        by: opts.by,
        action: 'mapping.map',
        changes: [{ field: `mappings.${organizationId}`, before: [], after: [tenantId] }],
        at: this.#now(),
        mappingIds: [mapping.id],
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
      for (const { organizationId, tenantId } of wanted) {
        requireOrganization(data, organizationId);
        if (mappingsOf(data, organizationId).length > 0) continue;
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
      const current = mappingsOf(data, organizationId);
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
      const current = mappingsOf(data, organizationId);
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
      });
      return { mapping: { ...mapping }, changed: true, revision };
    });
  }

  exportCsv(customerName: (tenantId: string) => string | undefined): string {
    return mappingsCsv(groupMappings(this.store.data), customerName);
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

  #conflict(organization: Organization, current: Mapping[], tenantId: string): AppError {
    const describe = (id: string) => {
      const name = this.options.customerName?.(id);
      return name ? `${name} (${id})` : id;
    };
    const linked = current.map((mapping) => describe(mapping.customerTenantId)).join(' and ');
    const detail = `“${organization.name}” is already linked to ${linked}, so it cannot also be linked to ${describe(tenantId)}.`;
    return new AppError('MAPPING_CONFLICT', detail, {
      userMessage: `${CONFLICT_ALERT} ${detail} ${CONFLICT_FIX}`,
    });
  }
}

function tenants(mappings: Mapping[]): string[] {
  return mappings.map((mapping) => mapping.customerTenantId).sort();
}
