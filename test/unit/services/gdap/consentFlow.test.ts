// One client from no relationship to working, one step at a time, as the consent card drives it; and re-runs that do no harm.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../services/errors.js';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import type { FlowCustomer, FlowStep, StepKind } from '../../../../services/gdap/flowStep.js';
import { flowHarness, type FlowHarness } from './flowHarness.js';
import { startGdapSandbox, type GdapSandbox } from './gdapSandbox.js';
import { signInPartner } from './partnerSignIn.js';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RELATIONSHIP_ID = new RegExp(`^${GUID}-${GUID}$`);

describe('ConsentFlow, one client at a time', function () {
  // A sandbox over HTTPS, real sign-ins and Retry-After waits: more than mocha's default 2 s.
  this.timeout(20_000);
  let sandbox: RunningSandbox;
  let customers: GdapSandbox;
  let harness: FlowHarness;

  before(async () => {
    customers = await startGdapSandbox({ approvalDelayMs: 20, assignmentDelayMs: 20 });
    sandbox = customers.sandbox;
    harness = flowHarness(sandbox, await signInPartner(sandbox));
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.clear());

  const relationshipsOf = (customer: FlowCustomer) =>
    sandbox.state.relationships.filter(
      (relationship) => relationship.customer?.tenantId === customer.tenantId,
    );
  const next = async (customer: FlowCustomer) =>
    harness.flow.nextStep(await harness.flow.readState(customer));

  // The customer's admin opens the link in a browser; Microsoft then activates the relationship.
  async function customerApproves(step: FlowStep) {
    assert.equal(step.kind, 'wait-for-approval');
    const answer = await fetch(step.kind === 'wait-for-approval' ? step.approvalLink : '');
    assert.equal(answer.status, 200, await answer.text());
    await customers.settled();
  }

  /** Runs the steps as the card would until done (at most 12), the customer approving when asked. */
  async function driveToWorking(customer: FlowCustomer, check: (step: FlowStep) => void = () => {}) {
    const seen: StepKind[] = [];
    let state = await harness.flow.readState(customer);
    assert.equal(state.verdict.verdict, 'no-relationship');
    for (let turn = 0; turn < 12; turn++) {
      const step = harness.flow.nextStep(state);
      seen.push(step.kind);
      check(step);
      if (step.kind === 'done') break;
      if (step.kind === 'wait-for-approval') {
        assert.ok(step.approvalLink.startsWith(sandbox.approvalLinkBase));
        // Graph's relationship ids are two GUIDs joined by '-'; the link must carry the whole 73 characters.
        assert.match(step.approvalLink.slice(sandbox.approvalLinkBase.length), RELATIONSHIP_ID);
        await customerApproves(step);
      }
      if (step.kind === 'wait-for-assignments' || step.kind === 'wait-for-activation')
        await customers.settled();
      state = await harness.flow.runStep(step);
    }
    return { seen, state };
  }

  it('takes a client with no relationship all the way to working', async () => {
    const customer = customers.freshCustomer();
    const { seen, state } = await driveToWorking(customer, (step) => {
      if (step.kind === 'create-relationship') {
        assert.match(step.summary, /^Create the relationship 'GDAP-.+-\d{8}' with 13 roles for 2 years/);
      }
      if (step.kind === 'create-access-assignments') {
        assert.equal(step.groups.length, 13);
        assert.equal(step.groups[0].groupName, 'GDAP - Global Reader');
      }
    });
    assert.deepEqual(
      seen.filter((kind) => !kind.startsWith('wait-for-')),
      ['create-relationship', 'create-access-assignments', 'consent-app', 'test-access', 'done'],
    );
    assert.ok(seen.includes('wait-for-approval'));
    assert.equal(state.verdict.verdict, 'working');
    assert.equal(relationshipsOf(customer).length, 1);
    assert.equal(harness.ledger.lastAccessTest(customer.tenantId)?.organizationName, customer.displayName);
  });

  it('with a group prefix of its own, creates the groups with the admin in them, so access works', async () => {
    const prefix = harness.settings.gdap.groupPrefix;
    harness.settings.gdap.groupPrefix = 'Contoso MSP';
    try {
      assert.ok(!sandbox.state.groups.some((group) => group.displayName.startsWith('Contoso MSP')));
      const { seen, state } = await driveToWorking(customers.freshCustomer());
      assert.ok(seen.includes('create-access-assignments'));
      assert.equal(state.verdict.verdict, 'working');
      const created = sandbox.state.groups.filter((group) => group.displayName.startsWith('Contoso MSP - '));
      assert.equal(created.length, 13);
      for (const group of created) assert.deepEqual(group.memberIds, [harness.settings.memberId]);
    } finally {
      harness.settings.gdap.groupPrefix = prefix;
    }
  });

  it('a stale or doubled "create" never makes a second relationship', async () => {
    const customer = customers.freshCustomer();
    const create = await next(customer);
    assert.equal(create.kind, 'create-relationship');
    await Promise.all([harness.flow.runStep(create), harness.flow.runStep(create)]);
    await harness.flow.runStep(create);
    assert.equal(relationshipsOf(customer).length, 1);
    assert.equal((await next(customer)).kind, 'wait-for-approval');
  });

  it('when the lock fails after the create, the next step locks the same relationship', async () => {
    const customer = customers.freshCustomer();
    sandbox.faults.add({ method: 'POST', pathPattern: /\/requests$/, status: 503, times: 3 });
    await assert.rejects(harness.flow.runStep(await next(customer)), (error) =>
      isAppError(error, 'GDAP_UNAVAILABLE'),
    );
    const lock = await next(customer);
    assert.equal(lock.kind, 'lock-for-approval');
    assert.match(lock.summary, /Lock '.+' for approval/);
    const state = await harness.flow.runStep(lock);
    assert.equal(state.verdict.verdict, 'needs-approval');
    assert.equal(relationshipsOf(customer).length, 1);
    assert.equal(relationshipsOf(customer)[0].status, 'approvalPending');
  });

  it('a consent removed in the customer tenant blocks with a retry that renews it', async () => {
    const customer = customers.customerWhere(
      (facts) => facts.statuses.includes('active') && facts.assigned && !facts.consented,
    );
    await harness.ledger.recordConsent(customer.tenantId, {
      appId: harness.settings.applicationId,
      scopes: [...harness.settings.consentScopes],
      consentedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    let step = await next(customer);
    // Seeded assignments may not cover every configured role: assign the rest first.
    while (step.kind === 'create-access-assignments' || step.kind === 'wait-for-assignments') {
      await harness.flow.runStep(step);
      await customers.settled();
      step = await next(customer);
    }
    assert.equal(step.kind, 'test-access');
    await harness.flow.runStep(step);
    const blocked = await next(customer);
    assert.equal(blocked.kind, 'blocked');
    assert.ok(blocked.kind === 'blocked' && blocked.code === 'CUSTOMER_CONSENT_MISSING');
    assert.equal(blocked.kind === 'blocked' ? blocked.retry?.kind : undefined, 'consent-app');
    const state = await harness.flow.runStep(blocked);
    assert.equal(harness.flow.nextStep(state).kind, 'test-access');
    const done = await harness.flow.runStep(harness.flow.nextStep(state));
    assert.equal(done.verdict.verdict, 'working');
  });

  it('a step that is no longer due does nothing', async () => {
    const customer = customers.freshCustomer();
    const create = await next(customer);
    await harness.flow.runStep(create);
    const wait = await next(customer);
    await customerApproves(wait);
    const before = sandbox.requests.length;
    const state = await harness.flow.runStep({ ...wait, kind: 'lock-for-approval' } as FlowStep);
    assert.equal(state.verdict.verdict, 'needs-access-assignment');
    assert.ok(
      sandbox.requests.slice(before).every((entry) => entry.method === 'GET'),
      'only reads were made',
    );
  });
});
