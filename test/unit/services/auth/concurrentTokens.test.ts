// Many silent token requests at once, as "consent all" makes them: the saved account keeps every tenant it has.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { Memory } from 'lowdb';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { SignInService } from '../../../../services/auth/signInService.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import { DEFAULT_CONCURRENCY, inPool } from '../../../../services/gdap/consentAll.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { startGdapSandbox, type GdapSandbox } from '../gdap/gdapSandbox.js';
import { PRODUCT_APP, PUBLIC_BASE_URL, signInInBrowser, type AuthHarness } from './authHarness.js';
import { fileSignInStorage } from '../../../../services/store/file/signInStorage.js';

const CUSTOMER_GRAPH = ['https://graph.microsoft.com/.default'];
const CACHE_CONTEXT = 'msal-token-cache';

type SavedAccount = { home_account_id: string; tenantProfiles?: string[] };
type SavedCache = { Account: Record<string, SavedAccount> } & Record<string, unknown>;

// A busy bot's store: each save waits its turn behind other updates and an fsync, so MSAL calls overlap it.
class BusyMemory extends Memory<StoreData> {
  override async write(data: StoreData): Promise<void> {
    await delay(5);
    await super.write(data);
  }
}

describe('Silent tokens for many customer tenants at once', function () {
  this.timeout(30_000);
  let customers: GdapSandbox;
  let sandbox: RunningSandbox;
  let saved: BusyMemory;
  const box = new SecretBox(SecretBox.generateKey());

  before(async () => {
    customers = await startGdapSandbox();
    sandbox = customers.sandbox;
  });
  after(() => sandbox.close());
  beforeEach(() => {
    saved = new BusyMemory();
  });

  // A service over what is saved, as the bot opens it at start: a second call is the bot after a restart.
  async function service(): Promise<{ signIn: SignInService; store: AppStore }> {
    const store = await AppStore.open(saved);
    const signIn = new SignInService({
      authorityHost: sandbox.authorityHost,
      publicBaseUrl: PUBLIC_BASE_URL,
      productApp: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
      storage: fileSignInStorage(store, box),
      box,
    });
    return { signIn, store };
  }

  async function signInMegan(signIn: SignInService): Promise<string> {
    const { callback } = await signInInBrowser({ sandbox } as AuthHarness, signIn);
    return (await signIn.complete(callback)).result.account.homeAccountId;
  }

  const readyCustomers = (count: number) =>
    Array.from({ length: count }, () =>
      customers.customerWhere(
        (facts) => facts.statuses.includes('active') && facts.assigned && facts.consented,
      ),
    );

  const savedCache = (store: AppStore): SavedCache =>
    JSON.parse(box.open(store.data.tokenCache!, CACHE_CONTEXT)) as SavedCache;
  const savedTenants = (store: AppStore): string[] =>
    Object.values(savedCache(store).Account).flatMap((account) =>
      (account.tenantProfiles ?? []).map((profile) => (JSON.parse(profile) as { tenantId: string }).tenantId),
    );

  it('keeps the partner tenant and every customer tenant in the saved account', async () => {
    const { signIn, store } = await service();
    const homeAccountId = await signInMegan(signIn);
    const clients = readyCustomers(12);

    await inPool(clients, DEFAULT_CONCURRENCY, (client) =>
      signIn.acquireTokenSilently(homeAccountId, PRODUCT_APP, CUSTOMER_GRAPH, client.tenantId),
    );
    await store.flush();

    const tenants = savedTenants(store);
    assert.ok(tenants.includes(sandbox.partnerTenantId), `the partner tenant is gone: ${tenants.join(', ')}`);
    for (const client of clients)
      assert.ok(tenants.includes(client.tenantId), `${client.displayName} is gone`);
    const restarted = await service();
    const token = await restarted.signIn.acquireTokenSilently(homeAccountId, PRODUCT_APP);
    assert.equal(token.accessTokenClaims.tid, sandbox.partnerTenantId);
  });

  it('asks the partner tenant for partner-tenant tokens even when the saved account lists a customer first', async () => {
    const { signIn, store } = await service();
    const homeAccountId = await signInMegan(signIn);
    const [client] = readyCustomers(1);
    await signIn.acquireTokenSilently(homeAccountId, PRODUCT_APP, CUSTOMER_GRAPH, client.tenantId);
    // A cache an earlier version damaged: the account names only the customer tenant.
    const cache = savedCache(store);
    for (const account of Object.values(cache.Account)) {
      account.tenantProfiles = (account.tenantProfiles ?? []).filter(
        (profile) => (JSON.parse(profile) as { tenantId: string }).tenantId === client.tenantId,
      );
    }
    const damaged = box.seal(JSON.stringify(cache), CACHE_CONTEXT);
    await store.update((data) => {
      data.tokenCache = damaged;
    });

    const restarted = await service();
    const token = await restarted.signIn.acquireTokenSilently(homeAccountId, PRODUCT_APP);
    assert.equal(token.accessTokenClaims.tid, sandbox.partnerTenantId);
  });
});
