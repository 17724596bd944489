// "Consent all" over many clients: bounded concurrency, failures reported without stopping the rest, a second run finishes.
import assert from 'node:assert/strict';
import { AppError } from '../../../../services/errors.js';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import type { ClientResult, ConsentAllProgress } from '../../../../services/gdap/consentAll.js';
import type { ConsentFlowDeps } from '../../../../services/gdap/consentFlow.js';
import type { FlowCustomer } from '../../../../services/gdap/flowStep.js';
import type { GdapClient } from '../../../../services/gdap/gdapClient.js';
import { flowHarness, type FlowHarness } from './flowHarness.js';
import { startGdapSandbox, type GdapSandbox } from './gdapSandbox.js';
import { signInPartner } from './partnerSignIn.js';

const CLIENTS = 12;

describe('ConsentFlow.consentAll', function () {
  // A sandbox over HTTPS, real sign-ins and Retry-After waits: more than mocha's default 2 s.
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let customers: GdapSandbox;
  let harness: FlowHarness;
  const failing = new Set<string>();
  let inFlight = 0;
  let mostInFlight = 0;

  // The real Graph client, with creates failing for chosen clients and a count of clients read at once.
  const wrap = (gdap: GdapClient): ConsentFlowDeps['gdap'] => ({
    createRelationship: (plan) =>
      failing.has(plan.customer.tenantId)
        ? Promise.reject(new AppError('GDAP_UNAVAILABLE', 'injected'))
        : gdap.createRelationship(plan),
    listRelationships: async (tenantId) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        return await gdap.listRelationships(tenantId);
      } finally {
        inFlight -= 1;
      }
    },
    lockForApproval: (relationship) => gdap.lockForApproval(relationship),
    listAccessAssignments: (id) => gdap.listAccessAssignments(id),
    createAccessAssignment: (id, groupId, roleIds) => gdap.createAccessAssignment(id, groupId, roleIds),
    ensureSecurityGroups: (prefix, roleIds, memberId) => gdap.ensureSecurityGroups(prefix, roleIds, memberId),
  });

  before(async () => {
    customers = await startGdapSandbox({ approvalDelayMs: 20, assignmentDelayMs: 20 });
    sandbox = customers.sandbox;
    harness = flowHarness(sandbox, await signInPartner(sandbox), wrap);
  });
  after(() => sandbox.close());

  const createdFor = (customer: FlowCustomer) =>
    sandbox.state.relationships.filter(
      (relationship) =>
        relationship.customer?.tenantId === customer.tenantId && relationship.displayName.startsWith('GDAP-'),
    );
  const outcomes = (results: ClientResult[]) => results.map((result) => result.outcome);
  const options = { assignmentWait: { intervalMs: 20, maxWaitMs: 5_000 } };

  async function approveWaiting(results: ClientResult[]) {
    for (const { step } of results) {
      if (step?.kind === 'wait-for-approval') assert.equal((await fetch(step.approvalLink)).status, 200);
    }
    await customers.settled();
  }

  it('reports failures, finishes the rest, and a second run finishes the job without a second relationship', async () => {
    const clients = Array.from({ length: CLIENTS }, () => customers.freshCustomer());
    failing.add(clients[3].tenantId).add(clients[8].tenantId);
    const progress: ConsentAllProgress[] = [];

    const first = await harness.flow.consentAll(clients, {
      ...options,
      onProgress: (update) => progress.push(update),
    });
    assert.deepEqual(
      first.map((result) => result.customer),
      clients,
      'one result per client, in order',
    );
    assert.deepEqual(
      outcomes(first).map((outcome, index) => (index === 3 || index === 8 ? outcome : 'other')),
      Array.from({ length: CLIENTS }, (_, index) => (index === 3 || index === 8 ? 'failed' : 'other')),
    );
    assert.equal(first[3].error?.code, 'GDAP_UNAVAILABLE');
    assert.equal(outcomes(first).filter((outcome) => outcome === 'waiting-for-customer').length, CLIENTS - 2);
    assert.ok(
      first[0].step?.kind === 'wait-for-approval' &&
        first[0].step.approvalLink.startsWith(sandbox.approvalLinkBase),
    );
    assert.deepEqual(
      progress.map((update) => update.completed),
      Array.from({ length: CLIENTS }, (_, index) => index + 1),
    );
    // What the run last read of each client, for the alert check: the relationship it just created.
    assert.deepEqual(
      first[0].relationships?.map((relationship) => relationship.status),
      ['approvalPending'],
    );
    assert.ok(mostInFlight > 1 && mostInFlight <= 4, `at most 4 clients at once, saw ${mostInFlight}`);

    await approveWaiting(first);
    failing.clear();
    const second = await harness.flow.consentAll(clients, options);
    assert.equal(outcomes(second).filter((outcome) => outcome === 'done').length, CLIENTS - 2);
    assert.deepEqual(
      [second[3].outcome, second[8].outcome],
      ['waiting-for-customer', 'waiting-for-customer'],
    );
    assert.deepEqual(second[0].stepsRun, ['create-access-assignments', 'consent-app', 'test-access']);

    await approveWaiting(second);
    const third = await harness.flow.consentAll(clients, options);
    assert.deepEqual(outcomes(third), Array(CLIENTS).fill('done'));
    assert.deepEqual(third[0].stepsRun, [], 'a finished client is only read');
    for (const client of clients) assert.equal(createdFor(client).length, 1, client.displayName);
  });

  it('previews what it would do without doing it', async () => {
    const clients = [customers.freshCustomer(), customers.freshCustomer()];
    const before = sandbox.state.relationships.length;
    const preview = await harness.flow.previewAll(clients);
    assert.deepEqual(
      preview.map((item) => item.step?.kind),
      ['create-relationship', 'create-relationship'],
    );
    assert.equal(sandbox.state.relationships.length, before);
  });

  it('a listener that throws does not stop the run', async () => {
    const clients = [customers.freshCustomer(), customers.freshCustomer()];
    const results = await harness.flow.consentAll(clients, {
      ...options,
      onProgress: () => {
        throw new Error('card update failed');
      },
    });
    assert.deepEqual(outcomes(results), ['waiting-for-customer', 'waiting-for-customer']);
  });
});
