// What each consent-flow step does at Microsoft, given the client's state as just read.
import { isAppError } from '../errors.js';
import type { ConsentFlowDeps } from './consentFlow.js';
import type { FlowStep, LiveState } from './flowStep.js';
import { planRelationship } from './relationshipPlanner.js';

// Graph answers 409 to a name another partner relationship holds; a few fresh names settle it.
const NAME_ATTEMPTS = 5;

type ActionDeps = Pick<ConsentFlowDeps, 'gdap' | 'consent' | 'ledger' | 'settings'>;

/** Runs one step. Waiting, done and blocked steps do nothing: the fresh read after them is the point. */
export async function performStep(
  deps: ActionDeps,
  now: Date,
  step: FlowStep,
  fresh: LiveState,
): Promise<void> {
  const { gdap, consent, ledger } = deps;
  const settings = deps.settings();
  const tenantId = step.customer.tenantId;
  switch (step.kind) {
    case 'create-relationship':
      return createRelationship(deps, now, step.replaces?.id, fresh);
    case 'lock-for-approval':
      await gdap.lockForApproval(step.relationship);
      return;
    case 'create-access-assignments': {
      const roleIds = step.groups.map((group) => group.roleId);
      const groups = await gdap.ensureSecurityGroups(settings.gdap.groupPrefix, roleIds, settings.memberId);
      // One group per role, as MSP tools do: a role can later be given to other people without touching the rest.
      for (const group of groups)
        await gdap.createAccessAssignment(step.relationship.id, group.id, [group.roleId]);
      return;
    }
    case 'consent-app': {
      const scopes = [...settings.consentScopes];
      await consent.consentApp(tenantId, {
        applicationId: settings.applicationId,
        scopes,
        refresh: step.refresh,
      });
      await ledger.recordConsent(tenantId, {
        appId: settings.applicationId,
        scopes,
        consentedAt: now.toISOString(),
      });
      return;
    }
    case 'test-access': {
      const result = await consent.testAccess(tenantId);
      const testedAt = now.toISOString();
      await ledger.recordAccessTest(
        tenantId,
        result.ok
          ? { testedAt, ok: true, organizationName: result.organization.displayName }
          : { testedAt, ok: false, code: result.error.code, message: result.error.userMessage },
      );
      return;
    }
    default:
      return;
  }
}

/**
 * Plans on the fresh read, so a second press finds the first one's relationship and does nothing (the planner
 * refuses), then creates and locks it at once with the etag the create returned; if the lock fails, the next
 * step locks the same relationship.
 */
async function createRelationship(
  deps: ActionDeps,
  now: Date,
  replacing: string | undefined,
  fresh: LiveState,
): Promise<void> {
  const taken = fresh.relationships.map((relationship) => relationship.displayName);
  for (let attempt = 1; ; attempt++) {
    let plan;
    try {
      plan = planRelationship(
        { ...fresh.customer, relationships: fresh.relationships },
        deps.settings().gdap,
        {
          takenNames: taken,
          now,
          replacing,
        },
      );
    } catch (error) {
      if (isAppError(error, 'GDAP_RELATIONSHIP_EXISTS')) return;
      throw error;
    }
    try {
      await deps.gdap.lockForApproval(await deps.gdap.createRelationship(plan));
      return;
    } catch (error) {
      if (!isAppError(error, 'GDAP_NAME_TAKEN') || attempt >= NAME_ATTEMPTS) throw error;
      taken.push(plan.displayName);
    }
  }
}
