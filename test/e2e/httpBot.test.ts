import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_MESSAGES } from '../../services/errors.js';
import { SendFailure, isConversationGone } from '../../services/alerts/sendFailure.js';
import {
  installActivity,
  invokeActivity,
  messageActivity,
  submitActivity,
  type TeamsIdentity,
} from '../fakes/teamsActivities.js';
import { OTHER_TENANT, READER_ID, TEST_TENANT, cardText } from '../fakes/testConversation.js';
import type { CapturedActivity } from '../fakes/fakeConnector.js';
import { startRunningBot, type RunningBot } from './support/runningBot.js';

const textOf = (captured: CapturedActivity) => cardText(captured.body) || captured.body.text || '';

describe('The bot over HTTP with a fake Teams connector', () => {
  let bot: RunningBot;
  let admin: TeamsIdentity;
  beforeEach(async () => {
    bot = await startRunningBot();
    admin = bot.admin;
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('welcomes on install and remembers the conversation for proactive messages', async () => {
    const response = await bot.post(installActivity(admin));
    assert.equal(response.status, 202);
    const welcome = await bot.connector.waitFor((a) => /Welcome to CSP Integration Bot/.test(textOf(a)));
    assert.equal(welcome.conversationId, `a:personal-${admin.userAadId}`);
    assert.equal(bot.app.conversations.list().length, 1);
  });

  it('answers help as a reply to the message', async () => {
    const message = messageActivity(admin, '<at>CSP Integration Bot</at> help');
    message.entities = [
      {
        type: 'mention',
        text: '<at>CSP Integration Bot</at>',
        mentioned: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      },
    ];
    await bot.post(message);
    const reply = await bot.connector.waitFor((a) => a.replyToId === message.id);
    assert.match(textOf(reply), /\*\*status\*\*/);
  });

  it('runs a card button and answers with the next card', async () => {
    await bot.post(submitActivity(admin, { action: 'runCommand', command: 'status' }));
    const reply = await bot.connector.waitFor((a) => /Microsoft CSP integration/.test(textOf(a)));
    assert.match(textOf(reply), /Not set up yet/);
  });

  it('answers a Universal Action invoke in the same HTTP response', async () => {
    const response = await bot.post(
      invokeActivity(admin, 'adaptiveCard/action', {
        action: {
          type: 'Action.Execute',
          verb: 'runCommand',
          data: { action: 'runCommand', command: 'help' },
        },
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.body).statusCode, 200);
    await bot.connector.waitFor((a) => /\*\*status\*\*/.test(textOf(a)));
  });

  it('answers invokes it does not handle instead of leaving them unanswered', async () => {
    const response = await bot.post(invokeActivity(admin, 'composeExtension/unknownThing', {}));
    assert.equal(response.status, 200);
  });

  it('refuses a user of another tenant and changes nothing', async () => {
    const before = await readFile(bot.dataFile, 'utf8').catch(() => '');
    const stranger: TeamsIdentity = { ...admin, tenantId: OTHER_TENANT, conversationId: 'a:stranger' };
    await bot.post(installActivity(stranger));
    await bot.post(messageActivity(stranger, 'help'));
    const refusal = await bot.connector.waitFor((a) => a.conversationId === 'a:stranger');
    assert.equal(refusal.body.text, ERROR_MESSAGES.FOREIGN_TENANT);
    const invoke = await bot.post(invokeActivity(stranger, 'application/search', { queryText: 'a' }));
    assert.equal(invoke.status, 403);
    assert.equal(bot.app.conversations.list().length, 0);
    assert.equal(await readFile(bot.dataFile, 'utf8').catch(() => ''), before);
  });

  it('tells a read-only user what they can do', async () => {
    const reader: TeamsIdentity = { ...admin, userAadId: READER_ID, conversationId: 'a:reader' };
    await bot.post(messageActivity(reader, 'help'));
    const reply = await bot.connector.waitFor((a) => a.conversationId === 'a:reader');
    assert.match(textOf(reply), /an MSP administrator can make changes/);
  });

  it('rejects a body that is not an activity with 400', async () => {
    const response = await bot.post({ hello: 'world' });
    assert.equal(response.status, 400);
  });

  describe('refuses an envelope Bot Framework would never send, with a plain 400 and no turn', () => {
    const malformed: [string, (activity: Record<string, unknown>) => unknown][] = [
      ['a serviceUrl that is a number', (activity) => ({ ...activity, serviceUrl: 42 })],
      ['a serviceUrl that is not a URL', (activity) => ({ ...activity, serviceUrl: 'not a url' })],
      ['no conversation id', (activity) => ({ ...activity, conversation: { tenantId: TEST_TENANT } })],
      ['a conversation that is a string', (activity) => ({ ...activity, conversation: 'a:1' })],
      ['no from', (activity) => ({ ...activity, from: undefined })],
      ['a user id that is a number', (activity) => ({ ...activity, from: { id: '29:x', aadObjectId: 7 } })],
      ['a tenant id that is a number', (activity) => ({ ...activity, channelData: { tenant: { id: 7 } } })],
      ['attachments that are not a list', (activity) => ({ ...activity, attachments: 'file.csv' })],
      ['a type that is not a string', (activity) => ({ ...activity, type: ['message'] })],
      ['a list instead of an activity', (activity) => [activity]],
    ];
    for (const [what, change] of malformed) {
      it(what, async () => {
        const activity = messageActivity(admin, 'help');
        const response = await bot.post(change(activity) as object);
        assert.equal(response.status, 400);
        assert.deepEqual(JSON.parse(response.body), {
          error: 'The request body must be a Bot Framework activity.',
        });
        assert.equal(bot.connector.received.length, 0, 'a malformed activity got an answer');
      });
    }
  });

  it('takes JSON only: a form-encoded activity or broken JSON is refused plainly', async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${bot.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
    const activity = messageActivity(admin, 'help');
    const form = new URLSearchParams({
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: admin.serviceUrl,
    }).toString();
    const formResponse = await post('application/x-www-form-urlencoded', form);
    assert.equal(formResponse.status, 415);
    assert.match(((await formResponse.json()) as { error: string }).error, /must be JSON/);
    const textResponse = await post('text/plain', JSON.stringify(activity));
    assert.equal(textResponse.status, 415);
    const broken = await post('application/json; charset=utf-8', JSON.stringify(activity).slice(0, -5));
    assert.equal(broken.status, 400);
    assert.deepEqual(await broken.json(), { error: 'The request body must be a Bot Framework activity.' });
    assert.equal(bot.connector.received.length, 0);
    const good = await post('application/json; charset=utf-8', JSON.stringify(activity));
    assert.equal(good.status, 202);
  });

  it('sends a proactive message into a remembered conversation', async () => {
    await bot.post(installActivity(admin));
    const conversationId = `a:personal-${admin.userAadId}`;
    const id = await bot.app.sender.post(conversationId, { type: 'message', text: 'Mapping conflict found' });
    assert.notEqual(id, '', 'Teams gives the message an id to edit it by later');
    const proactive = await bot.connector.waitFor((a) => a.body.text === 'Mapping conflict found');
    assert.equal(proactive.conversationId, conversationId);
  });

  // Forgetting it is the notifier's answer to this (test/e2e/alerts.test.ts follows an uninstalled chat's alert).
  it('tells a conversation the bot was removed from (403 from Teams) apart from a failure worth retrying', async () => {
    await bot.post(installActivity(admin));
    const conversationId = `a:personal-${admin.userAadId}`;
    bot.connector.rule = () => ({
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'gone' } },
    });
    const failure = await bot.app.sender.post(conversationId, { type: 'message', text: 'hello?' }).then(
      () => assert.fail('the post was refused'),
      (error: unknown) => error as SendFailure,
    );
    assert.ok(failure instanceof SendFailure);
    assert.equal(isConversationGone(failure), true);
    assert.equal(failure.code, 'BotNotInConversationRoster');
  });

  it('reports health with version and store status', async () => {
    const response = await fetch(`${bot.app.url}/healthz`);
    const health = (await response.json()) as { status: string; version: string; store: { status: string } };
    assert.equal(response.status, 200);
    assert.equal(health.status, 'ok');
    assert.match(health.version, /^\d+\.\d+\.\d+/);
    assert.equal(health.store.status, 'ok');
  });

  it('reports the store degraded with a 503 after a failed write, and ok after the next good one', async () => {
    const health = async () => {
      const response = await fetch(`${bot.app.url}/healthz`);
      const body = (await response.json()) as { status: string; store: { status: string } };
      return { code: response.status, status: body.status, store: body.store.status };
    };
    // A folder where the data file should be: the write's rename fails, for root as well.
    await rm(bot.dataFile, { force: true });
    await mkdir(join(bot.dataFile, 'blocker'), { recursive: true });
    await bot.post(installActivity(admin));
    await bot.app.store.flush();
    assert.deepEqual(await health(), { code: 503, status: 'degraded', store: 'degraded' });

    await rm(bot.dataFile, { recursive: true });
    await bot.post(installActivity(admin));
    await bot.app.store.flush();
    assert.deepEqual(await health(), { code: 200, status: 'ok', store: 'ok' });
  });
});

describe('Graceful shutdown', () => {
  it('stops accepting, lets the turn in flight finish, then flushes the store', async () => {
    const bot = await startRunningBot();
    let release!: () => void;
    const held = new Promise<void>((reached) => {
      bot.connector.gate = () => {
        reached();
        return new Promise<void>((resolve) => (release = resolve));
      };
    });
    const inFlight = bot.post(installActivity(bot.admin));
    await held;
    const closing = bot.app.close();
    await assert.rejects(fetch(`${bot.app.url}/healthz`), 'a new request was accepted while closing');
    release();
    assert.equal((await inFlight).status, 202);
    await closing;
    const saved = JSON.parse(await readFile(bot.dataFile, 'utf8')) as { conversations: object };
    assert.equal(Object.keys(saved.conversations).length, 1);
    bot.connector.gate = async () => undefined;
    await bot.connector.stop();
  });
});
