// Where the bot is installed: one conversation reference per personal chat, group chat or channel.
import type { ConversationRecord } from '../store/storeData.js';

/** The port the services use; the lowdb-backed file store implements it (services/store/file/conversations.ts). */
export interface ConversationStore {
  get(conversationId: string): ConversationRecord | undefined;
  list(): ConversationRecord[];
  count(): number;
  /** Saves or refreshes a reference; returns true when the conversation was not known before. */
  save(record: ConversationRecord): Promise<boolean>;
  /** The bot was removed from there: its reference and its alert subscription go together. */
  forget(conversationId: string): Promise<boolean>;
}
