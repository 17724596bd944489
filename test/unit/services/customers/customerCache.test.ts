// The customer list file: compact, atomic, read back whole, and never overwritten when it could not be read.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory, type Adapter } from 'lowdb';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../../../services/customers/customerCache.js';

function customer(n: number, extra: Partial<CspCustomer> = {}): CspCustomer {
  return {
    tenantId: `0000000${n}-1111-4222-8333-444444444444`,
    displayName: `Customer ${n}`,
    defaultDomainName: `customer${n}.onmicrosoft.com`,
    contractType: 'ResellerPartner',
    hasContract: true,
    hasActiveGdap: n % 2 === 0,
    relationships: [],
    ...extra,
  };
}

describe('CustomerCache', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'customer-cache-'));
    file = join(dir, 'customers.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts empty without a file, and writes compact JSON that a restart reads back', async () => {
    const cache = await CustomerCache.openFile(file);
    assert.deepEqual(
      [cache.list(), cache.size, cache.syncedAt, cache.problem],
      [[], 0, undefined, undefined],
    );
    const customers = [customer(1), customer(2, { hasContract: false, contractType: undefined })];
    delete customers[1].contractType;

    await cache.replace(customers, new Date('2025-05-03T14:02:00Z'));

    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes('\n'), 'compact: no indentation or line breaks');
    assert.deepEqual(JSON.parse(text), {
      schemaVersion: 1,
      syncedAt: '2025-05-03T14:02:00.000Z',
      customers,
    });
    const restarted = await CustomerCache.openFile(file);
    assert.deepEqual(restarted.list(), customers);
    assert.equal(restarted.syncedAt, '2025-05-03T14:02:00.000Z');
    assert.deepEqual(await readdir(dir), ['customers.json'], 'no temporary file is left behind');
  });

  it('finds a customer by tenant id whatever its case', async () => {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    await cache.replace([customer(1), customer(2)], new Date());
    assert.equal(cache.get('00000002-1111-4222-8333-444444444444')?.displayName, 'Customer 2');
    assert.equal(cache.get('00000002-1111-4222-8333-444444444444'.toUpperCase())?.displayName, 'Customer 2');
    assert.equal(cache.get('00000009-1111-4222-8333-444444444444'), undefined);

    await cache.replace([customer(3)], new Date());
    assert.equal(cache.get('00000002-1111-4222-8333-444444444444'), undefined, 'the index follows the list');
  });

  it('keeps every write whole: a reader sees the old list or the new one, never a mix', async () => {
    const cache = await CustomerCache.openFile(file);
    const big = Array.from({ length: 5_000 }, (_, n) => customer(n));
    const writes = [cache.replace(big, new Date()), cache.replace(big.slice(0, 10), new Date())];
    const seen: number[] = [];
    while (seen.length < 20) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) seen.push((JSON.parse(text) as CustomerCacheData).customers.length);
      else seen.push(-1);
    }
    await Promise.all(writes);
    assert.ok(
      seen.every((count) => [-1, 5_000, 10].includes(count)),
      `parsed every time: ${seen}`,
    );
    assert.equal((await CustomerCache.openFile(file)).size, 10, 'the later replace wins');
  });

  it('starts with no list when the file is corrupt, and sets the file aside instead of overwriting it', async () => {
    await writeFile(file, '{"schemaVersion":1,"syncedAt":"2025-05-03T14:02:00Z","customers":[{"tenan');

    const cache = await CustomerCache.openFile(file);

    assert.equal(cache.size, 0);
    assert.equal(cache.problem?.code, 'CUSTOMER_CACHE_CORRUPT');
    assert.match(cache.problem?.message ?? '', /not valid JSON.*moved to .*customers\.json\.unreadable-/);
    const [aside] = (await readdir(dir)).filter((name) => name.startsWith('customers.json.unreadable-'));
    assert.match(await readFile(join(dir, aside), 'utf8'), /"customers":\[\{"tenan$/);

    await cache.replace([customer(1)], new Date());
    assert.equal((await CustomerCache.openFile(file)).size, 1);
    assert.match(await readFile(join(dir, aside), 'utf8'), /"tenan$/, 'the set-aside copy is untouched');
  });

  it('refuses to write over an unreadable list that cannot be set aside', async () => {
    let writes = 0;
    const adapter: Adapter<CustomerCacheData> = {
      read: async () => ({ schemaVersion: 99 }) as unknown as CustomerCacheData,
      write: async () => {
        writes += 1;
      },
    };
    const cache = await CustomerCache.open(adapter);
    assert.match(cache.problem?.message ?? '', /schema version 99.*could not be moved aside/);

    await assert.rejects(cache.replace([customer(1)], new Date()), { code: 'CUSTOMER_CACHE_CORRUPT' });
    assert.equal(writes, 0);
  });

  it('keeps the previous list in memory when writing the new one fails', async () => {
    const memory = new Memory<CustomerCacheData>();
    const cache = await CustomerCache.open(memory);
    await cache.replace([customer(1)], new Date('2025-05-03T14:02:00Z'));
    memory.write = () => Promise.reject(new Error('ENOSPC: no space left on device'));

    await assert.rejects(cache.replace([customer(2), customer(3)], new Date()), {
      code: 'STORE_WRITE_FAILED',
    });

    assert.deepEqual(cache.list(), [customer(1)]);
    assert.equal(cache.syncedAt, '2025-05-03T14:02:00.000Z');
  });

  it('takes relationships the bot read live for one customer, keeps the sync time, and saves them', async () => {
    const cache = await CustomerCache.openFile(file);
    const ended = { id: 'rel-1', displayName: 'GDAP-1', status: 'terminated', roleIds: ['role-a'] };
    await cache.replace([customer(1, { relationships: [ended] }), customer(2)], '2025-05-03T14:02:00.000Z');
    const before = cache.list();
    const created = {
      id: 'rel-2',
      displayName: 'GDAP-2',
      status: 'active',
      roleIds: ['role-a'],
      etag: 'W/"1"',
    };

    const first = cache.noteRelationships('00000001-1111-4222-8333-444444444444'.toUpperCase(), [
      ended,
      created,
    ]);
    const again = cache.noteRelationships('00000001-1111-4222-8333-444444444444', [ended, created]);
    assert.equal(first.changed, true);
    assert.equal(again.changed, false, 'the same relationships change nothing');
    assert.notEqual(cache.list(), before, 'a new list, so the alert check sees it changed');
    const noted = cache.get('00000001-1111-4222-8333-444444444444');
    assert.deepEqual(noted?.relationships.at(-1), {
      id: 'rel-2',
      displayName: 'GDAP-2',
      status: 'active',
      roleIds: ['role-a'],
    });
    assert.equal(noted?.hasActiveGdap, true);
    assert.equal(cache.syncedAt, '2025-05-03T14:02:00.000Z', 'still the last sync’s list');

    await first.saved;
    const restarted = await CustomerCache.openFile(file);
    assert.equal(restarted.get('00000001-1111-4222-8333-444444444444')?.relationships.length, 2);
    assert.equal(restarted.syncedAt, '2025-05-03T14:02:00.000Z');
    assert.equal(cache.noteRelationships('ffffffff-1111-4222-8333-444444444444', [created]).changed, false);
  });

  it('keeps what the bot noted after a sync began reading, which that sync may have read before', async () => {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const tenantId = '00000001-1111-4222-8333-444444444444';
    const ended = { id: 'rel-1', displayName: 'GDAP-1', status: 'terminated', roleIds: ['role-a'] };
    const created = { id: 'rel-2', displayName: 'GDAP-2', status: 'approvalPending', roleIds: ['role-a'] };
    await cache.replace([customer(1, { relationships: [ended] })], '2025-05-03T14:02:00.000Z');
    const syncBegan = new Date(Date.now() - 1);
    cache.noteRelationships(tenantId, [ended, created]);

    // The sync read the relationships before the bot created one: the bot's newer read stands.
    await cache.replace([customer(1, { relationships: [ended] })], '2025-05-03T14:05:00.000Z', {
      readSince: syncBegan,
    });
    assert.deepEqual(
      cache.get(tenantId)?.relationships.map((relationship) => relationship.id),
      ['rel-1', 'rel-2'],
    );
    assert.equal(cache.syncedAt, '2025-05-03T14:05:00.000Z');

    // A sync begun after a note is newer than it: the sync's list stands.
    cache.noteRelationships(tenantId, [created]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.replace([customer(1, { relationships: [ended] })], '2025-05-03T14:10:00.000Z', {
      readSince: new Date(Date.now() + 1),
    });
    assert.deepEqual(
      cache.get(tenantId)?.relationships.map((relationship) => relationship.id),
      ['rel-1'],
    );
  });
});
