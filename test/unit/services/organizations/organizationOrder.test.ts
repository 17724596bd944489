// The organizations in reading order after an import: sorted in slices beside the turns, and the same as a fresh sort.
import assert from 'node:assert/strict';
import { compareNames, OrganizationOrder } from '../../../../services/organizations/organizationOrder.js';
import { nameKey } from '../../../../services/organizations/organizationRules.js';
import { emptyStoreData, type Organization, type StoreData } from '../../../../services/store/storeData.js';

const PLACES = ['Łódź', 'Zürich', 'Malmö', 'Tromsø', 'Córdoba', 'Straßburg', 'Århus', 'Kraków'];

function organization(n: number, name = `${PLACES[n % PLACES.length]} Client ${n}`): Organization {
  return {
    id: `org-${n}`,
    name,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Adds organizations from..to in one change, as an import does: one revision for all of them. */
function importRange(data: StoreData, from: number, to: number): void {
  for (let n = from; n < to; n++) data.organizations[`org-${n}`] = organization(n);
  data.mappingRevision += 1;
}

const freshOrder = (data: StoreData) =>
  Object.values(data.organizations)
    .sort((a, b) => compareNames(a.name, b.name))
    .map((org) => org.id);

describe('The organizations’ order', () => {
  it('sorts an import of tens of thousands in slices, catching up on a rename made meanwhile', async () => {
    const data = emptyStoreData();
    importRange(data, 0, 2_000);
    const order = new OrganizationOrder();
    assert.deepEqual(
      order.sorted(data).map((org) => org.id),
      freshOrder(data),
    );
    importRange(data, 2_000, 20_000);
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks++;
      // A turn's write while the order is sorted: a rename replaces the organization's object.
      if (ticks === 2) {
        data.organizations['org-4321'] = organization(4321, 'Aardvark Plumbing');
        data.mappingRevision += 1;
      }
      setImmediate(tick);
    };
    setImmediate(tick);
    await order.ready(() => data);
    running = false;
    // The rename is made on the second turn: the sort must have given the loop at least that many.
    assert.ok(ticks > 2, `the event loop had ${ticks} turns while 18,000 names were sorted`);
    assert.deepEqual(
      order.sorted(data).map((org) => org.id),
      freshOrder(data),
    );
    assert.equal(order.sorted(data)[0].name, 'Aardvark Plumbing');
    assert.equal(order.withKey(data, nameKey('Aardvark Plumbing'))?.id, 'org-4321');
    assert.equal(order.withKey(data, nameKey('Zürich Client 15001'))?.id, 'org-15001');
  });

  it('answers a read made while it sorts, at once and right', async () => {
    const data = emptyStoreData();
    importRange(data, 0, 500);
    const order = new OrganizationOrder();
    order.sorted(data);
    importRange(data, 500, 4_000);
    const sorting = order.ready(() => data);
    assert.deepEqual(
      order.sorted(data).map((org) => org.id),
      freshOrder(data),
    );
    await sorting;
    assert.deepEqual(
      order.sorted(data).map((org) => org.id),
      freshOrder(data),
    );
  });

  it('places a few changes at once, without a sort in slices', async () => {
    const data = emptyStoreData();
    importRange(data, 0, 3_000);
    const order = new OrganizationOrder();
    await order.ready(() => data);
    const before = order.sorted(data);
    data.organizations['org-10'] = organization(10, 'Aaron Dental');
    data.mappingRevision += 1;
    let ticks = 0;
    setImmediate(() => ticks++);
    await order.ready(() => data);
    assert.equal(ticks, 0, 'no pause for one rename');
    assert.notEqual(order.sorted(data), before, 'a new array: a reader of the old one keeps what it had');
    assert.equal(order.sorted(data)[0].id, 'org-10');
  });
});
