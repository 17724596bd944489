// How the last customer syncs went; the customer list itself lives in its own file (services/customers/customerCache).
import type { SyncStatusStore } from '../../customers/syncStatusStore.js';
import type { AppStore } from '../appStore.js';
import type { CustomerSyncStatus } from '../storeData.js';

export class FileSyncStatusStore implements SyncStatusStore {
  constructor(private readonly store: AppStore) {}

  get(): Readonly<CustomerSyncStatus> {
    return this.store.data.customerSync;
  }

  async succeeded(at: string, customerCount: number): Promise<void> {
    await this.store.update((data) => {
      data.customerSync = { lastSuccessAt: at, lastAttemptAt: at, customerCount };
    });
  }

  async failed(at: string, error: string): Promise<void> {
    await this.store.update((data) => {
      data.customerSync = { ...data.customerSync, lastAttemptAt: at, lastError: error };
    });
  }
}
