// Partner Center consent and the access test against the sandbox, with tokens from a real silent refresh.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../services/errors.js';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { ConsentClient, DEFAULT_CUSTOMER_SCOPES } from '../../../../services/gdap/consentClient.js';
import { customerGraphToken, partnerCenterToken } from '../../../../services/gdap/gdapTokens.js';
import { userPrincipalName } from '../../sandbox/signInForTest.js';
import { startGdapSandbox, type GdapSandbox } from './gdapSandbox.js';
import { signInPartner, type PartnerSignIn } from './partnerSignIn.js';

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

describe('ConsentClient against the sandbox', function () {
  // A sandbox over HTTPS, real sign-ins and Retry-After waits: more than mocha's default 2 s.
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let customers: GdapSandbox;
  let megan: PartnerSignIn;
  let client: ConsentClient;

  before(async () => {
    customers = await startGdapSandbox();
    sandbox = customers.sandbox;
    megan = await signInPartner(sandbox);
    client = clientFor(megan);
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.clear());

  function clientFor({ signIn, settings }: PartnerSignIn, options: { claims?: boolean } = {}) {
    const pcToken = partnerCenterToken(settings, signIn);
    return new ConsentClient({
      partnerCenterBaseUrl: sandbox.partnerCenterBaseUrl,
      graphBaseUrl: sandbox.graphBaseUrl,
      partnerCenterToken:
        options.claims === false ? async () => ({ accessToken: (await pcToken()).accessToken }) : pcToken,
      customerGraphToken: customerGraphToken(settings, signIn),
      retry: FAST_RETRY,
    });
  }
  const consent = { applicationId: '', scopes: DEFAULT_CUSTOMER_SCOPES };
  const consentOf = (tenantId: string) =>
    sandbox.state.consents.filter((record) => record.customerTenantId === tenantId.toLowerCase());
  const readyCustomer = () =>
    customers.customerWhere(
      (facts) => facts.statuses.includes('active') && facts.assigned && !facts.consented,
    );

  before(() => {
    consent.applicationId = sandbox.clientId;
  });

  it('consents the app once; a second consent finds it there; a refresh deletes and creates it again', async () => {
    const { tenantId } = readyCustomer();
    assert.equal(await client.consentApp(tenantId, consent), 'consented');
    assert.deepEqual(consentOf(tenantId)[0].applicationGrants, [
      {
        enterpriseApplicationId: '00000003-0000-0000-c000-000000000000',
        scope: 'Directory.Read.All,User.Read.All',
      },
    ]);
    assert.equal(await client.consentApp(tenantId, consent), 'already-consented');
    const refreshed = await client.consentApp(tenantId, {
      ...consent,
      scopes: ['Directory.Read.All'],
      refresh: true,
    });
    assert.equal(refreshed, 'refreshed');
    assert.equal(consentOf(tenantId).length, 1);
    assert.equal(consentOf(tenantId)[0].applicationGrants[0].scope, 'Directory.Read.All');
  });

  it('tests access with one read in the customer tenant once the app is consented', async () => {
    const customer = readyCustomer();
    const before = await client.testAccess(customer.tenantId);
    assert.equal(before.ok, false);
    assert.ok(
      !before.ok && isAppError(before.error, 'CUSTOMER_CONSENT_MISSING'),
      'AADSTS65001 before consent',
    );

    await client.consentApp(customer.tenantId, consent);
    const after = await client.testAccess(customer.tenantId);
    assert.deepEqual(after, {
      ok: true,
      organization: { id: customer.tenantId, displayName: customer.displayName },
    });
  });

  it('says "User was not found" means the relationship ended', async () => {
    const { tenantId } = customers.customerWhere(
      (facts) => facts.statuses.length > 0 && facts.statuses.every((status) => status === 'expired'),
    );
    const result = await client.testAccess(tenantId);
    assert.ok(!result.ok && isAppError(result.error, 'CUSTOMER_ACCESS_EXPIRED'));
    assert.match(!result.ok ? result.error.userMessage : '', /expired or the customer removed it/);
  });

  it('explains a tenant the partner cannot enter yet (AADSTS50020)', async () => {
    const result = await client.testAccess(customers.freshCustomer().tenantId);
    assert.ok(!result.ok && isAppError(result.error, 'CUSTOMER_CONDITIONAL_ACCESS'));
    assert.match(
      !result.ok ? result.error.userMessage : '',
      /GDAP access is not in place yet.*Service Provider Users/,
    );
  });

  it('refuses before calling Partner Center when the admin signed in without MFA', async () => {
    const alex = await signInPartner(sandbox, userPrincipalName(sandbox, 'Alex Wilber'));
    const { tenantId } = readyCustomer();
    await assert.rejects(clientFor(alex).consentApp(tenantId, consent), (error) =>
      isAppError(error, 'PARTNER_MFA_REQUIRED'),
    );
    // With claims it cannot read, Partner Center's own refusal says the same.
    await assert.rejects(clientFor(alex, { claims: false }).consentApp(tenantId, consent), (error) =>
      isAppError(error, 'PARTNER_MFA_REQUIRED'),
    );
    assert.equal(consentOf(tenantId).length, 0);
  });

  it('quotes Partner Center when it refuses a customer without an active relationship', async () => {
    const { tenantId } = customers.freshCustomer();
    await assert.rejects(client.consentApp(tenantId, consent), (error) => {
      assert.ok(isAppError(error, 'CONSENT_FAILED'));
      assert.match(error.userMessage, /\(403\).*Partner Center said: “.+”/);
      return true;
    });
  });

  it('waits out a throttled Partner Center (429 with Retry-After)', async () => {
    const { tenantId } = readyCustomer();
    sandbox.faults.add({
      method: 'POST',
      pathPattern: /applicationconsents$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    const started = Date.now();
    assert.equal(await client.consentApp(tenantId, consent), 'consented');
    assert.ok(Date.now() - started >= 1000);
  });
});
