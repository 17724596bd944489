import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { BotAdapter, createBotFrameworkAuthentication } from '../../../bot/adapter.js';
import { loadConfig } from '../../../bot/config.js';
import { announceCutOffRuns } from '../../../bot/cutOffRunNotices.js';
import { ConversationStore } from '../../../services/conversations/conversationStore.js';
import { ConsentRuns } from '../../../services/gdap/consentRuns.js';
import { AppStore } from '../../../services/store/appStore.js';
import type { StoreData } from '../../../services/store/storeData.js';
import { seedConversations } from '../../e2e/support/alertStack.js';
import { FakeConnector } from '../../fakes/fakeConnector.js';
import { cardText } from '../../fakes/testConversation.js';
import { FileConversationStore } from '../../../services/store/file/conversations.js';
import { FileConsentRuns } from '../../../services/store/file/consentRuns.js';

const silent = { info: () => undefined, warn: () => undefined };

describe('Start-up notices for consent runs a crash cut off', () => {
  let connector: FakeConnector;
  let store: AppStore;
  let runs: ConsentRuns;
  let conversations: ConversationStore;
  let chat: string;
  let runId: string;
  let adapter: BotAdapter;

  beforeEach(async () => {
    connector = new FakeConnector();
    const serviceUrl = await connector.start();
    store = await AppStore.open(new Memory<StoreData>());
    [chat] = await seedConversations(store, serviceUrl, 1);
    conversations = new FileConversationStore(store);
    runs = new FileConsentRuns(store, { saveEveryMs: 0 });
    const record = conversations.get(chat)!;
    const claim = await runs.start(
      {
        conversationId: chat,
        reference: record.reference,
        startedBy: { aadObjectId: 'admin-1', name: 'Alex Admin' },
      },
      1623,
    );
    assert.ok(claim.ok);
    const { progress } = claim;
    for (let i = 0; i < 61; i++) progress.note(`tenant-${i}`);
    await new Promise((resolve) => (progress.onSaved = resolve));
    runId = progress.runId;
    const config = loadConfig({
      PORT: '0',
      DATA_FILE: 'unused.json',
      ALLOWED_TENANT_IDS: '7c1f2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      ADMIN_USER_IDS: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
      LOG_LEVEL: 'silent',
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  });
  afterEach(() => connector.stop());

  const announce = async () =>
    announceCutOffRuns(
      { runs, adapter, appId: '', conversations, log: silent },
      await runs.interruptLeftovers(),
    );

  it('posts how far the run got with a Resume button to its chat, once', async () => {
    await announce();
    const [post] = connector.received;
    assert.equal(post.conversationId, chat);
    const text = cardText(post.body as never);
    assert.match(text, /Consent for all clients was cut off/);
    assert.match(text, /61 of 1623 customers done/);
    assert.match(text, /\[Resume\]/);
    assert.equal(post.body.summary, 'Consent all was cut off: 61 of 1623 customers done');

    await announce();
    assert.equal(connector.received.length, 1, 'a second restart does not tell the chat again');
    assert.equal(runs.get(runId)?.state, 'interrupted');
  });

  for (const [status, code] of [
    [404, 'ConversationNotFound'],
    [403, 'BotNotInConversationRoster'],
  ] as const) {
    it(`drops the run, and forgets the chat, when the chat is gone (${status} ${code})`, async () => {
      connector.rule = () => ({ status, body: { error: { code, message: 'gone' } } });
      await announce();
      assert.equal(runs.get(runId), undefined);
      assert.equal(conversations.get(chat), undefined);
    });
  }

  it('keeps the run to tell at the next start when the post fails otherwise', async () => {
    connector.rule = () => ({ status: 400, body: { error: { code: 'BadArgument', message: 'no' } } });
    await announce();
    assert.equal(runs.get(runId)?.announcedAt, undefined);
    connector.rule = () => undefined;
    await announce();
    assert.equal(connector.received.length, 1);
    assert.ok(runs.get(runId)?.announcedAt);
  });
});
