// GdapClient against the sandbox's Graph: create, lock with the etag, groups and access assignments, errors in plain words.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../services/errors.js';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import {
  DEFAULT_APPROVAL_LINK_BASE,
  GdapClient,
  approvalLink,
} from '../../../../services/gdap/gdapClient.js';
import { planRelationship } from '../../../../services/gdap/relationshipPlanner.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { signInAs, userPrincipalName } from '../../sandbox/signInForTest.js';
import { startGdapSandbox, type GdapSandbox } from './gdapSandbox.js';

const ROLES = [...DEFAULT_GDAP_ROLE_IDS];
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };
const RELATIONSHIPS = /^\/v1\.0\/tenantRelationships\/delegatedAdminRelationships$/;

describe('GdapClient against the sandbox', function () {
  // A sandbox over HTTPS, real sign-ins and Retry-After waits: more than mocha's default 2 s.
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let customers: GdapSandbox;
  let token: string;
  let gdap: GdapClient;

  before(async () => {
    customers = await startGdapSandbox({ assignmentDelayMs: 50 });
    sandbox = customers.sandbox;
    token = await signInAs(sandbox);
    gdap = clientFor(token);
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.clear());

  const clientFor = (bearer: string) =>
    new GdapClient(
      createGraphClient({ graphBaseUrl: sandbox.graphBaseUrl, getAccessToken: async () => bearer }),
      {
        retry: FAST_RETRY,
      },
    );
  const planFor = (customer = customers.freshCustomer(), takenNames: string[] = []) =>
    planRelationship(
      { tenantId: customer.tenantId, displayName: customer.displayName, relationships: [] },
      { duration: 'P730D', autoExtend: 'P180D', roleIds: ROLES, groupPrefix: 'GDAP' },
      { takenNames, now: new Date() },
    );
  const statusesOf = (path: RegExp) =>
    sandbox.requests.filter((entry) => path.test(entry.path.split('?')[0]));

  it('creates a relationship (201 with its etag) and finds it by customer', async () => {
    const plan = planFor();
    const created = await gdap.createRelationship(plan);
    assert.equal(created.status, 'created');
    assert.ok(created.etag);
    assert.equal(created.displayName, plan.displayName);
    const listed = await gdap.listRelationships(plan.customer.tenantId);
    assert.deepEqual(
      listed.map((relationship) => relationship.id),
      [created.id],
    );
    assert.deepEqual(listed[0].roleIds, ROLES);
  });

  it('locks for approval with the etag from the create; locking again is harmless', async () => {
    const created = await gdap.createRelationship(planFor());
    const locked = await gdap.lockForApproval(created);
    assert.equal(locked.status, 'approvalPending');
    const again = await gdap.lockForApproval(created);
    assert.equal(again.status, 'approvalPending');
    const lockRequests = sandbox.state.relationship(created.id)!.requests.map((request) => request.action);
    assert.deepEqual(lockRequests, ['lockForApproval']);
  });

  it('on a stale etag (412) reads the relationship again and locks with the current one', async () => {
    const created = await gdap.createRelationship(planFor());
    const locked = await gdap.lockForApproval({ id: created.id, etag: 'W/"stale"' });
    assert.equal(locked.status, 'approvalPending');
    const requests = new RegExp(`/${created.id}/requests$`);
    assert.deepEqual(
      statusesOf(requests).map((entry) => entry.status),
      [412, 201],
    );
  });

  it('reports a lasting etag mismatch as GDAP_STALE', async () => {
    const created = await gdap.createRelationship(planFor());
    sandbox.faults.add({ method: 'POST', pathPattern: /\/requests$/, status: 412, times: 2 });
    await assert.rejects(gdap.lockForApproval(created), (error) => isAppError(error, 'GDAP_STALE'));
    assert.equal(sandbox.state.relationship(created.id)?.status, 'created');
  });

  it('says a name is taken when another relationship holds it', async () => {
    const taken = sandbox.state.relationships[0].displayName;
    const plan = { ...planFor(), displayName: taken };
    await assert.rejects(gdap.createRelationship(plan), (error) => isAppError(error, 'GDAP_NAME_TAKEN'));
  });

  it('a retried create whose first attempt landed returns that relationship instead of a second one', async () => {
    const customer = customers.freshCustomer();
    const plan = planFor(customer);
    const first = await gdap.createRelationship(plan);
    const second = await gdap.createRelationship(plan);
    assert.equal(second.id, first.id);
    const named = sandbox.state.relationships.filter(
      (relationship) => relationship.displayName === plan.displayName,
    );
    assert.equal(named.length, 1);
    assert.equal(named[0].customer?.tenantId, customer.tenantId);
  });

  it('waits out a 429 with Retry-After, then creates', async () => {
    sandbox.faults.add({
      method: 'POST',
      pathPattern: RELATIONSHIPS,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    const started = Date.now();
    const created = await gdap.createRelationship(planFor());
    assert.equal(created.status, 'created');
    assert.ok(Date.now() - started >= 1000, 'waited for Retry-After');
  });

  it('tells a user without the Admin Agent role what to fix', async () => {
    const helpdesk = clientFor(await signInAs(sandbox, { loginHint: userPrincipalName(sandbox, 'Lee Gu') }));
    await assert.rejects(helpdesk.createRelationship(planFor()), (error) => {
      assert.ok(isAppError(error, 'GDAP_PERMISSION_DENIED'));
      assert.match(error.userMessage, /Admin Agent/);
      return true;
    });
  });

  it('finds the configured role groups and creates the missing ones once', async () => {
    const existing = await gdap.ensureSecurityGroups('GDAP', [USER_ADMINISTRATOR]);
    const seeded = sandbox.state.groups.find((group) => group.displayName === 'GDAP - User Administrator')!;
    assert.deepEqual(existing, [
      { id: seeded.id, displayName: seeded.displayName, roleId: USER_ADMINISTRATOR },
    ]);

    const before = sandbox.state.groups.length;
    const created = await gdap.ensureSecurityGroups('MSP Ops', ROLES.slice(0, 2));
    assert.deepEqual(
      created.map((group) => group.displayName),
      ['MSP Ops - Global Reader', 'MSP Ops - Application Administrator'],
    );
    const record = sandbox.state.groups.find((group) => group.id === created[0].id)!;
    assert.match(record.mailNickname, /^[A-Za-z0-9-]+$/);
    assert.deepEqual(await gdap.ensureSecurityGroups('MSP Ops', ROLES.slice(0, 2)), created);
    assert.equal(sandbox.state.groups.length, before + 2);
  });

  it('puts the given member in groups it creates and in found ones that lack them, once', async () => {
    const seeded = sandbox.state.groups.find((group) => group.displayName === 'GDAP - User Administrator')!;
    const member = sandbox.state.users.find(
      (user) => user.tenantId === sandbox.state.partnerTenant.id && !seeded.memberIds.includes(user.id),
    )!;
    const [created] = await gdap.ensureSecurityGroups('Helpdesk', [USER_ADMINISTRATOR], member.id);
    const record = () => sandbox.state.groups.find((group) => group.id === created.id)!;
    assert.deepEqual(record().memberIds, [member.id]);

    await gdap.ensureSecurityGroups('GDAP', [USER_ADMINISTRATOR], member.id);
    assert.ok(seeded.memberIds.includes(member.id));

    // Already a member of both: Graph's "already exist" answer is the goal reached, not an error.
    await gdap.ensureSecurityGroups('GDAP', [USER_ADMINISTRATOR], member.id);
    await gdap.ensureSecurityGroups('Helpdesk', [USER_ADMINISTRATOR], member.id);
    assert.equal(seeded.memberIds.filter((id) => id === member.id).length, 1);
    assert.deepEqual(record().memberIds, [member.id]);
  });

  it('assigns a role to its group on an active relationship, and a repeat returns the same assignment', async () => {
    const created = await gdap.createRelationship(planFor());
    sandbox.state.setRelationshipStatus(created.id, 'active');
    const [group] = await gdap.ensureSecurityGroups('GDAP', [USER_ADMINISTRATOR]);
    const assignment = await gdap.createAccessAssignment(created.id, group.id, [USER_ADMINISTRATOR]);
    assert.ok(['pending', 'active'].includes(assignment.status));
    assert.equal(assignment.groupId, group.id);
    const repeat = await gdap.createAccessAssignment(created.id, group.id, [USER_ADMINISTRATOR]);
    assert.equal(repeat.id, assignment.id);
    const listed = await gdap.listAccessAssignments(created.id);
    assert.deepEqual(
      listed.map((item) => [item.groupId, item.roleIds]),
      [[group.id, [USER_ADMINISTRATOR]]],
    );
  });

  it('refuses access assignments before approval with Graph’s reason', async () => {
    const created = await gdap.createRelationship(planFor());
    const [group] = await gdap.ensureSecurityGroups('GDAP', [USER_ADMINISTRATOR]);
    await assert.rejects(gdap.createAccessAssignment(created.id, group.id, [USER_ADMINISTRATOR]), (error) => {
      assert.ok(isAppError(error, 'GDAP_REJECTED'));
      assert.match(error.userMessage, /refused assigning roles.*Microsoft said: “.*active/);
      return true;
    });
  });

  it('builds the customer approval link from a configurable base', () => {
    assert.equal(
      approvalLink('8f6b2c1e-0000-4000-8000-000000000001'),
      `${DEFAULT_APPROVAL_LINK_BASE}8f6b2c1e-0000-4000-8000-000000000001`,
    );
    assert.equal(approvalLink('abc', `${sandbox.baseUrl}/approve`), `${sandbox.baseUrl}/approve/abc`);
  });
});
