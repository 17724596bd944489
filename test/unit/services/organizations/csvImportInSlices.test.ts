// A large import read beside other users' turns: the same preview as read in one go, with the event loop free.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../bot/errors.js';
import { previewImport, previewImportInSlices } from '../../../../services/organizations/csvImport.js';
import type { Organization } from '../../../../services/store/storeData.js';

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
});
