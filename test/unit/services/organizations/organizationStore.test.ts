import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { ERROR_MESSAGES, isAppError } from '../../../../services/errors.js';
import { OrganizationStore } from '../../../../services/organizations/organizationStore.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const OTHER_ADMIN = '00000000-0000-0000-0000-0000000000a2';
const NOW = new Date('2025-03-01T10:00:00Z');

describe('OrganizationStore', () => {
  let store: AppStore;
  let organizations: OrganizationStore;
  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    organizations = new FileOrganizationStore(store, () => NOW);
  });

  it('adds an organization with a random id, a trimmed name, one revision and one audit entry', async () => {
    const added = await organizations.add(
      { name: '  Contoso   Ltd ', externalId: ' PSA-1 ', domain: 'Contoso.COM' },
      { by: ADMIN },
    );
    assert.match(added.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { name: added.name, externalId: added.externalId, domain: added.domain },
      { name: 'Contoso Ltd', externalId: 'PSA-1', domain: 'contoso.com' },
    );
    assert.equal(organizations.revision, 1);
    assert.deepEqual(store.data.audit, [
      {
        at: NOW.toISOString(),
        by: ADMIN,
        action: 'organization.add',
        changes: [
          { field: `organizations.${added.id}.name`, before: null, after: 'Contoso Ltd' },
          { field: `organizations.${added.id}.externalId`, before: null, after: 'PSA-1' },
          { field: `organizations.${added.id}.domain`, before: null, after: 'contoso.com' },
        ],
      },
    ]);
  });

  it('refuses a second organization with the same name, ignoring case and spacing, and changes nothing', async () => {
    await organizations.add({ name: 'Contoso Ltd' }, { by: ADMIN });
    await assert.rejects(organizations.add({ name: 'contoso  LTD' }, { by: ADMIN }), (error) => {
      assert.ok(isAppError(error, 'ORGANIZATION_EXISTS'));
      assert.equal(error.userMessage, 'An organization named “Contoso Ltd” already exists.');
      return true;
    });
    assert.equal(organizations.list().length, 1);
    assert.equal(organizations.revision, 1);
  });

  it('refuses an external id that another organization already has', async () => {
    await organizations.add({ name: 'Contoso', externalId: 'PSA-1' }, { by: ADMIN });
    await assert.rejects(
      organizations.add({ name: 'Fabrikam', externalId: 'psa-1' }, { by: ADMIN }),
      (error) => {
        assert.ok(isAppError(error, 'ORGANIZATION_EXISTS'));
        assert.equal(error.userMessage, 'External id “psa-1” already belongs to “Contoso”.');
        return true;
      },
    );
  });

  it('refuses empty or over-long names and anything that is not a host name as the domain', async () => {
    const refused = async (input: { name: string; domain?: string }, reason: RegExp) =>
      assert.rejects(organizations.add(input, { by: ADMIN }), (error) => {
        assert.ok(isAppError(error, 'ORGANIZATION_INVALID'));
        assert.match(error.userMessage, reason);
        return true;
      });
    await refused({ name: '   ' }, /empty/);
    await refused({ name: 'x'.repeat(201) }, /longer than 200/);
    for (const domain of [
      'https://contoso.com',
      'admin@contoso.com',
      '10.0.0.1',
      'contoso',
      'con toso.com',
    ]) {
      await refused({ name: 'Contoso', domain }, /not a domain name/);
    }
    assert.equal(organizations.revision, 0);
    const accepted = await organizations.add({ name: 'x'.repeat(200), domain: 'münchen.de' }, { by: ADMIN });
    assert.equal(accepted.domain, 'münchen.de');
  });

  it('finds organizations by name without regard to case or spacing, and lists them in reading order', async () => {
    for (const name of ['client 10', 'Client 2', 'Ångström AB', 'adatum']) {
      await organizations.add({ name }, { by: ADMIN });
    }
    assert.equal(organizations.findByName('  CLIENT   2 ')?.name, 'Client 2');
    assert.equal(organizations.findByName('Client'), undefined);
    assert.deepEqual(
      organizations.list().map((org) => org.name),
      ['adatum', 'Ångström AB', 'Client 2', 'client 10'],
    );
  });

  it('finds by name as the names are now: after renames, removes, a failed write and a reload', async () => {
    const first = await organizations.add({ name: 'Client 1' }, { by: ADMIN });
    const second = await organizations.add({ name: 'Client 2' }, { by: ADMIN });
    assert.equal(organizations.findByName('client 1')?.id, first.id);
    await organizations.rename(first.id, 'Client One', { by: ADMIN });
    assert.equal(organizations.findByName('client 1'), undefined);
    assert.equal(organizations.findByName('CLIENT ONE')?.id, first.id);
    await organizations.remove(second.id, { by: ADMIN });
    assert.equal(organizations.findByName('Client 2'), undefined);
    // A write that fails halfway is rolled back: what it touched must not be found.
    await assert.rejects(
      store.update((data) => {
        data.organizations['half'] = { ...first, id: 'half', name: 'Half Written' };
        throw new Error('disk full');
      }),
    );
    assert.equal(organizations.findByName('Half Written'), undefined);
    // Another writer (a PSA sync, a restore) that goes by the store's rule: every change is a new revision.
    await store.update((data) => {
      data.organizations['restored'] = { ...first, id: 'restored', name: 'Client 2' };
      data.mappingRevision++;
    });
    assert.equal(organizations.findByName('client 2')?.id, 'restored');
    assert.equal(organizations.findByName('Client One')?.id, first.id);
  });

  it('renames with the old and new name in the audit log', async () => {
    const org = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    const renamed = await organizations.rename(org.id, 'Contoso Holdings', { by: OTHER_ADMIN });
    assert.equal(renamed.name, 'Contoso Holdings');
    assert.equal(organizations.get(org.id)?.name, 'Contoso Holdings');
    assert.deepEqual(store.data.audit.at(-1), {
      at: NOW.toISOString(),
      by: OTHER_ADMIN,
      action: 'organization.rename',
      changes: [{ field: `organizations.${org.id}.name`, before: 'Contoso', after: 'Contoso Holdings' }],
    });
  });

  it('treats a repeated rename as done, without a new revision', async () => {
    const org = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    await organizations.rename(org.id, 'Contoso Holdings', { by: ADMIN, expectedRevision: 1 });
    await organizations.rename(org.id, 'Contoso Holdings', { by: ADMIN, expectedRevision: 1 });
    assert.equal(organizations.revision, 2);
  });

  it('refuses to rename onto another organization’s name, or an organization that does not exist', async () => {
    const contoso = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    await organizations.add({ name: 'Fabrikam' }, { by: ADMIN });
    await assert.rejects(organizations.rename(contoso.id, 'FABRIKAM', { by: ADMIN }), (error) =>
      isAppError(error, 'ORGANIZATION_EXISTS'),
    );
    await assert.rejects(organizations.rename('constructor', 'Anything', { by: ADMIN }), (error) =>
      isAppError(error, 'ORGANIZATION_NOT_FOUND'),
    );
    assert.equal(organizations.get('constructor'), undefined);
  });

  it('removes an organization together with its mappings in one revision', async () => {
    const org = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    const kept = await organizations.add({ name: 'Fabrikam' }, { by: ADMIN });
    await store.update((data) => {
      data.mappings.m1 = link('m1', org.id, 'tenant-a');
      data.mappings.m2 = link('m2', org.id, 'tenant-b');
      data.mappings.m3 = link('m3', kept.id, 'tenant-a');
    });
    assert.equal(await organizations.remove(org.id, { by: ADMIN, expectedRevision: 2 }), true);
    assert.equal(organizations.get(org.id), undefined);
    assert.deepEqual(Object.keys(store.data.mappings), ['m3']);
    assert.equal(organizations.revision, 3);
    const entry = store.data.audit.at(-1);
    assert.equal(entry?.action, 'organization.remove');
    assert.deepEqual(entry?.changes.at(-1), {
      field: `mappings.${org.id}`,
      before: ['tenant-a', 'tenant-b'],
      after: [],
    });
  });

  it('treats removing an organization that is already gone as done (a double click)', async () => {
    const org = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    await organizations.remove(org.id, { by: ADMIN, expectedRevision: 1 });
    assert.equal(await organizations.remove(org.id, { by: ADMIN, expectedRevision: 1 }), false);
    assert.equal(organizations.revision, 2);
  });

  it('tells the second of two admins working from the same card that the data changed (STALE)', async () => {
    const shown = organizations.revision;
    await organizations.add({ name: 'Contoso' }, { by: ADMIN, expectedRevision: shown });
    await assert.rejects(
      organizations.add({ name: 'Fabrikam' }, { by: OTHER_ADMIN, expectedRevision: shown }),
      (error) => {
        assert.ok(isAppError(error, 'STALE'));
        assert.equal(error.userMessage, ERROR_MESSAGES.STALE);
        return true;
      },
    );
    assert.deepEqual(
      organizations.list().map((org) => org.name),
      ['Contoso'],
    );
    assert.equal(store.data.audit.length, 1);
  });
});

function link(id: string, organizationId: string, customerTenantId: string) {
  return { id, organizationId, customerTenantId, createdAt: NOW.toISOString(), createdBy: ADMIN };
}
