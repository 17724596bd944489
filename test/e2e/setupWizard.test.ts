import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Activity } from 'botbuilder';
import { sandboxEnv } from '../../sandbox/devStack.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../services/http/trustCertificateAuthority.js';
import { installActivity, type TeamsIdentity } from '../fakes/teamsActivities.js';
import { cardText, inputValues } from '../fakes/testConversation.js';
import { freePort } from './support/freePort.js';
import { HttpChat, openUrlOf } from './support/httpChat.js';
import { signInAs } from './support/sandboxBot.js';
import { startRunningBot, type RunningBot } from './support/runningBot.js';

describe('Setup wizard end to end, against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let bot: RunningBot;
  let chat: HttpChat;
  let admin: TeamsIdentity;
  let domain: string;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    domain = sandbox.state.partnerTenant.defaultDomain;
    const port = await freePort();
    const env = sandboxEnv(sandbox, {});
    bot = await startRunningBot({
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      GRAPH_BASE_URL: env.GRAPH_BASE_URL!,
      AUTHORITY_HOST: env.AUTHORITY_HOST!,
      APP_CLIENT_ID: env.APP_CLIENT_ID!,
      APP_CLIENT_SECRET: env.APP_CLIENT_SECRET!,
      ALLOWED_TENANT_IDS: sandbox.partnerTenantId,
      ADMIN_USER_IDS: sandbox.state.defaultUser.id,
    });
    admin = { ...bot.admin, tenantId: sandbox.partnerTenantId, userAadId: sandbox.state.defaultUser.id };
    chat = new HttpChat((activity) => bot.post(activity), bot.connector, admin);
    await bot.post(installActivity(admin));
    await chat.next(/Welcome to CSP Integration Bot/);
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
  });

  let signInCard: Partial<Activity>;

  it('answers a double click on Next with one next step, even when the two turns overlap', async () => {
    await chat.say('setup');
    const integrations = await chat.next(/Step 1 of 5/);
    const posted = await chat.doubleClick(integrations, 'Next', { integrations: 'csp' });
    const steps = posted.filter((activity) => /Step \d of 5/.test(cardText(activity)));
    assert.equal(steps.length, 1, `one card, not: ${posted.map((a) => cardText(a) || a.text).join(' | ')}`);
    assert.match(cardText(steps[0]), /Step 2 of 5/);
    const notices = posted.filter((activity) => /no longer current/.test(activity.text ?? ''));
    assert.equal(notices.length, 1, 'the second click is told its card is no longer current');
    assert.equal(posted.length, 2, 'nothing else is posted (no error card)');
    await chat.say('cancel');
    await chat.next(/Cancelled\. Nothing was saved/);
  });

  it('takes an admin from setup to the sign-in card, resolving the tenant’s domain', async () => {
    await chat.say('setup');
    const integrations = await chat.next(/Step 1 of 5/);
    await chat.press(integrations, 'Next', { integrations: 'csp,entra' });
    const configuration = await chat.next(/Step 2 of 5/);
    await chat.press(configuration, 'Next', { ...inputValues(configuration), partnerTenant: domain });
    const permissions = await chat.next(/Step 3 of 5/);
    await chat.press(permissions, 'Next');
    signInCard = await chat.next(/Step 4 of 5 · Authorize/);
    assert.match(openUrlOf(signInCard, 'Sign in'), /\/auth\/start\?state=/);
  });

  const refusals: [string, string, RegExp][] = [
    [
      'an account of another tenant',
      'pradeep.gupta@fabrikamsolutions.onmicrosoft.com',
      /another tenant|partner tenant/i,
    ],
    ['a guest', 'diego.siciliani_fabrikam.com#EXT#@contosoit.onmicrosoft.com', /guest/i],
    ['an account without the admin role', 'lee.gu@contosoit.onmicrosoft.com', /Admin Agent/],
    ['an account without MFA', 'alex.wilber@contosoit.onmicrosoft.com', /multi-factor/i],
  ];
  for (const [who, account, explanation] of refusals) {
    it(`refuses ${who} with an explanation and the fix, saving nothing`, async () => {
      const { page } = await signInAs(openUrlOf(signInCard, 'Sign in'), account);
      assert.doesNotMatch(page, /You are signed in/);
      const problem = await chat.next(/Nothing was saved/);
      assert.match(cardText(problem), explanation);
      assert.match(cardText(problem), /How to fix it/);
      assert.equal(bot.app.store.data.settings, undefined);
      await chat.press(problem, 'Try again');
      signInCard = await chat.next(/Step 4 of 5 · Authorize/);
    });
  }

  it('refuses a sign-in link it did not issue', async () => {
    const url = openUrlOf(signInCard, 'Sign in');
    const forged = await fetch(url.replace(/state=[^&]+/, 'state=' + 'A'.repeat(43)), { redirect: 'manual' });
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /expired or was already used/);
  });

  it('completes with the partner admin with MFA and saves the settings', async () => {
    const link = openUrlOf(signInCard, 'Sign in');
    const { status, page } = await signInAs(link);
    assert.equal(status, 200);
    assert.match(page, /You are signed in/);
    const again = await fetch(link, { redirect: 'manual' });
    assert.equal(again.status, 400, 'a sign-in link works once');
    const summary = await chat.next(/Microsoft CSP is set up/);
    assert.match(cardText(summary), /Megan Bowen/);
    const settings = bot.app.store.data.settings!;
    assert.equal(settings.partnerTenant.tenantId, sandbox.partnerTenantId);
    assert.deepEqual(settings.integrations, ['csp', 'entra']);
    assert.ok(settings.authorizedAccount.homeAccountId);
    assert.ok(bot.app.store.data.tokenCache, 'the token cache is kept');
  });

  it('keeps no token or secret in plain text in the data file', async () => {
    await bot.app.store.flush();
    const file = await readFile(bot.dataFile, 'utf8');
    assert.doesNotMatch(file, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'a JWT (access or id token) is in the data file');
    assert.ok(!file.includes('1.AR.'), 'a refresh token is in the data file');
    assert.ok(!file.includes(sandbox.clientSecret), 'the app’s client secret is in the data file');
  });

  it('signs out on request and forgets the tokens', async () => {
    await chat.say('signout');
    await chat.next(/Signed out megan\.bowen/);
    await bot.app.store.flush();
    assert.equal(bot.app.store.data.settings?.authorizedAccount.homeAccountId, '');
    assert.equal(bot.app.store.data.tokenCache, undefined);
  });
});
