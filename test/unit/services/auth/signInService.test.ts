// The sign-in button's flow against the sandbox: /auth/start, the authority's redirect, /auth/callback; single use, expiry, Entra's refusals explained.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isAppError } from '../../../../services/errors.js';
import type { SignInService } from '../../../../services/auth/signInService.js';
import { GRAPH_SIGN_IN_SCOPES } from '../../../../services/settings/permissionCatalog.js';
import { PUBLIC_BASE_URL, signInInBrowser, startAuthHarness, type AuthHarness } from './authHarness.js';

describe('SignInService: authorization code + PKCE', () => {
  let harness: AuthHarness;
  let service: SignInService;

  before(async () => {
    harness = await startAuthHarness();
  });
  after(() => harness.sandbox.close());
  beforeEach(() => {
    service = harness.service();
  });

  const rejectsWith = (promise: Promise<unknown>, code: string, userMessage?: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
      assert.equal(error.code, code);
      if (userMessage) assert.match(error.userMessage, userMessage);
      return true;
    });

  it('signs the default admin in through /auth/start and the callback', async () => {
    const { authorizeUrl, callback } = await signInInBrowser(harness, service);
    const query = authorizeUrl.searchParams;
    // MSAL takes the authorize address from discovery: the sandbox's plain-http page, so a browser warns of nothing.
    assert.equal(authorizeUrl.origin, harness.sandbox.signInBaseUrl);
    assert.equal(authorizeUrl.pathname, `/${harness.sandbox.partnerTenantId}/oauth2/v2.0/authorize`);
    assert.equal(query.get('redirect_uri'), `${PUBLIC_BASE_URL}/auth/callback`);
    assert.equal(query.get('code_challenge_method'), 'S256');
    assert.equal(query.get('prompt'), 'select_account');
    for (const scope of [...GRAPH_SIGN_IN_SCOPES, 'offline_access'])
      assert.ok(query.get('scope')?.split(' ').includes(scope), scope);

    const { pending, result } = await service.complete(callback);
    const megan = harness.sandbox.state.defaultUser;
    assert.equal(pending.conversationId, 'a:1on1-megan');
    assert.equal(pending.reference.conversation.id, 'a:1on1-megan');
    assert.deepEqual(result.account, {
      homeAccountId: `${megan.id}.${harness.sandbox.partnerTenantId}`,
      tenantId: harness.sandbox.partnerTenantId,
      username: megan.userPrincipalName,
      name: megan.displayName,
      oid: megan.id,
    });
    assert.equal(result.claims.aud, harness.sandbox.clientId);
    assert.deepEqual(result.accessTokenClaims.amr, ['pwd', 'mfa']);
    assert.ok(result.grantedScopes.includes('DelegatedAdminRelationship.ReadWrite.All'));
    assert.deepEqual(Object.keys(harness.store.data.signIns), []);
  });

  it('stores the pending sign-in under the SHA-256 of its state, never the state itself', async () => {
    const { startUrl } = await service.createPending({
      userAadId: 'user-aad-id',
      conversationId: 'a:hash-check',
      reference: {
        channelId: 'msteams',
        serviceUrl: 'x',
        conversation: { id: 'a:hash-check' },
        bot: { id: 'b' },
      },
      tenantId: harness.sandbox.partnerTenantId,
      appRegistration: { kind: 'product' },
    });
    assert.ok(startUrl.startsWith(`${PUBLIC_BASE_URL}/auth/start?state=`));
    const state = new URL(startUrl).searchParams.get('state') ?? '';
    assert.equal(Buffer.from(state, 'base64url').length, 32);
    const key = createHash('sha256').update(state).digest('hex');
    assert.equal(harness.store.data.signIns[key].conversationId, 'a:hash-check');
    assert.ok(!JSON.stringify(harness.store.data).includes(state));

    await service.authorizeUrl(state);
    const verifier = harness.store.data.signIns[key].verifier;
    assert.ok(verifier?.data, 'the PKCE verifier is kept sealed');
  });

  it('accepts a state only once', async () => {
    const { state, callback } = await signInInBrowser(harness, service);
    await service.complete(callback);
    await rejectsWith(service.complete(callback), 'SIGN_IN_EXPIRED', /expired or was already used/);
    await rejectsWith(service.authorizeUrl(state), 'SIGN_IN_EXPIRED');
  });

  it('forgets the sign-in before redeeming, so a failed redemption cannot be retried with the same state', async () => {
    const { callback } = await signInInBrowser(harness, service);
    await rejectsWith(service.complete({ ...callback, code: 'not-a-code' }), 'SIGN_IN_FAILED', /AADSTS70000/);
    await rejectsWith(service.complete(callback), 'SIGN_IN_EXPIRED');
  });

  it('refuses a sign-in link older than ten minutes, at /auth/start and at the callback', async () => {
    const { startUrl } = await service.createPending({
      userAadId: 'user-aad-id',
      conversationId: 'a:slow',
      reference: { channelId: 'msteams', serviceUrl: 'x', conversation: { id: 'a:slow' }, bot: { id: 'b' } },
      tenantId: harness.sandbox.partnerTenantId,
      appRegistration: { kind: 'product' },
    });
    harness.clock.advance(10 * 60_000 + 1);
    await rejectsWith(
      service.authorizeUrl(new URL(startUrl).searchParams.get('state') ?? ''),
      'SIGN_IN_EXPIRED',
    );

    const { callback } = await signInInBrowser(harness, service);
    harness.clock.advance(10 * 60_000 + 1);
    await rejectsWith(service.complete(callback), 'SIGN_IN_EXPIRED');
  });

  it('replaces an older sign-in of the same user in the same conversation, and prunes expired ones', async () => {
    const first = await signInInBrowser(harness, service, { conversationId: 'a:group' });
    const elsewhere = await signInInBrowser(harness, service, { conversationId: 'a:other' });
    const second = await signInInBrowser(harness, service, { conversationId: 'a:group' });
    await rejectsWith(service.complete(first.callback), 'SIGN_IN_EXPIRED');
    await service.complete(second.callback);

    harness.clock.advance(10 * 60_000 + 1);
    await signInInBrowser(harness, service, { conversationId: 'a:fresh' });
    assert.equal(Object.keys(harness.store.data.signIns).length, 1, 'the expired a:other sign-in was pruned');
    await rejectsWith(service.complete(elsewhere.callback), 'SIGN_IN_EXPIRED');
  });

  it('treats a state that is not one of ours as expired', async () => {
    await rejectsWith(service.authorizeUrl('../../etc/passwd'), 'SIGN_IN_EXPIRED');
    await rejectsWith(service.complete({ state: '', code: 'x' }), 'SIGN_IN_EXPIRED');
  });

  it('explains an account of another tenant (AADSTS50020) in plain words', async () => {
    const { callback } = await signInInBrowser(harness, service, { loginHint: harness.upn('Pradeep Gupta') });
    assert.equal(callback.code, undefined);
    await rejectsWith(
      service.complete(callback),
      'SIGN_IN_FAILED',
      /belongs to another organisation’s Microsoft tenant.*Sign in again with an admin account of the partner tenant/,
    );
  });

  it('explains an unknown user (AADSTS50034)', async () => {
    const { callback } = await signInInBrowser(harness, service, {
      loginHint: 'nobody@contosoit.onmicrosoft.com',
    });
    await rejectsWith(service.complete(callback), 'SIGN_IN_FAILED', /does not exist in the partner tenant/);
  });

  it('explains a wrong client secret of the MSP’s own app registration (AADSTS7000215)', async () => {
    const ownApp = {
      kind: 'own' as const,
      clientId: harness.sandbox.clientId,
      clientSecret: harness.box.seal('the-secret-id-not-its-value', 'app-client-secret'),
    };
    const { callback } = await signInInBrowser(harness, service, { appRegistration: ownApp });
    await rejectsWith(
      service.complete(callback),
      'SIGN_IN_FAILED',
      /client secret .* is wrong or has expired/,
    );
  });

  it('signs in with the MSP’s own app registration and its sealed secret', async () => {
    const ownApp = {
      kind: 'own' as const,
      clientId: harness.sandbox.clientId,
      clientSecret: harness.box.seal(harness.sandbox.clientSecret, 'app-client-secret'),
    };
    const { callback } = await signInInBrowser(harness, service, { appRegistration: ownApp });
    const { result } = await service.complete(callback);
    assert.equal(result.account.oid, harness.sandbox.state.defaultUser.id);
  });

  it('explains a cancelled sign-in, MFA and consent refusals, and falls back to the AADSTS code', async () => {
    const refusal = async (error: string, errorDescription: string) => {
      const { callback } = await signInInBrowser(harness, service);
      return service.complete({ state: callback.state, error, errorDescription });
    };
    await rejectsWith(
      refusal('access_denied', 'AADSTS65004: User declined to consent.'),
      'SIGN_IN_FAILED',
      /cancelled/,
    );
    await rejectsWith(
      refusal('invalid_grant', 'AADSTS50079: Due to a configuration change…'),
      'SIGN_IN_FAILED',
      /multi-factor/,
    );
    await rejectsWith(
      refusal('consent_required', 'AADSTS65001: The user or administrator has not consented'),
      'SIGN_IN_FAILED',
      /consent/,
    );
    await rejectsWith(
      refusal('invalid_request', 'AADSTS90099: Something rare.'),
      'SIGN_IN_FAILED',
      /AADSTS90099/,
    );
  });
});
