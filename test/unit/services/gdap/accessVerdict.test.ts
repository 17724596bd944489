// Every verdict a client can get, and which relationship it is about when a client has several.
import assert from 'node:assert/strict';
import {
  summarize,
  verdictFor,
  type AccessState,
  type VerdictSettings,
} from '../../../../services/gdap/accessVerdict.js';
import type { GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import { DEFAULT_GDAP_ROLE_IDS, GLOBAL_ADMINISTRATOR } from '../../../../services/settings/gdapRoles.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const ROLES = [...DEFAULT_GDAP_ROLE_IDS];
const settings = { roleIds: ROLES };
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000 + 3_600_000).toISOString();

let counter = 0;
function relationship(overrides: Partial<GdapRelationship> = {}): GdapRelationship {
  counter += 1;
  return {
    id: `rel-${counter}`,
    displayName: `GDAP-Contoso-${counter}`,
    status: 'active',
    roleIds: ROLES,
    endDateTime: inDays(400),
    autoExtendDuration: 'P180D',
    createdDateTime: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

const allActive = (relationshipId: string) => ({
  [relationshipId]: ROLES.map((roleId) => ({ status: 'active', roleIds: [roleId] })),
});

function judge(
  relationships: GdapRelationship[],
  state: Partial<AccessState> = {},
  options: VerdictSettings = settings,
) {
  return verdictFor({ tenantId: 'tenant-1', relationships }, { consented: true, ...state }, options, NOW);
}

describe('verdictFor', () => {
  it('no relationship at all: create one', () => {
    const verdict = judge([]);
    assert.equal(verdict.verdict, 'no-relationship');
    assert.equal(verdict.relationship, undefined);
    assert.match(verdict.nextStep, /Create a new relationship/);
  });

  it('only expired or terminated ones: expired-or-terminated, about the newest', () => {
    const old = relationship({ status: 'expired', createdDateTime: '2023-01-01T00:00:00Z' });
    const newer = relationship({ status: 'terminated', createdDateTime: '2024-06-01T00:00:00Z' });
    const verdict = judge([newer, old]);
    assert.equal(verdict.verdict, 'expired-or-terminated');
    assert.equal(verdict.relationship?.id, newer.id);
    assert.match(verdict.explanation, /terminated/);
  });

  for (const status of ['terminationRequested', 'terminating']) {
    it(`a relationship that is ${status} gives no lasting access: expired-or-terminated`, () => {
      assert.equal(judge([relationship({ status })]).verdict, 'expired-or-terminated');
    });
  }

  it('names the status in words, never as Graph spells it', () => {
    const verdict = judge([relationship({ status: 'terminationRequested' })]);
    assert.match(verdict.explanation, /is being ended on request,/);
    assert.doesNotMatch(verdict.explanation, /terminationRequested/);
    const lacking = judge([relationship({ status: 'approvalPending', roleIds: ROLES.slice(0, 10) })]);
    assert.match(lacking.explanation, /\(waiting for the customer’s approval\) lacks 3/);
  });

  it('active but lacking configured roles: missing-roles, and roles cannot be added', () => {
    const lacking = relationship({ roleIds: ROLES.slice(0, 10) });
    const verdict = judge([lacking], { assignments: allActive(lacking.id) });
    assert.equal(verdict.verdict, 'missing-roles');
    assert.deepEqual(verdict.missingRoleIds, ROLES.slice(10));
    assert.match(verdict.explanation, /Roles cannot be added to an existing relationship/);
    assert.match(verdict.explanation, /Teams Administrator/);
    assert.match(verdict.nextStep, /new relationship/);
  });

  it('a Microsoft-led transition relationship is explained as such', () => {
    const verdict = judge([relationship({ displayName: 'MLT_2856d21e', roleIds: ROLES.slice(0, 9) })]);
    assert.equal(verdict.verdict, 'missing-roles');
    assert.match(verdict.explanation, /Microsoft-led transition/);
  });

  it('created but not locked: needs-approval, lock it first', () => {
    const verdict = judge([relationship({ status: 'created' })]);
    assert.equal(verdict.verdict, 'needs-approval');
    assert.match(verdict.nextStep, /Lock it for approval/);
  });

  it('waiting for the customer: needs-approval with the 90-day limit', () => {
    const verdict = judge([relationship({ status: 'approvalPending' })]);
    assert.equal(verdict.verdict, 'needs-approval');
    assert.match(verdict.nextStep, /approval link.*90 days/);
  });

  it('a complete replacement waiting for approval outranks the active one that lacks roles', () => {
    const lacking = relationship({ roleIds: ROLES.slice(0, 5), createdDateTime: '2024-01-01T00:00:00Z' });
    const replacement = relationship({ status: 'approvalPending', createdDateTime: '2025-12-01T00:00:00Z' });
    const verdict = judge([lacking, replacement]);
    assert.equal(verdict.verdict, 'needs-approval');
    assert.equal(verdict.relationship?.id, replacement.id);
  });

  for (const status of ['approved', 'activating']) {
    it(`${status}: the customer approved, access is assigned next`, () => {
      const verdict = judge([relationship({ status })]);
      assert.equal(verdict.verdict, 'needs-access-assignment');
      assert.match(verdict.explanation, /activating/);
    });
  }

  it('active, ends within 30 days and does not auto-extend: expiring-soon', () => {
    const ending = relationship({ autoExtendDuration: 'PT0S', endDateTime: inDays(10) });
    const verdict = judge([ending], { assignments: allActive(ending.id) });
    assert.equal(verdict.verdict, 'expiring-soon');
    assert.equal(verdict.daysLeft, 10);
    assert.match(verdict.explanation, /in 10 days\)\. It does not auto-extend/);
  });

  it('P0D, which Graph accepts beside PT0S, also means no auto-extension: expiring-soon', () => {
    const ending = relationship({
      id: '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
      autoExtendDuration: 'P0D',
      endDateTime: inDays(10),
    });
    const verdict = judge([ending], { assignments: allActive(ending.id) });
    assert.equal(verdict.verdict, 'expiring-soon');
    assert.equal(verdict.relationship?.id, ending.id);
  });

  it('expiring-soon names Global Administrator as the reason it cannot auto-extend', () => {
    const ending = relationship({
      roleIds: [...ROLES, GLOBAL_ADMINISTRATOR],
      autoExtendDuration: 'PT0S',
      endDateTime: inDays(3),
    });
    assert.match(judge([ending]).explanation, /Global Administrator, so it cannot auto-extend/);
  });

  it('expiring-soon points at a replacement already waiting for approval', () => {
    const ending = relationship({ autoExtendDuration: 'PT0S', endDateTime: inDays(3) });
    const replacement = relationship({ status: 'approvalPending', displayName: 'GDAP-Contoso-renewal' });
    const verdict = judge([ending, replacement]);
    assert.equal(verdict.verdict, 'expiring-soon');
    assert.match(verdict.nextStep, /GDAP-Contoso-renewal/);
  });

  it('auto-extending or beyond the configured window: not expiring-soon', () => {
    const extending = relationship({ autoExtendDuration: 'P180D', endDateTime: inDays(5) });
    assert.equal(judge([extending], { assignments: allActive(extending.id) }).verdict, 'working');
    const later = relationship({ autoExtendDuration: 'PT0S', endDateTime: inDays(10) });
    const verdict = judge(
      [later],
      { assignments: allActive(later.id) },
      { roleIds: ROLES, expiringSoonDays: 7 },
    );
    assert.equal(verdict.verdict, 'working');
  });

  it('active but assignments never read: needs-access-assignment, working is never assumed', () => {
    const verdict = judge([relationship()]);
    assert.equal(verdict.verdict, 'needs-access-assignment');
    assert.match(verdict.explanation, /not been checked/);
  });

  it('active with some roles unassigned: needs-access-assignment naming them', () => {
    const active = relationship();
    const assignments = { [active.id]: [{ status: 'active', roleIds: ROLES.slice(0, 12) }] };
    const verdict = judge([active], { assignments });
    assert.equal(verdict.verdict, 'needs-access-assignment');
    assert.match(verdict.explanation, /not assigned: User Administrator/);
    assert.match(verdict.nextStep, /Assign each role/);
  });

  it('active with assignments still pending: needs-access-assignment, wait', () => {
    const active = relationship();
    const assignments = { [active.id]: [{ status: 'pending', roleIds: ROLES }] };
    const verdict = judge([active], { assignments });
    assert.equal(verdict.verdict, 'needs-access-assignment');
    assert.match(verdict.nextStep, /Wait a few minutes/);
  });

  it('assigned but consent unknown or refused: needs-consent', () => {
    const active = relationship();
    for (const consented of [undefined, false]) {
      const verdict = judge([active], { assignments: allActive(active.id), consented });
      assert.equal(verdict.verdict, 'needs-consent');
    }
  });

  it('a failed access test after the consent points at its cause', () => {
    const active = relationship();
    const failed = (
      code: 'CUSTOMER_ACCESS_EXPIRED' | 'CUSTOMER_ACCESS_UNASSIGNED' | 'CUSTOMER_CONDITIONAL_ACCESS',
    ) =>
      judge([active], { assignments: allActive(active.id), accessProblem: { code, message: 'why' } }).verdict;
    assert.equal(failed('CUSTOMER_ACCESS_EXPIRED'), 'expired-or-terminated');
    assert.equal(failed('CUSTOMER_ACCESS_UNASSIGNED'), 'needs-access-assignment');
    assert.equal(failed('CUSTOMER_CONDITIONAL_ACCESS'), 'needs-consent');
  });

  it('everything seen and in place: working', () => {
    const active = relationship({ endDateTime: '2027-03-03T14:02:11Z' });
    const verdict = judge([active], { assignments: allActive(active.id) });
    assert.equal(verdict.verdict, 'working');
    assert.match(verdict.explanation, /active until 2027-03-03 and auto-extends by 6 months,/);
  });

  it('no consent on record: says it is not given yet, as the card’s consent line does', () => {
    const active = relationship();
    const verdict = judge([active], { assignments: allActive(active.id), consented: undefined });
    assert.equal(
      verdict.explanation,
      'The integration’s app has not been consented in the customer tenant yet.',
    );
  });

  it('consented but not tested since: not yet working, the access test is next', () => {
    const active = relationship();
    const verdict = judge([active], { assignments: allActive(active.id), accessTested: false });
    assert.equal(verdict.verdict, 'needs-access-test');
    assert.match(verdict.explanation, /has not been tested since/);
    assert.match(verdict.nextStep, /Test access/);
  });

  it('of two complete active relationships the newest is the one judged', () => {
    const older = relationship({ createdDateTime: '2024-01-01T00:00:00Z' });
    const newer = relationship({ createdDateTime: '2025-06-01T00:00:00Z' });
    assert.equal(judge([newer, older], { assignments: allActive(newer.id) }).relationship?.id, newer.id);
    assert.equal(judge([older, newer], { assignments: allActive(newer.id) }).verdict, 'working');
  });

  it('live relationships replace the ones the sync saw', () => {
    const verdict = verdictFor(
      { tenantId: 't', relationships: [relationship()] },
      { consented: true, relationships: [] },
      settings,
      NOW,
    );
    assert.equal(verdict.verdict, 'no-relationship');
  });
});

describe('summarize', () => {
  it('counts every verdict, zero included', () => {
    const counts = summarize([{ verdict: 'working' }, { verdict: 'working' }, { verdict: 'needs-consent' }]);
    assert.equal(counts.working, 2);
    assert.equal(counts['needs-consent'], 1);
    assert.equal(counts['no-relationship'], 0);
    assert.equal(Object.keys(counts).length, 9);
  });
});
