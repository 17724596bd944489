// One client's checks over the consent flow's real rules (the in-memory flow): each failure names its fix.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ERROR_MESSAGES } from '../../../../services/errors.js';
import type { AccessAssignment, GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { failed, type Check } from '../../../../services/troubleshoot/check.js';
import { clientChecks, type ClientPorts } from '../../../../services/troubleshoot/clientChecks.js';
import { FLOW_SETTINGS, FakeConsentFlow } from '../../../fakes/fakeConsentFlow.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { relationship } from './troubleshootFixtures.js';

const [MULLER, NORTHWIND] = CUSTOMERS;
const ORGANIZATION = { id: 'org-1', name: 'Müller Bäckerei' };

function assigned(r: GdapRelationship, status = 'active'): AccessAssignment[] {
  return [{ id: randomUUID(), status, groupId: 'g', roleIds: [...r.roleIds] }];
}

/** A client mapped to MULLER with the flow's state arranged by the test; every port call is counted. */
function client(options: { tenantIds?: string[]; inList?: boolean } = {}) {
  const flow = new FakeConsentFlow();
  const calls = { readState: 0, testAccess: 0 };
  const ports: ClientPorts = {
    mappedTenantIds: () => options.tenantIds ?? [MULLER.tenantId],
    customer: (tenantId) =>
      options.inList === false ? undefined : CUSTOMERS.find((c) => c.tenantId === tenantId),
    readState: (customer) => {
      calls.readState += 1;
      return flow.readState(customer);
    },
    settings: () => FLOW_SETTINGS,
    testAccess: (tenantId) => {
      calls.testAccess += 1;
      return flow.testAccess(tenantId);
    },
  };
  return { flow, ports, calls };
}

/** MULLER with an active relationship holding every role, its assignments active and the app consented. */
function working(flow: FakeConsentFlow): GdapRelationship {
  const r = relationship('active');
  flow.relationships.set(MULLER.tenantId, [r]);
  flow.assignments.set(r.id, assigned(r));
  flow.consents.add(MULLER.tenantId);
  return r;
}

const outcome = (checks: Check[]) => Object.fromEntries(checks.map((check) => [check.id, check.ok]));
const byId = (checks: Check[], id: string) => checks.find((check) => check.id === id)!;

describe('client checks', () => {
  it('say the relationship’s status in words, with its auto-extend in months', async () => {
    const { flow, ports } = client();
    working(flow);
    const active = byId(await clientChecks(ports, ORGANIZATION), 'relationship').detail;
    assert.match(active, /is active until \d{4}-\d{2}-\d{2} and auto-extends by 6 months\./);
    flow.relationships.set(MULLER.tenantId, [relationship('terminationRequested')]);
    const ending = byId(await clientChecks(ports, ORGANIZATION), 'relationship').detail;
    assert.match(ending, /is being ended on request, and no other relationship gives access/);
  });

  it('all pass for a working client, ending with a real test read', async () => {
    const { flow, ports, calls } = client();
    working(flow);
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.deepEqual(
      checks.map((check) => check.id),
      ['mapping', 'csp-list', 'relationship', 'roles', 'assignments', 'consent', 'access-test'],
    );
    assert.ok(
      checks.every((check) => check.ok === true),
      JSON.stringify(checks, null, 1),
    );
    assert.match(byId(checks, 'access-test').detail, /Read the tenant’s organization/);
    assert.equal(calls.testAccess, 1);
  });

  it('an unmapped organization: ✗ with the map fix, nothing read at Microsoft', async () => {
    const { ports, calls } = client({ tenantIds: [] });
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.equal(byId(checks, 'mapping').ok, false);
    assert.equal(byId(checks, 'mapping').remedy, 'map');
    assert.ok(checks.slice(1).every((check) => check.ok === 'skipped'));
    assert.deepEqual(calls, { readState: 0, testAccess: 0 });
  });

  it('an organization linked to two customers is the mapping conflict', async () => {
    const { ports } = client({ tenantIds: [MULLER.tenantId, NORTHWIND.tenantId] });
    const mapping = byId(await clientChecks(ports, ORGANIZATION), 'mapping');
    assert.equal(mapping.ok, false);
    assert.ok(mapping.detail.includes(ERROR_MESSAGES.MAPPING_CONFLICT));
  });

  it('a customer missing from the CSP list: ✗ with sync, and the live read still shows why', async () => {
    const { ports } = client({ inList: false });
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.equal(byId(checks, 'csp-list').ok, false);
    assert.equal(byId(checks, 'csp-list').remedy, 'sync');
    assert.equal(byId(checks, 'relationship').ok, false);
    assert.match(byId(checks, 'relationship').detail, /no GDAP relationship/);
  });

  it('no relationship: roles and assignments skipped, the test read waits for the relationship', async () => {
    const { ports, calls } = client();
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.deepEqual(outcome(checks), {
      mapping: true,
      'csp-list': true,
      relationship: false,
      roles: 'skipped',
      assignments: 'skipped',
      consent: false,
      'access-test': 'skipped',
    });
    assert.equal(byId(checks, 'relationship').remedy, 'consent');
    assert.match(byId(checks, 'access-test').detail, /until “A GDAP relationship is active” passes/);
    assert.equal(calls.testAccess, 0);
  });

  it('a relationship waiting for approval says to send the approval link', async () => {
    const { flow, ports } = client();
    flow.relationships.set(MULLER.tenantId, [relationship('approvalPending')]);
    const check = byId(await clientChecks(ports, ORGANIZATION), 'relationship');
    assert.equal(check.ok, false);
    assert.match(check.fix ?? '', /approval link/);
  });

  it('an active relationship lacking roles names them; roles cannot be added', async () => {
    const { flow, ports } = client();
    const r = relationship('active', DEFAULT_GDAP_ROLE_IDS.slice(0, 10));
    flow.relationships.set(MULLER.tenantId, [r]);
    flow.assignments.set(r.id, assigned(r));
    flow.consents.add(MULLER.tenantId);
    const checks = await clientChecks(ports, ORGANIZATION);
    const roles = byId(checks, 'roles');
    assert.equal(roles.ok, false);
    assert.match(roles.detail, /lacks 3 configured role\(s\): .*User Administrator/);
    assert.match(roles.detail, /cannot be added/);
    assert.equal(byId(checks, 'assignments').ok, true, 'the roles it holds are assigned');
  });

  it('missing access assignments: ✗ with the consent card; pending ones: wait, no button', async () => {
    const { flow, ports } = client();
    const r = relationship('active');
    flow.relationships.set(MULLER.tenantId, [r]);
    flow.consents.add(MULLER.tenantId);
    let check = byId(await clientChecks(ports, ORGANIZATION), 'assignments');
    assert.equal(check.ok, false);
    assert.match(check.detail, /0 of 13 roles are usable \(not assigned: /);
    assert.equal(check.remedy, 'consent');

    flow.assignments.set(r.id, assigned(r, 'pending'));
    check = byId(await clientChecks(ports, ORGANIZATION), 'assignments');
    assert.match(check.detail, /still being applied/);
    assert.match(check.fix ?? '', /Wait a few minutes/);
    assert.equal(check.remedy, undefined);
  });

  it('consent missing: ✗ and the test read skipped because of it', async () => {
    const { flow, ports, calls } = client();
    working(flow);
    flow.consents.clear();
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.equal(byId(checks, 'consent').ok, false);
    assert.equal(byId(checks, 'consent').remedy, 'consent');
    assert.match(byId(checks, 'access-test').detail, /until “The integration’s app is consented” passes/);
    assert.equal(calls.testAccess, 0);
  });

  it('a failing test read shows Microsoft’s answer as the troubleshooting table explains it', async () => {
    const { flow, ports } = client();
    working(flow);
    flow.accessAnswers.set(
      MULLER.tenantId,
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
    );
    const check = byId(await clientChecks(ports, ORGANIZATION), 'access-test');
    assert.equal(check.ok, false);
    assert.equal(check.detail, ERROR_MESSAGES.CUSTOMER_CONDITIONAL_ACCESS);
    assert.match(check.fix ?? '', /Service Provider Users/);
  });

  it('with the sign-in broken, nothing is read at Microsoft and the reason is the failed sign-in check', async () => {
    const { flow, ports, calls } = client();
    working(flow);
    const blocker = failed('token', 'A token can be had now without signing in', 'refused');
    const checks = await clientChecks(ports, ORGANIZATION, blocker);
    assert.deepEqual(calls, { readState: 0, testAccess: 0 });
    assert.equal(byId(checks, 'csp-list').ok, true);
    assert.match(
      byId(checks, 'relationship').detail,
      /until “A token can be had now without signing in” passes/,
    );
  });

  it('a refused read of the relationships is the relationship ✗ with Microsoft’s reason', async () => {
    const { ports } = client();
    ports.readState = async () => Promise.reject(new GraphError(403, 'Forbidden'));
    const checks = await clientChecks(ports, ORGANIZATION);
    assert.equal(byId(checks, 'relationship').detail, ERROR_MESSAGES.GDAP_PERMISSION_DENIED);
    assert.ok(checks.slice(3).every((check) => check.ok === 'skipped'));
  });
});
