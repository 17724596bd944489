// The shape of the data file and the migrations that bring older files up to date.

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

export interface StoreData {
  schemaVersion: number;
  botState: Record<string, BotStateEntry>;
  conversations: Record<string, ConversationRecord>;
}

export const SCHEMA_VERSION = 1;

export function emptyStoreData(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, botState: {}, conversations: {} };
}

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Version 0 is an unversioned file. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({ ...emptyStoreData(), ...data, schemaVersion: 1 }),
};
