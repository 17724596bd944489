// Keeps MSAL's token cache sealed in the store, so tokens survive restarts without sitting in the data file as plain text.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretBox, Sealed } from '../../crypto/secretBox.js';
import type { AppStore } from '../appStore.js';

const SEAL_CONTEXT = 'msal-token-cache';
const TOKEN_SECTIONS = ['Account', 'IdToken', 'AccessToken', 'RefreshToken'] as const;
// Deserializing an empty cache (not '') is what makes MSAL drop what it still holds in memory.
const EMPTY_CACHE = JSON.stringify({
  Account: {},
  IdToken: {},
  AccessToken: {},
  RefreshToken: {},
  AppMetadata: {},
});

export class FileTokenCache implements ICachePlugin {
  readonly #store: AppStore;
  readonly #box: SecretBox;
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  // The store's sealed cache as this process last read or wrote it, and what it holds: while the store still holds
  // that one, MSAL loads it from here. MSAL loads before every silent call, and opening the seal each time made a
  // run over 200 customers (a token for each) spend most of its time decrypting one growing cache.
  #sealed: Sealed | undefined;
  #plain: string | undefined;

  constructor(store: AppStore, box: SecretBox) {
    this.#store = store;
    this.#box = box;
  }

  // MSAL loads here and saves in afterCacheAccess, always from a finally; holding a lock in between keeps
  // two concurrent flows (or two client ids sharing the cache) from overwriting each other's tokens. MSAL also
  // works on its in-memory cache outside these two calls, which is why MsalClientPool runs one call at a time.
  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    await this.#acquire();
    try {
      context.tokenCache.deserialize(this.#load());
    } catch {
      context.tokenCache.deserialize(EMPTY_CACHE);
    }
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    try {
      if (!context.cacheHasChanged) return;
      const serialized = context.tokenCache.serialize();
      const sealed = holdsTokens(serialized) ? this.#box.seal(serialized, SEAL_CONTEXT) : undefined;
      await this.#store.update((data) => {
        if (sealed) data.tokenCache = sealed;
        else delete data.tokenCache;
      });
      this.#sealed = sealed;
      this.#plain = sealed ? serialized : undefined;
    } finally {
      const release = this.#release;
      this.#release = undefined;
      release?.();
    }
  }

  #load(): string {
    const sealed = this.#store.data.tokenCache;
    if (sealed !== this.#sealed) {
      this.#sealed = sealed;
      this.#plain = open(this.#box, sealed);
    }
    return this.#plain ?? EMPTY_CACHE;
  }

  async #acquire(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }
}

// A cache sealed under an earlier key (rotated TOKEN_ENCRYPTION_KEY) reads as empty: the admin signs in again.
function open(box: SecretBox, sealed: Sealed | undefined): string | undefined {
  if (!sealed) return undefined;
  try {
    return box.open(sealed, SEAL_CONTEXT);
  } catch {
    return undefined;
  }
}

function holdsTokens(serialized: string): boolean {
  const cache = JSON.parse(serialized) as Record<string, Record<string, unknown> | undefined>;
  return TOKEN_SECTIONS.some((section) => Object.keys(cache[section] ?? {}).length > 0);
}
