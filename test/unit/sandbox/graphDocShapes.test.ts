// The sandbox's answers beside the Graph v1.0 docs' example responses: contexts, etags, request status, operation data.
import assert from 'node:assert/strict';
import { securityIdentifierOf } from '../../../sandbox/graph/graphShapes.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import {
  RELATIONSHIPS,
  accessAssignmentBody,
  customerId,
  graphCaller,
  groupId,
  type GraphCall,
} from './graphForTest.js';
import { signInAs } from './signInForTest.js';

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const ETAG = /^W\/".+"$/;

describe('Sandbox answers shaped like the Graph docs', () => {
  let sandbox: RunningSandbox;
  let graph: GraphCall;
  // The GDAP workload's metadata lives under tenantRelationships/, as every one of its docs examples shows.
  let gdapMetadata: string;

  before(async () => {
    sandbox = await startSandbox({ assignmentDelayMs: 0, approvalDelayMs: 0 });
    trustCertificateAuthority(sandbox.caCertPem);
    graph = graphCaller(sandbox, await signInAs(sandbox));
    gdapMetadata = `${sandbox.graphBaseUrl}/tenantRelationships/$metadata#`;
  });
  after(() => sandbox.close());

  const draft = (tenantId: string) => ({
    displayName: `Onboarding ${Math.random().toString(36).slice(2, 10)}`,
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    customer: { tenantId },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMINISTRATOR }] },
  });

  it('names relationships in the context of tenantRelationships/$metadata', async () => {
    const list = await graph('GET', `${RELATIONSHIPS}?$top=2`);
    assert.equal(list.json['@odata.context'], `${gdapMetadata}delegatedAdminRelationships`);
    const one = await graph('GET', `${RELATIONSHIPS}/${list.json.value[0].id}`);
    assert.equal(one.json['@odata.context'], `${gdapMetadata}delegatedAdminRelationships/$entity`);
    const created = await graph('POST', RELATIONSHIPS, draft(customerId(sandbox, 'Coho Winery')));
    assert.equal(created.json['@odata.context'], `${gdapMetadata}delegatedAdminRelationships`);
  });

  it('answers a lock request as created, lists it succeeded with an etag, and needs no If-Match', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft(customerId(sandbox, 'Relecloud LLC')));
    const requests = `${RELATIONSHIPS}/${created.json.id}/requests`;
    const lock = await graph('POST', requests, { action: 'lockForApproval' });
    assert.equal(lock.status, 201);
    assert.equal(lock.json.status, 'created');
    assert.equal(lock.json['@odata.context'], `${gdapMetadata}requests`);
    const listed = await graph('GET', requests);
    assert.equal(listed.json['@odata.context'], `${gdapMetadata}requests`);
    const [request] = listed.json.value;
    assert.equal(request.status, 'succeeded');
    assert.match(request['@odata.etag'], ETAG);
    const one = await graph('GET', `${requests}/${request.id}`);
    assert.equal(one.json['@odata.context'], `${gdapMetadata}requests/$entity`);
    assert.match(one.json['@odata.etag'], ETAG);
    assert.equal((await graph('GET', `${RELATIONSHIPS}/${created.json.id}`)).json.status, 'approvalPending');
  });

  it("records an assignment's operation with the assignment itself as its data", async () => {
    const relationship = sandbox.state.relationships.find(
      (candidate) => candidate.displayName === 'CIT GDAP - Fourth Coffee Inc.',
    )!;
    const base = `${RELATIONSHIPS}/${relationship.id}`;
    const group = groupId(sandbox, 'GDAP - User Administrator');
    const created = await graph(
      'POST',
      `${base}/accessAssignments`,
      accessAssignmentBody(group, [USER_ADMINISTRATOR]),
    );
    assert.equal(created.json['@odata.context'], `${gdapMetadata}accessAssignments`);
    const one = await graph('GET', `${base}/accessAssignments/${created.json.id}`);
    assert.equal(one.json['@odata.context'], `${gdapMetadata}accessAssignments/$entity`);
    const list = await graph('GET', `${base}/accessAssignments`);
    assert.equal(list.json['@odata.context'], `${gdapMetadata}accessAssignments`);

    await sandbox.settled();
    const operations = await graph('GET', `${base}/operations`);
    assert.equal(operations.json['@odata.context'], `${gdapMetadata}operations`);
    const [operation] = operations.json.value;
    assert.deepEqual(JSON.parse(operation.data), {
      id: created.json.id,
      accessContainer: { accessContainerId: group, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMINISTRATOR }] },
      status: 'active',
    });
    const read = await graph('GET', `${base}/operations/${operation.id}`);
    assert.equal(read.json['@odata.context'], `${gdapMetadata}operations/$entity`);
  });

  it('gives delegated admin customers an etag and the tenantRelationships context', async () => {
    const list = await graph('GET', '/tenantRelationships/delegatedAdminCustomers?$top=3');
    assert.equal(list.json['@odata.context'], `${gdapMetadata}delegatedAdminCustomers`);
    for (const customer of list.json.value) assert.match(customer['@odata.etag'], ETAG);
    const one = await graph('GET', `/tenantRelationships/delegatedAdminCustomers/${list.json.value[0].id}`);
    assert.equal(one.json['@odata.context'], `${gdapMetadata}delegatedAdminCustomers/$entity`);
    assert.equal(one.json['@odata.etag'], list.json.value[0]['@odata.etag']);
  });

  it('filters contracts only by customerId, defaultDomainName and displayName', async () => {
    const tenantId = customerId(sandbox, 'Coho Winery');
    const byCustomer = await graph('GET', `/contracts?$filter=customerId eq '${tenantId}'`);
    assert.equal(byCustomer.status, 200);
    assert.equal(byCustomer.json.value.length, 1);
    const byType = await graph('GET', "/contracts?$filter=contractType eq 'ResellerPartner'");
    assert.equal(byType.status, 400);
    assert.match(byType.json.error.message, /property 'contractType'/);
  });

  it("gives a security group Graph's default properties, its SID derived from its id as Entra does", async () => {
    // The pair in the group create docs' second example.
    assert.equal(
      securityIdentifierOf('21d05557-b7b6-418f-86fa-a3118d751be4'),
      'S-1-12-1-567301463-1099937718-295959174-3827004813',
    );
    const id = groupId(sandbox, 'GDAP - User Administrator');
    const group = await graph('GET', `/groups/${id}`);
    assert.equal(group.json['@odata.context'], `${sandbox.graphBaseUrl}/$metadata#groups/$entity`);
    assert.equal(group.json.securityIdentifier, securityIdentifierOf(id));
    for (const key of ['deletedDateTime', 'isAssignableToRole', 'proxyAddresses', 'renewedDateTime'])
      assert.ok(key in group.json, key);
  });
});
