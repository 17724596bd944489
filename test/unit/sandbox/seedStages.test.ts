// The shipped seed has a customer at every stage of delegated access the bot tells apart, dated relative to today.
import assert from 'node:assert/strict';
import { generateSeed } from '../../../sandbox/generateSeed.js';
import { consentOf, gdapAccessOf, relationshipsOf } from '../../../sandbox/gdapAccess.js';
import { approvalExpired } from '../../../sandbox/gdapLifecycle.js';
import { referenceIntegrationRoleIds } from '../../../sandbox/roles.js';
import { defaultSeedPath } from '../../../sandbox/sandboxServer.js';
import { SandboxState } from '../../../sandbox/sandboxState.js';
import { loadSeed } from '../../../sandbox/seed.js';
import { resolveSeedDate } from '../../../sandbox/seedDates.js';
import { validateSeed } from '../../../sandbox/seedValidation.js';

const DAY_MS = 86_400_000;

// The verdict a reader of the seed would give each customer, for the default user and the sandbox's app.
function stageOf(state: SandboxState, tenantId: string): string {
  const relationships = relationshipsOf(state, tenantId);
  if (relationships.length === 0) return 'no relationship';
  const pending = relationships.find((relationship) => relationship.status === 'approvalPending');
  if (pending) return approvalExpired(pending) ? 'approval expired' : 'approvalPending';
  const granting = relationships.filter((relationship) =>
    ['active', 'expiring'].includes(relationship.status),
  );
  if (granting.length === 0) return relationships.map((relationship) => relationship.status).join('+');
  const [relationship] = granting;
  if (Date.parse(relationship.endDateTime ?? '') - Date.now() < 30 * DAY_MS) return 'expiring within 30 days';
  if (
    !relationship.displayName.startsWith('MLT_') &&
    referenceIntegrationRoleIds.some((roleId) => !relationship.roleDefinitionIds.includes(roleId))
  )
    return 'missing roles';
  if (relationship.accessAssignments.length === 0) return 'active without assignments';
  if (!consentOf(state, tenantId, state.app.clientId)) return 'assignments without consent';
  return gdapAccessOf(state, state.defaultUserId, tenantId).kind === 'granted' ? 'working' : 'not in groups';
}

describe('Delegated-access stages in the sandbox seeds', () => {
  it('ships at least one customer at every stage', async () => {
    const state = new SandboxState(await loadSeed(defaultSeedPath));
    const stages = new Set(state.customers.map((customer) => stageOf(state, customer.tenantId)));
    for (const stage of [
      'no relationship',
      'approvalPending',
      'approval expired',
      'active without assignments',
      'assignments without consent',
      'working',
      'expiring within 30 days',
      'expired',
      'terminated',
      'missing roles',
    ])
      assert.ok(stages.has(stage), `no customer is at stage ${stage}; stages: ${[...stages].join(', ')}`);
  });

  it('dates seeds relative to the day they are loaded', () => {
    const now = new Date('2030-06-15T12:00:00Z');
    assert.equal(resolveSeedDate('now+14d', now), '2030-06-29T12:00:00Z');
    assert.equal(resolveSeedDate('now-98d', now), '2030-03-09T12:00:00Z');
    assert.equal(resolveSeedDate('now-2h', now), '2030-06-15T10:00:00Z');
    assert.equal(resolveSeedDate('2025-03-01T09:15:00Z', now), '2025-03-01T09:15:00Z');
    assert.throws(
      () => validateSeed({ ...generateSeed({ customers: 1 }), relationships: [{ createdDateTime: 'soon' }] }),
      /createdDateTime: must be an ISO 8601 date-time/,
    );
  });

  it('generates consents for most customers with access assigned, and only for them', () => {
    const seed = generateSeed({ customers: 400, seed: 3 });
    assert.equal(validateSeed(seed), seed);
    const state = new SandboxState(seed);
    const consented = state.consents.map((consent) => consent.customerTenantId);
    assert.ok(consented.length > 100);
    for (const tenantId of consented)
      assert.equal(gdapAccessOf(state, state.defaultUserId, tenantId).kind, 'granted', tenantId);
  });

  it('refuses a consent for a tenant that is not a customer', () => {
    const seed = generateSeed({ customers: 2 });
    const consent = {
      customerTenantId: seed.partnerTenant.id,
      applicationId: seed.app.clientId,
      applicationGrants: [
        { enterpriseApplicationId: '00000003-0000-0000-c000-000000000000', scope: 'User.Read' },
      ],
    };
    assert.throws(
      () => validateSeed({ ...seed, consents: [consent] }),
      /consents\[0\]\.customerTenantId: is not a customer/,
    );
  });
});
