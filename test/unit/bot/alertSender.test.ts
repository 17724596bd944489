import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { SendFailure } from '../../../services/alerts/sendFailure.js';
import { AppStore } from '../../../services/store/appStore.js';
import type { StoreData } from '../../../services/store/storeData.js';
import { FakeConnector } from '../../fakes/fakeConnector.js';
import { connectorSender, seedConversations } from '../../e2e/support/alertStack.js';

const message = { type: 'message' as const, text: 'Mapping conflict' };

describe('ConnectorAlertSender', () => {
  let connector: FakeConnector;
  let sender: ReturnType<typeof connectorSender>;
  let chat: string;
  let requests: number;
  beforeEach(async () => {
    connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const store = await AppStore.open(new Memory<StoreData>());
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
});
