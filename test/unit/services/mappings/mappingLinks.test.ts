import assert from 'node:assert/strict';
import type { Adapter } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { MappingStore } from '../../../../services/mappings/mappingStore.js';
import { previewImport } from '../../../../services/organizations/csvImport.js';
import { compareNames } from '../../../../services/organizations/organizationOrder.js';
import { OrganizationStore } from '../../../../services/organizations/organizationStore.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const NORTHWIND = '33333333-3333-3333-3333-333333333333';
const CUSTOMERS = new Set([CONTOSO, FABRIKAM, NORTHWIND]);

/** A disk that keeps a copy of what was written, and can be told to hold the next write and then fail it. */
class Disk implements Adapter<StoreData> {
  saved: StoreData | null = null;
  #held: { reached: () => void; fail: (error: Error) => void } | undefined;
  #reached: Promise<void> | undefined;

  async read(): Promise<StoreData | null> {
    return this.saved && structuredClone(this.saved);
  }

  async write(data: StoreData): Promise<void> {
    const held = this.#held;
    if (!held) {
      this.saved = structuredClone(data);
      return;
    }
    this.#held = undefined;
    await new Promise<void>((_, reject) => {
      held.fail = reject;
      held.reached();
    });
  }

  /** The next write waits until `fail`; resolves once it has begun, while memory holds the change. */
  holdNext(): Promise<(error: Error) => void> {
    const held: { reached: () => void; fail: (error: Error) => void } = {
      reached: () => undefined,
      fail: () => undefined,
    };
    this.#reached = new Promise<void>((resolve) => (held.reached = resolve));
    this.#held = held;
    return this.#reached.then(() => held.fail);
  }
}

describe('The mapping and organization indexes', () => {
  let disk: Disk;
  let store: AppStore;
  let organizations: OrganizationStore;
  let mappings: MappingStore;
  const by = { by: ADMIN };

  beforeEach(async () => {
    disk = new Disk();
    store = await AppStore.open(disk);
    organizations = new FileOrganizationStore(store);
    mappings = new FileMappingStore(store, { customerExists: (tenantId) => CUSTOMERS.has(tenantId) });
  });

  const idOf = (name: string) => organizations.findByName(name)!.id;
  const add = async (...names: string[]) => {
    for (const name of names) await organizations.add({ name }, by);
  };

  /** What the stores answer, read through their indexes. */
  const answered = () => ({
    names: organizations.list().map((organization) => organization.name),
    byOrganization: organizations
      .list()
      .map((organization) => mappings.forOrganization(organization.id).map((m) => m.customerTenantId)),
    byCustomer: [...CUSTOMERS].map((tenantId) => mappings.forCustomer(tenantId).map((m) => m.organizationId)),
    counts: mappings.counts(),
    listed: mappings
      .list({ pageSize: 100 })
      .items.map((item) => [item.organization.name, item.mappings.length]),
  });

  /** The same facts found by scanning the data, as the stores did before they kept indexes. */
  const scanned = () => {
    const data = store.data;
    const all = Object.values(data.mappings).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const sorted = Object.values(data.organizations).sort((a, b) => compareNames(a.name, b.name));
    const linksOf = (id: string) => all.filter((mapping) => mapping.organizationId === id);
    const links = sorted.map((organization) => linksOf(organization.id).length);
    return {
      names: sorted.map((organization) => organization.name),
      byOrganization: sorted.map((organization) => linksOf(organization.id).map((m) => m.customerTenantId)),
      byCustomer: [...CUSTOMERS].map((tenantId) =>
        all.filter((m) => m.customerTenantId.toLowerCase() === tenantId).map((m) => m.organizationId),
      ),
      counts: {
        all: sorted.length,
        mapped: links.filter((n) => n > 0).length,
        unmapped: links.filter((n) => n === 0).length,
        conflicts: links.filter((n) => n > 1).length,
      },
      listed: sorted.map((organization, i) => [organization.name, links[i]]),
    };
  };

  const assertInStep = () => assert.deepEqual(answered(), scanned());

  it('follow map, map-all, unmap and remap, read after each', async () => {
    await add('Contoso', 'Fabrikam', 'Northwind', 'Adatum');
    assertInStep();
    await mappings.map(idOf('Contoso'), CONTOSO, by);
    assertInStep();
    await mappings.mapMany(
      [
        { organizationId: idOf('Fabrikam'), customerTenantId: FABRIKAM },
        { organizationId: idOf('Northwind'), customerTenantId: NORTHWIND },
        { organizationId: idOf('Northwind'), customerTenantId: FABRIKAM },
      ],
      by,
    );
    assertInStep();
    assert.deepEqual(
      mappings.forOrganization(idOf('Northwind')).map((m) => m.customerTenantId),
      [NORTHWIND],
    );
    await mappings.remap(idOf('Contoso'), NORTHWIND, by);
    assertInStep();
    assert.deepEqual(mappings.forCustomer(NORTHWIND).length, 2);
    await mappings.unmap(idOf('Fabrikam'), by);
    assertInStep();
    assert.deepEqual(mappings.forCustomer(FABRIKAM), []);
  });

  it('follow an organization’s removal, which takes its mappings with it', async () => {
    await add('Contoso', 'Fabrikam');
    await mappings.map(idOf('Contoso'), CONTOSO, by);
    assertInStep();
    await organizations.remove(idOf('Contoso'), by);
    assertInStep();
    assert.deepEqual(mappings.forCustomer(CONTOSO), []);
    assert.deepEqual(mappings.counts(), { all: 1, mapped: 0, unmapped: 1, conflicts: 0 });
  });

  it('follow a CSV import and a rename, keeping reading order', async () => {
    await add('Mango', 'Kiwi');
    assertInStep();
    const preview = previewImport(
      'name,external id\nBanana,B-1\nCherry,C-1\nKiwi,K-1\nclient 10,\nclient 2,\n',
      Object.values(store.data.organizations),
      organizations.revision,
    );
    await organizations.applyImport(preview, by);
    assertInStep();
    assert.deepEqual(answered().names, ['Banana', 'Cherry', 'client 2', 'client 10', 'Kiwi', 'Mango']);
    await organizations.rename(idOf('Mango'), 'Apple', by);
    assertInStep();
    assert.deepEqual(answered().names.slice(0, 2), ['Apple', 'Banana']);
  });

  it('follow a writer that moves the revision on without naming the mappings it touched', async () => {
    await add('Contoso', 'Fabrikam');
    await mappings.map(idOf('Contoso'), CONTOSO, by);
    assertInStep();
    await store.update((data) => {
      const id = 'imported';
      const organizationId = idOf('Contoso');
      data.mappings[id] = {
        id,
        organizationId,
        customerTenantId: FABRIKAM,
        createdAt: 'z',
        createdBy: 'import',
      };
      data.mappingRevision += 1;
    });
    assertInStep();
    assert.deepEqual(
      mappings.conflicts().map((item) => item.organization.name),
      ['Contoso'],
    );
  });

  it('go back with a failed write, even one read while it was pending, when the revision comes round again', async () => {
    await add('Contoso', 'Fabrikam');
    assertInStep();
    const failMap = disk.holdNext();
    const mapping = mappings.map(idOf('Contoso'), CONTOSO, by);
    const fail = await failMap;
    assert.equal(mappings.forOrganization(idOf('Contoso')).length, 1, 'memory holds the change meanwhile');
    fail(new Error('disk full'));
    await assert.rejects(mapping, (error) => isAppError(error, 'STORE_WRITE_FAILED'));
    // Another change takes the rolled-back revision's number: only the replaced record tells the two apart.
    await organizations.add({ name: 'Northwind' }, by);
    assertInStep();
    assert.deepEqual(mappings.forOrganization(idOf('Contoso')), []);
  });

  it('go back with a failed organization write the same way', async () => {
    await add('Contoso', 'Fabrikam');
    assertInStep();
    const failAdd = disk.holdNext();
    const adding = organizations.add({ name: 'Adatum' }, by);
    const fail = await failAdd;
    assert.equal(organizations.list()[0].name, 'Adatum', 'memory holds the change meanwhile');
    fail(new Error('disk full'));
    await assert.rejects(adding, (error) => isAppError(error, 'STORE_WRITE_FAILED'));
    await mappings.map(idOf('Fabrikam'), FABRIKAM, by);
    assertInStep();
    assert.deepEqual(answered().names, ['Contoso', 'Fabrikam']);
  });
});
