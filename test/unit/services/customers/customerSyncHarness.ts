// Test helper: a generated sandbox, the partner admin signed in through SignInService, CustomerSyncs over it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import { generateSeed } from '../../../../sandbox/generateSeed.js';
import type { SandboxSeed } from '../../../../sandbox/seed.js';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { SignInService } from '../../../../services/auth/signInService.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache } from '../../../../services/customers/customerCache.js';
import { CustomerSync } from '../../../../services/customers/customerSync.js';
import { authorizedAccountToken } from '../../../../services/customers/customerSyncToken.js';
import { GraphCustomerSource } from '../../../../services/customers/graphCustomerSource.js';
import type { GraphRetryPolicy } from '../../../../services/customers/graphCustomerRetry.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { fileSignInStorage } from '../../../../services/store/file/signInStorage.js';
import { FileSyncStatusStore } from '../../../../services/store/file/customerSync.js';

// Short backoffs keep 503s cheap in tests; Retry-After from the sandbox is still honoured in full.
export const FAST_RETRY: Partial<GraphRetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 20,
  maxDelayMs: 100,
  random: () => 0.5,
};

export interface SyncHarness {
  sandbox: RunningSandbox;
  seed: SandboxSeed;
  store: AppStore;
  dir: string;
  cacheFile: string;
  settings: IntegrationSettings;
  /** A CustomerSync over the harness store, with the production token getter unless the test gives one. */
  newSync(
    cache: CustomerCache,
    options?: { retry?: Partial<GraphRetryPolicy>; getAccessToken?: () => Promise<string> },
  ): CustomerSync;
  close(): Promise<void>;
}

export async function startSyncHarness(options: {
  customers: number;
  pageSize: number;
}): Promise<SyncHarness> {
  const seed = generateSeed({ customers: options.customers, seed: 7 });
  const sandbox = await startSandbox({ seed, pageSize: options.pageSize });
  trustCertificateAuthority(sandbox.caCertPem);
  const store = await AppStore.open(new Memory<StoreData>());
  const box = new SecretBox(SecretBox.generateKey());
  const signIn = new SignInService({
    authorityHost: sandbox.authorityHost,
    publicBaseUrl: 'http://127.0.0.1:1',
    productApp: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    storage: fileSignInStorage(store, box),
    box,
  });
  const settings = await signInPartnerAdmin(sandbox, signIn);
  await store.update((data) => {
    data.settings = settings;
  });
  const dir = await mkdtemp(join(tmpdir(), 'customer-sync-'));
  return {
    sandbox,
    seed,
    store,
    dir,
    cacheFile: join(dir, 'customers.json'),
    settings,
    newSync: (cache, { retry = FAST_RETRY, getAccessToken } = {}) =>
      new CustomerSync({
        status: new FileSyncStatusStore(store),
        cache,
        getAccessToken: getAccessToken ?? authorizedAccountToken(() => store.data.settings, signIn),
        createSource: (token) =>
          new GraphCustomerSource(
            createGraphClient({ graphBaseUrl: sandbox.graphBaseUrl, getAccessToken: token }),
            { retry },
          ),
      }),
    close: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The setup wizard's sign-in, without Teams: authorize (the sandbox picks its default admin), then the callback.
async function signInPartnerAdmin(
  sandbox: RunningSandbox,
  signIn: SignInService,
): Promise<IntegrationSettings> {
  const reference = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: 'a:sync-test' },
    bot: { id: '28:bot' },
  };
  const { startUrl } = await signIn.createPending({
    userAadId: 'admin-aad-id',
    conversationId: 'a:sync-test',
    reference,
    tenantId: sandbox.partnerTenantId,
    appRegistration: { kind: 'product' },
  });
  const state = new URL(startUrl).searchParams.get('state') ?? '';
  const redirect = await fetch(await signIn.authorizeUrl(state), { redirect: 'manual' });
  const back = new URL(redirect.headers.get('location') ?? '');
  const { result } = await signIn.complete({ state, code: back.searchParams.get('code') ?? undefined });
  const now = new Date().toISOString();
  return {
    integrations: ['csp'],
    appRegistration: { kind: 'product' },
    partnerTenant: { input: sandbox.partnerTenantId, tenantId: sandbox.partnerTenantId },
    gdap: { duration: 'P730D', autoExtend: 'P180D', roleIds: [], groupPrefix: 'GDAP' },
    alerts: { conversationId: 'a:sync-test', label: 'test' },
    authorizedAccount: {
      oid: result.account.oid,
      upn: result.account.username,
      displayName: result.account.name,
      tenantId: result.account.tenantId,
      authorizedAt: now,
      homeAccountId: result.account.homeAccountId,
    },
    updatedAt: now,
    updatedBy: 'test',
  };
}

// Graph lists a customer under delegatedAdminCustomers while one of its relationships still grants access.
const ACCESS_GRANTING = new Set(['active', 'expiring', 'terminationRequested']);

/** What a correct sync must produce for a seed, worked out from the seed alone. */
export function expectedCustomers(seed: SandboxSeed): Map<string, CspCustomer> {
  const byTenant = new Map<string, SandboxSeed['relationships']>();
  for (const r of seed.relationships) {
    if (r.customer) byTenant.set(r.customer.tenantId, [...(byTenant.get(r.customer.tenantId) ?? []), r]);
  }
  const expected = new Map<string, CspCustomer>();
  for (const customer of seed.customers) {
    const relationships = byTenant.get(customer.tenantId) ?? [];
    if (!customer.contract && relationships.length === 0) continue;
    expected.set(customer.tenantId, {
      tenantId: customer.tenantId,
      displayName: customer.displayName,
      defaultDomainName: customer.contract ? customer.defaultDomainName : '',
      ...(customer.contract ? { contractType: customer.contract.contractType } : {}),
      hasContract: Boolean(customer.contract),
      hasActiveGdap: relationships.some((r) => ACCESS_GRANTING.has(r.status)),
      relationships: relationships.map((r) => ({
        id: r.id,
        displayName: r.displayName,
        // A request left unapproved for 90 days reads expired, as Graph shows it.
        status:
          r.status === 'approvalPending' && Date.now() - Date.parse(r.createdDateTime) > 90 * 86_400_000
            ? 'expired'
            : r.status,
        createdDateTime: r.createdDateTime,
        ...(r.endDateTime ? { endDateTime: r.endDateTime } : {}),
        autoExtendDuration: r.autoExtendDuration,
        roleIds: r.roleDefinitionIds,
      })),
    });
  }
  return expected;
}
