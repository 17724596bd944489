// The shape of the data file and the migrations that bring older files up to date.
import type { Sealed } from '../crypto/secretBox.js';
import type { IntegrationSettings } from '../settings/integrationSettings.js';

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

export interface StoreData {
  schemaVersion: number;
  botState: Record<string, BotStateEntry>;
  conversations: Record<string, ConversationRecord>;
  settings?: IntegrationSettings;
  audit: AuditEntry[];
  /** The MSAL token cache, sealed with the configured key. */
  tokenCache?: Sealed;
  signIns: Record<string, PendingSignIn>;
}

export const SCHEMA_VERSION = 2;

export function emptyStoreData(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, botState: {}, conversations: {}, audit: [], signIns: {} };
}

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Version 0 is an unversioned file. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({ botState: {}, conversations: {}, ...data, schemaVersion: 1 }),
  1: (data) => ({ audit: [], signIns: {}, ...data, schemaVersion: 2 }),
};
