// The real alert delivery stack (outbox file, notifier, connector sender) over conversations seeded in a store.
import { ConversationStore } from '../../../services/conversations/conversationStore.js';
import type { OutgoingActivity } from '../../../services/alerts/alertSender.js';
import { Notifier, type NotifierLog, type NotifierOptions } from '../../../services/alerts/notifier.js';
import type { DeliveredPost, Delivery, Outbox, OutboxEntry } from '../../../services/alerts/outbox.js';
import type { AppStore } from '../../../services/store/appStore.js';
import { ConnectorAlertSender } from '../../../bot/alertSender.js';
import { BotAdapter, createBotFrameworkAuthentication } from '../../../bot/adapter.js';
import { loadConfig } from '../../../bot/config.js';
import type { VirtualClock } from '../../fakes/virtualClock.js';
import { FileConversationStore } from '../../../services/store/file/conversations.js';

// Literal values rather than the conversation fakes' module: it pulls in the whole bot and its server.
const TEST_TENANT = '7c1f2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ADMIN_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

export const conversationIdOf = (i: number) => `a:alert-chat-${String(i).padStart(4, '0')}`;

/** Stores `count` personal-chat references whose service URL is the fake connector; returns their ids. */
export async function seedConversations(
  store: AppStore,
  serviceUrl: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => conversationIdOf(i));
  await store.update((data) => {
    for (const id of ids) {
      data.conversations[id] = {
        id,
        scope: 'personal',
        tenantId: TEST_TENANT,
        installedAt: '2026-01-05T09:00:00.000Z',
        reference: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id, conversationType: 'personal', tenantId: TEST_TENANT },
          bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
          user: { id: `29:${id}`, name: 'Alex Admin' },
        },
      };
    }
  });
  return ids;
}

export function openAlerts(conversationIds: readonly string[], alertKind = 'mapping-conflict'): Delivery[] {
  return conversationIds.map((conversationId) => ({
    conversationId,
    alertKind,
    fingerprint: `fp-${alertKind}-1`,
    state: 'open',
  }));
}

/** Says which alert, which conversation and which state, so the connector's record can be checked. */
export function renderTestAlert(entry: OutboxEntry, previous?: DeliveredPost): OutgoingActivity {
  return {
    type: 'message',
    summary: `${entry.alertKind} ${entry.state}`,
    text: `${entry.alertKind} in ${entry.conversationId}: ${entry.state} (${entry.fingerprint})${previous ? `, was ${previous.state}` : ''}`,
  };
}

/** The production sender over a real CloudAdapter without an app id, so no token is requested. */
export function connectorSender(store: AppStore): ConnectorAlertSender {
  const config = loadConfig({
    PORT: '0',
    DATA_FILE: 'unused.json',
    ALLOWED_TENANT_IDS: TEST_TENANT,
    ADMIN_USER_IDS: ADMIN_ID,
    LOG_LEVEL: 'silent',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  const adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  return new ConnectorAlertSender(adapter, config.bot.appId, new FileConversationStore(store));
}

export const silentLog: NotifierLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The notifier over the production sender. On a virtual clock, time stands still while a send is over the wire, so
 * the fake connector judges Teams' limits at the moment the notifier sent: the pacing itself is what is tested.
 */
export function alertNotifier(
  store: AppStore,
  outbox: Outbox,
  options: Partial<NotifierOptions> = {},
  clock?: VirtualClock,
): { notifier: Notifier; conversations: ConversationStore } {
  const conversations = new FileConversationStore(store);
  const sender = connectorSender(store);
  const notifier = new Notifier({
    outbox,
    sender: clock
      ? {
          post: (conversationId, activity) => clock.hold(() => sender.post(conversationId, activity)),
          update: (conversationId, activityId, activity) =>
            clock.hold(() => sender.update(conversationId, activityId, activity)),
        }
      : sender,
    ...(clock ? { clock } : {}),
    render: renderTestAlert,
    onGone: async (conversationId) => void (await conversations.forget(conversationId)),
    log: silentLog,
    // Short first backoffs keep the run brief; Retry-After (1 s from the fake) still sets the floor.
    retry: { baseDelayMs: 200 },
    ...options,
  });
  return { notifier, conversations };
}
