// Seeds: the shipped one covers every case later tests need, generated ones are deterministic and valid, bad ones are explained.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSeed } from '../../../sandbox/generateSeed.js';
import { relationshipStatuses } from '../../../sandbox/relationshipRules.js';
import { defaultSeedPath, startSandbox } from '../../../sandbox/sandboxServer.js';
import { loadSeed } from '../../../sandbox/seed.js';
import { validateSeed } from '../../../sandbox/seedValidation.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { appOnlyToken } from './signInForTest.js';

describe('Sandbox seeds', () => {
  it('ships a default seed with every relationship status, MLT_ names, non-ASCII and duplicate customer names', async () => {
    const seed = await loadSeed(defaultSeedPath);
    const statuses = new Set(seed.relationships.map((relationship) => relationship.status));
    assert.deepEqual(
      [...relationshipStatuses].filter((status) => !statuses.has(status)),
      [],
    );
    assert.ok(seed.relationships.some((relationship) => relationship.displayName.startsWith('MLT_')));
    assert.ok(seed.customers.some((customer) => /[^\x20-\x7e]/.test(customer.displayName)));
    const names = seed.customers.map((customer) => customer.displayName);
    assert.notEqual(new Set(names).size, names.length);
    const contractTypes = new Set(
      seed.customers.map((customer) => customer.contract?.contractType).filter(Boolean),
    );
    assert.equal(contractTypes.size, 3);
  });

  it('generates the same 3,000-customer seed from the same number, and a valid one', () => {
    const first = generateSeed({ customers: 3000, seed: 42 });
    assert.deepEqual(generateSeed({ customers: 3000, seed: 42 }), first);
    assert.notDeepEqual(generateSeed({ customers: 3000, seed: 43 }).customers[0], first.customers[0]);
    assert.equal(validateSeed(first), first);
    assert.equal(first.customers.length, 3000);
    assert.equal(new Set(first.customers.map((customer) => customer.displayName)).size, 3000);
  });

  it('serves a generated seed with Graph paging limits', async () => {
    const sandbox = await startSandbox({ seed: generateSeed({ customers: 3000 }) });
    try {
      trustCertificateAuthority(sandbox.caCertPem);
      const response = await fetch(
        `${sandbox.graphBaseUrl}/tenantRelationships/delegatedAdminCustomers?$top=999`,
        {
          headers: { authorization: `Bearer ${await appOnlyToken(sandbox)}` },
        },
      );
      const page = await response.json();
      assert.equal(page.value.length, 300, '$top is clamped to the endpoint maximum');
      assert.ok(page['@odata.nextLink']);
    } finally {
      await sandbox.close();
    }
  });

  it('explains every problem of an invalid seed file with its path', async () => {
    const seed = generateSeed({ customers: 2 });
    const broken = {
      ...seed,
      defaultUserId: 'nobody',
      customers: [{ ...seed.customers[0], tenantId: 'not-a-guid' }],
      relationships: [{ ...seed.relationships[0], displayName: 'x'.repeat(51) }],
    };
    const file = join(await mkdtemp(join(tmpdir(), 'sandbox-seed-')), 'seed.json');
    await writeFile(file, JSON.stringify(broken));
    await assert.rejects(loadSeed(file), (error: Error) => {
      assert.match(error.message, /defaultUserId/);
      assert.match(error.message, /customers\[0\]\.tenantId: must be a GUID/);
      assert.match(error.message, /relationships\[0\]: displayName must be at most 50 characters/);
      return true;
    });
  });
});
