// What the alert check reads of the store besides its own records: the data the detector runs over, and its changes.
import type { AlertInputs } from '../../alerts/alertRecords.js';
import type { AppStore } from '../appStore.js';
import type { StoreData } from '../storeData.js';

export class FileAlertInputs implements AlertInputs {
  constructor(private readonly store: AppStore) {}

  /** `detect` over the store's data as it is when each check starts: the AlertCenter's `detect`. */
  detection<T>(detect: (data: Readonly<StoreData>, now: Date) => T): (now: Date) => T {
    return (now) => detect(this.store.data, now);
  }

  onChange(listener: () => void): () => void {
    let last = inputsOf(this.store.data);
    return this.store.onChange((data) => {
      const inputs = inputsOf(data);
      if (inputs === last) return;
      last = inputs;
      listener();
    });
  }
}

// What the detector reads besides the clock; bot state and the alert records themselves change on every turn.
function inputsOf(data: Readonly<StoreData>): string {
  return [
    data.mappingRevision,
    data.accessRevision ?? 0,
    data.customerSync.lastSuccessAt ?? '',
    data.settings?.updatedAt ?? '',
    Object.keys(data.conversations).length,
    Object.keys(data.alertSubscriptions).length,
  ].join('|');
}
