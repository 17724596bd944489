// The chats setup offers as the alerts' destination, named as people know them in Teams.
import type { ConversationRecord } from '../../services/store/storeData.js';

export function destinationLabel(record: ConversationRecord): string {
  const name = record.reference.conversation.name;
  if (record.scope === 'personal') return `Personal chat with ${record.reference.user?.name || 'me'}`;
  return `${record.scope === 'channel' ? 'Channel' : 'Group chat'}${name ? `: ${name}` : ''}`;
}

export function alertDestinations(records: readonly ConversationRecord[]): { id: string; label: string }[] {
  return records.map((record) => ({ id: record.id, label: destinationLabel(record) }));
}
