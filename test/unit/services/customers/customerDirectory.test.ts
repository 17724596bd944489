// The directory's search index: built a slice at a time after each sync, never by the turn that first needs it.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../../../services/customers/customerCache.js';
import { CustomerDirectory } from '../../../../services/customers/customerDirectory.js';
import { CustomerSearch } from '../../../../services/customers/customerSearch.js';
import { suggestCustomers } from '../../../../services/mappings/suggestions.js';
import { asCspCustomers, customerList } from '../../../fixtures/nearMissCustomers.js';

const list = (customers: number, seed: number) =>
  asCspCustomers(customerList({ customers, seed, nonLatin: 0.05, invented: 0.15, twins: 0.01 }));

/** The longest stretch in which no setImmediate callback could run, while `work` goes on. */
async function longestStall(work: Promise<unknown>): Promise<{ stallMs: number; ticks: number }> {
  let last = performance.now();
  let stallMs = 0;
  let ticks = 0;
  let going = true;
  const tick = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    ticks++;
    if (going) setImmediate(tick);
  };
  setImmediate(tick);
  await work;
  going = false;
  return { stallMs, ticks };
}

describe('CustomerDirectory', () => {
  it('indexes a synced list in the background, in slices, and then answers as an index built at once', async () => {
    const customers = list(4_000, 11);
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const directory = new CustomerDirectory(cache);
    await cache.replace(customers, '2026-12-01T08:00:00.000Z');
    const built = directory.built();
    // The sync's swap started the build already: asking again joins it.
    assert.equal(directory.built(), built);
    // With no index at all yet, a turn waits for this one.
    assert.equal(directory.ready(), built);
    const { ticks } = await longestStall(built);
    // Built at once, the index would leave no room for a single tick between its start and its end.
    assert.ok(ticks > 5, `${ticks} ticks while indexing 4,000 customers`);
    const fresh = new CustomerSearch(customers);
    for (const query of ['contoso', 'mull', 'north wind', customers[1234].displayName, 'zz']) {
      assert.deepEqual(
        directory.search(query, 15, 0).map((customer) => customer.tenantId),
        fresh.search(query, 15).map((match) => match.customer.tenantId),
        query,
      );
    }
  });

  it('answers from the previous list while the next one is indexed, then from the new one', async () => {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const directory = new CustomerDirectory(cache);
    const first: CspCustomer[] = list(300, 1);
    await cache.replace(first, '2026-12-01T08:00:00.000Z');
    await directory.ready();
    const added = {
      ...first[0],
      tenantId: '9f9f9f9f-0000-4000-8000-000000000001',
      displayName: 'Quokka Dental',
    };
    // Read the moment the new list is in: the build has only just begun (the directory listens first), so
    // a host of any speed sees the previous list answer, without waiting for it.
    const meanwhile: { ready: Promise<void>; found: string[] }[] = [];
    cache.onReplaced(() =>
      meanwhile.push({
        ready: directory.ready(),
        found: directory.search('quokka', 15, 0).map((customer) => customer.tenantId),
      }),
    );
    await cache.replace([...first, added], '2026-12-01T14:00:00.000Z');
    // A turn does not wait for the new index: the previous list answers, and the build goes on meanwhile.
    assert.equal(meanwhile.length, 1);
    await meanwhile[0].ready;
    assert.deepEqual(meanwhile[0].found, []);
    await directory.built();
    assert.deepEqual(
      directory.search('quokka', 15, 0).map((customer) => customer.tenantId),
      [added.tenantId],
    );
  });

  it('drops a build that a newer list overtook', async () => {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const directory = new CustomerDirectory(cache);
    const older = list(2_000, 2);
    const newer = [
      { ...older[0], tenantId: '9f9f9f9f-0000-4000-8000-000000000002', displayName: 'Wombat Law' },
    ];
    await cache.replace(older, '2026-12-01T08:00:00.000Z');
    await cache.replace(newer, '2026-12-01T09:00:00.000Z');
    await directory.built();
    // Give the older build every chance to finish late and overwrite the newer index.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(directory.search('wombat', 15, 0)[0]?.tenantId, newer[0].tenantId);
    assert.deepEqual(directory.search(older[5].displayName, 15, 0), []);
  });

  it('builds at once for a caller that never awaited ready(), when there is no index at all yet', async () => {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const customers = list(50, 3);
    await cache.replace(customers, '2026-12-01T08:00:00.000Z');
    const directory = new CustomerDirectory(cache);
    assert.equal(directory.search(customers[7].displayName, 15, 0)[0]?.tenantId, customers[7].tenantId);
  });

  it('suggests for many organizations in slices, against the list just synced, and ranks a name once', async () => {
    const customers = list(3_000, 5);
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    const directory = new CustomerDirectory(cache);
    await cache.replace(customers.slice(0, 10), '2026-12-01T08:00:00.000Z');
    await directory.built();
    await cache.replace(customers, '2026-12-01T09:00:00.000Z');
    const organizations = customers.slice(0, 400).map((customer) => ({ name: customer.displayName }));
    const { ticks } = await longestStall(directory.suggestAll(organizations));
    assert.ok(ticks > 5, `${ticks} ticks while suggesting for 400 organizations`);
    const { suggestions } = await directory.suggestAll(organizations);
    const fresh = new CustomerSearch(customers);
    suggestions.forEach(({ organization, suggestion }) => {
      assert.deepEqual(
        suggestion.candidates.map((match) => match.customer.tenantId),
        suggestCustomers(organization, fresh).candidates.map((match) => match.customer.tenantId),
        organization.name,
      );
    });
    // Asked again for the same name, the directory answers what it found, without ranking again.
    assert.equal(directory.suggest(organizations[3]), suggestions[3].suggestion);
  });
});
