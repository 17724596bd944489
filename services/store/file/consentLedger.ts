// The consent ledger kept in the store: per-customer app consent and the last access test, saved atomically.
import type { ErrorCode } from '../../errors.js';
import type { AppStore } from '../appStore.js';
import { noteAccessChange } from '../storeData.js';
import type { AccessTestRecord, ConsentLedger, ConsentRecord } from '../../gdap/consentLedger.js';

export class FileConsentLedger implements ConsentLedger {
  constructor(private readonly store: AppStore) {}

  consentOf(tenantId: string): ConsentRecord | undefined {
    const entry = this.store.data.consents[tenantId.toLowerCase()];
    return entry ? { ...entry, scopes: [...entry.scopes] } : undefined;
  }

  async recordConsent(tenantId: string, record: ConsentRecord): Promise<void> {
    await this.store.update((data) => {
      // A new entry, never an edit: the alert detector tells changed entries apart by identity.
      data.consents[tenantId.toLowerCase()] = { ...record, scopes: [...record.scopes] };
      noteAccessChange(data, tenantId.toLowerCase());
    });
  }

  lastAccessTest(tenantId: string): AccessTestRecord | undefined {
    const entry = this.store.data.accessTests[tenantId.toLowerCase()];
    return entry ? { ...entry, code: entry.code as ErrorCode | undefined } : undefined;
  }

  async recordAccessTest(tenantId: string, record: AccessTestRecord): Promise<void> {
    await this.store.update((data) => {
      data.accessTests[tenantId.toLowerCase()] = { ...record };
      noteAccessChange(data, tenantId.toLowerCase());
    });
  }
}
