// MSAL Node 7, unmodified, signs in against the sandbox as it would against Entra ID.
import assert from 'node:assert/strict';
import { ConfidentialClientApplication, CryptoProvider, type AuthenticationResult } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { GRAPH_DEFAULT_SCOPE, TEST_REDIRECT_URI, userPrincipalName } from './signInForTest.js';

describe('MSAL Node against the sandbox authority', () => {
  let sandbox: RunningSandbox;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
  });
  after(() => sandbox.close());

  // MSAL needs the authority's host WITH its port in knownAuthorities, or it asks Microsoft's instance discovery.
  function msalClient(tenant = sandbox.partnerTenantId): ConfidentialClientApplication {
    return new ConfidentialClientApplication({
      auth: {
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        authority: `${sandbox.authorityHost}/${tenant}`,
        knownAuthorities: [new URL(sandbox.authorityHost).host],
      },
    });
  }

  async function signIn(
    client: ConfidentialClientApplication,
    scopes: string[],
    loginHint?: string,
  ): Promise<AuthenticationResult> {
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({
      scopes,
      redirectUri: TEST_REDIRECT_URI,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state: 'setup-wizard',
      loginHint,
    });
    const redirect = await fetch(url, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    const callback = new URL(redirect.headers.get('location') ?? '');
    assert.equal(callback.searchParams.get('state'), 'setup-wizard');
    const code = callback.searchParams.get('code');
    assert.ok(code, `no code in ${callback}`);
    return client.acquireTokenByCode({
      code,
      scopes,
      redirectUri: TEST_REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
  }

  it('signs the default admin in with auth code + PKCE and an MFA token', async () => {
    const result = await signIn(msalClient(), [GRAPH_DEFAULT_SCOPE]);
    const claims = decodeJwt(result.accessToken);
    const admin = sandbox.state.defaultUser;
    assert.equal(claims.tid, sandbox.partnerTenantId);
    assert.equal(claims.oid, admin.id);
    assert.deepEqual(claims.amr, ['pwd', 'mfa']);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(result.account?.homeAccountId, `${admin.id}.${sandbox.partnerTenantId}`);
    assert.equal(result.account?.username, admin.userPrincipalName);
  });

  it('refreshes silently with the refresh token', async () => {
    const client = msalClient();
    const first = await signIn(client, [GRAPH_DEFAULT_SCOPE]);
    const refreshed = await client.acquireTokenSilent({
      account: first.account!,
      scopes: [GRAPH_DEFAULT_SCOPE],
      forceRefresh: true,
    });
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.equal(decodeJwt(refreshed.accessToken).oid, first.account?.localAccountId);
  });

  it('resolves a domain authority to the tenant id', async () => {
    const result = await signIn(msalClient('contosoit.onmicrosoft.com'), [GRAPH_DEFAULT_SCOPE]);
    assert.equal(decodeJwt(result.accessToken).tid, sandbox.partnerTenantId);
  });

  it('uses login_hint to sign in the admin without MFA', async () => {
    const result = await signIn(
      msalClient(),
      [GRAPH_DEFAULT_SCOPE],
      userPrincipalName(sandbox, 'Alex Wilber'),
    );
    assert.deepEqual(decodeJwt(result.accessToken).amr, ['pwd']);
  });

  it('gives a foreign-tenant user a token of their own tenant through organizations', async () => {
    const foreign = sandbox.state.users.find((user) => user.tenantId !== sandbox.partnerTenantId)!;
    const result = await signIn(
      msalClient('organizations'),
      [GRAPH_DEFAULT_SCOPE],
      foreign.userPrincipalName,
    );
    assert.equal(decodeJwt(result.accessToken).tid, foreign.tenantId);
  });

  it('redirects an unknown login_hint back with AADSTS50034', async () => {
    const url = await msalClient().getAuthCodeUrl({
      scopes: [GRAPH_DEFAULT_SCOPE],
      redirectUri: TEST_REDIRECT_URI,
      codeChallenge: (await new CryptoProvider().generatePkceCodes()).challenge,
      codeChallengeMethod: 'S256',
      loginHint: 'nobody@contosoit.onmicrosoft.com',
    });
    const callback = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    assert.equal(callback.searchParams.get('code'), null);
    assert.match(callback.searchParams.get('error_description') ?? '', /^AADSTS50034/);
  });

  it('issues app-only tokens with Graph roles by client credentials', async () => {
    const result = await msalClient().acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    const claims = decodeJwt(result!.accessToken);
    assert.equal(claims.idtyp, 'app');
    assert.ok((claims.roles as string[]).includes('DelegatedAdminRelationship.ReadWrite.All'));
  });

  it('issues the app-only Bot Framework token a bot sends its replies with', async () => {
    const result = await msalClient().acquireTokenByClientCredential({
      scopes: ['https://api.botframework.com/.default'],
    });
    const claims = decodeJwt(result!.accessToken);
    assert.equal(claims.aud, 'https://api.botframework.com');
    assert.equal(claims.appid, sandbox.clientId);
  });

  it('exchanges a token for the bot API on behalf of the user for a Graph token', async () => {
    const client = msalClient();
    const ssoToken = await signIn(
      client,
      [`api://${sandbox.clientId}/access_as_user`],
      userPrincipalName(sandbox, 'Alex Wilber'),
    );
    assert.equal(decodeJwt(ssoToken.accessToken).aud, sandbox.clientId);
    const graph = await client.acquireTokenOnBehalfOf({
      oboAssertion: ssoToken.accessToken,
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    const claims = decodeJwt(graph!.accessToken);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.oid, decodeJwt(ssoToken.accessToken).oid);
  });
});
