// The MSP's own client organizations: read, add, rename, remove, and CSV import, each change one audited revision.
import { type WriteOptions } from '../mappings/mappingRevision.js';
import type { Organization } from '../store/storeData.js';
import { type ImportPreview, type ImportResult, type MappingLookup } from './csvImport.js';
import { type OrganizationFields } from './organizationRules.js';

/** The port the services use; the lowdb-backed file store implements it (services/store/file/organizations.ts). */
export interface OrganizationStore {
  /** The revision a card should carry to detect that it went stale. */
  readonly revision: number;
  /** Resolves once the organizations are in order, sorted in slices after a start, an import or a rollback. */
  ready(): Promise<void>;
  /** All organizations, sorted by name; the array is the caller's, the organizations the store's. */
  list(): Organization[];
  get(id: string): Organization | undefined;
  findByName(name: string): Organization | undefined;
  findByExternalId(externalId: string): Organization | undefined;
  add(input: OrganizationFields, opts: WriteOptions): Promise<Organization>;
  /** Renaming to the current name is a no-op, so a repeated submit does not bump the revision. */
  rename(id: string, name: string, opts: WriteOptions): Promise<Organization>;
  /** Removes the organization and its mappings together; an organization already gone is a no-op (false). */
  remove(id: string, opts: WriteOptions): Promise<boolean>;
  /** Reads a CSV file against the current organizations (and mappings); nothing changes until applyImport. */
  previewImport(csv: string | Uint8Array, lookup?: MappingLookup): ImportPreview;
  /** previewImport, giving other turns the event loop while a file of thousands of rows is read. */
  previewImportInSlices(csv: string | Uint8Array, lookup?: MappingLookup): Promise<ImportPreview>;
  /** Applies exactly the preview in one write, or nothing (STALE when organizations changed since). */
  applyImport(preview: ImportPreview, opts: WriteOptions): Promise<ImportResult>;
}
