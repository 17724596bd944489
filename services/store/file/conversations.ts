// Where the bot is installed: one conversation reference per personal chat, group chat or channel.
import type { ConversationStore } from '../../conversations/conversationStore.js';
import type { AppStore } from '../appStore.js';
import type { ConversationRecord } from '../storeData.js';

export class FileConversationStore implements ConversationStore {
  constructor(private readonly store: AppStore) {}

  get(conversationId: string): ConversationRecord | undefined {
    return this.store.data.conversations[conversationId];
  }

  list(): ConversationRecord[] {
    return Object.values(this.store.data.conversations);
  }

  count(): number {
    return Object.keys(this.store.data.conversations).length;
  }

  /** Saves or refreshes a reference; returns true when the conversation was not known before. */
  save(record: ConversationRecord): Promise<boolean> {
    return this.store.update((data) => {
      const isNew = !data.conversations[record.id];
      // A chat the bot is added back to starts without alerts: a choice left from its earlier install (kept by
      // versions that forgot only the reference) is not someone turning them on now.
      if (isNew) delete data.alertSubscriptions[record.id];
      data.conversations[record.id] = isNew
        ? record
        : { ...data.conversations[record.id], reference: record.reference };
      return isNew;
    });
  }

  /** The bot was removed from there: its reference and its alert subscription go together. */
  forget(conversationId: string): Promise<boolean> {
    return this.store.update((data) => {
      const known = Boolean(data.conversations[conversationId]);
      delete data.conversations[conversationId];
      delete data.alertSubscriptions[conversationId];
      return known;
    });
  }
}
