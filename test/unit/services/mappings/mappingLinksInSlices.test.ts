// The mapping index built beside the turns: in slices, caught up on writes made meanwhile, then read without a scan.
import assert from 'node:assert/strict';
import { MappingLinks } from '../../../../services/mappings/mappingLinks.js';
import { recordChange } from '../../../../services/mappings/mappingRevision.js';
import { emptyStoreData, type Mapping, type StoreData } from '../../../../services/store/storeData.js';
import { seededRandom } from '../../../fixtures/nearMissCustomers.js';

const ORGANIZATIONS = 400;
const TENANTS = 300;

function partnerData(mappings: number): StoreData {
  const data = emptyStoreData();
  for (let i = 0; i < mappings; i++) data.mappings[`m${i}`] = mappingOf(`m${i}`, i);
  data.mappingRevision = 1;
  return data;
}

function mappingOf(id: string, n: number): Mapping {
  return {
    id,
    organizationId: `org-${n % ORGANIZATIONS}`,
    // Some tenants spelt in upper case, as older data holds them.
    customerTenantId: n % 7 === 0 ? `TENANT-${n % TENANTS}` : `tenant-${n % TENANTS}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 977)).toISOString(),
    createdBy: 'test',
  };
}

/** Each organization's and tenant's mappings found by scanning the record, oldest first. */
function scanned(data: StoreData) {
  const all = Object.values(data.mappings).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const organizations = new Map<string, string[]>();
  const tenants = new Map<string, string[]>();
  for (const mapping of all) {
    organizations.set(mapping.organizationId, [
      ...(organizations.get(mapping.organizationId) ?? []),
      mapping.id,
    ]);
    const tenant = mapping.customerTenantId.toLowerCase();
    tenants.set(tenant, [...(tenants.get(tenant) ?? []), mapping.id]);
  }
  return { organizations, tenants };
}

function assertInStep(links: MappingLinks, data: StoreData): void {
  const { organizations, tenants } = scanned(data);
  for (let i = 0; i < ORGANIZATIONS; i++) {
    const id = `org-${i}`;
    const found = links.ofOrganization(data, id).map((mapping) => mapping.id);
    assert.deepEqual([...found].sort(), [...(organizations.get(id) ?? [])].sort(), `mappings of ${id}`);
  }
  for (let i = 0; i < TENANTS; i++) {
    const id = `TENANT-${i}`;
    const found = links.ofCustomer(data, id).map((mapping) => mapping.id);
    assert.deepEqual(
      [...found].sort(),
      [...(tenants.get(id.toLowerCase()) ?? [])].sort(),
      `mappings of ${id}`,
    );
  }
  assert.deepEqual([...links.ids(data)].sort(), Object.keys(data.mappings).sort());
}

/** Puts the store's record behind a guard that, once shut, fails the test when the record's keys are listed. */
function guarded(data: StoreData): { shut: () => void } {
  let open = true;
  data.mappings = new Proxy(data.mappings, {
    ownKeys(target) {
      if (!open) throw new Error('the store’s mappings were listed');
      return Reflect.ownKeys(target);
    },
  });
  return { shut: () => (open = false) };
}

describe('The mapping index, built in slices', () => {
  it('gives the event loop turns while it indexes, and catches up on what they wrote', async () => {
    const data = partnerData(6_000);
    const links = new MappingLinks({ sliceMs: 0 });
    const random = seededRandom(7);
    let turns = 0;
    let running = true;
    let added = 0;
    // Other turns: map, unmap and remap, each journaled as the stores journal them.
    const write = () => {
      if (!running) return;
      turns++;
      const pick = random();
      const ids = Object.keys(data.mappings);
      const id = pick < 0.4 ? `added-${added++}` : ids[Math.floor(random() * ids.length)];
      if (pick < 0.4) data.mappings[id] = mappingOf(id, Math.floor(random() * 10_000));
      else if (pick < 0.7) delete data.mappings[id];
      else data.mappings[id] = { ...data.mappings[id], organizationId: `org-${Math.floor(random() * 50)}` };
      recordChange(data, { by: 'test', action: 'test', changes: [], at: new Date(), mappingIds: [id] });
      setImmediate(write);
    };
    setImmediate(write);
    await links.ready(() => data);
    running = false;
    assert.ok(turns > 5, `the event loop had ${turns} turns while the index was built`);
    assertInStep(links, data);
  });

  it('is read without listing the record once ready, and is built again for a replaced record', async () => {
    const data = partnerData(2_000);
    const guard = guarded(data);
    const links = new MappingLinks({ sliceMs: 0 });
    await links.ready(() => data);
    guard.shut();
    // A read now is a look-up, and so is a read after a journaled write; ids() comes from the index.
    assert.equal(links.ofOrganization(data, 'org-3').length, 5);
    delete data.mappings.m3;
    recordChange(data, { by: 'test', action: 'test', changes: [], at: new Date(), mappingIds: ['m3'] });
    assert.equal(links.ofOrganization(data, 'org-3').length, 4);
    assert.equal(links.ids(data).length, 1_999);

    // A rollback brings a new record: ready() indexes it, and nothing of the old one is left.
    const restored = partnerData(1_000);
    const restoredGuard = guarded(restored);
    await links.ready(() => restored);
    restoredGuard.shut();
    assert.equal(links.ofOrganization(restored, 'org-3').length, 3);
    assert.equal(links.ids(restored).length, 1_000);
  });

  it('ends on the store’s data when a rollback replaces it while the index is built', async () => {
    let data = partnerData(5_000);
    const links = new MappingLinks({ sliceMs: 0 });
    const building = links.ready(() => data);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const restored = partnerData(1_500);
    const guard = guarded(restored);
    data = restored;
    await building;
    guard.shut();
    // Built for the restored record, so this read is a look-up of it.
    assert.equal(links.ids(restored).length, 1_500);
    assert.equal(links.ofOrganization(restored, 'org-3').length, 4);
  });

  it('answers a read made while it is still building, at once and right', async () => {
    const data = partnerData(4_000);
    const links = new MappingLinks({ sliceMs: 0 });
    const building = links.ready(() => data);
    assertInStep(links, data);
    await building;
    assertInStep(links, data);
  });

  it('catches up on thousands of mappings written at once (an import) in slices, then reads them as look-ups', async () => {
    const data = partnerData(3_000);
    const links = new MappingLinks({ sliceMs: 0 });
    await links.ready(() => data);
    const imported: string[] = [];
    for (let n = 0; n < 5_000; n++) {
      const id = `imported-${n}`;
      data.mappings[id] = mappingOf(id, 3_000 + n);
      imported.push(id);
    }
    recordChange(data, {
      by: 'test',
      action: 'organization.import',
      changes: [],
      at: new Date(),
      mappingIds: imported,
    });
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks++;
      // Another turn unmaps one of the imported mappings while the catch-up runs.
      if (ticks === 3) {
        delete data.mappings['imported-42'];
        recordChange(data, {
          by: 'test',
          action: 'test',
          changes: [],
          at: new Date(),
          mappingIds: ['imported-42'],
        });
      }
      setImmediate(tick);
    };
    setImmediate(tick);
    await links.ready(() => data);
    running = false;
    assert.ok(ticks > 5, `the event loop had ${ticks} turns while 5,000 mappings were indexed`);
    assertInStep(links, data);
    assert.equal(links.ids(data).length, 7_999);
  });

  it('rebuilds in slices once when the journal no longer reaches back to what it indexed', async () => {
    const data = partnerData(3_000);
    const links = new MappingLinks({ sliceMs: 0 });
    await links.ready(() => data);
    // More single changes than the journal keeps: the index cannot tell which mappings they touched.
    for (let n = 0; n < 1_200; n++) {
      const id = `added-${n}`;
      data.mappings[id] = mappingOf(id, n);
      recordChange(data, { by: 'test', action: 'test', changes: [], at: new Date(), mappingIds: [id] });
    }
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await links.ready(() => data);
    running = false;
    assert.ok(ticks > 5, `the event loop had ${ticks} turns while the index was rebuilt`);
    assertInStep(links, data);
  });
});
