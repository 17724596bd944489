// A large import read beside other users' turns: the same preview as read in one go, with the event loop free.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { previewImport, previewImportInSlices } from '../../../../services/organizations/csvImport.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { Organization, StoreData } from '../../../../services/store/storeData.js';
import { FileOrganizationStore } from '../../../../services/store/file/organizations.js';

const current: Organization[] = Array.from({ length: 3_000 }, (_, i) => ({
  id: `org-${i}`,
  name: `Organization ${i}`,
  externalId: `PSA-${i}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
}));

/** 6,000 rows: new ones, renames by external id, repeats, bad domains, a quoted line break now and then. */
function bigFile(): string {
  const lines = ['Name;External ID;Domain'];
  for (let i = 0; i < 6_000; i++) {
    if (i % 211 === 0) lines.push(`"Two\r\nlines ${i}";NEW-${i};`);
    else if (i % 97 === 0) lines.push(`Organization ${i - 1};;not a domain`);
    else if (i % 2 === 0) lines.push(`"Renamed ""${i}""";PSA-${i};org${i}.example`);
    else lines.push(`Client ${i};NEW-${i};client${i}.example`);
  }
  return lines.join('\r\n');
}

const ADMIN_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

const withoutId = ({ id, ...rest }: { id: string }) => (assert.ok(id), rest);

describe('CSV import read in slices', () => {
  it('gives other turns the event loop while it reads 6,000 rows, and previews what the one-go read previews', async () => {
    const file = bigFile();
    let turns = 0;
    let running = true;
    const turn = () => {
      if (!running) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const sliced = await previewImportInSlices(file, () => ({ current, revision: 7 }));
    running = false;
    assert.ok(turns > 10, `the event loop had ${turns} turns while the file was read`);
    const once = previewImport(file, current, 7);
    assert.deepEqual(withoutId(sliced), withoutId(once));
    const counts = [once.toAdd.length, once.toUpdate.length, once.rejected.length];
    assert.ok(
      counts[0] > 2_000 && counts[1] > 1_000 && counts[2] > 10,
      `added, updated, rejected: ${counts}`,
    );
  });

  it('draws the preview from the organizations as they are once the file is read', async () => {
    let asked = 0;
    const sliced = await previewImportInSlices('name\nOrganization 5\nSomeone new\n', () => {
      asked++;
      return { current, revision: 9 };
    });
    assert.equal(asked, 1);
    assert.equal(sliced.revision, 9);
    assert.equal(sliced.unchanged, 1);
    assert.deepEqual(
      sliced.toAdd.map((row) => row.name),
      ['Someone new'],
    );
  });

  it('refuses a broken file with the one-go read’s reason, and never asks for the organizations', async () => {
    for (const file of ['name,domain\n', 'name\n"open, and never closed\nnext\n', '']) {
      let once: unknown;
      try {
        previewImport(file, current, 1);
      } catch (error) {
        once = error;
      }
      await assert.rejects(
        previewImportInSlices(file, () => assert.fail('asked for the organizations')),
        (error: unknown) => isAppError(error) && error.message === (once as Error).message,
      );
    }
  });

  it('applies 10,000 rows with the event loop free while the records are made, all in one revision', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const organizations = new FileOrganizationStore(store);
    await store.update((data) => {
      for (const org of current) data.organizations[org.id] = { ...org };
      data.mappingRevision = 3;
    });
    const tenant = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const lines = ['Name,External ID,Customer tenant id'];
    for (let i = 0; i < 10_000; i++) {
      if (i < 1_000) lines.push(`Renamed ${i},PSA-${i},`);
      else lines.push(`New client ${i},NEW-${i},${i % 2 ? tenant(i) : ''}`);
    }
    const lookup = {
      customer: (tenantId: string) => ({ tenantId, displayName: `Customer ${tenantId.slice(-4)}` }),
      linksOf: () => [],
    };
    const preview = await organizations.previewImportInSlices(lines.join('\n'), lookup);
    assert.deepEqual(
      [preview.toAdd.length, preview.toUpdate.length, preview.toMap.length],
      [9_000, 1_000, 4_500],
    );
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const result = await organizations.applyImport(preview, { by: ADMIN_ID, expectedRevision: 3 });
    running = false;
    assert.ok(ticks > 5, `the event loop had ${ticks} turns while 10,000 rows were applied`);
    assert.deepEqual(result, {
      added: 9_000,
      updated: 1_000,
      mapped: 4_500,
      revision: 4,
      alreadyApplied: false,
    });
    const data = store.data;
    assert.equal(Object.keys(data.organizations).length, 12_000);
    assert.equal(Object.keys(data.mappings).length, 4_500);
    assert.equal(organizations.get('org-7')?.name, 'Renamed 7');
    assert.equal(
      organizations.get('org-7')?.createdAt,
      current[7].createdAt,
      'a rename keeps when it was made',
    );
    const added = organizations.findByExternalId('NEW-1001');
    assert.equal(added?.name, 'New client 1001');
    const mapping = Object.values(data.mappings).find((m) => m.organizationId === added?.id);
    assert.equal(mapping?.customerTenantId, tenant(1001));
    const entry = data.audit.at(-1);
    assert.equal(entry?.action, 'organization.import');
    // The import itself, a name and an external id per new organization, a name per rename, a link per mapping.
    assert.equal(entry?.changes.length, 1 + 9_000 * 2 + 1_000 + 4_500);
    assert.deepEqual(data.mappingJournal?.at(-1), {
      revision: 4,
      mappingIds: Object.keys(data.mappings),
      // Too many to name: the organizations' readers sort and index them afresh.
      organizationIds: 'many',
    });
    // Applying the same preview again (a double click) changes nothing.
    const again = await organizations.applyImport(preview, { by: ADMIN_ID });
    assert.equal(again.alreadyApplied, true);
    assert.equal(store.data.mappingRevision, 4);
  });
});
