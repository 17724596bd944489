// Reaching a customer tenant through GDAP with MSAL Node, as the bot does: a silent refresh at the customer's authority.
import assert from 'node:assert/strict';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthError,
} from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import {
  RELATIONSHIPS,
  accessAssignmentBody,
  customerId,
  graphCaller,
  relationshipAwaitingApproval,
} from './graphForTest.js';
import { GRAPH_DEFAULT_SCOPE, TEST_REDIRECT_URI, signInAs, userPrincipalName } from './signInForTest.js';

const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';

describe('Customer-tenant tokens through GDAP in the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: ConfidentialClientApplication;
  let megan: AccountInfo;

  before(async () => {
    sandbox = await startSandbox({ approvalDelayMs: 0, assignmentDelayMs: 0 });
    trustCertificateAuthority(sandbox.caCertPem);
    client = msalClient();
    megan = await signIn(client);
  });
  after(() => sandbox.close());

  function msalClient(): ConfidentialClientApplication {
    return new ConfidentialClientApplication({
      auth: {
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        authority: `${sandbox.authorityHost}/${sandbox.partnerTenantId}`,
        knownAuthorities: [new URL(sandbox.authorityHost).host],
      },
    });
  }

  async function signIn(app: ConfidentialClientApplication, loginHint?: string): Promise<AccountInfo> {
    const scopes = [GRAPH_DEFAULT_SCOPE];
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await app.getAuthCodeUrl({
      scopes,
      redirectUri: TEST_REDIRECT_URI,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      loginHint,
    });
    const redirect = await fetch(url, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const result = await app.acquireTokenByCode({
      code,
      scopes,
      redirectUri: TEST_REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
    return result.account!;
  }

  // What the bot's access test does: the partner sign-in's refresh token, sent to the customer's authority. MSAL
  // looks the cache up by the account's tenantId before the authority's, so the account must name the customer too.
  const customerToken = (customerTenantId: string, account = megan, app = client) =>
    app
      .acquireTokenSilent({
        account: { ...account, tenantId: customerTenantId },
        scopes: [GRAPH_DEFAULT_SCOPE],
        authority: `${sandbox.authorityHost}/${customerTenantId}`,
      })
      .then((result) => result.accessToken);

  const refusalError = (customerTenantId: string, account = megan, app = client) =>
    customerToken(customerTenantId, account, app).then(
      () => assert.fail('expected the customer tenant to refuse the token'),
      (caught: AuthError) => caught,
    );
  const refusal = async (customerTenantId: string, account = megan, app = client) =>
    (await refusalError(customerTenantId, account, app)).message;

  it('gives a token for a working customer whose tid is the customer, and Graph answers as that customer', async () => {
    const customer = customerId(sandbox, 'Société Générale de Café');
    const token = await customerToken(customer);
    const claims = decodeJwt(token);
    assert.equal(claims.tid, customer);
    assert.equal(claims.oid, sandbox.state.defaultUser.id);
    assert.equal(claims.idp, `https://sts.windows.net/${sandbox.partnerTenantId}/`);
    assert.ok((claims.wids as string[]).includes(GLOBAL_READER));
    assert.deepEqual(String(claims.scp).split(' ').sort(), ['Directory.Read.All', 'User.Read.All']);

    const graph = graphCaller(sandbox, token);
    const organization = await graph('GET', '/organization');
    assert.deepEqual(
      organization.json.value.map((org: { id: string; displayName: string }) => [org.id, org.displayName]),
      [[customer, 'Société Générale de Café']],
    );
    const users = await graph('GET', '/users?$top=1');
    assert.equal(users.status, 200);
    assert.equal(users.json.value.length, 1);
    const domain = sandbox.state.customers.find((item) => item.tenantId === customer)!.defaultDomainName;
    assert.ok(users.json.value[0].userPrincipalName.endsWith(`@${domain}`));
    // Only what the customer consented to: GDAP management stays with partner-tenant tokens.
    assert.equal((await graph('GET', '/tenantRelationships/delegatedAdminRelationships')).status, 403);
  });

  it('keeps partner-tenant tokens and Graph answers as they were', async () => {
    const token = await customerToken(sandbox.partnerTenantId);
    const organization = await graphCaller(sandbox, token)('GET', '/organization');
    assert.equal(organization.json.value[0].id, sandbox.partnerTenantId);
  });

  it('refuses with AADSTS50020 when there is no relationship, or no access assigned yet', async () => {
    assert.match(await refusal(customerId(sandbox, 'Fjordlys Solkraft AS')), /AADSTS50020/);
    assert.match(await refusal(customerId(sandbox, 'Müller Bäckerei GmbH')), /AADSTS50020/);
    assert.match(await refusal(customerId(sandbox, 'Graphic Design Institute')), /AADSTS50020/);
  });

  it('refuses with AADSTS50034 (user not found) when the relationship expired or was terminated', async () => {
    // Munson's still has a consent from when the relationship was active: it lets no one in on its own.
    assert.match(await refusal(customerId(sandbox, "Munson's Pickles and Preserves Farm")), /AADSTS50034/);
    assert.match(await refusal(customerId(sandbox, 'Åkerlund & Söner AB')), /AADSTS50034/);
  });

  it('refuses with AADSTS65001, an interaction-required error, when the app is not consented there', async () => {
    const error = await refusalError(customerId(sandbox, 'Ōsaka Trading 株式会社'));
    assert.ok(error instanceof InteractionRequiredAuthError);
    assert.equal(error.subError, 'consent_required');
    assert.match(error.message, /AADSTS65001/);
  });

  it('refuses a partner user who is in none of the assigned groups', async () => {
    const app = msalClient();
    const lee = await signIn(app, userPrincipalName(sandbox, 'Lee Gu'));
    assert.match(await refusal(customerId(sandbox, 'Société Générale de Café'), lee, app), /AADSTS50020/);
  });

  it('opens a new customer only once approval, assignment and consent are all done', async () => {
    const customer = customerId(sandbox, 'Αθηνά Ναυτιλιακή Α.Ε.');
    const graph = graphCaller(sandbox, await signInAs(sandbox));
    const id = await relationshipAwaitingApproval(graph, customer);
    assert.match(await refusal(customer), /AADSTS50020/);

    await fetch(sandbox.approvalLink(id));
    await sandbox.settled();
    assert.match(await refusal(customer), /AADSTS50020/, 'approved, but no access assigned');

    const group = sandbox.state.groups.find((candidate) => candidate.displayName === 'GDAP - Global Reader')!;
    const assigned = await graph(
      'POST',
      `${RELATIONSHIPS}/${id}/accessAssignments`,
      accessAssignmentBody(group.id, [GLOBAL_READER]),
    );
    assert.equal(assigned.status, 201);
    await sandbox.settled();
    assert.match(await refusal(customer), /AADSTS65001/, 'access assigned, app not consented');

    const partnerCenter = await signInAs(sandbox, {
      scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
    });
    const consent = await fetch(
      `${sandbox.partnerCenterBaseUrl}/v1/customers/${customer}/applicationconsents`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${partnerCenter}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          applicationId: sandbox.clientId,
          applicationGrants: [
            { enterpriseApplicationId: '00000003-0000-0000-c000-000000000000', scope: 'Directory.Read.All' },
          ],
        }),
      },
    );
    assert.equal(consent.status, 201);

    const token = await customerToken(customer);
    assert.deepEqual(decodeJwt(token).wids, [GLOBAL_READER]);
    const organization = await graphCaller(sandbox, token)('GET', '/organization');
    assert.equal(organization.json.value[0].displayName, 'Αθηνά Ναυτιλιακή Α.Ε.');
  });
});
