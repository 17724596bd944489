// Teams SSO: a token Teams got for the bot's API is checked against the authority's keys, then exchanged on behalf of the user.
import assert from 'node:assert/strict';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { isAppError } from '../../../../services/errors.js';
import type { SignInService } from '../../../../services/auth/signInService.js';
import { signInAs } from '../../sandbox/signInForTest.js';
import { PRODUCT_APP, startAuthHarness, type AuthHarness } from './authHarness.js';

describe('Teams SSO token exchange', () => {
  let harness: AuthHarness;
  let service: SignInService;
  let ssoToken: string;

  before(async () => {
    harness = await startAuthHarness();
    service = harness.service();
    // What Teams hands the bot: a token for the app's own API scope, as in webApplicationInfo.
    ssoToken = await signInAs(harness.sandbox, {
      scope: `api://${harness.sandbox.clientId}/access_as_user openid profile`,
    });
  });
  after(() => harness.sandbox.close());
  afterEach(() => harness.sandbox.faults.clear());

  const exchange = (token: string) =>
    service.exchangeSsoToken({ ssoToken: token, appRegistration: PRODUCT_APP });
  const refused = (token: string) =>
    assert.rejects(exchange(token), (error) => {
      assert.ok(isAppError(error, 'SSO_FAILED'), String(error));
      assert.ok(!error.message.includes(token.split('.')[2]), 'the error does not carry the token');
      return true;
    });

  it('exchanges the SSO token on behalf of the user for a Graph token', async () => {
    const megan = harness.sandbox.state.defaultUser;
    const result = await exchange(ssoToken);
    assert.equal(result.accessTokenClaims.aud, 'https://graph.microsoft.com');
    assert.equal(result.accessTokenClaims.oid, megan.id);
    assert.deepEqual(result.accessTokenClaims.amr, ['pwd', 'mfa']);
    assert.equal(result.account.oid, megan.id);
    assert.equal(result.account.tenantId, harness.sandbox.partnerTenantId);
    assert.equal(result.account.homeAccountId, `${megan.id}.${harness.sandbox.partnerTenantId}`);
    assert.ok(result.grantedScopes.includes('DelegatedAdminRelationship.ReadWrite.All'));
    assert.ok(!JSON.stringify(harness.store.data).includes(result.accessToken));
  });

  it('leaves a refresh token in the cache, so later Graph calls refresh silently', async () => {
    const { account } = await exchange(ssoToken);
    const later = await harness
      .service()
      .acquireTokenSilently(account.homeAccountId, PRODUCT_APP, ['https://graph.microsoft.com/.default']);
    assert.equal(later.accessTokenClaims.oid, account.oid);
  });

  it('answers SSO_FAILED when the authority refuses the exchange, e.g. for missing consent', async () => {
    // A new token: MSAL answers a repeated assertion from its cache without asking the authority.
    const fresh = await signInAs(harness.sandbox, {
      scope: `api://${harness.sandbox.clientId}/access_as_user openid`,
    });
    harness.sandbox.faults.add({
      method: 'POST',
      pathPattern: /\/oauth2\/v2\.0\/token$/,
      status: 400,
      times: 1,
      code: 'invalid_grant',
      message: 'AADSTS65001: The user or administrator has not consented to use the application.',
    });
    await assert.rejects(exchange(fresh), (error) => {
      assert.ok(isAppError(error, 'SSO_FAILED'), String(error));
      assert.match(error.message, /AADSTS65001: The user or administrator has not consented/);
      // Entra's description goes on with CRLF-separated trace and correlation ids: support data, not a reason.
      assert.doesNotMatch(error.message, /Trace ID|Correlation ID|\r|\n/);
      return true;
    });
    assert.equal(harness.sandbox.faults.active.length, 0, 'the authority was asked');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload, signature] = ssoToken.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await refused(`${header}.${payload}.${flipped}`);
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = ssoToken.split('.');
    const claims = { ...decodeJwt(ssoToken), oid: harness.sandbox.state.users[1].id };
    await refused(`${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
  });

  it('refuses a token signed with another key under the authority’s key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(ssoToken))
      .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(ssoToken).kid })
      .sign(privateKey);
    await refused(forged);
  });

  it('refuses a genuine token issued for another audience', async () => {
    await refused(await signInAs(harness.sandbox));
  });

  it('refuses something that is not a token at all', async () => {
    await refused('not-a-jwt');
  });
});
