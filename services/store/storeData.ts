// The shape of the data file and the migrations that bring older files up to date.
import type { Sealed } from '../crypto/secretBox.js';
import type { IntegrationSettings } from '../settings/integrationSettings.js';
import { keyedRecord } from './keyedRecord.js';

/** A Bot Framework conversation reference, kept structurally so services stay free of botbuilder. */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  conversation: {
    id: string;
    conversationType?: string;
    tenantId?: string;
    isGroup?: boolean;
    name?: string;
  };
  bot: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  locale?: string;
}

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export interface ConversationRecord {
  id: string;
  scope: ConversationScope;
  tenantId: string;
  reference: ConversationRef;
  installedAt: string;
  installedBy?: string;
}

export interface BotStateEntry {
  eTag: string;
  item: Record<string, unknown>;
}

/** One settings change: who, when, what (secrets already redacted). */
export interface AuditEntry {
  at: string;
  by: string;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** A sign-in started from a card, keyed by the SHA-256 of its state; single use, short-lived. */
export interface PendingSignIn {
  userAadId: string;
  conversationId: string;
  reference: ConversationRef;
  tenantId: string;
  appRegistration: IntegrationSettings['appRegistration'];
  loginHint?: string;
  createdAt: string;
  expiresAt: string;
  verifier?: Sealed;
}

/** One of the MSP's own client organizations (as in its PSA). */
export interface Organization {
  id: string;
  name: string;
  externalId?: string;
  domain?: string;
  createdAt: string;
  updatedAt: string;
}

/** A link from an organization to a CSP customer tenant; more than one per organization is a conflict. */
export interface Mapping {
  id: string;
  organizationId: string;
  customerTenantId: string;
  createdAt: string;
  createdBy: string;
}

/** How the last customer syncs went; the customer list itself lives in its own file. */
export interface CustomerSyncStatus {
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  customerCount: number;
}

/** Per-customer app consent and the last access test: Graph cannot be asked for either. */
export interface ConsentEntry {
  appId: string;
  scopes: string[];
  consentedAt: string;
}

export interface AccessTestEntry {
  testedAt: string;
  ok: boolean;
  code?: string;
  message?: string;
  organizationName?: string;
}

/** A conversation's own choice about alerts; without one, only setup's alert destination gets them. */
export interface AlertSubscription {
  on: boolean;
  changedBy: string;
  changedAt: string;
}

/** One problem kind as last detected: open while it has items, resolved (kept, for the cards) once it has none. */
export interface AlertRecord {
  kind: string;
  items: { key: string; title: string; detail: string; organizationId?: string; customerTenantId?: string }[];
  /** Changes whenever the affected items change; posts carry it to know whether a card is current. */
  fingerprint: string;
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
}

/** A consent-all run under way, saved as it goes so that one a crash cut off can be resumed after a restart. */
export interface ConsentRunEntry {
  id: string;
  conversationId: string;
  reference: ConversationRef;
  startedBy: { aadObjectId: string; name: string };
  startedAt: string;
  total: number;
  /** Lower-case tenant ids of the customers finished, as of the last progress saved. */
  done: string[];
  /** 'interrupted' once a start-up found it left by the process before; Resume makes it 'running' again. */
  state: 'running' | 'interrupted';
  /** When its chat was told it was cut off, so a second restart does not tell it again. */
  announcedAt?: string;
}

/** The last reminder the MSP was given to send for a waiting approval request. */
export interface ApprovalReminder {
  remindedAt: string;
  by: string;
}

export interface StoreData {
  schemaVersion: number;
  botState: Record<string, BotStateEntry>;
  conversations: Record<string, ConversationRecord>;
  settings?: IntegrationSettings;
  audit: AuditEntry[];
  /** The MSAL token cache, sealed with the configured key. */
  tokenCache?: Sealed;
  signIns: Record<string, PendingSignIn>;
  organizations: Record<string, Organization>;
  mappings: Record<string, Mapping>;
  /** Goes up by one with every change to organizations or mappings; cards carry it to detect staleness. */
  mappingRevision: number;
  customerSync: CustomerSyncStatus;
  /** Keyed by lower-case customer tenant id. */
  consents: Record<string, ConsentEntry>;
  accessTests: Record<string, AccessTestEntry>;
  /** Goes up by one with every change to consents or accessTests, through noteAccessChange only. */
  accessRevision?: number;
  /**
   * The mapping ids each of the latest mapping revisions touched (null: not known), so a reader that saw an
   * earlier revision can catch up without walking every mapping; at most MAPPING_JOURNAL_SIZE, oldest first.
   * Likewise the organization ids ('many' past JOURNAL_ORGANIZATIONS_KEPT; null or absent: not known).
   */
  mappingJournal?: {
    revision: number;
    mappingIds: string[] | null;
    organizationIds?: string[] | 'many' | null;
  }[];
  /** The tenant ids of the latest of those changes, the one at accessRevision last; at most ACCESS_JOURNAL_SIZE. */
  accessJournal?: string[];
  /** Keyed by conversation id. */
  alertSubscriptions: Record<string, AlertSubscription>;
  /** Keyed by alert kind. */
  alerts: Record<string, AlertRecord>;
  /** Keyed by run id; optional, so files from before resumable runs load as they are. */
  consentRuns?: Record<string, ConsentRunEntry>;
  /** When each recent run ended (finished, forgotten or replaced), by run id: a second press of its card is told. */
  consentRunsEnded?: Record<string, string>;
  /** Keyed by lower-case relationship id; optional, so files from before reminders load as they are. */
  approvalReminders?: Record<string, ApprovalReminder>;
}

export const SCHEMA_VERSION = 5;

// Enough for a consent and its access test, or a few clients, between two alert checks; more means a full look.
export const ACCESS_JOURNAL_SIZE = 16;
export const MAPPING_JOURNAL_SIZE = 16;
// Past this many, a reader of organizations sorts and indexes them afresh anyway: the ids are not worth keeping.
export const JOURNAL_ORGANIZATIONS_KEPT = 1_024;

/**
 * Records that the consent or access test of a (lower-case) tenant changed, so the alert detector can look at just
 * the tenants changed since it last looked instead of all of them. Optional fields: files without them still load.
 */
export function noteAccessChange(data: StoreData, tenantId: string): void {
  data.accessRevision = (data.accessRevision ?? 0) + 1;
  const journal = (data.accessJournal ??= []);
  journal.push(tenantId);
  if (journal.length > ACCESS_JOURNAL_SIZE) journal.splice(0, journal.length - ACCESS_JOURNAL_SIZE);
}

export function emptyStoreData(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    botState: keyedRecord(),
    conversations: keyedRecord(),
    audit: [],
    signIns: keyedRecord(),
    organizations: keyedRecord(),
    mappings: keyedRecord(),
    mappingRevision: 0,
    customerSync: { customerCount: 0 },
    consents: keyedRecord(),
    accessTests: keyedRecord(),
    alertSubscriptions: keyedRecord(),
    alerts: keyedRecord(),
  };
}

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Version 0 is an unversioned file. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({ botState: {}, conversations: {}, ...data, schemaVersion: 1 }),
  1: (data) => ({ audit: [], signIns: {}, ...data, schemaVersion: 2 }),
  2: (data) => ({
    organizations: {},
    mappings: {},
    mappingRevision: 0,
    customerSync: { customerCount: 0 },
    ...data,
    schemaVersion: 3,
  }),
  3: (data) => ({ consents: {}, accessTests: {}, ...data, schemaVersion: 4 }),
  4: (data) => ({ alertSubscriptions: {}, alerts: {}, ...data, schemaVersion: 5 }),
};
