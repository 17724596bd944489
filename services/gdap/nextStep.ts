// The consent flow's next step for one client, decided from its live state alone (pure, so a card can preview it).
import { gdapRole } from '../settings/gdapRoles.js';
import { counted } from '../text/counted.js';
import { autoExtendWords, durationWords } from '../text/durationWords.js';
import { consentCovers } from './consentLedger.js';
import type { FlowSettings, FlowStep, LiveState } from './flowStep.js';
import { approvalLink } from './gdapClient.js';
import {
  ACTIVE_STATUSES,
  USABLE_STATUSES,
  assignmentCoverage,
  missingRoleIds,
  roleNames,
  type GdapRelationship,
} from './gdapModel.js';
import { chooseRelationship } from './relationshipChoice.js';
import { planRelationship, type RelationshipPlan } from './relationshipPlanner.js';
import { securityGroupName } from './securityGroups.js';

/**
 * The order: a relationship with every configured role (created → lock; approvalPending → wait for the customer;
 * approved/activating → wait), then on an active one the access assignments (create → wait), then the app
 * consent, then the access test. No usable relationship with the roles → create one. A failed access test
 * blocks, with the step that retries it.
 */
export function nextStep(state: LiveState, settings: FlowSettings, now: Date): FlowStep {
  const { customer } = state;
  const roleIds = settings.gdap.roleIds;
  if (roleIds.length === 0) {
    return {
      kind: 'blocked',
      customer,
      summary: 'No GDAP roles are configured. Run setup and choose the roles.',
    };
  }
  let relationship = chooseRelationship(state.relationships, roleIds);
  if (relationship && cannotTakeAssignments(state, relationship, roleIds)) {
    // Follow its complete replacement when one is on its way; otherwise a replacement is what comes next.
    const replacement = state.relationships.find(
      (other) =>
        other !== relationship &&
        USABLE_STATUSES.includes(other.status) &&
        other.status !== 'expiring' &&
        missingRoleIds(other, roleIds).length === 0,
    );
    if (!replacement) {
      const plan = planRelationship({ ...customer, relationships: state.relationships }, settings.gdap, {
        takenNames: state.relationships.map((other) => other.displayName),
        now,
        replacing: relationship.id,
      });
      return {
        kind: 'create-relationship',
        customer,
        plan,
        replaces: relationship,
        summary:
          `'${relationship.displayName}' is expiring, and Microsoft no longer accepts access assignments on it, ` +
          `so its roles cannot be given to your groups. ${createSummary(plan, relationship)}`,
      };
    }
    relationship = replacement;
  }
  if (
    !relationship ||
    !USABLE_STATUSES.includes(relationship.status) ||
    missingRoleIds(relationship, roleIds).length > 0
  ) {
    const plan = planRelationship({ ...customer, relationships: state.relationships }, settings.gdap, {
      takenNames: state.relationships.map((other) => other.displayName),
      now,
    });
    const replaces = relationship && ACTIVE_STATUSES.includes(relationship.status) ? relationship : undefined;
    return {
      kind: 'create-relationship',
      customer,
      plan,
      ...(replaces ? { replaces } : {}),
      summary: createSummary(plan, replaces),
    };
  }
  const on = { customer, relationship };
  const name = `'${relationship.displayName}'`;
  switch (relationship.status) {
    case 'created':
      return {
        kind: 'lock-for-approval',
        ...on,
        summary: `Lock ${name} for approval so the customer can approve it.`,
      };
    case 'approvalPending': {
      const link = approvalLink(relationship.id, settings.approvalLinkBase);
      return {
        kind: 'wait-for-approval',
        ...on,
        approvalLink: link,
        summary: `Waiting for the customer’s admin to approve ${name} at ${link}`,
      };
    }
    case 'approved':
    case 'activating':
      return {
        kind: 'wait-for-activation',
        ...on,
        summary: `The customer approved ${name}; Microsoft is activating it.`,
      };
  }
  return activeStep(state, settings, relationship);
}

/** Microsoft takes access assignments on active relationships only: an expiring one lacking some is stuck. */
function cannotTakeAssignments(state: LiveState, relationship: GdapRelationship, roleIds: readonly string[]) {
  if (relationship.status !== 'expiring' || missingRoleIds(relationship, roleIds).length > 0) return false;
  const coverage = assignmentCoverage(state.assignments[relationship.id] ?? [], roleIds);
  return coverage.missing.length > 0;
}

function activeStep(state: LiveState, settings: FlowSettings, relationship: GdapRelationship): FlowStep {
  const on = { customer: state.customer, relationship };
  const coverage = assignmentCoverage(state.assignments[relationship.id] ?? [], settings.gdap.roleIds);
  if (coverage.failed.length > 0) {
    return {
      kind: 'blocked',
      ...on,
      summary: `Microsoft reports that assigning ${roleNames(coverage.failed)} failed. Remove that access assignment in Partner Center, then run this again.`,
    };
  }
  if (coverage.missing.length > 0) {
    const groups = coverage.missing.map((roleId) => ({
      roleId,
      roleName: gdapRole(roleId)?.name ?? roleId,
      groupName: securityGroupName(settings.gdap.groupPrefix, roleId),
    }));
    return {
      kind: 'create-access-assignments',
      ...on,
      groups,
      // The group names are the same for every client, so a list of clients shows them once, not on each row.
      summary: `Assign ${counted(groups.length, 'role')} to your security groups (created if missing, with the authorized admin as a member).`,
    };
  }
  if (coverage.pending.length > 0) {
    return {
      kind: 'wait-for-assignments',
      ...on,
      pendingRoleIds: coverage.pending,
      summary: `Waiting for Microsoft to apply ${coverage.pending.length} access assignment(s).`,
    };
  }
  const scopes = [...settings.consentScopes];
  const consentApp = (refresh: boolean): FlowStep => ({
    kind: 'consent-app',
    ...on,
    scopes,
    refresh,
    summary: `${refresh ? 'Renew the consent of' : 'Consent'} the integration’s app in the customer tenant (${scopes.join(', ')}).`,
  });
  if (!consentCovers(state.consent, settings.applicationId, scopes))
    return consentApp(state.consent !== undefined);
  const test = state.accessTest;
  const testAccess: FlowStep = {
    kind: 'test-access',
    ...on,
    summary: 'Test access with one read in the customer tenant.',
  };
  if (!test || (state.consent && test.testedAt < state.consent.consentedAt)) return testAccess;
  if (test.ok) return { kind: 'done', ...on, verdict: state.verdict, summary: state.verdict.explanation };
  return {
    kind: 'blocked',
    ...on,
    ...(test.code ? { code: test.code } : {}),
    summary: test.message ?? 'The access test failed.',
    retry: test.code === 'CUSTOMER_CONSENT_MISSING' ? consentApp(true) : testAccess,
  };
}

/**
 * A replacement for an active relationship that is about to end without auto-extend: offered, never run by
 * itself. Undefined when the verdict is not expiring-soon or a complete replacement already exists.
 */
export function renewalStep(state: LiveState, settings: FlowSettings, now: Date): FlowStep | undefined {
  const replaces = state.verdict.relationship;
  if (state.verdict.verdict !== 'expiring-soon' || !replaces) return undefined;
  try {
    const plan = planRelationship({ ...state.customer, relationships: state.relationships }, settings.gdap, {
      takenNames: state.relationships.map((other) => other.displayName),
      now,
      replacing: replaces.id,
    });
    return {
      kind: 'create-relationship',
      customer: state.customer,
      plan,
      replaces,
      summary: createSummary(plan, replaces),
    };
  } catch {
    // The planner refuses while a replacement with every role is already on its way: nothing to offer.
    return undefined;
  }
}

function createSummary(plan: RelationshipPlan, replaces: GdapRelationship | undefined): string {
  const why = replaces ? ` It replaces '${replaces.displayName}'.` : '';
  return (
    `Create the relationship '${plan.displayName}' with ${counted(plan.accessDetails.unifiedRoles.length, 'role')} for ` +
    `${durationWords(plan.duration)} (${autoExtendWords(plan.autoExtendDuration)}) and lock it for approval.${why}`
  );
}
