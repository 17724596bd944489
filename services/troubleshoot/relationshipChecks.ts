// The GDAP part of a client's checks, read from the consent flow's live state: relationship, roles, assignments.
import type { LiveState } from '../gdap/flowStep.js';
import {
  ACTIVATING_STATUSES,
  ACTIVE_STATUSES,
  assignmentCoverage,
  autoExtends,
  isMicrosoftLed,
  missingRoleIds,
  roleNames,
} from '../gdap/gdapModel.js';
import { relationshipStateWords, statusWords } from '../gdap/statusWords.js';
import { autoExtendWords } from '../text/durationWords.js';
import { failed, passed, skipped, type Check } from './check.js';

export const RELATIONSHIP_TITLES = {
  relationship: 'A GDAP relationship is active',
  roles: 'The relationship has every configured role',
  assignments: 'Access assignments are active',
};
const CREATE_NEW =
  'Create a new relationship with the configured roles from the client’s consent card, and send the customer its approval link.';

export function relationshipCheck(state: LiveState): Check {
  const chosen = state.verdict.relationship;
  const title = RELATIONSHIP_TITLES.relationship;
  if (!chosen) {
    return failed(
      'relationship',
      title,
      'There is no GDAP relationship with this customer.',
      CREATE_NEW,
      'consent',
    );
  }
  const name = `'${chosen.displayName}'`;
  if (ACTIVE_STATUSES.includes(chosen.status)) {
    const extend = autoExtends(chosen) ? ` and ${autoExtendWords(chosen.autoExtendDuration)}` : '';
    const soon = state.verdict.verdict === 'expiring-soon' ? ` ${state.verdict.explanation}` : '';
    return passed('relationship', title, `${name} is ${relationshipStateWords(chosen)}${extend}.${soon}`);
  }
  if (chosen.status === 'created') {
    return failed(
      'relationship',
      title,
      `${name} was created but not locked for approval, so the customer cannot approve it.`,
      'Send it for approval from the client’s consent card.',
      'consent',
    );
  }
  if (chosen.status === 'approvalPending') {
    return failed(
      'relationship',
      title,
      `${name} is waiting for the customer’s admin to approve it.`,
      'Send the customer the approval link from the client’s consent card; an unapproved request expires after 90 days.',
      'consent',
    );
  }
  if (ACTIVATING_STATUSES.includes(chosen.status)) {
    return failed(
      'relationship',
      title,
      `The customer approved ${name}; Microsoft is activating it.`,
      'Wait a few minutes, then check again.',
    );
  }
  return failed(
    'relationship',
    title,
    `${name} is ${statusWords(chosen.status)}, and no other relationship gives access ("User was not found" in the customer tenant).`,
    CREATE_NEW,
    'consent',
  );
}

export function rolesCheck(state: LiveState, roleIds: readonly string[]): Check {
  const chosen = state.verdict.relationship;
  if (!chosen) return skipped('roles', RELATIONSHIP_TITLES.roles, 'There is no relationship to check.');
  const missing = missingRoleIds(chosen, roleIds);
  if (missing.length === 0)
    return passed(
      'roles',
      RELATIONSHIP_TITLES.roles,
      `All ${roleIds.length} configured roles: ${roleNames(roleIds)}.`,
    );
  const microsoftLed = isMicrosoftLed(chosen)
    ? ' It is a Microsoft-led transition relationship: read-only, with a limited set of roles.'
    : '';
  return failed(
    'roles',
    RELATIONSHIP_TITLES.roles,
    `'${chosen.displayName}' lacks ${missing.length} configured role(s): ${roleNames(missing)}. Roles cannot be added to an existing relationship.${microsoftLed}`,
    `${CREATE_NEW} The current one keeps working until the new one is active.`,
    'consent',
  );
}

export function assignmentsCheck(state: LiveState, roleIds: readonly string[]): Check {
  const chosen = state.verdict.relationship;
  if (!chosen || !ACTIVE_STATUSES.includes(chosen.status)) {
    return skipped(
      'assignments',
      RELATIONSHIP_TITLES.assignments,
      'Only an active relationship has access assignments.',
    );
  }
  // Roles the relationship lacks cannot be assigned; the roles check already names them.
  const held = roleIds.filter((roleId) => !missingRoleIds(chosen, [roleId]).length);
  const coverage = assignmentCoverage(state.assignments[chosen.id] ?? [], held);
  if (coverage.active.length === held.length) {
    return passed(
      'assignments',
      RELATIONSHIP_TITLES.assignments,
      `${held.length} of ${held.length} roles are assigned to your security groups and active.`,
    );
  }
  const parts = [
    coverage.missing.length > 0 ? `not assigned: ${roleNames(coverage.missing)}` : '',
    coverage.pending.length > 0 ? `still being applied: ${roleNames(coverage.pending)}` : '',
    coverage.failed.length > 0 ? `failed at Microsoft: ${roleNames(coverage.failed)}` : '',
  ].filter(Boolean);
  const onlyPending = coverage.missing.length + coverage.failed.length === 0;
  return failed(
    'assignments',
    RELATIONSHIP_TITLES.assignments,
    `${coverage.active.length} of ${held.length} roles are usable (${parts.join('; ')}). Until they are, the customer tenant answers "Unsupported token".`,
    onlyPending
      ? 'Wait a few minutes until Microsoft applies them, then check again.'
      : 'Create the access assignments from the client’s consent card.',
    onlyPending ? undefined : 'consent',
  );
}
