// The Microsoft Graph JS client, unmodified, pages through and retries against the sandbox as against Graph.
import assert from 'node:assert/strict';
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { appOnlyToken } from './signInForTest.js';

describe('Graph client against the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: Client;

  before(async () => {
    sandbox = await startSandbox({ pageSize: 7 });
    trustCertificateAuthority(sandbox.caCertPem);
    const token = await appOnlyToken(sandbox);
    // customHosts takes the host name without the port, or the client sends no token to it.
    client = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => token },
      baseUrl: `${sandbox.baseUrl}/`,
      customHosts: new Set(['127.0.0.1']),
    });
  });
  after(() => sandbox.close());

  it('reads every contract across pages by following @odata.nextLink', async () => {
    const names: string[] = [];
    const firstPage = (await client.api('/contracts').get()) as PageCollection;
    assert.match(
      firstPage['@odata.nextLink'] ?? '',
      new RegExp(`^${sandbox.graphBaseUrl}/contracts\\?.*\\$skiptoken=`),
    );
    await new PageIterator(client, firstPage, (contract: { displayName: string }) => {
      names.push(contract.displayName);
      return true;
    }).iterate();

    const expected = sandbox.state.customers
      .filter((customer) => customer.contract)
      .map((customer) => customer.displayName);
    assert.deepEqual(names, expected);
    const pageRequests = sandbox.requests.filter((entry) => entry.path.startsWith('/v1.0/contracts'));
    assert.equal(pageRequests.length, Math.ceil(expected.length / 7));
  });

  it('waits out a 429 with Retry-After and retries', async () => {
    sandbox.faults.add({
      method: 'GET',
      pathPattern: /^\/v1\.0\/organization$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    const organization = await client.api('/organization').get();
    assert.equal(organization.value[0].id, sandbox.partnerTenantId);
    const statuses = sandbox.requests
      .filter((entry) => entry.path === '/v1.0/organization')
      .map((entry) => entry.status);
    assert.deepEqual(statuses, [429, 200]);
  });

  it('filters relationships by status', async () => {
    const page = await client
      .api('/tenantRelationships/delegatedAdminRelationships')
      .filter("status eq 'approvalPending'")
      .get();
    assert.ok(page.value.length > 0);
    assert.ok(
      page.value.every((relationship: { status: string }) => relationship.status === 'approvalPending'),
    );
  });
});
