// Who may call the sandbox's Graph and how often: bearer checks, throttling, injected faults and /sandbox/info.
import assert from 'node:assert/strict';
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { appOnlyToken, signInAs } from './signInForTest.js';

describe('Access to the sandbox Graph', () => {
  let sandbox: RunningSandbox;
  let token: string;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    token = await signInAs(sandbox);
  });
  after(() => sandbox.close());
  afterEach(() => {
    sandbox.faults.clear();
    sandbox.settings.rateLimit = undefined;
  });

  const getOrganization = (authorization?: string) =>
    fetch(`${sandbox.graphBaseUrl}/organization`, { headers: authorization ? { authorization } : {} });

  it('answers a request without a bearer token with 401 InvalidAuthenticationToken', async () => {
    const response = await getOrganization();
    assert.equal(response.status, 401);
    const body = await response.json();
    assert.equal(body.error.code, 'InvalidAuthenticationToken');
    assert.equal(body.error.innerError['request-id'], response.headers.get('request-id'));
    assert.ok(body.error.innerError.date);
  });

  it('refuses a token the sandbox did not sign', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(token))
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .sign(privateKey);
    const response = await getOrganization(`Bearer ${forged}`);
    assert.equal(response.status, 401);
    assert.match((await response.json()).error.message, /signature/);
  });

  it('refuses a token issued for another audience', async () => {
    const apiToken = await signInAs(sandbox, { scope: `api://${sandbox.clientId}/access_as_user openid` });
    const response = await getOrganization(`Bearer ${apiToken}`);
    assert.equal(response.status, 401);
    assert.match((await response.json()).error.message, /Invalid audience/);
  });

  it('serves the signed-in user and their directory roles', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const me = await (await fetch(`${sandbox.graphBaseUrl}/me?$select=id,userType`, { headers })).json();
    assert.deepEqual([me.id, me.userType], [sandbox.state.defaultUser.id, 'Member']);
    const memberOf = await (await fetch(`${sandbox.graphBaseUrl}/me/memberOf`, { headers })).json();
    const roleTemplates = memberOf.value
      .map((item: { roleTemplateId?: string }) => item.roleTemplateId)
      .filter(Boolean);
    assert.deepEqual(roleTemplates, ['62e90394-69f5-4237-9190-012177145e10']);
    assert.ok(memberOf.value.some((item: { displayName: string }) => item.displayName === 'AdminAgents'));
  });

  it('answers /me for an app-only token with 400, as Graph does', async () => {
    const response = await fetch(`${sandbox.graphBaseUrl}/me`, {
      headers: { authorization: `Bearer ${await appOnlyToken(sandbox)}` },
    });
    assert.equal(response.status, 400);
  });

  it('throttles a token beyond the configured rate with 429 and Retry-After', async () => {
    sandbox.settings.rateLimit = { requests: 2, windowMs: 60_000 };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await getOrganization(`Bearer ${token}`));
    assert.deepEqual(
      statuses.map((response) => response.status),
      [200, 200, 429],
    );
    assert.ok(Number(statuses[2].headers.get('retry-after')) >= 1);
    assert.equal((await statuses[2].json()).error.code, 'TooManyRequests');
  });

  it('answers injected faults the given number of times, then recovers', async () => {
    const fault = sandbox.faults.add({
      pathPattern: /\/organization$/,
      status: 503,
      times: 2,
      retryAfterSeconds: 3,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getOrganization(`Bearer ${token}`)).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    assert.equal(fault.served, 2);
    assert.equal(sandbox.faults.active.length, 0);
  });

  it('describes itself on /sandbox/info without the client secret', async () => {
    const text = await (await fetch(`${sandbox.baseUrl}/sandbox/info`)).text();
    assert.ok(!text.includes(sandbox.clientSecret));
    const info = JSON.parse(text);
    assert.equal(info.partnerTenant.id, sandbox.partnerTenantId);
    assert.equal(info.appClientId, sandbox.clientId);
    assert.equal(info.graphBaseUrl, sandbox.graphBaseUrl);
    assert.equal(info.customers, sandbox.state.customers.length);
    assert.deepEqual(info.users.find((user: { isDefault: boolean }) => user.isDefault).roles, [
      'Global Administrator',
      'Admin Agent',
    ]);
  });
});
