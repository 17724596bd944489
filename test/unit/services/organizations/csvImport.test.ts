import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Memory } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { previewImport } from '../../../../services/organizations/csvImport.js';
import { MAX_ROWS } from '../../../../services/organizations/csvRows.js';
import { MappingStore } from '../../../../services/mappings/mappingStore.js';
import { OrganizationStore } from '../../../../services/organizations/organizationStore.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';
import { FileMappingStore } from '../../../../services/store/file/mappings.js';

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/csv/${name}`, import.meta.url));
const preview = (csv: string | Uint8Array) => previewImport(csv, [], 0);
const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe('CSV import of organizations', () => {
  describe('reading the file', () => {
    it('reads a good file: header, quoted commas and quotes, blank optional fields, international domains', () => {
      const result = preview(fixture('good.csv'));
      assert.deepEqual(result.rejected, []);
      assert.deepEqual(result.toAdd, [
        { line: 2, name: 'Contoso Ltd', externalId: 'PSA-001', domain: 'contoso.com' },
        { line: 3, name: 'Fabrikam, Inc.', externalId: 'PSA-002', domain: 'fabrikam.com' },
        { line: 4, name: 'Northwind Traders', externalId: 'PSA-003' },
        { line: 5, name: 'Tailspin "Toys"', domain: 'tailspintoys.com' },
        { line: 6, name: 'Café Müller', externalId: 'PSA-005', domain: 'café-müller.de' },
      ]);
    });

    it('reads Excel’s semicolon files with a BOM and header aliases in any order and case', () => {
      const result = preview(fixture('good-semicolon-bom.csv'));
      assert.deepEqual(result.toAdd, [
        { line: 2, name: 'Contoso Ltd', externalId: 'PSA-001', domain: 'contoso.com' },
        { line: 3, name: 'Wide World; Importers', externalId: 'PSA-010' },
        { line: 4, name: 'Adatum "A" Corporation', externalId: 'PSA-011', domain: 'adatum.com' },
      ]);
    });

    it('accepts the common header names for each column', () => {
      for (const header of [
        'Organization,ExternalId,Domain',
        'company,psa id,primary domain',
        'Name,External ID',
      ]) {
        const [name, externalId] = preview(`${header}\nContoso,C-1\n`).toAdd.map((row) => [
          row.name,
          row.externalId,
        ])[0];
        assert.deepEqual([name, externalId], ['Contoso', 'C-1'], header);
      }
    });

    it('reads files without a header as name, external id, domain', () => {
      assert.deepEqual(preview(fixture('headerless.csv')).toAdd, [
        { line: 1, name: 'Litware' },
        { line: 2, name: 'Proseware', externalId: 'PSA-021' },
        { line: 3, name: 'Wingtip Toys', externalId: 'PSA-022', domain: 'wingtiptoys.com' },
      ]);
    });

    it('reads a header-less two-column file whose second column is all domains as name, domain', () => {
      assert.deepEqual(preview(fixture('headerless-domains.csv')).toAdd, [
        { line: 1, name: 'Litware', domain: 'litware.com' },
        { line: 2, name: 'Proseware', domain: 'proseware.com' },
      ]);
    });

    it('reads a file saved by Excel as Windows-1252 instead of UTF-8', () => {
      assert.deepEqual(names(preview(fixture('windows-1252.csv')).toAdd), ['Société Générale']);
    });

    it('reads Excel’s “Unicode Text” export: UTF-16 with tabs', () => {
      assert.deepEqual(preview(fixture('excel-unicode-text.csv')).toAdd, [
        { line: 2, name: 'Zürich Versicherung', domain: 'zurich.ch' },
      ]);
    });

    it('takes off only the formula guard the export adds: a quote before = + - @ or before another quote', () => {
      const result = preview(
        "Name,External ID\n'=SUM(1),'-7\n'+44 Ltd,\n'@home,'=2\n''quoted twice,\n'quoted,'C-1\nO'Brien Ltd,\n",
      );
      assert.deepEqual(result.rejected, []);
      assert.deepEqual(
        result.toAdd.map((row) => [row.name, row.externalId]),
        [
          ['=SUM(1)', '-7'],
          ['+44 Ltd', undefined],
          ['@home', '=2'],
          ["'quoted twice", undefined],
          ["'quoted", "'C-1"],
          ["O'Brien Ltd", undefined],
        ],
      );
    });

    it('reports header columns it does not use, each with the reason', () => {
      const result = preview('Name,Phone,Domain,Company\nContoso,555-0100,contoso.com,Contoso Ltd\n');
      assert.deepEqual(result.ignoredColumns, [
        {
          name: 'Phone',
          reason: 'not a column the import knows; it reads name, external id, domain and customer tenant id.',
        },
        { name: 'Company', reason: 'a second name column; the first one, “Name”, is used.' },
      ]);
      assert.deepEqual(result.toAdd, [{ line: 2, name: 'Contoso', domain: 'contoso.com' }]);
    });
  });

  describe('rejected rows', () => {
    it('rejects every bad row of a bad file with its line number and reason', () => {
      const result = preview(fixture('bad.csv'));
      assert.deepEqual(names(result.toAdd), ['Duplicate Co']);
      assert.deepEqual(
        result.rejected.map(({ line, reason }) => [line, reason]),
        [
          [2, 'The name is empty.'],
          [3, 'The name is longer than 200 characters.'],
          [4, '"https://bad.example.com/" is not a domain name like contoso.com.'],
          [5, 'Too many columns: 4, expected at most 3 (as in the header row).'],
          [7, 'Duplicate of line 6: the same name.'],
        ],
      );
      assert.equal(result.rejected[0].raw, ',PSA-100,empty-name.com');
    });

    it('keeps the good rows of a mixed file and rejects the rest by line, counting lines inside quotes', () => {
      const result = preview(fixture('mixed.csv'));
      assert.deepEqual(
        result.toAdd.map(({ line, name }) => [line, name]),
        [
          [2, 'Good One'],
          [4, 'Good Two'],
          [6, 'Multi Line Co'],
          [10, 'Good Four'],
        ],
      );
      assert.deepEqual(
        result.rejected.map(({ line, reason }) => [line, reason]),
        [
          [3, 'The name is empty.'],
          [5, 'Duplicate of line 2: the same name.'],
          [8, '"not a domain" is not a domain name like contoso.com.'],
          [9, 'Duplicate of line 2: the same external id.'],
        ],
      );
    });

    it('rejects rows with more than three columns in a file without a header', () => {
      const result = preview('Contoso\nFabrikam,F-1,fabrikam.com,extra\n');
      assert.deepEqual(result.rejected, [
        {
          line: 2,
          raw: 'Fabrikam,F-1,fabrikam.com,extra',
          reason: 'Too many columns: 4, expected at most 3 (name, external id, domain).',
        },
      ]);
    });
  });

  describe('files refused as a whole', () => {
    const refused = (csv: string | Uint8Array, message: RegExp) =>
      assert.throws(
        () => preview(csv),
        (error) => isAppError(error, 'IMPORT_REFUSED') && message.test(error.userMessage),
      );

    it('refuses files over 5 MB', () => refused(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), /at most 5 MB/));
    it('refuses files with more than the row limit', () =>
      refused(
        Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Org ${i}`).join('\n'),
        /20,001 rows; at most 20,000/,
      ));
    it('refuses an empty file', () => refused('\uFEFF\r\n , \r\n', /empty/));
    it('refuses a header without a name column', () =>
      refused('External ID,Domain\nC-1,c.com', /no name column/));
    it('refuses a file whose quote is never closed', () =>
      refused('Name\r\nAdatum\r\n\r\n"Contoso\r\nFabrikam\r\n', /quote opened on line 4 is never closed/));
  });

  describe('matching existing organizations', () => {
    let store: AppStore;
    let organizations: OrganizationStore;
    beforeEach(async () => {
      store = await AppStore.open(new Memory<StoreData>());
      organizations = new FileOrganizationStore(store);
    });

    it('matches by external id first (renaming), then by name (keeping the name), and counts the unchanged', async () => {
      const contoso = await organizations.add({ name: 'Contoso', externalId: 'C-1' }, { by: ADMIN });
      const fabrikam = await organizations.add({ name: 'Fabrikam' }, { by: ADMIN });
      await organizations.add({ name: 'Litware', domain: 'litware.com' }, { by: ADMIN });
      const result = organizations.previewImport(
        'Name,External ID,Domain\nContoso Holdings,c-1,\nFABRIKAM,F-2,fabrikam.com\nLitware,,\n',
      );
      assert.deepEqual(result.toAdd, []);
      assert.equal(result.unchanged, 1);
      assert.deepEqual(result.toUpdate, [
        {
          id: contoso.id,
          line: 2,
          before: { name: 'Contoso', externalId: 'C-1' },
          after: { name: 'Contoso Holdings', externalId: 'C-1' },
        },
        {
          id: fabrikam.id,
          line: 3,
          before: { name: 'Fabrikam' },
          after: { name: 'Fabrikam', externalId: 'F-2', domain: 'fabrikam.com' },
        },
      ]);
    });

    it('rejects rows that would clash with another organization', async () => {
      await organizations.add({ name: 'Contoso', externalId: 'C-1' }, { by: ADMIN });
      await organizations.add({ name: 'Fabrikam', externalId: 'F-1' }, { by: ADMIN });
      const result = organizations.previewImport('Name,External ID\nContoso,C-9\nFabrikam,C-1\n');
      assert.deepEqual(
        result.rejected.map(({ line, reason }) => [line, reason]),
        [
          [2, '“Contoso” already exists with external id C-1.'],
          [3, 'The name is already used by another organization, “Fabrikam”.'],
        ],
      );
    });
  });

  describe('applying a preview', () => {
    let store: AppStore;
    let organizations: OrganizationStore;
    beforeEach(async () => {
      store = await AppStore.open(new Memory<StoreData>());
      organizations = new FileOrganizationStore(store);
    });

    it('applies every row of the preview in one revision with one audit entry', async () => {
      await organizations.add({ name: 'Contoso Ltd' }, { by: ADMIN });
      const shown = organizations.previewImport(fixture('good.csv'));
      const result = await organizations.applyImport(shown, { by: ADMIN, expectedRevision: 1 });
      assert.deepEqual(result, { added: 4, updated: 1, mapped: 0, revision: 2, alreadyApplied: false });
      assert.equal(organizations.list().length, 5);
      assert.equal(organizations.findByName('contoso ltd')?.externalId, 'PSA-001');
      const entry = store.data.audit.at(-1);
      assert.equal(entry?.action, 'organization.import');
      assert.deepEqual(entry?.changes[0], {
        field: 'import',
        before: null,
        after: { id: shown.id, added: 4, updated: 1, mapped: 0 },
      });
    });

    it('applies a preview only once when Apply is clicked twice', async () => {
      const shown = organizations.previewImport(fixture('good.csv'));
      await organizations.applyImport(shown, { by: ADMIN });
      const again = await organizations.applyImport(shown, { by: ADMIN });
      assert.equal(again.alreadyApplied, true);
      assert.equal(organizations.list().length, 5);
      assert.equal(organizations.revision, 1);
    });

    it('refuses a preview when organizations changed after it was shown, and imports nothing', async () => {
      const shown = organizations.previewImport(fixture('good.csv'));
      await organizations.add({ name: 'Adatum' }, { by: 'another admin' });
      await assert.rejects(organizations.applyImport(shown, { by: ADMIN }), (error) =>
        isAppError(error, 'STALE'),
      );
      assert.deepEqual(names(organizations.list()), ['Adatum']);
      assert.equal(organizations.revision, 1);
    });
  });

  describe('mapping customers from the file', () => {
    const CONTOSO = { tenantId: '11111111-1111-4111-8111-111111111111', displayName: 'Contoso Ltd' };
    const FABRIKAM = { tenantId: '22222222-2222-4222-8222-222222222222', displayName: 'Fabrikam Inc.' };
    let store: AppStore;
    let organizations: OrganizationStore;
    let mappings: MappingStore;
    const synced = new Map([CONTOSO, FABRIKAM].map((customer) => [customer.tenantId, customer]));
    const lookup = () => ({
      customer: (tenantId: string) => synced.get(tenantId.toLowerCase()),
      linksOf: (organizationId: string) =>
        mappings.forOrganization(organizationId).map((mapping) => mapping.customerTenantId),
    });
    beforeEach(async () => {
      store = await AppStore.open(new Memory<StoreData>());
      organizations = new FileOrganizationStore(store);
      mappings = new FileMappingStore(store, { customerExists: (tenantId) => synced.has(tenantId) });
    });

    it('maps an existing and a new organization from name,customerTenantId, only after Apply', async () => {
      const contoso = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
      const shown = organizations.previewImport(
        `name,customerTenantId\nContoso,${CONTOSO.tenantId.toUpperCase()}\nFabrikam,${FABRIKAM.tenantId}\n`,
        lookup(),
      );
      assert.equal(shown.mapsCustomers, true);
      assert.equal(shown.unchanged, 0, 'a row that maps is not “unchanged”');
      assert.deepEqual(names(shown.toAdd), ['Fabrikam']);
      assert.deepEqual(shown.ignoredColumns, []);
      assert.deepEqual(
        shown.toMap.map((row) => [row.organizationName, row.customerName]),
        [
          ['Contoso', 'Contoso Ltd'],
          ['Fabrikam', 'Fabrikam Inc.'],
        ],
      );
      assert.deepEqual(Object.keys(store.data.mappings), [], 'the preview changed nothing');

      const result = await organizations.applyImport(shown, { by: ADMIN, expectedRevision: shown.revision });
      assert.deepEqual([result.added, result.mapped], [1, 2]);
      assert.deepEqual(
        mappings.forOrganization(contoso.id).map((m) => m.customerTenantId),
        [CONTOSO.tenantId],
      );
      const fabrikam = organizations.findByName('Fabrikam')!;
      assert.deepEqual(
        mappings.forCustomer(FABRIKAM.tenantId).map((m) => m.organizationId),
        [fabrikam.id],
      );
    });

    it('shows a mapping to another customer as a conflict and does not apply it', async () => {
      const contoso = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
      await mappings.map(contoso.id, CONTOSO.tenantId, { by: ADMIN });
      const shown = organizations.previewImport(
        `Name,Customer Tenant ID\nContoso,${FABRIKAM.tenantId}\n`,
        lookup(),
      );
      assert.deepEqual(shown.toMap, []);
      assert.deepEqual(
        shown.mappingsRefused.map(({ line, reason }) => [line, reason]),
        [
          [
            2,
            'Not mapped: “Contoso” is already linked to Contoso Ltd, and an organization can be linked to only one customer. Change its mapping in the mappings list if it should move to Fabrikam Inc..',
          ],
        ],
      );
      const result = await organizations.applyImport(shown, { by: ADMIN });
      assert.equal(result.mapped, 0);
      assert.deepEqual(
        mappings.forOrganization(contoso.id).map((m) => m.customerTenantId),
        [CONTOSO.tenantId],
      );
    });

    it('refuses a customer tenant id that is not a synced customer, and still imports the organization', async () => {
      const shown = organizations.previewImport(
        'name,customerTenantId\nAdatum,99999999-9999-4999-8999-999999999999\n',
        lookup(),
      );
      assert.deepEqual(names(shown.toAdd), ['Adatum']);
      assert.match(shown.mappingsRefused[0].reason, /is not one of the synced CSP customers/);
      await organizations.applyImport(shown, { by: ADMIN });
      assert.deepEqual(Object.keys(store.data.mappings), []);
    });

    it('leaves an organization already mapped to the same customer unchanged', async () => {
      const contoso = await organizations.add({ name: 'Contoso' }, { by: ADMIN });
      await mappings.map(contoso.id, CONTOSO.tenantId, { by: ADMIN });
      const shown = organizations.previewImport(`name,tenant id\nContoso,${CONTOSO.tenantId}\n`, lookup());
      assert.deepEqual([shown.unchanged, shown.toMap.length, shown.mappingsRefused.length], [1, 0, 0]);
    });
  });
});
