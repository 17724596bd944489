// The organization use cases: a page of the list, add, rename, remove, and a CSV import previewed, kept, then applied.
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import { cardRevision, type CardChange } from '../mappings/mappingCases.js';
import type { MappingStore } from '../mappings/mappingStore.js';
import type { Organization } from '../store/storeData.js';
import type { ImportPreview } from './csvImport.js';
import type { OrganizationStore } from './organizationStore.js';

export interface OrganizationCasesPorts {
  organizations: OrganizationStore;
  /** What an import's customer column is checked against: the synced customers and today's links. */
  customers: Pick<CustomerDirectory, 'get'>;
  mappings: Pick<MappingStore, 'forOrganization'>;
}

export const PAGE_SIZE = 10;
// Previews wait in memory for Apply; a restart simply asks for the file again.
export const KEPT_PREVIEWS = 20;

export interface OrganizationPage {
  revision: number;
  total: number;
  /** The page asked for, clamped to 1..pages. */
  page: number;
  pages: number;
  organizations: Organization[];
}

export type RemoveOutcome = { kind: 'removed'; name: string } | { kind: 'already-removed' };

export type ApplyOutcome =
  | { kind: 'gone' }
  | { kind: 'already-applied' }
  | { kind: 'imported'; added: number; updated: number; mapped: number; mapsCustomers: boolean };

export class OrganizationCases {
  private readonly previews = new Map<string, { preview: ImportPreview; by: string }>();

  constructor(private readonly ports: OrganizationCasesPorts) {}

  async list(input: { page: number }): Promise<OrganizationPage> {
    const all = this.ports.organizations.list();
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const page = Math.min(Math.max(1, input.page), pages);
    return {
      revision: this.ports.organizations.revision,
      total: all.length,
      page,
      pages,
      organizations: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    };
  }

  /** Throws ORGANIZATION_INVALID, ORGANIZATION_EXISTS or STALE; nothing is written then. */
  async add(
    input: CardChange & { name?: string; externalId?: string; domain?: string },
  ): Promise<Organization> {
    const write = { by: input.by, expectedRevision: cardRevision(input.revision) };
    const { name = '', externalId, domain } = input;
    return this.ports.organizations.add({ name, externalId, domain }, write);
  }

  /** Throws ORGANIZATION_NOT_FOUND, ORGANIZATION_INVALID, ORGANIZATION_EXISTS or STALE. */
  async rename(input: CardChange & { organizationId: string; name?: string }): Promise<Organization> {
    const write = { by: input.by, expectedRevision: cardRevision(input.revision) };
    return this.ports.organizations.rename(input.organizationId, input.name ?? '', write);
  }

  /** An organization someone else removed first is no refusal: the list is what the user wanted. */
  async remove(input: CardChange & { organizationId: string }): Promise<RemoveOutcome> {
    const write = { by: input.by, expectedRevision: cardRevision(input.revision) };
    const name = this.ports.organizations.get(input.organizationId)?.name ?? input.organizationId;
    const removed = await this.ports.organizations.remove(input.organizationId, write);
    return removed ? { kind: 'removed', name } : { kind: 'already-removed' };
  }

  /** Reads a CSV into a preview kept for Apply; nothing is saved. The oldest previews go past KEPT_PREVIEWS. */
  async preview(input: { content: Uint8Array | string; by: string }): Promise<ImportPreview> {
    const preview = await this.ports.organizations.previewImportInSlices(input.content, {
      customer: (tenantId) => this.ports.customers.get(tenantId),
      linksOf: (organizationId) =>
        this.ports.mappings.forOrganization(organizationId).map((mapping) => mapping.customerTenantId),
    });
    this.previews.set(preview.id, { preview, by: input.by });
    while (this.previews.size > KEPT_PREVIEWS) this.previews.delete(this.previews.keys().next().value!);
    return preview;
  }

  /**
   * Applies a kept preview in one write (STALE when the organizations changed since; it stays kept then). Any
   * admin may apply it: the preview records who read the file but does not reserve it.
   */
  async apply(input: { previewId: string; by: string }): Promise<ApplyOutcome> {
    const kept = this.previews.get(input.previewId);
    if (!kept) return { kind: 'gone' };
    const result = await this.ports.organizations.applyImport(kept.preview, { by: input.by });
    this.previews.delete(input.previewId);
    if (result.alreadyApplied) return { kind: 'already-applied' };
    const { added, updated, mapped } = result;
    return { kind: 'imported', added, updated, mapped, mapsCustomers: kept.preview.mapsCustomers };
  }

  async cancel(input: { previewId: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: this.previews.delete(input.previewId) };
  }
}
