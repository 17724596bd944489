// Access assignments and the partner's security groups: pending until Microsoft finishes, only on active relationships.
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import {
  RELATIONSHIPS,
  accessAssignmentBody,
  customerId,
  graphCaller,
  groupId,
  relationshipAwaitingApproval,
  type GraphCall,
} from './graphForTest.js';
import { signInAs } from './signInForTest.js';

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';

describe('Access assignments in the sandbox', () => {
  let sandbox: RunningSandbox;
  let graph: GraphCall;

  before(async () => {
    sandbox = await startSandbox({ assignmentDelayMs: 150, approvalDelayMs: 0 });
    trustCertificateAuthority(sandbox.caCertPem);
    graph = graphCaller(sandbox, await signInAs(sandbox));
  });
  after(() => sandbox.close());

  const relationshipOf = (displayName: string) =>
    sandbox.state.relationships.find((relationship) => relationship.displayName === displayName)!;

  it('starts pending, turns active after the delay, and its operation goes from running to succeeded', async () => {
    const relationship = relationshipOf('CIT GDAP - Fourth Coffee Inc.');
    const assignments = `${RELATIONSHIPS}/${relationship.id}/accessAssignments`;
    const created = await graph(
      'POST',
      assignments,
      accessAssignmentBody(groupId(sandbox, 'GDAP - User Administrator'), [USER_ADMINISTRATOR]),
    );
    assert.equal(created.status, 201);
    assert.equal(created.json.status, 'pending');
    const one = `${assignments}/${created.json.id}`;
    assert.equal((await graph('GET', one)).json.status, 'pending');
    assert.deepEqual(
      (await graph('GET', assignments)).json.value.map((item: { status: string }) => item.status),
      ['pending'],
    );
    const operations = `${RELATIONSHIPS}/${relationship.id}/operations`;
    const [operation] = (await graph('GET', operations)).json.value;
    assert.equal(operation.status, 'running');
    assert.equal(operation.operationType, 'delegatedAdminAccessAssignmentUpdate');
    assert.equal(JSON.parse(operation.data).id, created.json.id);

    await sandbox.settled();
    const active = await graph('GET', one);
    assert.equal(active.json.status, 'active');
    assert.notEqual(active.json['@odata.etag'], created.json['@odata.etag']);
    assert.deepEqual(
      (await graph('GET', assignments)).json.value.map((item: { status: string }) => item.status),
      ['active'],
    );
    assert.equal((await graph('GET', `${operations}/${operation.id}`)).json.status, 'succeeded');
  });

  it('refuses an assignment before the customer approved, with Graph error shape', async () => {
    const id = await relationshipAwaitingApproval(graph, customerId(sandbox, 'Fjordlys Solkraft AS'));
    const body = accessAssignmentBody(groupId(sandbox, 'GDAP - User Administrator'), [USER_ADMINISTRATOR]);
    const refused = await graph('POST', `${RELATIONSHIPS}/${id}/accessAssignments`, body);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'BadRequest');
    assert.match(refused.json.error.message, /is approvalPending\. Access assignments can be created only/);
    assert.equal(refused.json.error.innerError['request-id'], refused.headers.get('request-id'));
    assert.match(refused.json.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    await fetch(sandbox.approvalLink(id));
    await sandbox.settled();
    assert.equal((await graph('POST', `${RELATIONSHIPS}/${id}/accessAssignments`, body)).status, 201);
  });

  it("refuses roles that are not the relationship's", async () => {
    const relationship = relationshipOf('CIT GDAP - Wingtip Toys Ltd');
    assert.ok(!relationship.roleDefinitionIds.includes(SECURITY_ADMINISTRATOR));
    const refused = await graph(
      'POST',
      `${RELATIONSHIPS}/${relationship.id}/accessAssignments`,
      accessAssignmentBody(groupId(sandbox, 'GDAP - Security Administrator'), [SECURITY_ADMINISTRATOR]),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /is not part of the access details/);
  });

  it('refuses a security group the partner tenant does not have', async () => {
    const relationship = relationshipOf('CIT GDAP - Alpine Ski House AG');
    const refused = await graph(
      'POST',
      `${RELATIONSHIPS}/${relationship.id}/accessAssignments`,
      accessAssignmentBody('5d0c6c36-0f5b-4b8a-9a52-000000000000', [USER_ADMINISTRATOR]),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /is not a security group of the partner tenant/);
  });

  it('creates a security group with members, finds it by name, and assigns it once', async () => {
    const displayName = "CSP Bot - O'Neil Helpdesk Administrator";
    const created = await graph('POST', '/groups', {
      displayName,
      mailNickname: 'cspbot-helpdesk',
      mailEnabled: false,
      securityEnabled: true,
      'members@odata.bind': [
        `https://graph.microsoft.com/v1.0/directoryObjects/${sandbox.state.defaultUser.id}`,
      ],
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.securityEnabled, true);
    const found = await graph('GET', `/groups?$filter=displayName eq '${displayName.replace(/'/g, "''")}'`);
    assert.deepEqual(
      found.json.value.map((group: { id: string }) => group.id),
      [created.json.id],
    );
    assert.deepEqual(sandbox.state.groups.find((group) => group.id === created.json.id)?.memberIds, [
      sandbox.state.defaultUser.id,
    ]);

    const relationship = relationshipOf('CIT GDAP - Southridge Video');
    const assignments = `${RELATIONSHIPS}/${relationship.id}/accessAssignments`;
    const body = accessAssignmentBody(created.json.id, [USER_ADMINISTRATOR]);
    assert.equal((await graph('POST', assignments, body)).status, 201);
    const again = await graph('POST', assignments, body);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'Conflict');
  });

  it('adds a member to a group by reference, once', async () => {
    const group = groupId(sandbox, 'GDAP - Global Reader');
    const lee = sandbox.state.users.find((user) => user.displayName === 'Lee Gu')!;
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${lee.id}` };
    assert.equal((await graph('POST', `/groups/${group}/members/$ref`, reference)).status, 204);
    const again = await graph('POST', `/groups/${group}/members/$ref`, reference);
    assert.equal(again.status, 400);
    assert.match(again.json.error.message, /already exist/);
  });
});
