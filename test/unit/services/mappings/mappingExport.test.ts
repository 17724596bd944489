import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { Memory } from 'lowdb';
import { MappingStore } from '../../../../services/mappings/mappingStore.js';
import { OrganizationStore } from '../../../../services/organizations/organizationStore.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const GONE = '33333333-3333-3333-3333-333333333333';
const NAMES = new Map([
  [CONTOSO, 'Contoso, "the" Group'],
  [FABRIKAM, '=HYPERLINK("http://evil.example","click")'],
]);

describe('Mappings CSV export', () => {
  let store: AppStore;
  let organizations: OrganizationStore;
  let mappings: MappingStore;
  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    organizations = new FileOrganizationStore(store);
    mappings = new FileMappingStore(store, { customerExists: (tenantId) => tenantId !== 'unknown' });
  });

  /** The customers and links the import checks a mapping against, as the organizations card passes them. */
  const lookup = () => ({
    customer: (tenantId: string) => {
      const displayName = NAMES.get(tenantId);
      return displayName ? { tenantId, displayName } : undefined;
    },
    linksOf: (organizationId: string) =>
      mappings.forOrganization(organizationId).map((mapping) => mapping.customerTenantId),
  });

  const exported = async () => {
    const csv = await mappings.exportCsv((tenantId) => NAMES.get(tenantId));
    return { csv, rows: parse(csv, { bom: true }) as string[][] };
  };

  it('writes one row per link or per unmapped organization, with a status, quoting what needs quoting', async () => {
    const contoso = await organizations.add(
      { name: 'Contoso, Ltd', externalId: 'C-1', domain: 'contoso.com' },
      { by: ADMIN },
    );
    await organizations.add({ name: 'Adatum' }, { by: ADMIN });
    const moved = await organizations.add({ name: 'Northwind' }, { by: ADMIN });
    await mappings.map(contoso.id, CONTOSO, { by: ADMIN });
    await mappings.map(moved.id, GONE, { by: ADMIN });

    const { csv, rows } = await exported();
    assert.ok(
      csv.startsWith('\uFEFForganization,external id,domain,customer tenant id,customer name,status\r\n'),
    );
    assert.deepEqual(rows, [
      ['organization', 'external id', 'domain', 'customer tenant id', 'customer name', 'status'],
      ['Adatum', '', '', '', '', 'unmapped'],
      ['Contoso, Ltd', 'C-1', 'contoso.com', CONTOSO, 'Contoso, "the" Group', 'mapped'],
      ['Northwind', '', '', GONE, '', 'customer not found'],
    ]);
    assert.ok(csv.includes('"Contoso, Ltd",C-1,contoso.com,'));
    assert.ok(csv.includes('"Contoso, ""the"" Group"'));
  });

  it('writes a long list in pieces that read as one file: one BOM, one header, every row once', async () => {
    await store.update((data) => {
      for (let n = 0; n < 700; n++) {
        const id = `org-${n}`;
        const at = '2026-01-01T00:00:00.000Z';
        data.organizations[id] = { id, name: `Client ${n}`, createdAt: at, updatedAt: at };
      }
      data.mappingRevision += 1;
    });
    const { csv, rows } = await exported();
    assert.equal(csv.split('\uFEFF').length, 2);
    assert.equal(rows.length, 701);
    assert.equal(rows.filter((row) => row[0] === 'organization').length, 1);
    assert.deepEqual(new Set(rows.slice(1).map((row) => row[0])).size, 700);
  });

  it('marks every link of a conflicting organization', async () => {
    const org = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
    await store.update((data) => {
      for (const tenantId of [CONTOSO, FABRIKAM]) {
        data.mappings[tenantId] = {
          id: tenantId,
          organizationId: org.id,
          customerTenantId: tenantId,
          createdAt: '2024-01-01T00:00:00Z',
          createdBy: ADMIN,
        };
      }
      data.mappingRevision += 1;
    });
    assert.deepEqual(
      (await exported()).rows.slice(1).map((row) => row[5]),
      ['conflict', 'conflict'],
    );
  });

  it('turns cells that a spreadsheet would run as a formula into text', async () => {
    const org = await organizations.add(
      { name: '@SUM(1+1)', externalId: '-2+3', domain: 'plus.example' },
      { by: ADMIN },
    );
    await organizations.add({ name: '+cmd', externalId: '=1' }, { by: ADMIN });
    await mappings.map(org.id, FABRIKAM, { by: ADMIN });
    const rows = new Map((await exported()).rows.map((row) => [row[0], row]));
    assert.deepEqual(rows.get("'+cmd")?.slice(0, 2), ["'+cmd", "'=1"]);
    assert.deepEqual(rows.get("'@SUM(1+1)")?.slice(0, 5), [
      "'@SUM(1+1)",
      "'-2+3",
      'plus.example',
      FABRIKAM,
      `'=HYPERLINK("http://evil.example","click")`,
    ]);
  });
  it('imports its own export back without a change: the guard it adds is the one the import takes off', async () => {
    const names = [
      '=SUM(1)',
      '+44 Ltd',
      '-minus',
      '@home',
      "'quoted",
      "'=already guarded",
      "''two quotes",
      'Plain',
    ];
    for (const [i, name] of names.entries()) {
      await organizations.add(
        { name, externalId: i % 2 === 0 ? `-${i}` : `=${i}`, domain: `org${i}.example` },
        { by: ADMIN },
      );
    }
    const plus = organizations.findByName('+44 Ltd')!;
    await mappings.map(plus.id, CONTOSO, { by: ADMIN });
    const before = structuredClone(store.data.organizations);

    const { csv, rows } = await exported();
    assert.deepEqual(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
      [
        "'+44 Ltd",
        "'''two quotes",
        "''=already guarded",
        "'-minus",
        "'=SUM(1)",
        "'@home",
        "'quoted",
        'Plain',
      ].sort(),
    );
    const preview = organizations.previewImport(csv, lookup());
    assert.deepEqual(preview.rejected, []);
    assert.deepEqual(preview.toAdd, []);
    assert.deepEqual(preview.toUpdate, []);
    assert.equal(preview.unchanged, names.length);
    const result = await organizations.applyImport(preview, {
      by: ADMIN,
      expectedRevision: preview.revision,
    });
    assert.deepEqual([result.added, result.updated], [0, 0]);
    assert.deepEqual({ ...store.data.organizations }, { ...before });
  });

  it('round-trips its mappings: importing the export maps nothing new, and each column is read or explained', async () => {
    const contoso = await organizations.add({ name: 'Contoso', externalId: 'C-1' }, { by: ADMIN });
    await organizations.add({ name: 'Adatum' }, { by: ADMIN });
    await mappings.map(contoso.id, CONTOSO, { by: ADMIN });
    const again = organizations.previewImport((await exported()).csv, lookup());
    assert.deepEqual(again.rejected, []);
    assert.deepEqual(again.toMap, []);
    assert.deepEqual(again.mappingsRefused, []);
    assert.equal(again.unchanged, 2);
    assert.deepEqual(
      again.ignoredColumns.map((column) => column.name),
      ['customer name', 'status'],
    );
    assert.ok(again.ignoredColumns.every((column) => !/not a column the import knows/.test(column.reason)));

    // Emptied and imported into a fresh store, the same file brings the mapping back.
    const fresh = await AppStore.open(new Memory<StoreData>());
    const freshOrganizations = new FileOrganizationStore(fresh);
    const freshMappings = new FileMappingStore(fresh, { customerExists: () => true });
    const shown = freshOrganizations.previewImport((await exported()).csv, {
      ...lookup(),
      linksOf: (organizationId) =>
        freshMappings.forOrganization(organizationId).map((m) => m.customerTenantId),
    });
    await freshOrganizations.applyImport(shown, { by: ADMIN });
    const imported = freshOrganizations.findByName('Contoso')!;
    assert.deepEqual(
      freshMappings.forOrganization(imported.id).map((m) => m.customerTenantId),
      [CONTOSO],
    );
  });
});
