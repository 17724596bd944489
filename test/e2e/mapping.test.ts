import assert from 'node:assert/strict';
import { generateSeed } from '../../sandbox/generateSeed.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../services/http/trustCertificateAuthority.js';
import { invokeActivity, submitActivity } from '../fakes/teamsActivities.js';
import { cardText, inputValues } from '../fakes/testConversation.js';
import type { HttpChat } from './support/httpChat.js';
import type { RunningBot } from './support/runningBot.js';
import { completeSetup, startSandboxBot } from './support/sandboxBot.js';

describe('Customer sync and mapping end to end, against a sandbox of 3,000 customers', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let bot: RunningBot;
  let chat: HttpChat;
  let contracts: number;

  before(async () => {
    const seed = generateSeed({ customers: 3000, seed: 7 });
    contracts = seed.customers.filter((customer) => customer.contract).length;
    // Small pages make the sync walk dozens of @odata.nextLink pages.
    sandbox = await startSandbox({ seed, pageSize: 100 });
    trustCertificateAuthority(sandbox.caCertPem);
    ({ bot, chat } = await startSandboxBot(sandbox));
    sandbox.faults.add({ pathPattern: /\/contracts$/, status: 429, times: 2, retryAfterSeconds: 1 });
    await completeSetup(chat, sandbox.state.partnerTenant.defaultDomain);
  });
  after(async () => {
    await bot?.stop();
    await sandbox?.close();
  });

  it('syncs every customer after setup, through paging and throttling, updating one message', async () => {
    const done = await chat.next(/Synced [\d,]+ CSP customers in/, 30_000);
    const count = Number(/Synced ([\d,]+)/.exec(String(done.text))![1].replace(/,/g, ''));
    assert.ok(count >= contracts, `synced ${count}, the sandbox has ${contracts} contracts`);
    const updates = bot.connector.received.filter((activity) => activity.method === 'PUT');
    assert.ok(updates.length >= 1, 'the progress message is updated, not repeated');
    assert.ok(
      sandbox.requests.some((request) => request.status === 429),
      'the sync met throttling',
    );
    assert.equal(bot.app.store.data.customerSync.customerCount, count);
  });

  it('answers Teams type-ahead over the synced customers', async () => {
    const someone = sandbox.state.customers[1234];
    const response = await bot.post(
      invokeActivity(chat.who, 'application/search', {
        queryText: someone.displayName,
        dataset: 'customers',
        queryOptions: { skip: 0, top: 15 },
      }),
    );
    assert.equal(response.status, 200);
    const results = (JSON.parse(response.body) as { value: { results: { title: string; value: string }[] } })
      .value.results;
    assert.ok(results.length > 0 && results.length <= 15);
    assert.ok(
      results.some((result) => result.value === someone.tenantId),
      'the customer typed is among the results',
    );
  });

  it('maps an organization through the picker card’s submits', async () => {
    const target = sandbox.state.customers.find((customer) => customer.contract)!;
    await bot.post(
      submitActivity(chat.who, {
        action: 'orgs.add',
        revision: bot.app.store.data.mappingRevision,
        name: target.displayName,
      }),
    );
    await chat.next(/Added/);
    await chat.say(`map ${target.displayName}`);
    const picker = await chat.next(/Map a client/);
    assert.equal(
      inputValues(picker).customerTenantId,
      target.tenantId,
      'the exact name is suggested and preselected',
    );
    await chat.press(picker, 'Map', inputValues(picker));
    const mapped = await chat.next(/is now mapped to/);
    assert.match(cardText(mapped), new RegExp(target.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(Object.values(bot.app.store.data.mappings)[0].customerTenantId, target.tenantId);
  });

  it('keeps the previous list when a sync fails, and says so', async () => {
    const before = bot.app.store.data.customerSync.customerCount;
    sandbox.faults.add({ pathPattern: /delegatedAdminRelationships$/, status: 500, times: 1000 });
    await chat.say('sync');
    const failed = await chat.next(/The sync did not finish/, 30_000);
    assert.match(String(failed.text), /The last good list from .* is kept/);
    assert.match(String(failed.text), new RegExp(`${before.toLocaleString('en-US')} customers kept`));
    assert.equal(bot.app.store.data.customerSync.customerCount, before);
    assert.ok(bot.app.store.data.customerSync.lastError);
    sandbox.faults.clear();
  });
});
