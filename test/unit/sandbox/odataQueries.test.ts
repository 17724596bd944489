// The OData query options the sandbox's Graph understands, and the ones it refuses as Graph would.
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { appOnlyToken } from './signInForTest.js';

describe('OData queries on the sandbox Graph', () => {
  let sandbox: RunningSandbox;
  let token: string;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    token = await appOnlyToken(sandbox);
  });
  after(() => sandbox.close());

  async function get(pathAndQuery: string) {
    const url = pathAndQuery.startsWith('https:') ? pathAndQuery : `${sandbox.graphBaseUrl}${pathAndQuery}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }

  it('filters contracts by customerId', async () => {
    const customer = sandbox.state.customers[2];
    const { body } = await get(`/contracts?$filter=customerId eq '${customer.tenantId}'`);
    assert.deepEqual(
      body.value.map((contract: { displayName: string }) => contract.displayName),
      [customer.displayName],
    );
  });

  it('filters by display name prefix without regard to case, and by exact name', async () => {
    const { body } = await get("/contracts?$filter=startswith(displayName,'litware')");
    assert.deepEqual(
      body.value.map((contract: { displayName: string }) => contract.displayName),
      ['Litware Inc.', 'Litware Inc.'],
    );
    const groups = await get("/groups?$filter=displayName eq 'GDAP - Global Reader'");
    assert.equal(groups.body.value.length, 1);
  });

  it('keeps the filter on every page of a filtered listing', async () => {
    const first = await get(
      "/tenantRelationships/delegatedAdminRelationships?$filter=status eq 'active'&$top=5",
    );
    const second = await get(first.body['@odata.nextLink']);
    assert.equal(second.status, 200);
    assert.ok(
      [...first.body.value, ...second.body.value].every(
        (item: { status: string }) => item.status === 'active',
      ),
    );
  });

  it('refuses filters on properties Graph does not filter on', async () => {
    const { status, body } = await get("/contracts?$filter=contractType2 eq 'x'");
    assert.equal(status, 400);
    assert.match(body.error.message, /contractType2/);
  });

  it('refuses a skip token the client built itself', async () => {
    const forged = Buffer.from('5.anything').toString('base64url');
    const { status } = await get(`/contracts?$skiptoken=${forged}.signature`);
    assert.equal(status, 400);
  });

  it('selects only the asked-for properties', async () => {
    const { body } = await get('/contracts?$select=displayName&$top=1');
    assert.deepEqual(Object.keys(body.value[0]), ['displayName']);
  });

  it('delays each Graph answer by the configured latency', async () => {
    sandbox.settings.latencyMs = 150;
    const started = performance.now();
    await get('/organization');
    sandbox.settings.latencyMs = 0;
    assert.ok(performance.now() - started >= 145);
  });
});
