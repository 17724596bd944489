// One MSAL confidential client per app registration (client id), all sharing the sealed token cache in the store.
import { createHash } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { AppError } from '../../bot/errors.js';
import type { SecretBox } from '../crypto/secretBox.js';
import type { AppRegistration } from '../settings/integrationSettings.js';
import type { AppStore } from '../store/appStore.js';
import { authorityUrl } from './openIdDiscovery.js';
import { TokenCachePlugin } from './tokenCachePlugin.js';

/** The product's own multi-tenant app registration, from configuration. */
export interface ProductApp {
  clientId: string;
  clientSecret: string;
}

export interface MsalClientPoolDeps {
  authorityHost: string;
  productApp?: ProductApp;
  store: AppStore;
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
  readonly #cachePlugin: TokenCachePlugin;
  readonly #clients = new Map<string, { fingerprint: string; client: ConfidentialClientApplication }>();

  constructor(deps: MsalClientPoolDeps) {
    this.#deps = deps;
    this.#cachePlugin = new TokenCachePlugin(deps.store, deps.box);
  }

  /** The authority URL for one tenant; every request names it, so one client serves any tenant. */
  authority(tenantId: string): string {
    return authorityUrl(this.#deps.authorityHost, tenantId);
  }

  clientFor(registration: AppRegistration): ConfidentialClientApplication {
    return this.#client(this.#credentials(registration));
  }

  clientIdFor(registration: AppRegistration): string {
    return registration.kind === 'own' ? registration.clientId : this.#credentials(registration).clientId;
  }

  /** Any client will do for cache operations: accounts are shared by every client id in the cache. */
  cacheClient(): ConfidentialClientApplication {
    const first = this.#clients.values().next();
    return first.done ? this.#client(this.#deps.productApp ?? CACHE_ONLY_APP) : first.value.client;
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
