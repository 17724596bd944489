// What the bot knows about per-customer app consent and the last access test: Graph cannot be asked for either.
import type { ErrorCode } from '../errors.js';
import { keyedRecord } from '../store/keyedRecord.js';

export interface ConsentRecord {
  /** The app registration (client id) consented, and the Graph scopes granted to it. */
  appId: string;
  scopes: string[];
  consentedAt: string;
}

export interface AccessTestRecord {
  testedAt: string;
  ok: boolean;
  /** Why it failed, as the AppError's code and the sentence shown to users. */
  code?: ErrorCode;
  message?: string;
  organizationName?: string;
}

/** The port; the store-backed one keeps `consents` and `accessTests` keyed by lower-case tenant id. */
export interface ConsentLedger {
  consentOf(tenantId: string): ConsentRecord | undefined;
  recordConsent(tenantId: string, record: ConsentRecord): Promise<void>;
  lastAccessTest(tenantId: string): AccessTestRecord | undefined;
  recordAccessTest(tenantId: string, record: AccessTestRecord): Promise<void>;
}

export class MemoryConsentLedger implements ConsentLedger {
  readonly consents = keyedRecord<ConsentRecord>();
  readonly accessTests = keyedRecord<AccessTestRecord>();

  consentOf(tenantId: string): ConsentRecord | undefined {
    return this.consents[tenantId.toLowerCase()];
  }

  async recordConsent(tenantId: string, record: ConsentRecord): Promise<void> {
    this.consents[tenantId.toLowerCase()] = { ...record, scopes: [...record.scopes] };
  }

  lastAccessTest(tenantId: string): AccessTestRecord | undefined {
    return this.accessTests[tenantId.toLowerCase()];
  }

  async recordAccessTest(tenantId: string, record: AccessTestRecord): Promise<void> {
    this.accessTests[tenantId.toLowerCase()] = { ...record };
  }
}

/** Consent counts only for the app in use with every scope it now needs; a new app or scope means consent again. */
export function consentCovers(
  record: ConsentRecord | undefined,
  applicationId: string,
  scopes: readonly string[],
): boolean {
  if (!record || record.appId.toLowerCase() !== applicationId.toLowerCase()) return false;
  const granted = new Set(record.scopes.map((scope) => scope.toLowerCase()));
  return scopes.every((scope) => granted.has(scope.toLowerCase()));
}
