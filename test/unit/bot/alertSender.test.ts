import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { Outbox } from '../../../services/alerts/outbox.js';
import { SendFailure } from '../../../services/alerts/sendFailure.js';
import { AppStore } from '../../../services/store/appStore.js';
import type { ConversationRecord, StoreData } from '../../../services/store/storeData.js';
import { FakeConnector } from '../../fakes/fakeConnector.js';
import {
  alertNotifier,
  connectorSender,
  openAlerts,
  seedConversations,
} from '../../e2e/support/alertStack.js';
import { FileConversationStore } from '../../../services/store/file/conversations.js';
import { FileAlertSubscriptions } from '../../../services/store/file/alertSubscriptions.js';

const message = { type: 'message' as const, text: 'Mapping conflict' };

describe('ConnectorAlertSender', () => {
  let connector: FakeConnector;
  let sender: ReturnType<typeof connectorSender>;
  let store: AppStore;
  let serviceUrl: string;
  let chat: string;
  let requests: number;
  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    store = await AppStore.open(new Memory<StoreData>());
    [chat] = await seedConversations(store, serviceUrl, 1);
    sender = connectorSender(store);
    requests = 0;
  });
  afterEach(() => connector.stop());

  function answerEveryRequest(status: number, code: string, headers?: Record<string, string>) {
    connector.rule = () => {
      requests += 1;
      return { status, headers, body: { error: { code, message: 'no' } } };
    };
  }

  it('posts, returning the id Teams gave, and edits that message in place', async () => {
    const id = await sender.post(chat, message);
    await sender.update(chat, id, { ...message, text: 'Resolved' });
    const [post, edit] = connector.received;
    assert.equal(post.method, 'POST');
    assert.equal(post.body.text, 'Mapping conflict');
    assert.equal(edit.method, 'PUT');
    assert.equal(edit.activityId, id);
    assert.equal(edit.body.text, 'Resolved');
  });

  it('sends a 502 once, without the connector pipeline retrying it behind the outbox', async () => {
    answerEveryRequest(502, 'BadGateway');
    await assert.rejects(
      sender.post(chat, message),
      (e: unknown) => e instanceof SendFailure && e.statusCode === 502,
    );
    assert.equal(requests, 1);
  });

  it('hands a 429 back at once with its Retry-After', async () => {
    answerEveryRequest(429, 'Throttled', { 'retry-after': '2' });
    await assert.rejects(
      sender.post(chat, message),
      (e: unknown) => e instanceof SendFailure && e.statusCode === 429 && e.retryAfterMs === 2000,
    );
    assert.equal(requests, 1);
  });

  it('reports the connector error code of a 403', async () => {
    answerEveryRequest(403, 'BotNotInConversationRoster');
    await assert.rejects(sender.post(chat, message), { statusCode: 403, code: 'BotNotInConversationRoster' });
  });

  it('treats a conversation without a stored reference as not found', async () => {
    await assert.rejects(sender.post('a:unknown', message), {
      statusCode: 404,
      code: 'ConversationNotFound',
    });
    assert.equal(connector.received.length, 0);
  });

  it('posts an alert as a new thread in a channel, not as a reply to the last activity the bot saw', async () => {
    const channel = '19:ops@thread.tacv2';
    const thread = `${channel};messageid=1764500000000`;
    // As an install inside a channel thread leaves it: the thread's conversation id and the activity seen last.
    const record: ConversationRecord = {
      id: channel,
      scope: 'channel',
      tenantId: 'partner',
      installedAt: '2026-11-01T00:00:00Z',
      reference: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: thread, conversationType: 'channel' },
        bot: { id: '28:csp-integration-bot' },
        ...{ activityId: '1764500000000' },
      },
    };
    await store.update((data) => void (data.conversations[channel] = record));

    const id = await sender.post(channel, message);
    await sender.update(channel, id, { ...message, text: 'Resolved' });
    const [post, edit] = connector.received;
    assert.equal(post.method, 'POST');
    assert.equal(post.conversationId, channel);
    assert.equal(post.replyToId, undefined);
    assert.equal(post.body.replyToId, undefined);
    assert.equal(edit.conversationId, channel);
    assert.equal(edit.activityId, id);
  });

  it('forgets a chat that answers 403 together with its alert subscription, so adding the app back sends none', async () => {
    const subscriptions = new FileAlertSubscriptions(store);
    await subscriptions.set(chat, true, 'user-1');
    answerEveryRequest(403, 'BotNotInConversationRoster');
    const outbox = await Outbox.open();
    const { notifier, conversations } = alertNotifier(store, outbox);
    const record = conversations.get(chat)!;
    await outbox.enqueue(openAlerts([chat]));
    notifier.start();
    notifier.kick();
    await notifier.drained();
    await notifier.stop();
    assert.equal(requests, 1);
    assert.equal(conversations.get(chat), undefined);
    assert.equal(
      store.data.alertSubscriptions[chat],
      undefined,
      'the subscription is forgotten with the chat',
    );

    // The app is added back: the install stores the reference again, and nobody has typed `alerts on`.
    await conversations.save(record);
    assert.deepEqual(subscriptions.subscribers(), []);
    assert.equal(subscriptions.stateOf(chat).on, false);
  });

  it('starts a chat the app is added back to without a subscription left from its earlier install', async () => {
    const subscriptions = new FileAlertSubscriptions(store);
    await subscriptions.set(chat, true, 'user-1');
    const record = store.data.conversations[chat];
    // What versions that forgot only the reference left in the store.
    await store.update((data) => void delete data.conversations[chat]);
    await new FileConversationStore(store).save(record);
    assert.deepEqual(subscriptions.subscribers(), []);
  });
});
