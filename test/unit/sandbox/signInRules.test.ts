// Entra ID's sign-in rules the sandbox keeps: PKCE, single-use codes, client secrets and tenant membership.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { GRAPH_DEFAULT_SCOPE, TEST_REDIRECT_URI } from './signInForTest.js';

describe('Sign-in rules of the sandbox', () => {
  let sandbox: RunningSandbox;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
  });
  after(() => sandbox.close());

  async function authorize(params: Record<string, string>, tenant = sandbox.partnerTenantId): Promise<URL> {
    const url = new URL(`${sandbox.authorityHost}/${tenant}/oauth2/v2.0/authorize`);
    url.search = new URLSearchParams({
      client_id: sandbox.clientId,
      response_type: 'code',
      redirect_uri: TEST_REDIRECT_URI,
      scope: `${GRAPH_DEFAULT_SCOPE} openid offline_access`,
      ...params,
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    assert.equal(response.status, 302);
    return new URL(response.headers.get('location') ?? '');
  }

  async function redeem(form: Record<string, string>) {
    const response = await fetch(`${sandbox.authorityHost}/${sandbox.partnerTenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        grant_type: 'authorization_code',
        redirect_uri: TEST_REDIRECT_URI,
        ...form,
      }),
    });
    return { status: response.status, body: await response.json() };
  }

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  it('requires a PKCE challenge', async () => {
    const callback = await authorize({});
    assert.equal(callback.searchParams.get('error'), 'invalid_request');
  });

  const codeFor = async (challenge: string) =>
    (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get(
      'code',
    ) ?? '';

  it('refuses a code verifier that does not match the challenge', async () => {
    const code = await codeFor(pkce().challenge);
    const answer = await redeem({ code, code_verifier: pkce().verifier });
    assert.equal(answer.body.error, 'invalid_grant');
    assert.deepEqual(answer.body.error_codes, [50148]);
  });

  it('redeems a code only once', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    assert.equal((await redeem({ code, code_verifier: verifier })).status, 200);
    const replay = await redeem({ code, code_verifier: verifier });
    assert.deepEqual(replay.body.error_codes, [54005]);
  });

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const answer = await redeem({ code: 'x', code_verifier: 'y', client_secret: 'not-the-secret' });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'invalid_client');
  });

  it('refuses a user of another tenant at the partner authority with AADSTS50020', async () => {
    const foreign = sandbox.state.users.find((user) => user.tenantId !== sandbox.partnerTenantId)!;
    const callback = await authorize({
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      login_hint: foreign.userPrincipalName,
    });
    assert.match(callback.searchParams.get('error_description') ?? '', /^AADSTS50020/);
  });

  it('answers an unknown tenant domain with AADSTS90002', async () => {
    const response = await fetch(
      `${sandbox.authorityHost}/unknown.onmicrosoft.com/v2.0/.well-known/openid-configuration`,
    );
    assert.equal(response.status, 400);
    assert.deepEqual((await response.json()).error_codes, [90002]);
  });

  it('names the tenant id as issuer when discovery is asked by domain', async () => {
    const domain = sandbox.state.customers[1].defaultDomainName;
    const response = await fetch(`${sandbox.authorityHost}/${domain}/v2.0/.well-known/openid-configuration`);
    const { issuer } = await response.json();
    assert.equal(issuer, `${sandbox.authorityHost}/${sandbox.state.customers[1].tenantId}/v2.0`);
  });

  it('names plain-http loopback pages for the browser in discovery and keeps the token endpoint on https', async () => {
    const discovery = await fetch(
      `${sandbox.authorityHost}/${sandbox.partnerTenantId}/v2.0/.well-known/openid-configuration`,
    );
    const document = await discovery.json();
    const pages = `${sandbox.signInBaseUrl}/${sandbox.partnerTenantId}/oauth2/v2.0`;
    assert.match(sandbox.signInBaseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(document.authorization_endpoint, `${pages}/authorize`);
    assert.equal(document.end_session_endpoint, `${pages}/logout`);
    assert.equal(
      document.token_endpoint,
      `${sandbox.authorityHost}/${sandbox.partnerTenantId}/oauth2/v2.0/token`,
    );
    assert.match(document.token_endpoint, /^https:/);

    // The whole code + PKCE round trip with the authorize page on http: its code redeems at the https token endpoint.
    const { verifier, challenge } = pkce();
    const authorizeUrl = new URL(document.authorization_endpoint);
    authorizeUrl.search = new URLSearchParams({
      client_id: sandbox.clientId,
      response_type: 'code',
      redirect_uri: TEST_REDIRECT_URI,
      scope: `${GRAPH_DEFAULT_SCOPE} openid offline_access`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    assert.equal((await redeem({ code, code_verifier: verifier })).status, 200);
  });

  it('answers nothing but the sign-in pages on its plain-http address', async () => {
    const token = await fetch(`${sandbox.signInBaseUrl}/${sandbox.partnerTenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        grant_type: 'client_credentials',
        scope: GRAPH_DEFAULT_SCOPE,
      }),
    });
    assert.equal(token.status, 404);
    assert.match((await token.json()).error_description, /serves only the sign-in pages/);
    for (const path of [
      '/v1.0/me',
      '/sandbox/info',
      `/${sandbox.partnerTenantId}/v2.0/.well-known/openid-configuration`,
    ])
      assert.equal((await fetch(`${sandbox.signInBaseUrl}${path}`)).status, 404, path);
  });

  it('gives app-only tokens only in tenants that consented to the app', async () => {
    const customer = sandbox.state.customers[0].tenantId;
    const response = await fetch(`${sandbox.authorityHost}/${customer}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        grant_type: 'client_credentials',
        scope: GRAPH_DEFAULT_SCOPE,
      }),
    });
    assert.deepEqual((await response.json()).error_codes, [700016]);
  });
});
