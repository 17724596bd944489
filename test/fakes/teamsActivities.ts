// Builders for the activities Teams sends, so tests read like the chat they simulate.
import { randomUUID } from 'node:crypto';

export interface TeamsIdentity {
  tenantId: string;
  userAadId: string;
  userName?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  serviceUrl: string;
}

const BOT = { id: '28:csp-integration-bot', name: 'CSP Integration Bot' };

function base(who: TeamsIdentity) {
  const conversationId = who.conversationId ?? `a:personal-${who.userAadId}`;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: who.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${who.userAadId}`, name: who.userName ?? 'Test User', aadObjectId: who.userAadId },
    recipient: BOT,
    conversation: {
      id: conversationId,
      conversationType: who.conversationType ?? 'personal',
      tenantId: who.tenantId,
      isGroup: (who.conversationType ?? 'personal') !== 'personal',
    },
    channelData: { tenant: { id: who.tenantId } },
    locale: 'en-US',
  };
}

export function messageActivity(who: TeamsIdentity, text: string, entities: object[] = []) {
  return { ...base(who), type: 'message', text, entities };
}

export function submitActivity(who: TeamsIdentity, value: unknown) {
  return { ...base(who), type: 'message', value };
}

export function installActivity(who: TeamsIdentity, action: 'add' | 'remove' = 'add') {
  return { ...base(who), type: 'installationUpdate', action };
}

export function botAddedActivity(who: TeamsIdentity) {
  return { ...base(who), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] };
}

export function invokeActivity(who: TeamsIdentity, name: string, value: unknown) {
  return { ...base(who), type: 'invoke', name, value };
}
