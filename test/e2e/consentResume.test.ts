import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SeedCustomer } from '../../sandbox/seed.js';
import type { CapturedActivity } from '../fakes/fakeConnector.js';
import { cardText } from '../fakes/testConversation.js';
import { childBotEnv, startChildBot, type ChildBot } from './support/childBot.js';
import {
  mapInStore,
  relationshipsOf,
  startConsentSandbox,
  type ConsentSandbox,
} from './support/consentSandbox.js';
import { HttpChat } from './support/httpChat.js';

const CLIENTS = 60;
// Far enough in that some clients are done, early enough that most are not.
const KILL_AFTER = 12;
const RUN_TIMEOUT_MS = 120_000;

const progressOf = (captured: CapturedActivity) =>
  Number(
    new RegExp(`^Consent all: (\\d+) of ${CLIENTS} customers done…$`).exec(String(captured.body.text))?.[1] ??
      -1,
  );

describe('Consent all cut off by a crash', function () {
  this.timeout(4 * RUN_TIMEOUT_MS);
  let stack: ConsentSandbox;
  let clients: SeedCustomer[];
  let seededStatus: Map<SeedCustomer, string>;
  let env: Record<string, string>;
  let bot: ChildBot | undefined;

  before(async function () {
    this.timeout(60_000);
    // The in-process bot sets up, syncs and maps; then it steps aside for the child that gets killed.
    stack = await startConsentSandbox({ customers: 100, seed: 11, approvalDelayMs: 0, assignmentDelayMs: 0 });
    clients = stack.sandbox.state.customers.filter((customer) => customer.contract).slice(0, CLIENTS);
    seededStatus = new Map(
      clients.map((client) => [
        client,
        relationshipsOf(stack.sandbox, client.tenantId).find(
          (relationship) => !relationship.displayName.startsWith('MLT_'),
        )?.status ?? 'none',
      ]),
    );
    await mapInStore(stack.bot, clients);
    await stack.bot.app.close();
    env = await childBotEnv(stack.sandbox, stack.bot.dataFile);
  });
  after(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await stack?.bot.connector.stop();
    await stack?.sandbox.close();
    if (stack) await rm(dirname(stack.bot.dataFile), { recursive: true, force: true, maxRetries: 5 });
  });

  it('tells the chat after the restart how far it got, and Resume finishes the rest with no second relationship', async () => {
    const { sandbox, seededRelationshipIds } = stack;
    const connector = stack.bot.connector;
    bot = await startChildBot(env);
    const chat = new HttpChat((activity) => bot!.post(activity), connector, stack.chat.who);
    chat.skipPosted();

    await chat.say('consent');
    const overview = await chat.next(new RegExp(`${CLIENTS} mapped clients`), 30_000);
    await chat.press(overview, 'Consent all');
    const preview = await chat.next(/This is what comes next for each/, 30_000);
    await chat.press(preview, `Run for all ${CLIENTS} customers`);
    await chat.next(new RegExp(`^Consent all: starting for ${CLIENTS} customers…$`));
    const seen = await connector.waitFor(
      (captured) => captured.method === 'PUT' && progressOf(captured) >= KILL_AFTER,
      RUN_TIMEOUT_MS,
    );
    bot.child.kill('SIGKILL');
    assert.equal(await bot.exited, 'SIGKILL');
    const shown = progressOf(seen);

    bot = await startChildBot(env);
    const notice = await chat.next(/was cut off/, 30_000);
    const text = cardText(notice);
    const done = Number(new RegExp(`(\\d+) of ${CLIENTS} customers done`).exec(text)?.[1]);
    // Never fewer than the user last saw, and the run really was cut short.
    assert.ok(done >= shown && done < CLIENTS, `${done} done after ${shown} were shown:\n${text}`);
    assert.match(text, /\[Resume\]/);

    await chat.press(notice, 'Resume');
    const left = CLIENTS - done;
    await chat.next(new RegExp(`^Consent all: resuming for ${left} of ${CLIENTS} customers`));
    const results = await chat.next(/Consent all: results/, RUN_TIMEOUT_MS);
    assert.match(cardText(results), new RegExp(`The other ${left}: .* 0 failed or are blocked\\.`));

    const relationships = sandbox.state.relationships.length;
    await chat.press(notice, 'Resume');
    await chat.next(/nothing left to resume/);
    assert.equal(sandbox.state.relationships.length, relationships, 'a second Resume ran nothing');

    // Without a usable relationship of its own with every role, a client got exactly one new one; else none.
    const neededOne = [
      'none',
      'approvalPending',
      'expiring',
      'expired',
      'terminated',
      'terminating',
      'terminationRequested',
    ];
    for (const client of clients) {
      const created = relationshipsOf(sandbox, client.tenantId).filter(
        (relationship) => !seededRelationshipIds.has(relationship.id),
      );
      const expected = neededOne.includes(seededStatus.get(client)!) ? 1 : 0;
      assert.equal(created.length, expected, `${client.displayName} (${seededStatus.get(client)})`);
    }

    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited, 'exit 0');
  });
});
