// Links from organizations to CSP customers: map, unmap, remap (one audited revision each), lists and export.
import type { Mapping, StoreData } from '../store/storeData.js';
import {
  type MappingFilter,
  type MappingListQuery,
  type MappingPage,
  type OrganizationMappings,
} from './mappingQueries.js';
import { type WriteOptions } from './mappingRevision.js';

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

/** The port the services use; the lowdb-backed file store implements it (services/store/file/mappings.ts). */
export interface MappingStore {
  readonly revision: number;
  /**
   * Resolves once the mappings are indexed and the organizations in order for the mappings list: built in slices
   * when the store's record is new (start, rollback) or, for the order, after an import.
   */
  ready(): Promise<void>;
  /** Every mapping id of `data` (the store's data, now or as a reader saw it), without listing the record. */
  ids(data: Readonly<StoreData>): string[];
  forOrganization(organizationId: string): Mapping[];
  /** The mappings to a customer tenant (in any spelling of its id), oldest first. */
  forCustomer(tenantId: string): Mapping[];
  /** How many customers the organization is linked to, without copying its links: 0 is unmapped, 2+ a conflict. */
  linkCount(organizationId: string): number;
  list(query?: MappingListQuery): MappingPage;
  /** Organizations linked to more than one customer; `map` never creates them, but older data can hold them. */
  conflicts(): OrganizationMappings[];
  counts(): Record<MappingFilter, number>;
  /** Mapping to the customer it is already mapped to is a no-op; to a different one is refused (MAPPING_CONFLICT). */
  map(
    organizationId: string,
    customerTenantId: string,
    opts: WriteOptions,
  ): Promise<
    MappingResult & {
      mapping: Mapping;
    }
  >;
  /** Maps many unmapped organizations in one write ("map all confident suggestions"); mapped ones are left alone. */
  mapMany(
    pairs: readonly {
      organizationId: string;
      customerTenantId: string;
    }[],
    opts: WriteOptions,
  ): Promise<
    MappingResult & {
      mapped: number;
    }
  >;
  /** Removes the organization's links, or only the one to `customerTenantId` (how a conflict is resolved). */
  unmap(
    organizationId: string,
    opts: WriteOptions & {
      customerTenantId?: string;
    },
  ): Promise<MappingResult>;
  /** Moves the organization to another customer in one write, replacing every link it had (or mapping it if none). */
  remap(
    organizationId: string,
    newTenantId: string,
    opts: WriteOptions,
  ): Promise<
    MappingResult & {
      mapping: Mapping;
    }
  >;
  /**
   * Settles a conflict in one audited write: the organization keeps its link to `customerTenantId` (the same
   * mapping, with its history) and loses the others. Already the only link: nothing changes. A link that is gone
   * meanwhile is refused as STALE, whatever the revision: the card offered a choice that no longer exists.
   */
  keepOnly(
    organizationId: string,
    customerTenantId: string,
    opts: WriteOptions,
  ): Promise<
    MappingResult & {
      kept: Mapping;
      removed: Mapping[];
    }
  >;
  /** The mappings as CSV, written a slice at a time so that other turns go on meanwhile. */
  exportCsv(customerName: (tenantId: string) => string | undefined): Promise<string>;
}
