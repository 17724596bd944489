// The mapping use cases over the real stores: what a press decides, writes and answers, refusals included.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../../../services/customers/customerCache.js';
import { CustomerDirectory } from '../../../../services/customers/customerDirectory.js';
import { isAppError } from '../../../../services/errors.js';
import { MappingCases } from '../../../../services/mappings/mappingCases.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const SYNCED_AT = '2026-12-01T08:00:00.000Z';

const customer = (tenantId: string, displayName: string, defaultDomainName: string): CspCustomer => ({
  tenantId,
  displayName,
  defaultDomainName,
  hasContract: true,
  hasActiveGdap: true,
  relationships: [],
});

describe('Mapping use cases', () => {
  let store: AppStore;
  let organizations: FileOrganizationStore;
  let mappings: FileMappingStore;
  let directory: CustomerDirectory;
  let cases: MappingCases;
  let cache: CustomerCache;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    organizations = new FileOrganizationStore(store);
    cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    await cache.replace(
      [customer(CONTOSO, 'Contoso Ltd', 'contoso.com'), customer(FABRIKAM, 'Fabrikam Inc', 'fabrikam.com')],
      SYNCED_AT,
    );
    directory = new CustomerDirectory(cache);
    await directory.built();
    mappings = new FileMappingStore(store, {
      customerExists: (tenantId) => directory.get(tenantId) !== undefined,
    });
    cases = new MappingCases({ organizations, mappings, customers: directory });
  });

  const add = async (name: string, domain?: string) =>
    (await organizations.add({ name, domain }, { by: ADMIN })).id;
  const press = () => ({ by: ADMIN, revision: mappings.revision });
  const stale = (error: unknown) => isAppError(error, 'STALE');

  it('maps with names for the reply, and says when nothing changed', async () => {
    const id = await add('Contoso');
    const first = await cases.map({
      ...press(),
      organizationId: id,
      customerTenantId: CONTOSO,
      replace: false,
    });
    assert.deepEqual(first, {
      kind: 'mapped',
      changed: true,
      organizationName: 'Contoso',
      customerName: 'Contoso Ltd',
    });
    const again = await cases.map({
      ...press(),
      organizationId: id,
      customerTenantId: CONTOSO,
      replace: false,
    });
    assert.equal(again.kind === 'mapped' && again.changed, false);
  });

  it('refuses a card without a revision, or an older one, before anything else, and writes nothing', async () => {
    const id = await add('Contoso');
    const before = mappings.revision;
    await assert.rejects(
      cases.map({
        by: ADMIN,
        revision: undefined,
        organizationId: id,
        customerTenantId: CONTOSO,
        replace: false,
      }),
      stale,
    );
    await assert.rejects(cases.map({ by: ADMIN, revision: undefined, replace: false }), stale);
    await assert.rejects(
      cases.map({
        by: ADMIN,
        revision: before - 1,
        organizationId: id,
        customerTenantId: CONTOSO,
        replace: false,
      }),
      stale,
    );
    assert.equal(mappings.revision, before);
    assert.equal(mappings.linkCount(id), 0);
  });

  it('asks for both sides when one is missing', async () => {
    const id = await add('Contoso');
    assert.deepEqual(await cases.map({ ...press(), organizationId: id, replace: false }), {
      kind: 'incomplete',
      organizationId: id,
    });
  });

  it('refuses a second customer with MAPPING_CONFLICT, and remaps when asked to replace', async () => {
    const id = await add('Contoso');
    await cases.map({ ...press(), organizationId: id, customerTenantId: CONTOSO, replace: false });
    await assert.rejects(
      cases.map({ ...press(), organizationId: id, customerTenantId: FABRIKAM, replace: false }),
      (error) => isAppError(error, 'MAPPING_CONFLICT'),
    );
    assert.equal(cases.holdsAlready(id, CONTOSO), true);
    assert.equal(cases.holdsAlready(id, FABRIKAM), false);
    await cases.map({ ...press(), organizationId: id, customerTenantId: FABRIKAM, replace: true });
    assert.deepEqual(
      mappings.forOrganization(id).map((link) => link.customerTenantId),
      [FABRIKAM],
    );
  });

  it('unmaps, and says so when there was nothing to remove', async () => {
    const id = await add('Contoso');
    await cases.map({ ...press(), organizationId: id, customerTenantId: CONTOSO, replace: false });
    assert.deepEqual(await cases.unmap({ ...press(), organizationId: id }), {
      changed: true,
      organizationName: 'Contoso',
    });
    assert.equal((await cases.unmap({ ...press(), organizationId: id })).changed, false);
  });

  describe('a conflict (older data can link one organization to two customers)', () => {
    let id: string;
    beforeEach(async () => {
      id = await add('Contoso');
      // `map` never creates a conflict: older data did, and the store keeps whatever it loaded.
      await store.update((data) => {
        for (const tenantId of [CONTOSO, FABRIKAM]) {
          const mappingId = `m-${tenantId}`;
          data.mappings[mappingId] = {
            id: mappingId,
            organizationId: id,
            customerTenantId: tenantId,
            createdAt: '2026-11-01T00:00:00.000Z',
            createdBy: ADMIN,
          };
        }
        data.mappingRevision += 1;
      });
      mappings = new FileMappingStore(store, {
        customerExists: (tenantId) => directory.get(tenantId) !== undefined,
      });
      await mappings.ready();
      cases = new MappingCases({ organizations, mappings, customers: directory });
    });

    it('lists the linked customers to keep one of', () => {
      const view = cases.conflict(id);
      assert.equal(view.kind, 'conflict');
      assert.deepEqual(view.kind === 'conflict' && view.customers.map((linked) => linked.name).sort(), [
        'Contoso Ltd',
        'Fabrikam Inc',
      ]);
    });

    it('keeps one and removes the others in one write', async () => {
      const outcome = await cases.keep({ ...press(), organizationId: id, customerTenantId: FABRIKAM });
      assert.deepEqual(outcome, {
        kind: 'kept',
        changed: true,
        organizationName: 'Contoso',
        kept: 'Fabrikam Inc',
        removed: ['Contoso Ltd'],
      });
      assert.equal(cases.conflict(id).kind, 'single');
    });

    it('answers a stale card with the state now and changes nothing', async () => {
      const outcome = await cases.keep({
        by: ADMIN,
        revision: mappings.revision - 1,
        organizationId: id,
        customerTenantId: FABRIKAM,
      });
      assert.deepEqual(outcome, { kind: 'not-kept', reason: 'stale' });
      assert.equal(mappings.linkCount(id), 2);
    });

    it('does not keep for an unknown organization', async () => {
      assert.deepEqual(await cases.keep({ ...press(), organizationId: 'nope', customerTenantId: CONTOSO }), {
        kind: 'not-kept',
        reason: 'unknown',
      });
      assert.equal(cases.conflict('nope').kind, 'gone');
    });
  });

  it('maps every confident suggestion, and refuses a preview from before the last sync', async () => {
    const contoso = await add('Contoso', 'contoso.com');
    const other = await add('Nobody Like Them');
    const preview = await cases.previewAll();
    assert.equal(preview.unmapped, 2);
    assert.deepEqual(
      preview.preview.map(({ organization, customer }) => [organization.id, customer.tenantId]),
      [[contoso, CONTOSO]],
    );
    await cache.replace(
      [customer(CONTOSO, 'Contoso Ltd', 'contoso.com'), customer(FABRIKAM, 'Fabrikam Inc', 'fabrikam.com')],
      '2026-12-02T08:00:00.000Z',
    );
    assert.deepEqual(await cases.applyAll({ ...press(), syncedAt: preview.syncedAt }), { kind: 'resynced' });
    assert.equal(mappings.linkCount(contoso), 0);
    const fresh = await cases.previewAll();
    assert.deepEqual(await cases.applyAll({ ...press(), syncedAt: fresh.syncedAt }), {
      kind: 'applied',
      changed: true,
      mapped: 1,
    });
    assert.equal(mappings.linkCount(contoso), 1);
    assert.equal(mappings.linkCount(other), 0);
  });

  it('finds customers by a typed query, and nothing for an empty one', () => {
    assert.deepEqual(
      cases.find({ query: 'fabri', organizationId: '' }).results.map((found) => found.tenantId),
      [FABRIKAM],
    );
    assert.deepEqual(cases.find({ query: '', organizationId: '' }).results, []);
  });
});
