// Bot Framework state (conversation, user, dialog) kept in the app store, with eTag optimistic concurrency.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { AppStore } from './appStore.js';
import { keyedRecord } from './keyedRecord.js';

type StoreItem = Record<string, unknown> & { eTag?: string };
type StoreItems = Record<string, StoreItem>;

/** Structurally the botbuilder `Storage` interface, so this file needs no botbuilder import. */
export class StateStorage {
  constructor(private readonly store: AppStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = keyedRecord();
    for (const key of keys) {
      const entry = this.store.data.botState[key];
      if (entry) items[key] = { ...structuredClone(entry.item), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.store.update((data) => {
      // Check every eTag before changing anything, so a conflicting batch changes nothing.
      for (const [key, item] of Object.entries(changes)) {
        const current = data.botState[key];
        const eTag = item.eTag;
        if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
          throw new AppError('STORE_CONFLICT', `Storage: eTag conflict writing "${key}".`);
        }
      }
      for (const [key, item] of Object.entries(changes)) {
        const { eTag: _ignored, ...rest } = item;
        data.botState[key] = { eTag: randomUUID(), item: structuredClone(rest) };
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.update((data) => {
      for (const key of keys) delete data.botState[key];
    });
  }
}
