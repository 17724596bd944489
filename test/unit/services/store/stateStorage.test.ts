import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { AppStore } from '../../../../services/store/appStore.js';
import { StateStorage } from '../../../../services/store/stateStorage.js';
import type { StoreData } from '../../../../services/store/storeData.js';

describe('StateStorage (bot state with eTags)', () => {
  let storage: StateStorage;
  beforeEach(async () => {
    storage = new StateStorage(await AppStore.open(new Memory<StoreData>()));
  });

  it('reads back what was written, with a fresh eTag', async () => {
    await storage.write({ a: { count: 1 } });
    const { a } = await storage.read(['a', 'missing']);
    assert.equal(a.count, 1);
    assert.equal(typeof a.eTag, 'string');
  });

  it('accepts a write carrying the current eTag and refuses a stale one', async () => {
    await storage.write({ a: { count: 1 } });
    const first = (await storage.read(['a'])).a;
    await storage.write({ a: { ...first, count: 2 } });
    await assert.rejects(storage.write({ a: { ...first, count: 3 } }), (error) =>
      isAppError(error, 'STORE_CONFLICT'),
    );
    assert.equal((await storage.read(['a'])).a.count, 2);
  });

  it('lets "*" overwrite whatever is there', async () => {
    await storage.write({ a: { count: 1 } });
    await storage.write({ a: { count: 5, eTag: '*' } });
    assert.equal((await storage.read(['a'])).a.count, 5);
  });

  it('changes nothing when one item of a batch conflicts', async () => {
    await storage.write({ a: { count: 1 }, b: { count: 1 } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { ...a, count: 2 } });
    await assert.rejects(storage.write({ b: { count: 9 }, a: { ...a, count: 9 } }));
    const after = await storage.read(['a', 'b']);
    assert.equal(after.a.count, 2);
    assert.equal(after.b.count, 1);
  });

  it('returns copies, so a caller cannot change stored state by accident', async () => {
    await storage.write({ a: { list: [1] } });
    const { a } = await storage.read(['a']);
    (a.list as number[]).push(2);
    assert.deepEqual((await storage.read(['a'])).a.list, [1]);
  });

  it('deletes', async () => {
    await storage.write({ a: { count: 1 } });
    await storage.delete(['a']);
    assert.deepEqual(Object.keys(await storage.read(['a'])), []);
  });

  it('keeps keys named like Object’s members as plain keys, and finds none it was not given', async () => {
    assert.deepEqual(Object.keys(await storage.read(['constructor', 'toString', '__proto__'])), []);
    await storage.write({ ['__proto__']: { count: 1 }, constructor: { count: 2 } });
    const items = await storage.read(['__proto__', 'constructor', 'toString']);
    assert.deepEqual(Object.keys(items), ['__proto__', 'constructor']);
    assert.equal(items['__proto__'].count, 1);
    const constructor: string = 'constructor';
    assert.equal(items[constructor].count, 2);
    assert.equal(({} as Record<string, unknown>).count, undefined);
  });
});
