// What the bot keeps about a conversation it is in: the reference to post through, built from a turn there.
import { TurnContext } from 'botbuilder';
import { getTurnUser } from './turnUser.js';
import type { ConversationRef, ConversationRecord, ConversationScope } from '../services/store/storeData.js';

export function conversationRecordOf(context: TurnContext, now = new Date()): ConversationRecord {
  const activity = context.activity;
  const user = getTurnUser(context);
  return {
    id: activity.conversation.id,
    scope: scopeOf(activity.conversation.conversationType),
    tenantId: user.tenantId,
    reference: TurnContext.getConversationReference(activity) as ConversationRef,
    installedAt: now.toISOString(),
    installedBy: user.aadObjectId || undefined,
  };
}

function scopeOf(conversationType: string | undefined): ConversationScope {
  if (conversationType === 'channel') return 'channel';
  if (conversationType === 'groupChat') return 'groupChat';
  return 'personal';
}
