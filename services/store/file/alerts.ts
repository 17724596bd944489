// The alert records: the latest of each kind raised, open or resolved, each check's changes in one write.
import type { AlertChanges, AlertRecords } from '../../alerts/alertRecords.js';
import type { AppStore } from '../appStore.js';
import type { AlertRecord } from '../storeData.js';

export class FileAlertRecords implements AlertRecords {
  constructor(private readonly store: AppStore) {}

  get(kind: string): AlertRecord | undefined {
    // The record has no prototype (keyedRecord): any text is a plain key.
    return this.store.data.alerts[kind];
  }

  all(): AlertRecord[] {
    return Object.values(this.store.data.alerts);
  }

  async save({ at, opened, changed, resolved }: AlertChanges): Promise<void> {
    await this.store.update((data) => {
      for (const problem of [...opened, ...changed]) {
        const { kind, fingerprint } = problem;
        const items = problem.items.map((item) => ({ ...item }));
        const openedAt = opened.includes(problem) ? at : data.alerts[kind].openedAt;
        data.alerts[kind] = { kind, items, fingerprint, openedAt, updatedAt: at };
      }
      for (const kind of resolved)
        data.alerts[kind] = { ...data.alerts[kind], updatedAt: at, resolvedAt: at };
    });
  }
}
