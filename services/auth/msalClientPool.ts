// One MSAL confidential client per app registration (client id), all sharing the sealed token cache in the store,
// and used one call at a time.
import { createHash } from 'node:crypto';
import { ConfidentialClientApplication, type ICachePlugin } from '@azure/msal-node';
import { AppError } from '../errors.js';
import type { SecretBox } from '../crypto/secretBox.js';
import type { AppRegistration } from '../settings/integrationSettings.js';
import { authorityUrl } from './openIdDiscovery.js';

/** The product's own multi-tenant app registration, from configuration. */
export interface ProductApp {
  clientId: string;
  clientSecret: string;
}

export interface MsalClientPoolDeps {
  authorityHost: string;
  productApp?: ProductApp;
  /** The sealed token cache every client shares (services/store/file/tokenCache.ts keeps it in the file store). */
  tokenCache: ICachePlugin;
  box: SecretBox;
}

const APP_SECRET_CONTEXT = 'app-client-secret';
// Cache-only work (reading or removing accounts) never reaches the authority, so no real credential is needed.
const CACHE_ONLY_APP: ProductApp = {
  clientId: '00000000-0000-0000-0000-000000000000',
  clientSecret: 'unused',
};

export class MsalClientPool {
  readonly #deps: MsalClientPoolDeps;
  readonly #cachePlugin: ICachePlugin;
  readonly #clients = new Map<string, { fingerprint: string; client: ConfidentialClientApplication }>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(deps: MsalClientPoolDeps) {
    this.#deps = deps;
    this.#cachePlugin = deps.tokenCache;
  }

  /** The authority URL for one tenant; every request names it, so one client serves any tenant. */
  authority(tenantId: string): string {
    return authorityUrl(this.#deps.authorityHost, tenantId);
  }

  /**
   * Runs `work` with the client for `registration` once every earlier call has finished. MSAL Node empties a
   * client's in-memory cache before it loads the stored one, and builds the account it saves from that memory
   * before the plugin loads: a call that overlaps another sees an empty cache and saves an account that knows
   * only the tenant it just got a token for. The partner tenant dropped out of the stored account that way, and
   * after a restart the sign-in resolved to a customer tenant. One call at a time costs some parallel refreshes
   * in a large run; most calls are answered from the cache.
   */
  withClient<T>(
    registration: AppRegistration,
    work: (client: ConfidentialClientApplication) => Promise<T>,
  ): Promise<T> {
    return this.#exclusive(() => work(this.#client(this.#credentials(registration))));
  }

  /** As withClient, with any client: accounts are shared by every client id in the cache. */
  withCacheClient<T>(work: (client: ConfidentialClientApplication) => Promise<T>): Promise<T> {
    return this.#exclusive(() => work(this.#cacheClient()));
  }

  clientIdFor(registration: AppRegistration): string {
    return registration.kind === 'own' ? registration.clientId : this.#credentials(registration).clientId;
  }

  #cacheClient(): ConfidentialClientApplication {
    const first = this.#clients.values().next();
    return first.done ? this.#client(this.#deps.productApp ?? CACHE_ONLY_APP) : first.value.client;
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #credentials(registration: AppRegistration): ProductApp {
    if (registration.kind === 'own') {
      return {
        clientId: registration.clientId,
        clientSecret: this.#deps.box.open(registration.clientSecret, APP_SECRET_CONTEXT),
      };
    }
    if (!this.#deps.productApp) {
      throw new AppError('CONFIG_INVALID', 'the product app registration is not configured', {
        userMessage:
          'This bot has no app registration of its own configured (APP_CLIENT_ID). Run setup and choose your own app registration.',
      });
    }
    return this.#deps.productApp;
  }

  // A new secret for the same client id (setup run again) replaces the client instead of reusing the old secret.
  #client({ clientId, clientSecret }: ProductApp): ConfidentialClientApplication {
    const fingerprint = createHash('sha256').update(clientSecret).digest('hex');
    const cached = this.#clients.get(clientId);
    if (cached?.fingerprint === fingerprint) return cached.client;
    const client = new ConfidentialClientApplication({
      auth: {
        clientId,
        clientSecret,
        authority: this.authority('organizations'),
        // With the port: without it MSAL asks Microsoft's instance discovery about a local authority.
        knownAuthorities: [new URL(this.#deps.authorityHost).host],
      },
      cache: { cachePlugin: this.#cachePlugin },
    });
    this.#clients.set(clientId, { fingerprint, client });
    return client;
  }
}
