// The CSV downloads behind signed links: the waiting approvals for 500 customers, formula-safe, and refusals.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { Memory } from 'lowdb';
import restify from 'restify';
import { APPROVALS_EXPORT, MAPPINGS_EXPORT, registerExportRoutes } from '../../../bot/exportRoutes.js';
import { ApprovalsList } from '../../../dialogs/consent/approvalsList.js';
import { LinkSigner } from '../../../services/crypto/linkSigner.js';
import { AppStore } from '../../../services/store/appStore.js';
import type { StoreData } from '../../../services/store/storeData.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../services/settings/gdapRoles.js';
import { FakeConsentFlow } from '../../fakes/fakeConsentFlow.js';
import { FileApprovalReminders } from '../../../services/store/file/approvalReminders.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-03T12:00:00.000Z');
const tenantOf = (i: number) => `${String(i).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
// A customer name a spreadsheet would run as a formula: the CSV must hand it over as text.
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

describe('CSV export routes', () => {
  let server: restify.Server;
  let base: string;
  const links = new LinkSigner(Buffer.alloc(32, 7).toString('base64'));

  before(async () => {
    const flow = new FakeConsentFlow();
    const clients = Array.from({ length: 500 }, (_, i) => {
      const tenantId = tenantOf(i);
      flow.relationships.set(tenantId, [
        {
          id: `${tenantId}-8777b240-c6f0-4469-9e98-a3205431b836`,
          displayName: `GDAP-${i}`,
          status: 'approvalPending',
          roleIds: [...DEFAULT_GDAP_ROLE_IDS],
          createdDateTime: new Date(NOW.getTime() - (i + 1) * DAY).toISOString(),
        },
      ]);
      const name = i === 7 ? HOSTILE : `Customer ${i}`;
      return {
        organization: { id: `org-${i}`, name, createdAt: '', updatedAt: '' },
        customer: { tenantId, displayName: name },
      };
    });
    const store = await AppStore.open(new Memory<StoreData>());
    const reminders = new FileApprovalReminders(store, () => new Date(NOW.getTime() - 2 * DAY));
    await reminders.record([`${tenantOf(3)}-8777b240-c6f0-4469-9e98-a3205431b836`], 'admin');
    const approvals = new ApprovalsList({
      flow,
      mappedClients: () => clients,
      mspName: () => ({ partner: 'Contoso IT Services', signature: 'Contoso IT Services' }),
      reminders,
      csvUrl: () => '',
      now: () => NOW,
    });
    server = restify.createServer();
    registerExportRoutes(server, {
      links,
      mappingsCsv: async () => 'mappings\r\n',
      approvalsCsv: () => approvals.csv(),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/exports`;
  });
  after(() => server.close());

  it('serves every waiting customer as one CSV row, longest waiting first, with its link, age, reminder and message', async () => {
    const response = await fetch(`${base}/${APPROVALS_EXPORT}?${links.sign(APPROVALS_EXPORT, 60_000)}`);
    assert.equal(response.status, 200);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /csp-waiting-approvals-\d{4}-\d{2}-\d{2}\.csv/,
    );
    const rows = parse(await response.text(), { bom: true }) as string[][];
    assert.deepEqual(rows[0], [
      'organization',
      'customer name',
      'customer tenant id',
      'relationship',
      'approval link',
      'waiting since',
      'days waiting',
      'last reminded',
      'message',
    ]);
    assert.equal(rows.length - 1, 500);
    assert.equal(rows[1][2], tenantOf(499));
    assert.equal(rows[1][6], '500');
    assert.equal(rows[500][2], tenantOf(0));
    const reminded = rows.find((row) => row[2] === tenantOf(3))!;
    assert.equal(reminded[7], '2026-12-01');
    assert.match(reminded[4], /granularAdminRelationships\/00000003-/);
    assert.match(
      reminded[8],
      /^Hello, Contoso IT Services asks .* Only a Global Administrator of Customer 3 can approve it: sign in as one and open https:/,
    );
    const hostile = rows.find((row) => row[2] === tenantOf(7))!;
    assert.equal(hostile[0], `'${HOSTILE}`);
    assert.equal(hostile[1], `'${HOSTILE}`);
  });

  it('refuses a link without a valid signature, and a mappings link for the approvals', async () => {
    const unsigned = await fetch(`${base}/${APPROVALS_EXPORT}`);
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /expired\. Open the approvals list in Teams again/);
    const other = await fetch(`${base}/${APPROVALS_EXPORT}?${links.sign(MAPPINGS_EXPORT, 60_000)}`);
    assert.equal(other.status, 403);
    const mappings = await fetch(`${base}/${MAPPINGS_EXPORT}?${links.sign(MAPPINGS_EXPORT, 60_000)}`);
    assert.equal(await mappings.text(), 'mappings\r\n');
  });
});
