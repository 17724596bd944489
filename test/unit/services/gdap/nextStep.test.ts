// The flow's next step decided from a client's state alone: what a card previews before anything is done.
import assert from 'node:assert/strict';
import { verdictFor } from '../../../../services/gdap/accessVerdict.js';
import type { AccessTestRecord, ConsentRecord } from '../../../../services/gdap/consentLedger.js';
import type { FlowSettings, FlowStep, LiveState } from '../../../../services/gdap/flowStep.js';
import type { AccessAssignment, GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import { nextStep, renewalStep } from '../../../../services/gdap/nextStep.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const ROLES = [...DEFAULT_GDAP_ROLE_IDS];
const APP = '966732ec-df83-4bde-ab26-f4f76a8fffe4';
const settings: FlowSettings = {
  gdap: { duration: 'P730D', autoExtend: 'P180D', roleIds: ROLES, groupPrefix: 'GDAP' },
  applicationId: APP,
  consentScopes: ['Directory.Read.All'],
  approvalLinkBase: 'https://sandbox.test/approve/',
};
const customer = { tenantId: 'b0c2dd0d-1111-4222-8333-444455556666', displayName: 'Zürcher Treuhand AG' };
const relationship = (overrides: Partial<GdapRelationship> = {}): GdapRelationship => ({
  id: 'rel-1',
  displayName: 'GDAP-Zurcher-Treuhand-AG-20250101',
  status: 'active',
  roleIds: ROLES,
  endDateTime: '2027-01-01T00:00:00Z',
  autoExtendDuration: 'P180D',
  ...overrides,
});
const assigned = (status = 'active'): AccessAssignment[] =>
  ROLES.map((roleId, index) => ({ id: `a-${index}`, status, groupId: `g-${index}`, roleIds: [roleId] }));
const consented: ConsentRecord = {
  appId: APP,
  scopes: ['Directory.Read.All'],
  consentedAt: '2026-01-10T00:00:00Z',
};

function state(
  relationships: GdapRelationship[],
  extra: { assignments?: AccessAssignment[]; consent?: ConsentRecord; accessTest?: AccessTestRecord } = {},
): LiveState {
  const assignments = extra.assignments ? { [relationships[0].id]: extra.assignments } : {};
  const verdict = verdictFor(
    { tenantId: customer.tenantId, relationships },
    { consented: extra.consent !== undefined, assignments },
    { roleIds: ROLES },
    NOW,
  );
  return {
    customer,
    relationships,
    assignments,
    consent: extra.consent,
    accessTest: extra.accessTest,
    verdict,
  };
}
const step = (live: LiveState, options = settings) => nextStep(live, options, NOW);
const retryOf = (blocked: FlowStep) => (blocked.kind === 'blocked' ? blocked.retry : undefined);

describe('nextStep', () => {
  it('no relationship: create one, named and described before anything is done', () => {
    const next = step(state([]));
    assert.equal(next.kind, 'create-relationship');
    assert.equal(
      next.kind === 'create-relationship' && next.plan.displayName,
      'GDAP-Zurcher-Treuhand-AG-20260115',
    );
    assert.match(
      next.summary,
      /with 13 roles for 2 years \(auto-extends by 6 months\) and lock it for approval/,
    );
  });

  it('an active relationship lacking roles: a new one that replaces it', () => {
    const next = step(state([relationship({ roleIds: ROLES.slice(0, 4) })]));
    assert.equal(next.kind, 'create-relationship');
    assert.equal(next.kind === 'create-relationship' && next.replaces?.id, 'rel-1');
    assert.match(next.summary, /It replaces 'GDAP-Zurcher-Treuhand-AG-20250101'/);
  });

  it('created → lock; approvalPending → wait with the link; approved → wait for activation', () => {
    assert.equal(step(state([relationship({ status: 'created' })])).kind, 'lock-for-approval');
    const waiting = step(state([relationship({ status: 'approvalPending' })]));
    assert.equal(
      waiting.kind === 'wait-for-approval' && waiting.approvalLink,
      'https://sandbox.test/approve/rel-1',
    );
    assert.equal(step(state([relationship({ status: 'approved' })])).kind, 'wait-for-activation');
  });

  it('active: assign missing roles to their groups, then wait while they are pending', () => {
    const assign = step(state([relationship()], { assignments: assigned().slice(0, 12) }));
    assert.equal(assign.kind, 'create-access-assignments');
    assert.deepEqual(assign.kind === 'create-access-assignments' && assign.groups, [
      { roleId: ROLES[12], roleName: 'User Administrator', groupName: 'GDAP - User Administrator' },
    ]);
    assert.match(assign.summary, /^Assign 1 role to your security groups/);
    const all = step(state([relationship()]));
    assert.match(all.summary, /^Assign 13 roles to your security groups \([^)]*\)\.$/);
    assert.doesNotMatch(all.summary, /GDAP - /, 'the group names are for the card to show once');
    assert.equal(
      step(state([relationship()], { assignments: assigned('pending') })).kind,
      'wait-for-assignments',
    );
  });

  it('an assignment Microsoft failed blocks with what to remove', () => {
    const next = step(state([relationship()], { assignments: assigned('error') }));
    assert.equal(next.kind, 'blocked');
    assert.match(next.summary, /assigning Global Reader.*failed.*Partner Center/);
  });

  it('assigned: consent, renewing a consent for another app or fewer scopes', () => {
    const first = step(state([relationship()], { assignments: assigned() }));
    assert.ok(first.kind === 'consent-app' && !first.refresh);
    const other = step(
      state([relationship()], { assignments: assigned(), consent: { ...consented, appId: 'other' } }),
    );
    assert.ok(other.kind === 'consent-app' && other.refresh);
  });

  it('consented: test access, again when the last test is older than the consent', () => {
    const live = state([relationship()], { assignments: assigned(), consent: consented });
    assert.equal(step(live).kind, 'test-access');
    const stale = { ...live, accessTest: { testedAt: '2026-01-01T00:00:00Z', ok: true } };
    assert.equal(step(stale).kind, 'test-access');
    const passed = { ...live, accessTest: { testedAt: '2026-01-11T00:00:00Z', ok: true } };
    assert.equal(step(passed).kind, 'done');
  });

  it('a failed access test blocks with its explanation and the step that retries it', () => {
    const live = state([relationship()], { assignments: assigned(), consent: consented });
    const failed = (code: AccessTestRecord['code']) =>
      step({
        ...live,
        accessTest: { testedAt: '2026-01-11T00:00:00Z', ok: false, code, message: `because ${code}` },
      });
    const missing = failed('CUSTOMER_CONSENT_MISSING');
    assert.equal(missing.kind, 'blocked');
    assert.equal(missing.summary, 'because CUSTOMER_CONSENT_MISSING');
    const retry = retryOf(missing);
    assert.ok(retry?.kind === 'consent-app' && retry.refresh, 'renews the consent');
    assert.equal(retryOf(failed('CUSTOMER_CONDITIONAL_ACCESS'))?.kind, 'test-access');
  });

  it('no configured roles: blocked, run setup', () => {
    const next = step(state([]), { ...settings, gdap: { ...settings.gdap, roleIds: [] } });
    assert.equal(next.kind, 'blocked');
    assert.match(next.summary, /Run setup/);
  });
});

describe('renewalStep', () => {
  const ending = relationship({ autoExtendDuration: 'PT0S', endDateTime: '2026-01-25T00:00:00Z' });

  it('an expiring relationship without its access assignments: a replacement, since Microsoft refuses them', () => {
    const expiring = relationship({
      status: 'expiring',
      autoExtendDuration: 'PT0S',
      endDateTime: '2026-01-25T00:00:00Z',
    });
    const stuck = step(state([expiring], { assignments: [] }));
    assert.equal(stuck.kind, 'create-relationship');
    assert.equal(stuck.kind === 'create-relationship' && stuck.replaces?.id, expiring.id);
    assert.match(stuck.summary, /is expiring, and Microsoft no longer accepts access assignments/);

    // Once the replacement exists, the flow follows it (lock, approval) instead of offering another.
    const replacement = relationship({ id: 'rel-2', status: 'approvalPending', displayName: 'GDAP-renewal' });
    const following = step(state([expiring, replacement], { assignments: [] }));
    assert.equal(following.kind, 'wait-for-approval');
    assert.equal(following.kind === 'wait-for-approval' && following.relationship.id, 'rel-2');

    // Fully assigned, an expiring relationship still works: consent comes next, not a replacement.
    assert.equal(step(state([expiring], { assignments: assigned() })).kind, 'consent-app');
  });

  it('offers a replacement for a relationship about to end', () => {
    const renewal = renewalStep(state([ending], { assignments: assigned() }), settings, NOW);
    assert.equal(renewal?.kind, 'create-relationship');
    assert.equal(renewal?.kind === 'create-relationship' && renewal.replaces?.id, ending.id);
  });

  it('offers nothing once a replacement waits for approval, or when nothing is ending', () => {
    const replacement = relationship({ id: 'rel-2', status: 'approvalPending', displayName: 'GDAP-renewal' });
    assert.equal(
      renewalStep(state([ending, replacement], { assignments: assigned() }), settings, NOW),
      undefined,
    );
    assert.equal(renewalStep(state([relationship()], { assignments: assigned() }), settings, NOW), undefined);
  });
});
