// Partner Center application consents (CPV): MFA, the Admin Agent role and an active GDAP relationship are required.
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { partnerCenterBaseUrl } from '../../../sandbox/sandboxUrls.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { customerId } from './graphForTest.js';
import { signInAs, userPrincipalName } from './signInForTest.js';

const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';
const GRAPH = '00000003-0000-0000-c000-000000000000';

describe('Partner Center application consents in the sandbox', () => {
  let sandbox: RunningSandbox;
  let megan: string;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
    megan = await signInAs(sandbox, { scope: PARTNER_CENTER_SCOPE });
  });
  after(() => sandbox.close());

  const consents = (customer: string) =>
    `${sandbox.partnerCenterBaseUrl}/v1/customers/${customer}/applicationconsents`;
  const consentBody = (applicationId = sandbox.clientId) => ({
    applicationId,
    displayName: 'CSP Integration Bot',
    applicationGrants: [{ enterpriseApplicationId: GRAPH, scope: 'Directory.Read.All,User.Read.All' }],
  });

  async function call(method: string, url: string, token: string, body?: unknown) {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'ms-correlationid': 'c-1',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  }

  it('issues Partner Center tokens for the user_impersonation scope', () => {
    const claims = decodeJwt(megan);
    assert.equal(claims.aud, 'https://api.partnercenter.microsoft.com');
    assert.equal(claims.scp, 'user_impersonation');
    assert.equal(sandbox.partnerCenterBaseUrl, partnerCenterBaseUrl(sandbox.baseUrl));
  });

  it('consents, refuses a second consent with 409, and recreates it after a delete', async () => {
    const customer = customerId(sandbox, 'Łódź Logistics Sp. z o.o.');
    const created = await call('POST', consents(customer), megan, consentBody());
    assert.equal(created.status, 201);
    assert.equal(created.json.applicationId, sandbox.clientId);
    assert.equal(created.headers.get('ms-correlationid'), 'c-1');
    assert.equal(sandbox.state.consents.filter((consent) => consent.customerTenantId === customer).length, 1);

    const again = await call('POST', consents(customer), megan, consentBody());
    assert.equal(again.status, 409);
    assert.deepEqual(again.json, {
      code: 'Conflict',
      description: 'Permission entry already exists.',
      data: [],
      source: 'PartnerFD',
    });

    const listed = await call('GET', consents(customer), megan);
    assert.deepEqual(
      listed.json.items.map((item: { applicationId: string }) => item.applicationId),
      [sandbox.clientId],
    );
    assert.equal((await call('DELETE', `${consents(customer)}/${sandbox.clientId}`, megan)).status, 204);
    assert.equal((await call('GET', consents(customer), megan)).json.totalCount, 0);
    assert.equal((await call('POST', consents(customer), megan, consentBody())).status, 201);
  });

  it('requires MFA in the token: an admin who signed in without it gets 401', async () => {
    const alex = await signInAs(sandbox, {
      scope: PARTNER_CENTER_SCOPE,
      loginHint: userPrincipalName(sandbox, 'Alex Wilber'),
    });
    assert.deepEqual(decodeJwt(alex).amr, ['pwd']);
    const answer = await call(
      'POST',
      consents(customerId(sandbox, 'Wide World Importers Ltd')),
      alex,
      consentBody(),
    );
    assert.equal(answer.status, 401);
    assert.match(answer.json.description, /MFA\) is required/);
    assert.equal(answer.json.source, 'PartnerFD');
  });

  it('requires the Admin Agent role', async () => {
    const lee = await signInAs(sandbox, {
      scope: PARTNER_CENTER_SCOPE,
      loginHint: userPrincipalName(sandbox, 'Lee Gu'),
    });
    const answer = await call(
      'POST',
      consents(customerId(sandbox, 'Wide World Importers Ltd')),
      lee,
      consentBody(),
    );
    assert.equal(answer.status, 403);
    assert.match(answer.json.description, /Admin Agent/);
  });

  it('refuses a Graph token: wrong audience', async () => {
    const graphToken = await signInAs(sandbox);
    const answer = await call('GET', consents(customerId(sandbox, 'Wide World Importers Ltd')), graphToken);
    assert.equal(answer.status, 401);
    assert.match(answer.json.description, /audience/);
  });

  it('requires an active relationship with the customer', async () => {
    for (const name of ['Graphic Design Institute', 'Nod Publishers', 'Fjordlys Solkraft AS']) {
      const answer = await call('POST', consents(customerId(sandbox, name)), megan, consentBody());
      assert.equal(answer.status, 403, name);
      assert.match(answer.json.description, /no active delegated admin relationship/);
    }
  });

  it('answers an unknown customer with 404 and a malformed consent with 400', async () => {
    const unknown = await call(
      'POST',
      consents('3f2b1c4d-0000-4000-8000-000000000000'),
      megan,
      consentBody(),
    );
    assert.equal(unknown.status, 404);
    const customer = customerId(sandbox, 'Proseware Inc.');
    const noGrants = await call('POST', consents(customer), megan, { applicationId: sandbox.clientId });
    assert.equal(noGrants.status, 400);
    const otherApp = await call(
      'POST',
      consents(customer),
      megan,
      consentBody('11111111-2222-4333-8444-555555555555'),
    );
    assert.equal(otherApp.status, 400);
    assert.match(otherApp.json.description, /was not found/);
  });

  it('answers an injected fault in Partner Center error shape, with Retry-After', async () => {
    sandbox.faults.add({
      pathPattern: /\/applicationconsents$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 2,
    });
    const customer = customerId(sandbox, 'Proseware Inc.');
    const throttled = await call('GET', consents(customer), megan);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '2');
    assert.equal(throttled.json.source, 'PartnerFD');
    assert.equal((await call('GET', consents(customer), megan)).status, 200);
  });
});
