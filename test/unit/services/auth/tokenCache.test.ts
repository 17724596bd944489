// The MSAL token cache at rest: sealed in the data file, loaded by a fresh service for silent refresh, emptied by sign-out.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '../../../../services/errors.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import { AppStore } from '../../../../services/store/appStore.js';
import { PRODUCT_APP, signInInBrowser, startAuthHarness, type AuthHarness } from './authHarness.js';

describe('The MSAL token cache in the store', () => {
  let harness: AuthHarness;
  let directory: string;
  let file: string;
  let store: AppStore;

  before(async () => {
    harness = await startAuthHarness();
    directory = await mkdtemp(join(tmpdir(), 'token-cache-'));
  });
  after(async () => {
    await harness.sandbox.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(async () => {
    file = join(directory, `${Math.random().toString(36).slice(2)}.json`);
    store = await AppStore.openFile(file);
  });

  async function signInMegan() {
    const service = harness.service({ store });
    const { callback } = await signInInBrowser(harness, service);
    return (await service.complete(callback)).result;
  }

  // The refresh token never leaves MSAL's cache, so the test reads it from there with the key.
  function cachedSecrets(box = harness.box): string[] {
    const sealed = store.data.tokenCache;
    assert.ok(sealed, 'a token cache is stored');
    const cache = JSON.parse(box.open(sealed, 'msal-token-cache'));
    const secrets = (section: string) =>
      Object.values(cache[section] as Record<string, { secret: string }>).map((entry) => entry.secret);
    const refreshTokens = secrets('RefreshToken');
    assert.ok(refreshTokens.length > 0, 'the cache holds a refresh token');
    return [...refreshTokens, ...secrets('AccessToken'), ...secrets('IdToken')];
  }

  const silently = (homeAccountId: string, scopes?: string[], box = harness.box) =>
    harness.service({ store, box }).acquireTokenSilently(homeAccountId, PRODUCT_APP, scopes);

  it('keeps no token or client secret as plain text in the data file', async () => {
    const result = await signInMegan();
    await store.flush();
    const text = await readFile(file, 'utf8');
    for (const secret of [result.accessToken, harness.sandbox.clientSecret, ...cachedSecrets()]) {
      assert.ok(!text.includes(secret), 'a secret is in the data file');
      // The middle of a token, too: a file that stored it split or re-encoded would still leak it.
      assert.ok(!text.includes(secret.slice(10, 40)));
    }
    assert.ok(!text.includes('RefreshToken') && !text.includes('"secret"'));
  });

  it('refreshes silently from a fresh service over the same store', async () => {
    const first = await signInMegan();
    const cached = await silently(first.account.homeAccountId);
    assert.equal(cached.accessToken, first.accessToken, 'served from the stored cache');

    const tokenCalls = () => harness.sandbox.requests.filter((entry) => entry.path.endsWith('/token')).length;
    const before = tokenCalls();
    const refreshed = await silently(first.account.homeAccountId, ['https://graph.microsoft.com/.default']);
    assert.equal(tokenCalls(), before + 1, 'one refresh-token request');
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.equal(refreshed.accessTokenClaims.oid, first.account.oid);
    assert.deepEqual(refreshed.account, first.account);
    assert.ok(!JSON.stringify(store.data).includes(refreshed.accessToken));
  });

  it('signs out: the account and its tokens leave the store', async () => {
    const { account } = await signInMegan();
    await harness.service({ store }).signOut(account.homeAccountId);
    assert.equal(store.data.tokenCache, undefined);
    await assert.rejects(silently(account.homeAccountId), (error) => isAppError(error, 'SIGN_IN_REQUIRED'));
  });

  it('requires a new sign-in for an account it never saw', async () => {
    await assert.rejects(silently('unknown.account'), (error) => isAppError(error, 'SIGN_IN_REQUIRED'));
  });

  it('treats a cache sealed under a rotated key as empty instead of failing', async () => {
    const { account } = await signInMegan();
    const rotated = new SecretBox(SecretBox.generateKey());
    await assert.rejects(silently(account.homeAccountId, undefined, rotated), (error) =>
      isAppError(error, 'SIGN_IN_REQUIRED'),
    );
    const service = harness.service({ store, box: rotated });
    const { callback } = await signInInBrowser(harness, service);
    const again = await service.complete(callback);
    assert.equal(
      (await silently(account.homeAccountId, undefined, rotated)).accessToken,
      again.result.accessToken,
    );
  });

  it('a forced refresh proves the refresh token still works, where the cached access token hides a revoked session', async () => {
    const service = harness.service({ store });
    const { callback } = await signInInBrowser(harness, service);
    const { result } = await service.complete(callback);
    const homeAccountId = result.account.homeAccountId;
    harness.sandbox.revokeRefreshTokens();
    // The access token from the sign-in is still cached and valid: a plain silent request is served from it.
    await service.acquireTokenSilently(homeAccountId, PRODUCT_APP);
    await assert.rejects(
      service.acquireTokenSilently(homeAccountId, PRODUCT_APP, undefined, undefined, { forceRefresh: true }),
      (error) => isAppError(error, 'SIGN_IN_REQUIRED'),
    );
  });

  it('keeps both sign-ins when two finish at the same time', async () => {
    const service = harness.service({ store });
    const megan = await signInInBrowser(harness, service, { conversationId: 'a:one' });
    const alex = await signInInBrowser(harness, service, {
      conversationId: 'a:two',
      loginHint: harness.upn('Alex Wilber'),
    });
    const [first, second] = await Promise.all([
      service.complete(megan.callback),
      service.complete(alex.callback),
    ]);
    const fresh = harness.service({ store });
    for (const { result } of [first, second]) {
      const token = await fresh.acquireTokenSilently(result.account.homeAccountId, PRODUCT_APP);
      assert.equal(token.account.oid, result.account.oid);
    }
  });
});
