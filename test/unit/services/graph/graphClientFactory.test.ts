// The Graph client built from a configured base URL reaches the sandbox with the token, and keeps the retry middleware.
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';
import { signInAs } from '../../sandbox/signInForTest.js';

describe('createGraphClient', () => {
  let sandbox: RunningSandbox;
  let token: string;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    token = await signInAs(sandbox);
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.clear());

  const client = () =>
    createGraphClient({ graphBaseUrl: sandbox.graphBaseUrl, getAccessToken: async () => token });

  it('sends the bearer token to a non-Microsoft host on another port, under the configured version', async () => {
    const me = await client().api('/me').select(['id']).get();
    assert.equal(me.id, sandbox.state.defaultUser.id);
    assert.equal(sandbox.requests.at(-1)?.path, '/v1.0/me?$select=id');
  });

  it('waits out a 429 with Retry-After and retries', async () => {
    sandbox.faults.add({
      method: 'GET',
      pathPattern: /^\/v1\.0\/organization$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    const started = Date.now();
    const organization = await client().api('/organization').get();
    assert.equal(organization.value[0].id, sandbox.partnerTenantId);
    assert.ok(Date.now() - started >= 1000, 'waited for Retry-After');
    const statuses = sandbox.requests
      .filter((entry) => entry.path === '/v1.0/organization')
      .map((entry) => entry.status);
    assert.deepEqual(statuses, [429, 200]);
  });
});
