// The MSP's own client organizations: read, add, rename, remove, and CSV import, each change one audited revision.
import type { OrganizationRecords } from '../../organizations/organizationSearch.js';
import type { OrganizationStore } from '../../organizations/organizationStore.js';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import {
  assertFresh,
  organizationsTouchedSince,
  recordChange,
  type WriteOptions,
} from '../../mappings/mappingRevision.js';
import type { AppStore } from '../appStore.js';
import type { Organization, StoreData } from '../storeData.js';
import {
  applyImport,
  previewImport,
  previewImportInSlices,
  type ImportPreview,
  type ImportResult,
  type MappingLookup,
} from '../../organizations/csvImport.js';
import { OrganizationOrder } from '../../organizations/organizationOrder.js';
import {
  checkName,
  checkOrganization,
  externalIdKey,
  fieldChanges,
  nameKey,
  type OrganizationFields,
} from '../../organizations/organizationRules.js';

export class FileOrganizationStore implements OrganizationStore, OrganizationRecords {
  readonly #order = new OrganizationOrder();

  constructor(
    private readonly store: AppStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The revision a card should carry to detect that it went stale. */
  get revision(): number {
    return this.store.data.mappingRevision;
  }

  /** Resolves once the organizations are in order, sorted in slices after a start, an import or a rollback. */
  ready(): Promise<void> {
    return this.#order.ready(() => this.store.data);
  }

  /** All organizations, sorted by name; the array is the caller's, the organizations the store's. */
  list(): Organization[] {
    return [...this.#order.sorted(this.store.data)];
  }

  get(id: string): Organization | undefined {
    return lookup(this.store.data, id);
  }

  /** The store's own record, read-only: a new object after a start or a rollback. */
  record(): Readonly<Record<string, Organization>> {
    return this.store.data.organizations;
  }

  /** The ids changed after `revision` as the journal names them; 'many' past what it keeps, undefined if unknown. */
  touchedSince(revision: number): readonly string[] | 'many' | undefined {
    return organizationsTouchedSince(this.store.data, revision);
  }

  findByName(name: string): Organization | undefined {
    return this.#order.withKey(this.store.data, nameKey(name));
  }

  findByExternalId(externalId: string): Organization | undefined {
    return findByExternalId(this.store.data, externalId);
  }

  async add(input: OrganizationFields, opts: WriteOptions): Promise<Organization> {
    const fields = valid(checkOrganization(input));
    return this.store.update((data) => {
      assertFresh(data, opts);
      const [sameName] = this.#order.namedLike(data, nameKey(fields.name));
      if (sameName) throw exists(`An organization named “${sameName.name}” already exists.`);
      const sameId = fields.externalId ? findByExternalId(data, fields.externalId) : undefined;
      if (sameId) {
        throw exists(`External id “${fields.externalId}” already belongs to “${sameId.name}”.`);
      }
      const at = this.now();
      const organization: Organization = {
        id: randomUUID(),
        ...fields,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
      data.organizations[organization.id] = organization;
      recordChange(data, {
        by: opts.by,
        action: 'organization.add',
        changes: fieldChanges(organization.id, undefined, organization),
        at,
        mappingIds: [],
        organizationIds: [organization.id],
      });
      return { ...organization };
    });
  }

  /** Renaming to the current name is a no-op, so a repeated submit does not bump the revision. */
  async rename(id: string, name: string, opts: WriteOptions): Promise<Organization> {
    const newName = valid(checkName(name));
    return this.store.update((data) => {
      const before = lookup(data, id);
      if (before?.name === newName) return { ...before };
      assertFresh(data, opts);
      const current = requireOrganization(data, id);
      const sameName = this.#order.namedLike(data, nameKey(newName)).find((other) => other.id !== id);
      if (sameName) throw exists(`An organization named “${sameName.name}” already exists.`);
      const at = this.now();
      const renamed = { ...current, name: newName, updatedAt: at.toISOString() };
      data.organizations[id] = renamed;
      recordChange(data, {
        by: opts.by,
        action: 'organization.rename',
        changes: fieldChanges(id, current, renamed),
        at,
        mappingIds: [],
        organizationIds: [id],
      });
      return { ...renamed };
    });
  }

  /** Removes the organization and its mappings together; an organization already gone is a no-op (false). */
  async remove(id: string, opts: WriteOptions): Promise<boolean> {
    return this.store.update((data) => {
      const organization = lookup(data, id);
      if (!organization) return false;
      assertFresh(data, opts);
      const mappings = Object.values(data.mappings).filter((mapping) => mapping.organizationId === id);
      const changes = fieldChanges(id, organization, undefined);
      if (mappings.length > 0) {
        changes.push({
          field: `mappings.${id}`,
          before: mappings.map((mapping) => mapping.customerTenantId).sort(),
          after: [],
        });
      }
      for (const mapping of mappings) delete data.mappings[mapping.id];
      delete data.organizations[id];
      recordChange(data, {
        by: opts.by,
        action: 'organization.remove',
        changes,
        at: this.now(),
        mappingIds: mappings.map((mapping) => mapping.id),
        organizationIds: [id],
      });
      return true;
    });
  }

  /** Reads a CSV file against the current organizations (and mappings); nothing changes until applyImport. */
  previewImport(csv: string | Uint8Array, lookup?: MappingLookup): ImportPreview {
    return previewImport(csv, Object.values(this.store.data.organizations), this.revision, lookup);
  }

  /** previewImport, giving other turns the event loop while a file of thousands of rows is read. */
  previewImportInSlices(csv: string | Uint8Array, lookup?: MappingLookup): Promise<ImportPreview> {
    const against = () => ({
      current: Object.values(this.store.data.organizations),
      revision: this.revision,
    });
    return previewImportInSlices(csv, against, lookup);
  }

  /** Applies exactly the preview in one write, or nothing (STALE when organizations changed since). */
  applyImport(preview: ImportPreview, opts: WriteOptions): Promise<ImportResult> {
    return applyImport(this.store, preview, opts, this.now);
  }
}

function findByExternalId(data: StoreData, externalId: string): Organization | undefined {
  const key = externalIdKey(externalId);
  return Object.values(data.organizations).find(
    (org) => org.externalId !== undefined && externalIdKey(org.externalId) === key,
  );
}

/** Own properties only: ids arrive from card submits, and "constructor" must not find Object's. */
export function lookup(data: Readonly<StoreData>, id: string): Organization | undefined {
  return Object.hasOwn(data.organizations, id) ? data.organizations[id] : undefined;
}

export function requireOrganization(data: StoreData, id: string): Organization {
  const organization = lookup(data, id);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND', `organization ${id}`);
  return organization;
}

function valid<T>(checked: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!checked.ok) {
    throw new AppError('ORGANIZATION_INVALID', checked.reason, { userMessage: checked.reason });
  }
  return checked.value;
}

function exists(message: string): AppError {
  return new AppError('ORGANIZATION_EXISTS', message, { userMessage: message });
}
