// The organization use cases over the real stores: paging, edits from cards, and an import's kept preview.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../../../services/customers/customerCache.js';
import { CustomerDirectory } from '../../../../services/customers/customerDirectory.js';
import { isAppError, type ErrorCode } from '../../../../services/errors.js';
import {
  KEPT_PREVIEWS,
  OrganizationCases,
  PAGE_SIZE,
} from '../../../../services/organizations/organizationCases.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const OTHER_ADMIN = '00000000-0000-0000-0000-0000000000a2';
const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';

const customer = (tenantId: string, displayName: string): CspCustomer => ({
  tenantId,
  displayName,
  defaultDomainName: `${displayName.split(' ')[0].toLowerCase()}.com`,
  hasContract: true,
  hasActiveGdap: true,
  relationships: [],
});

describe('Organization use cases', () => {
  let store: AppStore;
  let organizations: FileOrganizationStore;
  let mappings: FileMappingStore;
  let cases: OrganizationCases;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    organizations = new FileOrganizationStore(store);
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    await cache.replace(
      [customer(CONTOSO, 'Contoso Ltd'), customer(FABRIKAM, 'Fabrikam Inc')],
      '2026-12-01T08:00:00.000Z',
    );
    const customers = new CustomerDirectory(cache);
    await customers.built();
    mappings = new FileMappingStore(store, {
      customerExists: (tenantId) => customers.get(tenantId) !== undefined,
    });
    cases = new OrganizationCases({ organizations, mappings, customers });
  });

  const press = () => ({ by: ADMIN, revision: organizations.revision });
  const add = async (name: string) => (await cases.add({ ...press(), name })).id;
  const names = () => organizations.list().map((organization) => organization.name);
  const refusedWith = (code: ErrorCode) => (error: unknown) => isAppError(error, code);

  describe('the list', () => {
    it('pages by PAGE_SIZE and clamps a page outside the list to its first or last', async () => {
      for (let i = 1; i <= PAGE_SIZE * 2 + 3; i++) await add(`Org ${String(i).padStart(2, '0')}`);
      const second = await cases.list({ page: 2 });
      assert.deepEqual(
        { total: second.total, page: second.page, pages: second.pages, revision: second.revision },
        { total: 23, page: 2, pages: 3, revision: organizations.revision },
      );
      assert.deepEqual(
        second.organizations.map((organization) => organization.name),
        names().slice(PAGE_SIZE, PAGE_SIZE * 2),
      );
      const past = await cases.list({ page: 9 });
      assert.equal(past.page, 3);
      assert.deepEqual(
        past.organizations.map((organization) => organization.name),
        ['Org 21', 'Org 22', 'Org 23'],
      );
      assert.equal((await cases.list({ page: 0 })).page, 1);
    });

    it('is one empty page when there are no organizations', async () => {
      assert.deepEqual(await cases.list({ page: 3 }), {
        revision: 0,
        total: 0,
        page: 1,
        pages: 1,
        organizations: [],
      });
    });
  });

  describe('changes from a card', () => {
    it('adds, renames and removes, each naming the organization for the reply', async () => {
      const added = await cases.add({ ...press(), name: ' Contoso ', domain: 'contoso.com' });
      assert.deepEqual([added.name, added.domain], ['Contoso', 'contoso.com']);
      const renamed = await cases.rename({ ...press(), organizationId: added.id, name: 'Contoso Ltd' });
      assert.equal(renamed.name, 'Contoso Ltd');
      assert.deepEqual(await cases.remove({ ...press(), organizationId: added.id }), {
        kind: 'removed',
        name: 'Contoso Ltd',
      });
      assert.deepEqual(names(), []);
    });

    it('answers an organization removed already as such, not as a refusal', async () => {
      const id = await add('Contoso');
      await cases.remove({ ...press(), organizationId: id });
      assert.deepEqual(await cases.remove({ ...press(), organizationId: id }), { kind: 'already-removed' });
    });

    it('refuses a card without a revision, or an older one, and writes nothing', async () => {
      const id = await add('Contoso');
      const old = organizations.revision - 1;
      const before = organizations.revision;
      await assert.rejects(
        cases.add({ by: ADMIN, revision: undefined, name: 'Fabrikam' }),
        refusedWith('STALE'),
      );
      await assert.rejects(cases.add({ by: ADMIN, revision: old, name: 'Fabrikam' }), refusedWith('STALE'));
      await assert.rejects(
        cases.rename({ by: ADMIN, revision: old, organizationId: id, name: 'Contoso Ltd' }),
        refusedWith('STALE'),
      );
      await assert.rejects(
        cases.remove({ by: ADMIN, revision: undefined, organizationId: id }),
        refusedWith('STALE'),
      );
      assert.equal(organizations.revision, before);
      assert.deepEqual(names(), ['Contoso']);
    });

    it('refuses a duplicate name, a blank one and an unknown organization', async () => {
      const id = await add('Contoso');
      const fabrikam = await add('Fabrikam');
      await assert.rejects(cases.add({ ...press(), name: 'contoso' }), refusedWith('ORGANIZATION_EXISTS'));
      await assert.rejects(
        cases.rename({ ...press(), organizationId: fabrikam, name: 'CONTOSO' }),
        refusedWith('ORGANIZATION_EXISTS'),
      );
      await assert.rejects(cases.add({ ...press() }), refusedWith('ORGANIZATION_INVALID'));
      await assert.rejects(
        cases.rename({ ...press(), organizationId: 'no-such-id', name: 'Litware' }),
        refusedWith('ORGANIZATION_NOT_FOUND'),
      );
      assert.deepEqual(names(), ['Contoso', 'Fabrikam']);
      assert.equal(organizations.get(id)?.name, 'Contoso');
    });
  });

  describe('a CSV import', () => {
    it('changes nothing until its preview is applied, then applies it once, as the admin who pressed Apply', async () => {
      const preview = await cases.preview({
        content: 'Name,Domain\nAlpine Ski House,alpine.com\nBlue Yonder,\n',
        by: ADMIN,
      });
      assert.equal(preview.toAdd.length, 2);
      assert.deepEqual(names(), []);
      const applied = await cases.apply({ previewId: preview.id, by: OTHER_ADMIN });
      assert.deepEqual(applied, { kind: 'imported', added: 2, updated: 0, mapped: 0, mapsCustomers: false });
      assert.deepEqual(names(), ['Alpine Ski House', 'Blue Yonder']);
      assert.equal(store.data.audit.at(-1)?.by, OTHER_ADMIN);
      assert.deepEqual(await cases.apply({ previewId: preview.id, by: ADMIN }), { kind: 'gone' });
    });

    it('applies a double click once: the second Apply finds it applied', async () => {
      const preview = await cases.preview({ content: 'Name\nAlpine Ski House\n', by: ADMIN });
      const outcomes = await Promise.all([
        cases.apply({ previewId: preview.id, by: ADMIN }),
        cases.apply({ previewId: preview.id, by: ADMIN }),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['already-applied', 'imported']);
      assert.deepEqual(names(), ['Alpine Ski House']);
    });

    it('reads the customer column against the synced customers and the links there are', async () => {
      const fabrikam = await add('Fabrikam');
      await mappings.map(fabrikam, FABRIKAM, { by: ADMIN });
      const preview = await cases.preview({
        content: `name,customerTenantId\nMuller,${CONTOSO}\nFabrikam,${CONTOSO}\nNorthwind,33333333-3333-3333-3333-333333333333\n`,
        by: ADMIN,
      });
      assert.deepEqual(
        preview.toMap.map((row) => [row.organizationName, row.customerName]),
        [['Muller', 'Contoso Ltd']],
      );
      assert.deepEqual(
        preview.mappingsRefused.map((row) => row.line),
        [3, 4],
        'Fabrikam is linked to another customer, and Northwind names no synced one',
      );
      const applied = await cases.apply({ previewId: preview.id, by: ADMIN });
      assert.deepEqual(applied, { kind: 'imported', added: 2, updated: 0, mapped: 1, mapsCustomers: true });
      assert.deepEqual(
        mappings.forOrganization(fabrikam).map((link) => link.customerTenantId),
        [FABRIKAM],
      );
    });

    it('refuses a preview the organizations moved past, and writes nothing', async () => {
      const preview = await cases.preview({ content: 'Name\nAlpine Ski House\n', by: ADMIN });
      await add('Contoso');
      await assert.rejects(cases.apply({ previewId: preview.id, by: ADMIN }), refusedWith('STALE'));
      assert.deepEqual(names(), ['Contoso']);
    });

    it('forgets a cancelled preview, an unknown one, and the oldest past KEPT_PREVIEWS', async () => {
      const cancelled = await cases.preview({ content: 'Name\nAlpine Ski House\n', by: ADMIN });
      assert.deepEqual(await cases.cancel({ previewId: cancelled.id }), { cancelled: true });
      assert.deepEqual(await cases.apply({ previewId: cancelled.id, by: ADMIN }), { kind: 'gone' });
      assert.deepEqual(await cases.apply({ previewId: 'no-such-preview', by: ADMIN }), { kind: 'gone' });

      const kept = [];
      for (let i = 0; i <= KEPT_PREVIEWS; i++) {
        kept.push(await cases.preview({ content: 'Name\nBlue Yonder\n', by: ADMIN }));
      }
      assert.deepEqual(await cases.apply({ previewId: kept[0].id, by: ADMIN }), { kind: 'gone' });
      assert.equal((await cases.apply({ previewId: kept[1].id, by: ADMIN })).kind, 'imported');
      assert.deepEqual(names(), ['Blue Yonder']);
    });
  });
});
