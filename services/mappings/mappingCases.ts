// The mapping use cases: map, remap, unmap, fix a conflict, find a customer, and map every confident suggestion.
import { AppError, isAppError } from '../errors.js';
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import type { OrganizationStore } from '../organizations/organizationStore.js';
import type { Mapping, Organization } from '../store/storeData.js';
import { unmappedOrganizations } from './mappedClients.js';
import type { MappingStore } from './mappingStore.js';

export interface MappingCasesPorts {
  organizations: Pick<OrganizationStore, 'get' | 'list'>;
  mappings: MappingStore;
  customers: Pick<CustomerDirectory, 'get' | 'search' | 'suggestAll' | 'syncedAt'>;
}

/** A change from a card: who presses, and the mapping revision the card was drawn at. */
export interface CardChange {
  by: string;
  revision: number | undefined;
}

/** One customer an organization is linked to, as a conflict's fix lists it. */
export interface LinkedCustomer {
  tenantId: string;
  /** The customer's name, or its tenant id when it is no longer in the synced list. */
  name: string;
  customer?: CspCustomer;
  linkedAt?: string;
}

export type MapOutcome =
  | { kind: 'incomplete'; organizationId?: string }
  | { kind: 'mapped'; changed: boolean; organizationName: string; customerName: string };

export type ConflictView =
  | { kind: 'gone' }
  | { kind: 'unlinked'; organization: Organization }
  | { kind: 'single'; organization: Organization; customer: LinkedCustomer }
  | { kind: 'conflict'; organization: Organization; revision: number; customers: LinkedCustomer[] };

export type KeepOutcome =
  | { kind: 'not-kept'; reason: 'unknown' | 'stale' }
  | { kind: 'kept'; changed: boolean; organizationName: string; kept: string; removed: string[] };

export interface AllPreview {
  revision: number;
  syncedAt: string;
  unmapped: number;
  preview: { organization: Organization; customer: CspCustomer }[];
}

export type ApplyAllOutcome = { kind: 'resynced' } | { kind: 'applied'; changed: boolean; mapped: number };

/**
 * The mapping revision a card was drawn at, which every change from a card must carry: without one there is no
 * proof the card is current, so the change is refused as stale (STALE) rather than applied unchecked.
 */
export function cardRevision(revision: number | undefined): number {
  if (revision !== undefined) return revision;
  throw new AppError('STALE', 'the card carries no revision, or not a whole number');
}

export class MappingCases {
  constructor(private readonly ports: MappingCasesPorts) {}

  /** Maps an organization to a customer; `replace` moves it off any customer it had (remap). */
  async map(
    input: CardChange & { organizationId?: string; customerTenantId?: string; replace: boolean },
  ): Promise<MapOutcome> {
    const { organizationId, customerTenantId: tenantId } = input;
    const expectedRevision = cardRevision(input.revision);
    if (!organizationId || !tenantId) return { kind: 'incomplete', organizationId };
    const opts = { by: input.by, expectedRevision };
    const result = input.replace
      ? await this.ports.mappings.remap(organizationId, tenantId, opts)
      : await this.ports.mappings.map(organizationId, tenantId, opts);
    return {
      kind: 'mapped',
      changed: result.changed,
      organizationName: this.ports.organizations.get(organizationId)?.name ?? organizationId,
      customerName: this.ports.customers.get(tenantId)?.displayName ?? tenantId,
    };
  }

  async unmap(
    input: CardChange & { organizationId: string },
  ): Promise<{ changed: boolean; organizationName?: string }> {
    const result = await this.ports.mappings.unmap(input.organizationId, {
      by: input.by,
      expectedRevision: cardRevision(input.revision),
    });
    return {
      changed: result.changed,
      organizationName: this.ports.organizations.get(input.organizationId)?.name,
    };
  }

  /** Whether a refused map only asked again for a customer the conflicted organization already holds. */
  holdsAlready(organizationId: string, tenantId: string): boolean {
    return this.ports.mappings
      .forOrganization(organizationId)
      .some((link) => link.customerTenantId === tenantId);
  }

  /** An organization's links, to pick the one to keep; fewer than two is no conflict (any longer). */
  conflict(organizationId: string): ConflictView {
    const organization = this.ports.organizations.get(organizationId);
    if (!organization) return { kind: 'gone' };
    const links = this.ports.mappings.forOrganization(organization.id).map((link) => this.linked(link));
    if (links.length === 0) return { kind: 'unlinked', organization };
    if (links.length === 1) return { kind: 'single', organization, customer: links[0] };
    return { kind: 'conflict', organization, revision: this.ports.mappings.revision, customers: links };
  }

  /** Keeps one of a conflicted organization's customers and removes the other links, in one write. */
  async keep(
    input: CardChange & { organizationId: string; customerTenantId?: string },
  ): Promise<KeepOutcome> {
    const organization = this.ports.organizations.get(input.organizationId);
    if (!organization || !input.customerTenantId) return { kind: 'not-kept', reason: 'unknown' };
    try {
      const result = await this.ports.mappings.keepOnly(organization.id, input.customerTenantId, {
        by: input.by,
        expectedRevision: cardRevision(input.revision),
      });
      return {
        kind: 'kept',
        changed: result.changed,
        organizationName: organization.name,
        kept: this.linked(result.kept).name,
        removed: result.removed.map((link) => this.linked(link).name),
      };
    } catch (error) {
      // A card older than the mappings (someone else fixed it, or linked another customer): nothing was done.
      if (isAppError(error, 'STALE')) return { kind: 'not-kept', reason: 'stale' };
      throw error;
    }
  }

  /** Customers matching a typed query, for an organization's picker when type-ahead is not available. */
  find(input: { query: string; organizationId: string }) {
    return {
      revision: this.ports.mappings.revision,
      organizationName: this.ports.organizations.get(input.organizationId)?.name ?? '',
      results: input.query ? this.ports.customers.search(input.query, 15) : [],
    };
  }

  /** The unmapped organizations with a match sure enough to map without asking. */
  async previewAll(): Promise<AllPreview> {
    const unmapped = unmappedOrganizations(this.ports.organizations.list(), this.ports.mappings);
    const { preview } = await this.ports.customers.suggestAll(unmapped);
    return {
      revision: this.ports.mappings.revision,
      syncedAt: this.ports.customers.syncedAt ?? '',
      unmapped: unmapped.length,
      preview,
    };
  }

  /** Maps what the preview showed: recomputed, not carried, so the revision and sync time prove it is the same. */
  async applyAll(input: CardChange & { syncedAt?: string }): Promise<ApplyAllOutcome> {
    const expectedRevision = cardRevision(input.revision);
    if (input.syncedAt !== (this.ports.customers.syncedAt ?? '')) return { kind: 'resynced' };
    const { preview } = await this.previewAll();
    const pairs = preview.map(({ organization, customer }) => ({
      organizationId: organization.id,
      customerTenantId: customer.tenantId,
    }));
    const result = await this.ports.mappings.mapMany(pairs, { by: input.by, expectedRevision });
    return { kind: 'applied', changed: result.changed, mapped: result.mapped };
  }

  private linked(link: Mapping): LinkedCustomer {
    const customer = this.ports.customers.get(link.customerTenantId);
    return {
      tenantId: link.customerTenantId,
      name: customer?.displayName || link.customerTenantId,
      customer,
      linkedAt: link.createdAt,
    };
  }
}
