// Integration settings: read, saved whole and at once, every change written to the audit log.
import type { AuditEntry } from '../store/storeData.js';
import type { IntegrationSettings } from './integrationSettings.js';

/** The port the services use; the lowdb-backed file store implements it (services/store/file/settings.ts). */
export interface SettingsStore {
  get(): IntegrationSettings | undefined;
  /** Replaces the settings in one atomic write, together with the audit entry that describes it. */
  save(next: IntegrationSettings, by: string, action?: string): Promise<void>;
  /** Forgets the authorized account (sign-out); the rest of the setup stays. */
  clearAuthorization(by: string): Promise<void>;
  audit(): readonly AuditEntry[];
}
