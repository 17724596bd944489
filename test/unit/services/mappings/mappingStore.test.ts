import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { CONFLICT_ALERT, ERROR_MESSAGES, isAppError } from '../../../../services/errors.js';
import { MappingStore } from '../../../../services/mappings/mappingStore.js';
import { OrganizationStore } from '../../../../services/organizations/organizationStore.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { Organization, StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const OTHER_ADMIN = '00000000-0000-0000-0000-0000000000a2';
const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const CUSTOMERS = new Map([
  [CONTOSO, 'Contoso'],
  [FABRIKAM, 'Fabrikam'],
]);
/** The alert as the reference product shows it (DOMAIN.md), which users already know. */
const SEED_ALERT =
  'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations.';

describe('MappingStore', () => {
  let store: AppStore;
  let organizations: OrganizationStore;
  let mappings: MappingStore;
  let contosoLtd: Organization;
  let contosoGmbh: Organization;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    organizations = new FileOrganizationStore(store);
    mappings = new FileMappingStore(store, {
      customerExists: async (tenantId) => CUSTOMERS.has(tenantId),
      customerName: (tenantId) => CUSTOMERS.get(tenantId),
    });
    contosoLtd = await organizations.add({ name: 'Contoso Ltd' }, { by: ADMIN });
    contosoGmbh = await organizations.add({ name: 'Contoso GmbH' }, { by: ADMIN });
  });

  const tenantsOf = (organization: Organization) =>
    mappings.forOrganization(organization.id).map((mapping) => mapping.customerTenantId);

  it('maps an organization to a customer with one revision and an audit entry naming the admin', async () => {
    const result = await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN, expectedRevision: 2 });
    assert.deepEqual([result.changed, result.revision], [true, 3]);
    assert.deepEqual(tenantsOf(contosoLtd), [CONTOSO]);
    assert.equal(result.mapping.createdBy, ADMIN);
    const entry = store.data.audit.at(-1);
    assert.deepEqual(
      { by: entry?.by, action: entry?.action, changes: entry?.changes },
      {
        by: ADMIN,
        action: 'mapping.map',
        changes: [{ field: `mappings.${contosoLtd.id}`, before: [], after: [CONTOSO] }],
      },
    );
  });

  it('treats mapping to the same customer again (a double click) as done: one row, no new revision', async () => {
    const first = await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN, expectedRevision: 2 });
    const second = await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN, expectedRevision: 2 });
    assert.deepEqual([second.changed, second.revision, second.mapping.id], [false, 3, first.mapping.id]);
    assert.equal(Object.keys(store.data.mappings).length, 1);
  });

  it('maps many unmapped organizations in one revision, leaving mapped ones alone', async () => {
    await mappings.map(contosoGmbh.id, CONTOSO, { by: ADMIN });
    const revision = mappings.revision;
    const result = await mappings.mapMany(
      [
        { organizationId: contosoLtd.id, customerTenantId: CONTOSO },
        { organizationId: contosoGmbh.id, customerTenantId: CONTOSO },
      ],
      { by: ADMIN, expectedRevision: revision },
    );
    assert.deepEqual([result.changed, result.mapped, result.revision], [true, 1, revision + 1]);
    assert.deepEqual(tenantsOf(contosoLtd), [CONTOSO]);
    await assert.rejects(
      mappings.mapMany([{ organizationId: contosoLtd.id, customerTenantId: CONTOSO }], {
        by: ADMIN,
        expectedRevision: revision,
      }),
      (error) => isAppError(error, 'STALE'),
    );
  });

  it('allows several organizations to map to one customer', async () => {
    await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN });
    await mappings.map(contosoGmbh.id, CONTOSO, { by: ADMIN });
    assert.deepEqual([tenantsOf(contosoLtd), tenantsOf(contosoGmbh)], [[CONTOSO], [CONTOSO]]);
  });

  it('refuses to link an organization to a second customer, in the reference product’s words, with the fix', async () => {
    await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN });
    await assert.rejects(mappings.map(contosoLtd.id, FABRIKAM, { by: ADMIN }), (error) => {
      assert.ok(isAppError(error, 'MAPPING_CONFLICT'));
      assert.equal(
        error.userMessage,
        `${SEED_ALERT} “Contoso Ltd” is already linked to Contoso (${CONTOSO}), so it cannot also be linked to Fabrikam (${FABRIKAM}). ` +
          'Each organization must be linked to exactly one CSP customer: keep the right one and remove the other links.',
      );
      return true;
    });
    assert.deepEqual(tenantsOf(contosoLtd), [CONTOSO]);
    assert.equal(mappings.revision, 3);
  });

  it('words the conflict alert as the reference product does', () => {
    assert.equal(CONFLICT_ALERT, SEED_ALERT);
  });

  it('refuses customers that are not in the directory and organizations that do not exist', async () => {
    await assert.rejects(mappings.map(contosoLtd.id, 'not-a-customer', { by: ADMIN }), (error) =>
      isAppError(error, 'CUSTOMER_NOT_FOUND'),
    );
    await assert.rejects(mappings.map('no-such-org', CONTOSO, { by: ADMIN }), (error) =>
      isAppError(error, 'ORGANIZATION_NOT_FOUND'),
    );
    assert.equal(Object.keys(store.data.mappings).length, 0);
  });

  it('tells the second of two admins mapping from the same card that the data changed (STALE)', async () => {
    const shown = mappings.revision;
    await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN, expectedRevision: shown });
    await assert.rejects(
      mappings.map(contosoGmbh.id, FABRIKAM, { by: OTHER_ADMIN, expectedRevision: shown }),
      (error) => isAppError(error, 'STALE') && error.userMessage === ERROR_MESSAGES.STALE,
    );
    assert.deepEqual(tenantsOf(contosoGmbh), []);
  });

  it('unmaps, and treats unmapping again as done', async () => {
    await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN });
    assert.equal((await mappings.unmap(contosoLtd.id, { by: ADMIN, expectedRevision: 3 })).changed, true);
    assert.equal((await mappings.unmap(contosoLtd.id, { by: ADMIN, expectedRevision: 3 })).changed, false);
    assert.deepEqual(tenantsOf(contosoLtd), []);
    assert.equal(mappings.revision, 4);
    assert.deepEqual(store.data.audit.at(-1)?.changes, [
      { field: `mappings.${contosoLtd.id}`, before: [CONTOSO], after: [] },
    ]);
  });

  it('remaps to another customer in one revision', async () => {
    await mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN });
    const result = await mappings.remap(contosoLtd.id, FABRIKAM, { by: ADMIN, expectedRevision: 3 });
    assert.deepEqual([result.changed, result.revision], [true, 4]);
    assert.deepEqual(tenantsOf(contosoLtd), [FABRIKAM]);
    assert.deepEqual(store.data.audit.at(-1)?.changes, [
      { field: `mappings.${contosoLtd.id}`, before: [CONTOSO], after: [FABRIKAM] },
    ]);
  });

  describe('a conflict left by older data', () => {
    beforeEach(() => seedConflict(store, contosoLtd.id));

    it('is listed, and resolved by removing the extra link', async () => {
      assert.deepEqual(
        mappings.conflicts().map((item) => item.organization.name),
        ['Contoso Ltd'],
      );
      await mappings.unmap(contosoLtd.id, { by: ADMIN, customerTenantId: FABRIKAM });
      assert.deepEqual(tenantsOf(contosoLtd), [CONTOSO]);
      assert.deepEqual(mappings.conflicts(), []);
    });

    it('is resolved by a remap, which replaces every link', async () => {
      await mappings.remap(contosoLtd.id, FABRIKAM, { by: ADMIN });
      assert.deepEqual(tenantsOf(contosoLtd), [FABRIKAM]);
    });

    it('is resolved in one audited write by keeping one link, which stays the same mapping', async () => {
      const [kept] = mappings.forOrganization(contosoLtd.id).filter((m) => m.customerTenantId === CONTOSO);
      const revision = mappings.revision;
      const result = await mappings.keepOnly(contosoLtd.id, CONTOSO, {
        by: ADMIN,
        expectedRevision: revision,
      });
      assert.deepEqual([result.changed, result.revision, result.kept.id], [true, revision + 1, kept.id]);
      assert.deepEqual(
        result.removed.map((m) => m.customerTenantId),
        [FABRIKAM],
      );
      assert.deepEqual(tenantsOf(contosoLtd), [CONTOSO]);
      assert.deepEqual(store.data.audit.at(-1)?.action, 'mapping.keepOnly');
      assert.deepEqual(store.data.audit.at(-1)?.changes, [
        { field: `mappings.${contosoLtd.id}`, before: [CONTOSO, FABRIKAM], after: [CONTOSO] },
      ]);

      // Pressed again from the same card: nothing to do, and it says so rather than calling the card stale.
      const again = await mappings.keepOnly(contosoLtd.id, CONTOSO, {
        by: ADMIN,
        expectedRevision: revision,
      });
      assert.deepEqual([again.changed, again.revision], [false, revision + 1]);
    });

    it('refuses to keep a link from a stale card, or one that is gone, and changes nothing', async () => {
      const revision = mappings.revision;
      await assert.rejects(
        mappings.keepOnly(contosoLtd.id, CONTOSO, { by: ADMIN, expectedRevision: revision - 1 }),
        { code: 'STALE' },
      );
      await assert.rejects(
        mappings.keepOnly(contosoLtd.id, '33333333-3333-3333-3333-333333333333', { by: ADMIN }),
        { code: 'STALE' },
      );
      await assert.rejects(mappings.keepOnly('no-such-org', CONTOSO, { by: ADMIN }), {
        code: 'ORGANIZATION_NOT_FOUND',
      });
      assert.deepEqual(tenantsOf(contosoLtd).sort(), [CONTOSO, FABRIKAM]);
      assert.equal(mappings.revision, revision);
    });

    it('says what is true when Map is pressed with a customer the organization already holds', async () => {
      await assert.rejects(mappings.map(contosoLtd.id, CONTOSO, { by: ADMIN }), (error) => {
        assert.ok(isAppError(error, 'MAPPING_CONFLICT'));
        assert.match(
          error.userMessage,
          new RegExp(`“Contoso Ltd” is already linked to Contoso \\(${CONTOSO}\\), and also to Fabrikam`),
        );
        assert.doesNotMatch(error.userMessage, /cannot also be linked to Contoso/);
        return true;
      });
    });

    it('goes away with its organization', async () => {
      await organizations.remove(contosoLtd.id, { by: ADMIN });
      assert.deepEqual(Object.keys(store.data.mappings), []);
    });
  });

  describe('listing', () => {
    beforeEach(async () => {
      for (const name of ['Adatum', 'Café Noir', 'Litware', 'Northwind']) {
        await organizations.add({ name }, { by: ADMIN });
      }
      await mappings.map(contosoGmbh.id, CONTOSO, { by: ADMIN });
      await seedConflict(store, contosoLtd.id);
    });
    const names = (page: { items: { organization: Organization }[] }) =>
      page.items.map((item) => item.organization.name);

    it('filters mapped, unmapped and conflicting organizations', () => {
      assert.deepEqual(names(mappings.list({ filter: 'mapped' })), ['Contoso GmbH', 'Contoso Ltd']);
      assert.deepEqual(names(mappings.list({ filter: 'conflicts' })), ['Contoso Ltd']);
      assert.deepEqual(names(mappings.list({ filter: 'unmapped' })), [
        'Adatum',
        'Café Noir',
        'Litware',
        'Northwind',
      ]);
      assert.deepEqual(mappings.counts(), { all: 6, mapped: 2, unmapped: 4, conflicts: 1 });
    });

    it('finds organizations by part of their name, ignoring case and accents', () => {
      assert.deepEqual(names(mappings.list({ name: 'CAFE' })), ['Café Noir']);
      assert.deepEqual(names(mappings.list({ name: 'contoso', filter: 'unmapped' })), []);
    });

    it('pages through the list and keeps a page past the end on the last page', () => {
      const second = mappings.list({ page: 2, pageSize: 4 });
      assert.deepEqual([second.total, second.page, second.pages], [6, 2, 2]);
      assert.deepEqual(names(second), ['Litware', 'Northwind']);
      assert.equal(mappings.list({ page: 9, pageSize: 4 }).page, 2);
      assert.deepEqual(mappings.list({ filter: 'conflicts', pageSize: 4 }).items[0].mappings.length, 2);
    });

    it('hands out copies, so callers cannot change the store behind its back', () => {
      mappings.list().items[0].organization.name = 'Changed';
      assert.equal(mappings.list().items[0].organization.name, 'Adatum');
    });
  });
});

/** A second link written directly, as older versions or imports could leave it; `map` refuses to create one. */
async function seedConflict(store: AppStore, organizationId: string): Promise<void> {
  await store.update((data) => {
    for (const [index, tenantId] of [CONTOSO, FABRIKAM].entries()) {
      const id = `seeded-${index}`;
      const createdAt = `2024-01-0${index + 1}T00:00:00Z`;
      data.mappings[id] = { id, organizationId, customerTenantId: tenantId, createdAt, createdBy: ADMIN };
    }
    // Every writer of mappings moves the revision on; the store's indexes key on it.
    data.mappingRevision += 1;
  });
}
