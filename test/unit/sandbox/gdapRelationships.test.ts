// Graph's GDAP rules as the sandbox enforces them: creating, locking for approval with etags, assigning access.
import assert from 'node:assert/strict';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../sandbox/roles.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { signInAs, userPrincipalName } from './signInForTest.js';

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

describe('GDAP relationships in the sandbox', () => {
  let sandbox: RunningSandbox;
  let adminToken: string;

  before(async () => {
    // Assignments turn active as soon as the next request arrives; accessAssignments.test.ts follows them while pending.
    sandbox = await startSandbox({ assignmentDelayMs: 0 });
    trustCertificateAuthority(sandbox.caCertPem);
    adminToken = await signInAs(sandbox);
  });
  after(() => sandbox.close());

  async function graph(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    token = adminToken,
  ) {
    const response = await fetch(`${sandbox.graphBaseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  }

  const draft = (overrides: Record<string, unknown> = {}) => ({
    displayName: `Onboarding ${Math.random().toString(36).slice(2, 10)}`,
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    customer: { tenantId: sandbox.state.customers[0].tenantId },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMINISTRATOR }] },
    ...overrides,
  });
  const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

  it('creates a relationship: 201, Location and an etag', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft());
    assert.equal(created.status, 201);
    assert.equal(created.json.status, 'created');
    assert.equal(
      created.headers.get('location'),
      `${sandbox.graphBaseUrl}${RELATIONSHIPS}/${created.json.id}`,
    );
    assert.ok(created.json['@odata.etag']);
    assert.equal(created.headers.get('etag'), created.json['@odata.etag']);
    assert.equal(
      sandbox.state.relationship(created.json.id)?.customer?.displayName,
      sandbox.state.customers[0].displayName,
    );
  });

  it('refuses a display name longer than 50 characters', async () => {
    const answer = await graph('POST', RELATIONSHIPS, draft({ displayName: 'x'.repeat(51) }));
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error.code, 'BadRequest');
    assert.match(answer.json.error.message, /at most 50 characters/);
    assert.ok(answer.json.error.innerError['request-id']);
  });

  it('refuses a display name already used by another relationship', async () => {
    const taken = sandbox.state.relationships[0].displayName;
    const answer = await graph('POST', RELATIONSHIPS, draft({ displayName: taken.toUpperCase() }));
    assert.equal(answer.status, 409);
  });

  it('refuses auto-extension when Global Administrator is included', async () => {
    const roles = { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMINISTRATOR_ROLE_ID }] };
    const refused = await graph(
      'POST',
      RELATIONSHIPS,
      draft({ accessDetails: roles, autoExtendDuration: 'P180D' }),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /PT0S when the relationship includes the Global Administrator/);
    const accepted = await graph(
      'POST',
      RELATIONSHIPS,
      draft({ accessDetails: roles, autoExtendDuration: 'PT0S' }),
    );
    assert.equal(accepted.status, 201);
  });

  it('refuses a duration beyond two years', async () => {
    const answer = await graph('POST', RELATIONSHIPS, draft({ duration: 'P731D' }));
    assert.equal(answer.status, 400);
  });

  it('locks for approval only with the current etag', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft());
    const requests = `${RELATIONSHIPS}/${created.json.id}/requests`;
    const stale = await graph('POST', requests, { action: 'lockForApproval' }, { 'if-match': 'W/"stale"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.json.error.code, 'PreconditionFailed');

    const locked = await graph(
      'POST',
      requests,
      { action: 'lockForApproval' },
      { 'if-match': created.json['@odata.etag'] },
    );
    assert.equal(locked.status, 201);
    assert.equal(locked.json.action, 'lockForApproval');
    const after = await graph('GET', `${RELATIONSHIPS}/${created.json.id}`);
    assert.equal(after.json.status, 'approvalPending');
    assert.notEqual(after.json['@odata.etag'], created.json['@odata.etag']);
    const history = await graph('GET', requests);
    assert.deepEqual(
      history.json.value.map((request: { action: string }) => request.action),
      ['lockForApproval'],
    );
  });

  it('edits a relationship only while it is created', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft());
    const path = `${RELATIONSHIPS}/${created.json.id}`;
    const renamed = await graph(
      'PATCH',
      path,
      { displayName: `${created.json.displayName} v2` },
      { 'if-match': created.json['@odata.etag'] },
    );
    assert.equal(renamed.status, 200);
    const pending = sandbox.state.relationships.find(
      (relationship) => relationship.status === 'approvalPending',
    )!;
    const refused = await graph(
      'PATCH',
      `${RELATIONSHIPS}/${pending.id}`,
      { duration: 'P30D' },
      { 'if-match': pending.etag },
    );
    assert.equal(refused.status, 400);
  });

  it('assigns access to a partner group once the customer has approved', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft());
    const assignments = `${RELATIONSHIPS}/${created.json.id}/accessAssignments`;
    const group = sandbox.state.groups.find(
      (candidate) => candidate.displayName === 'GDAP - User Administrator',
    )!;
    const assignment = {
      accessContainer: { accessContainerId: group.id, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMINISTRATOR }] },
    };
    assert.equal((await graph('POST', assignments, assignment)).status, 400);

    sandbox.state.setRelationshipStatus(created.json.id, 'active');
    const accepted = await graph('POST', assignments, assignment);
    assert.equal(accepted.status, 201);
    assert.equal(accepted.json.status, 'pending');
    const listed = await graph('GET', assignments);
    assert.deepEqual(
      listed.json.value.map((item: { status: string }) => item.status),
      ['active'],
    );
    const operations = await graph('GET', `${RELATIONSHIPS}/${created.json.id}/operations`);
    assert.equal(operations.json.value[0].status, 'succeeded');
  });

  it('refuses writes from a user who is not an Admin Agent', async () => {
    const token = await signInAs(sandbox, { loginHint: userPrincipalName(sandbox, 'Lee Gu') });
    const answer = await graph('POST', RELATIONSHIPS, draft(), {}, token);
    assert.equal(answer.status, 403);
    assert.equal(answer.json.error.code, 'Authorization_RequestDenied');
  });
});
