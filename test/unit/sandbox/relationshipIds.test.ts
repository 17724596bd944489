// GDAP relationship ids as Graph makes them (two GUIDs joined by '-', 73 characters), and P0D for no auto-extension.
import assert from 'node:assert/strict';
import { generateSeed } from '../../../sandbox/generateSeed.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../sandbox/roles.js';
import { defaultSeedPath, startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { loadSeed } from '../../../sandbox/seed.js';
import { validateSeed } from '../../../sandbox/seedValidation.js';
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

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RELATIONSHIP_ID = new RegExp(`^${GUID}-${GUID}$`);
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

describe('GDAP relationship ids in the sandbox', () => {
  let sandbox: RunningSandbox;
  let graph: GraphCall;

  before(async () => {
    sandbox = await startSandbox({ assignmentDelayMs: 0, approvalDelayMs: 0 });
    trustCertificateAuthority(sandbox.caCertPem);
    graph = graphCaller(sandbox, await signInAs(sandbox));
  });
  after(() => sandbox.close());

  const draft = (tenantId: string, overrides: Record<string, unknown> = {}) => ({
    displayName: `Onboarding ${Math.random().toString(36).slice(2, 10)}`,
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    customer: { tenantId },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMINISTRATOR }] },
    ...overrides,
  });

  it('creates relationships whose id is two GUIDs joined by a hyphen, 73 characters', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft(customerId(sandbox, 'Coho Winery')));
    assert.equal(created.status, 201);
    assert.match(created.json.id, RELATIONSHIP_ID);
    assert.equal(created.json.id.length, 73);
  });

  it('accepts such an id on every relationship route, from the draft to its access assignments', async () => {
    const created = await graph('POST', RELATIONSHIPS, draft(customerId(sandbox, 'Proseware Inc.')));
    assert.match(created.json.id, RELATIONSHIP_ID);
    const one = `${RELATIONSHIPS}/${encodeURIComponent(created.json.id)}`;
    const read = await graph('GET', one);
    assert.equal(read.status, 200);
    assert.equal(read.json.id, created.json.id);
    const patched = await graph(
      'PATCH',
      one,
      { duration: 'P365D' },
      { 'if-match': read.json['@odata.etag'] },
    );
    assert.equal(patched.status, 200);
    const lock = await graph(
      'POST',
      `${one}/requests`,
      { action: 'lockForApproval' },
      { 'if-match': patched.json['@odata.etag'] },
    );
    assert.equal(lock.status, 201);
    assert.equal((await graph('GET', `${one}/requests/${lock.json.id}`)).status, 200);
    assert.equal((await graph('GET', `${one}/requests`)).json.value.length, 1);

    await fetch(sandbox.approvalLink(created.json.id));
    await sandbox.settled();
    const assignment = await graph(
      'POST',
      `${one}/accessAssignments`,
      accessAssignmentBody(groupId(sandbox, 'GDAP - User Administrator'), [USER_ADMINISTRATOR]),
    );
    assert.equal(assignment.status, 201);
    assert.equal(
      assignment.headers.get('location'),
      `${sandbox.graphBaseUrl}${RELATIONSHIPS}/${created.json.id}/accessAssignments/${assignment.json.id}`,
    );
    assert.equal((await graph('GET', `${one}/accessAssignments/${assignment.json.id}`)).status, 200);
    const [operation] = (await graph('GET', `${one}/operations`)).json.value;
    assert.equal((await graph('GET', `${one}/operations/${operation.id}`)).status, 200);
    const byFilter = await graph('GET', `${RELATIONSHIPS}?$filter=id eq '${created.json.id}'`);
    assert.deepEqual(
      byFilter.json.value.map((relationship: { id: string }) => relationship.id),
      [created.json.id],
    );
  });

  it('seeds relationships with ids of the same shape, shipped and generated', async () => {
    const shipped = await loadSeed(defaultSeedPath);
    const generated = generateSeed({ customers: 200, seed: 7 });
    for (const relationship of [...shipped.relationships, ...generated.relationships])
      assert.match(relationship.id, RELATIONSHIP_ID);
    assert.ok(sandbox.state.relationships.every((relationship) => RELATIONSHIP_ID.test(relationship.id)));
  });

  it('refuses a seed whose relationship id is a single GUID, saying what Graph ids look like', () => {
    const seed = generateSeed({ customers: 20, seed: 3 });
    seed.relationships[0].id = seed.relationships[0].id.slice(0, 36);
    assert.throws(() => validateSeed(seed), /relationships\[0\]\.id: must be two GUIDs joined by '-'/);
  });

  it('takes P0D as no auto-extension, also with Global Administrator', async () => {
    const plain = await graph(
      'POST',
      RELATIONSHIPS,
      draft(customerId(sandbox, "Margie's Travel"), { autoExtendDuration: 'P0D' }),
    );
    assert.equal(plain.status, 201);
    assert.equal(plain.json.autoExtendDuration, 'P0D');
    const globalAdmin = await graph(
      'POST',
      RELATIONSHIPS,
      draft(customerId(sandbox, 'Southridge Video'), {
        autoExtendDuration: 'P0D',
        accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMINISTRATOR_ROLE_ID }] },
      }),
    );
    assert.equal(globalAdmin.status, 201);
    const refused = await graph(
      'POST',
      RELATIONSHIPS,
      draft(customerId(sandbox, 'Southridge Video'), { autoExtendDuration: 'P90D' }),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /autoExtendDuration must be P0D, PT0S or P180D/);
  });
});
