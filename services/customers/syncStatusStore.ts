// How the last customer syncs went: what the schedule and the progress estimate read, and what each sync records.
import type { CustomerSyncStatus } from '../store/storeData.js';

/** The port the sync uses; the lowdb-backed file store implements it (services/store/file/customerSync.ts). */
export interface SyncStatusStore {
  get(): Readonly<CustomerSyncStatus>;
  /** One write; the last error goes, as the list is current again. */
  succeeded(at: string, customerCount: number): Promise<void>;
  /** One write; the last success and its count stay, as the list kept is still theirs. */
  failed(at: string, error: string): Promise<void>;
}
