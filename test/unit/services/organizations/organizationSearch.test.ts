// The organization search over the store: after any mix of writes it answers as an index built afresh would.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { OrganizationNameIndex } from '../../../../services/organizations/organizationNameIndex.js';
import { compareNames, OrganizationOrder } from '../../../../services/organizations/organizationOrder.js';
import { OrganizationSearch } from '../../../../services/organizations/organizationSearch.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';

const ADMIN = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const TRADES = ['Dental Care', 'Logistics', 'Bäckerei', 'Plumbing', 'Architects'];
const PLACES = ['Łódź', 'Zürich', 'Malmö', 'Tromsø', 'Córdoba', 'Straßburg', 'Århus', 'Kraków'];
const QUERIES = [
  '',
  'dental',
  'lodz plumbing',
  'zurich',
  'malmo',
  'tromso log',
  'strassburg',
  'krakow arch',
  'zz',
];

/** Every page the drop-down could show, from the live search and from an index built over the store now. */
function pages(search: OrganizationSearch, store: AppStore) {
  const fresh = new OrganizationNameIndex(Object.values(store.data.organizations));
  return QUERIES.flatMap((query) =>
    [0, 15, 30].map((skip) => ({
      query,
      skip,
      live: search.search(query, 15, skip).map((organization) => organization.name),
      fresh: fresh.search(query, 15, skip).map((organization) => organization.name),
    })),
  );
}

describe('Organization search kept in step with the store', () => {
  it('answers as a fresh index after a bulk load, then after adds, renames and removes', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const organizations = new FileOrganizationStore(store);
    const search = new OrganizationSearch(new FileOrganizationStore(store));
    // More than the search keeps apart from its full index, in one write, as a CSV import makes them.
    await store.update((data) => {
      for (let n = 0; n < 400; n++) {
        const id = `org-${n}`;
        const name = `${PLACES[n % PLACES.length]} ${TRADES[n % TRADES.length]} ${n}`;
        data.organizations[id] = {
          id,
          name,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
      }
    });
    for (const page of pages(search, store))
      assert.deepEqual(page.live, page.fresh, `${page.query} @${page.skip}`);
    await organizations.rename('org-3', 'Zürich Dental Care Nord', { by: ADMIN });
    await organizations.remove('org-8', { by: ADMIN });
    await organizations.remove('org-16', { by: ADMIN });
    const added = await organizations.add({ name: 'Łódź Plumbing Centrum' }, { by: ADMIN });
    await organizations.rename(added.id, 'Łódź Plumbing Centrum Sp. z o.o.', { by: ADMIN });
    for (const page of pages(search, store))
      assert.deepEqual(page.live, page.fresh, `${page.query} @${page.skip}`);
    assert.ok(
      search.search('zurich dental care nord', 15).some((organization) => organization.id === 'org-3'),
    );
    assert.ok(!search.search('malmo', 400).some((organization) => organization.id === 'org-8'));
  });

  it('rebuilds after an import in slices before a turn reads it, and a second turn waits for the same build', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const search = new OrganizationSearch(new FileOrganizationStore(store));
    const organizations = new FileOrganizationStore(store);
    await search.ready();
    await store.update((data) => {
      for (let n = 0; n < 3_000; n++) {
        const id = `org-${n}`;
        data.organizations[id] = {
          id,
          name: `${PLACES[n % PLACES.length]} ${TRADES[n % TRADES.length]} ${n}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
      }
      // As every writer of organizations does.
      data.mappingRevision += 1;
    });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const first = search.ready();
    const second = search.ready();
    // A write while the index is built is found too, by the catch-up that follows the build.
    const renamed = organizations.rename('org-7', 'Quokka Architects', { by: ADMIN });
    await Promise.all([first, second, renamed]);
    clearInterval(ticker);
    assert.ok(ticks > 1, `${ticks} timer ticks while 3,000 names were indexed`);
    for (const page of pages(search, store))
      assert.deepEqual(page.live, page.fresh, `${page.query} @${page.skip}`);
    assert.deepEqual(
      search.search('quokka', 15).map((organization) => organization.id),
      ['org-7'],
    );
  });

  it('reads no organization after a write that changes none, such as a conversation’s state', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const search = new OrganizationSearch(new FileOrganizationStore(store));
    const organizations = new FileOrganizationStore(store);
    for (const name of ['Zürich Dental Care', 'Łódź Plumbing', 'Malmö Logistics'])
      await organizations.add({ name }, { by: ADMIN });
    await search.ready();
    const listings = await countListings(store);
    // The record was replaced, so the search and the store's order read it once; after that a state write costs
    // them nothing.
    await search.ready();
    await organizations.ready();
    listings.count = 0;
    for (let turn = 0; turn < 5; turn++) {
      await store.update((data) => {
        data.botState[`conversation-${turn}`] = { eTag: `${turn}`, item: { step: turn } };
      });
      await search.ready();
      assert.deepEqual(
        search.search('malmo', 15).map((organization) => organization.name),
        ['Malmö Logistics'],
      );
    }
    assert.equal(listings.count, 0, 'the organizations were listed after writes that changed none');
    const malmo = organizations.findByName('Malmö Logistics');
    assert.ok(malmo);
    await organizations.rename(malmo.id, 'Malmö Freight', { by: ADMIN });
    await search.ready();
    assert.equal(listings.count, 0, 'the store’s journal names the renamed organization: only it is read');
    assert.deepEqual(
      search.search('malmo', 15).map((organization) => organization.name),
      ['Malmö Freight'],
    );
    // A change the journal cannot account for (a revision moved by hand, as older code did) is walked.
    await store.update((data) => {
      data.organizations[malmo.id] = { ...data.organizations[malmo.id], name: 'Malmö Shipping' };
      data.mappingRevision += 1;
    });
    await search.ready();
    assert.ok(listings.count > 0, 'a change outside the journal is found by a walk');
    assert.deepEqual(
      search.search('malmo', 15).map((organization) => organization.name),
      ['Malmö Shipping'],
    );
  });

  it('reads no organization after mapping writes, and only the named ones after renames, at 10,000', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    await store.update((data) => {
      for (let n = 0; n < 10_000; n++) {
        const id = `org-${n}`;
        data.organizations[id] = {
          id,
          name: `${PLACES[n % PLACES.length]} ${TRADES[n % TRADES.length]} ${n}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
      }
    });
    const search = new OrganizationSearch(new FileOrganizationStore(store));
    const order = new OrganizationOrder();
    const organizations = new FileOrganizationStore(store);
    const mappings = new FileMappingStore(store, { customerExists: () => true });
    await search.ready();
    await order.ready(() => store.data);
    const listings = await countListings(store);
    await search.ready();
    await order.ready(() => store.data);
    await organizations.ready();
    listings.count = 0;
    // Fewer writes than the journal keeps: the store's own order, read next by the rename, catches up from it too.
    for (let n = 0; n < 12; n++) {
      const tenantId = `0000000${n % 10}-1111-4222-8333-44445555666${n % 10}`;
      await mappings.map(`org-${n}`, tenantId, { by: ADMIN });
      await search.ready();
      await order.ready(() => store.data);
      assert.equal(order.sorted(store.data).length, 10_000);
    }
    await organizations.rename('org-42', 'Aardvark Plumbing', { by: ADMIN });
    await organizations.remove('org-43', { by: ADMIN });
    await search.ready();
    await order.ready(() => store.data);
    assert.equal(listings.count, 0, `the 10,000 organizations were listed ${listings.count} times`);
    assert.deepEqual(
      search.search('aardvark', 15).map((organization) => organization.id),
      ['org-42'],
    );
    const sorted = order.sorted(store.data);
    assert.equal(sorted[0].name, 'Aardvark Plumbing');
    assert.equal(sorted.length, 9_999);
    assert.deepEqual(
      sorted.map((organization) => organization.id),
      Object.values(store.data.organizations)
        .sort((a, b) => compareNames(a.name, b.name))
        .map((organization) => organization.id),
    );
  });
});

/** Puts the store's organizations behind a proxy that counts each listing of their keys (a walk over them all). */
async function countListings(store: AppStore): Promise<{ count: number }> {
  const listings = { count: 0 };
  await store.update((data) => {
    data.organizations = new Proxy(data.organizations, {
      ownKeys(target) {
        listings.count++;
        return Reflect.ownKeys(target);
      },
    });
  });
  return listings;
}
