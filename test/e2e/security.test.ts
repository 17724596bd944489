import assert from 'node:assert/strict';
import { trustCertificateAuthority } from '../../services/http/trustCertificateAuthority.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/sandboxServer.js';
import { BotFrameworkIssuer, unsignedToken } from '../fakes/botFrameworkIssuer.js';
import { cardText } from '../fakes/testConversation.js';
import { messageActivity } from '../fakes/teamsActivities.js';
import { startRunningBot, type RunningBot } from './support/runningBot.js';

// Production mode: an app id is set, so every request must carry a valid Bot Connector token.
describe('Authentication of incoming requests (MicrosoftAppId set)', () => {
  let issuer: BotFrameworkIssuer;
  let sandbox: RunningSandbox;
  let bot: RunningBot;
  let appId: string;

  before(async () => {
    issuer = new BotFrameworkIssuer();
    await issuer.start();
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    appId = sandbox.clientId;
    // Replies need an outbound token; the sandbox's authority plays Entra ID for it.
    bot = await startRunningBot({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: sandbox.clientSecret,
      MicrosoftAppType: 'MultiTenant',
      PUBLIC_BASE_URL: 'https://csp-bot.example.test',
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: `${sandbox.authorityHost}/${sandbox.partnerTenantId}`,
    });
  });
  after(async () => {
    await bot.stop();
    await sandbox.close();
    await issuer.stop();
  });

  const help = () => messageActivity(bot.admin, 'help');

  async function expectRefused(authorization: string | undefined) {
    const activity = help();
    const response = await bot.post(activity, authorization ? { authorization } : {});
    assert.equal(response.status, 401);
    assert.deepEqual(JSON.parse(response.body), { error: 'Unauthorized' });
    assert.ok(
      !bot.connector.received.some((a) => a.replyToId === activity.id),
      'a refused request got a reply',
    );
  }

  it('refuses a request without a token', async () => {
    await expectRefused(undefined);
  });

  it('refuses a token signed by an unknown key', async () => {
    const token = await issuer.token({ audience: appId, serviceUrl: bot.admin.serviceUrl, unknownKey: true });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses an unsigned (alg none) token', async () => {
    await expectRefused(`Bearer ${unsignedToken(appId, bot.admin.serviceUrl)}`);
  });

  it('refuses an expired token', async () => {
    const token = await issuer.token({
      audience: appId,
      serviceUrl: bot.admin.serviceUrl,
      expiresInSeconds: -3600,
    });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a validly signed token that never expires (no exp)', async () => {
    const token = await issuer.token({ audience: appId, serviceUrl: bot.admin.serviceUrl, noExpiry: true });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token for another audience', async () => {
    const token = await issuer.token({
      audience: '00000000-1111-2222-3333-444444444444',
      serviceUrl: bot.admin.serviceUrl,
    });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token from another issuer', async () => {
    const token = await issuer.token({
      audience: appId,
      serviceUrl: bot.admin.serviceUrl,
      issuer: 'https://evil.example',
    });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token minted for another service URL', async () => {
    const token = await issuer.token({
      audience: appId,
      serviceUrl: 'https://smba.trafficmanager.net/evil/',
    });
    await expectRefused(`Bearer ${token}`);
  });

  it('accepts a valid token and replies with an outbound token of its own', async () => {
    const activity = help();
    const token = await issuer.token({ audience: appId, serviceUrl: bot.admin.serviceUrl });
    const response = await bot.post(activity, { authorization: `Bearer ${token}` });
    assert.equal(response.status, 202);
    const reply = await bot.connector.waitFor((a) => a.replyToId === activity.id);
    assert.match(cardText(reply.body), /CSP Integration Bot/);
    assert.match(reply.authorization ?? '', /^Bearer ey/);
  });
});
