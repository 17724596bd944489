// The cache plugin's own rules: one MSAL flow at a time between load and save, writes only on change, unreadable means empty.
import assert from 'node:assert/strict';
import { TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node';
import { Memory } from 'lowdb';
import sinon from 'sinon';
import { FileTokenCache as TokenCachePlugin } from '../../../../services/store/file/tokenCache.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';

type CacheJson = Record<string, Record<string, unknown>>;

// Stands in for MSAL's in-memory cache: what it loaded, plus what a flow adds before saving.
class FakeMsalCache implements ISerializableTokenCache {
  state: CacheJson = {};
  deserialize(cache: string): void {
    this.state = JSON.parse(cache) as CacheJson;
  }
  serialize(): string {
    return JSON.stringify(this.state);
  }
  addAccount(key: string): void {
    this.state.Account = { ...this.state.Account, [key]: { home_account_id: key } };
  }
}

class CountingMemory extends Memory<StoreData> {
  writes = 0;
  override async write(data: StoreData): Promise<void> {
    this.writes += 1;
    await super.write(data);
  }
}

describe('TokenCachePlugin', () => {
  let adapter: CountingMemory;
  let store: AppStore;
  let box: SecretBox;
  let plugin: TokenCachePlugin;

  beforeEach(async () => {
    adapter = new CountingMemory();
    store = await AppStore.open(adapter);
    box = new SecretBox(SecretBox.generateKey());
    plugin = new TokenCachePlugin(store, box);
  });

  const stored = (): CacheJson =>
    JSON.parse(box.open(store.data.tokenCache!, 'msal-token-cache')) as CacheJson;

  it('lets a second flow load the cache only after the first one saved, so neither loses its tokens', async () => {
    const first = new FakeMsalCache();
    const second = new FakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(first, true));
    let secondLoaded = false;
    const secondLoad = plugin.beforeCacheAccess(new TokenCacheContext(second, true)).then(() => {
      secondLoaded = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(secondLoaded, false, 'the second flow waits');

    first.addAccount('megan');
    await plugin.afterCacheAccess(new TokenCacheContext(first, true));
    await secondLoad;
    second.addAccount('alex');
    await plugin.afterCacheAccess(new TokenCacheContext(second, true));
    assert.deepEqual(Object.keys(stored().Account).sort(), ['alex', 'megan']);
  });

  it('writes only when MSAL says the cache changed', async () => {
    const cache = new FakeMsalCache();
    const writesBefore = adapter.writes;
    await plugin.beforeCacheAccess(new TokenCacheContext(cache, false));
    cache.addAccount('megan');
    await plugin.afterCacheAccess(new TokenCacheContext(cache, false));
    assert.equal(adapter.writes, writesBefore);
    assert.equal(store.data.tokenCache, undefined);
  });

  it('removes the stored cache once it holds no account and no token', async () => {
    const cache = new FakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(cache, true));
    cache.addAccount('megan');
    await plugin.afterCacheAccess(new TokenCacheContext(cache, true));
    assert.ok(store.data.tokenCache);

    await plugin.beforeCacheAccess(new TokenCacheContext(cache, true));
    cache.state = { Account: {}, AppMetadata: { 'appmetadata-x': {} } };
    await plugin.afterCacheAccess(new TokenCacheContext(cache, true));
    assert.equal(store.data.tokenCache, undefined);
  });

  it('opens the seal only when the store holds another cache than the one it last read or wrote', async () => {
    const cache = new FakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(cache, true));
    cache.addAccount('megan');
    await plugin.afterCacheAccess(new TokenCacheContext(cache, true));
    const open = sinon.spy(box, 'open');
    for (let call = 0; call < 5; call++) {
      const loaded = new FakeMsalCache();
      await plugin.beforeCacheAccess(new TokenCacheContext(loaded, false));
      await plugin.afterCacheAccess(new TokenCacheContext(loaded, false));
      assert.deepEqual(Object.keys(loaded.state.Account), ['megan']);
    }
    assert.equal(open.callCount, 0, 'what it wrote is what it loads, without decrypting');

    // Another writer (a rollback, another process's file) puts a different cache in the store: that one is read.
    await store.update((data) => {
      data.tokenCache = box.seal('{"Account":{"alex":{}}}', 'msal-token-cache');
    });
    const loaded = new FakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(loaded, false));
    await plugin.afterCacheAccess(new TokenCacheContext(loaded, false));
    assert.deepEqual(Object.keys(loaded.state.Account), ['alex']);
    assert.equal(open.callCount, 1);
    open.restore();
  });

  it('loads a cache it cannot decrypt as empty', async () => {
    await store.update((data) => {
      data.tokenCache = new SecretBox(SecretBox.generateKey()).seal(
        '{"Account":{"x":{}}}',
        'msal-token-cache',
      );
    });
    const cache = new FakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(cache, false));
    await plugin.afterCacheAccess(new TokenCacheContext(cache, false));
    assert.deepEqual(cache.state.Account, {});
  });
});
