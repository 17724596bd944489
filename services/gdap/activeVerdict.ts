// The verdict on a customer whose chosen relationship is active: expiry, access assignments, consent, access test.
import { GLOBAL_ADMINISTRATOR } from '../settings/gdapRoles.js';
import { autoExtendWords } from '../text/durationWords.js';
import { type AccessState, type AccessVerdict, type Verdict, type VerdictSettings } from './accessVerdict.js';
import {
  AWAITING_APPROVAL_STATUSES,
  assignmentCoverage,
  autoExtends,
  daysLeft,
  missingRoleIds,
  roleNames,
  type GdapRelationship,
} from './gdapModel.js';

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'an unknown date');
const extendsBy = (relationship: GdapRelationship) =>
  autoExtends(relationship) ? ` and ${autoExtendWords(relationship.autoExtendDuration)}` : '';

export type VerdictBuilder = (
  kind: Verdict,
  explanation: string,
  nextStep: string,
  extra?: Partial<AccessVerdict>,
) => AccessVerdict;

/** The rules after the relationship is known to be active with every configured role (see verdictFor). */
export function activeVerdict(
  relationship: GdapRelationship,
  all: readonly GdapRelationship[],
  state: AccessState,
  settings: VerdictSettings,
  now: Date,
  verdict: VerdictBuilder,
): AccessVerdict {
  const name = `'${relationship.displayName}'`;
  const left = daysLeft(relationship, now);
  if (!autoExtends(relationship) && left !== undefined && left <= (settings.expiringSoonDays ?? 30)) {
    const why = relationship.roleIds.includes(GLOBAL_ADMINISTRATOR)
      ? ' It includes Global Administrator, so it cannot auto-extend.'
      : ' It does not auto-extend.';
    const replacement = all.find(
      (other) =>
        other !== relationship &&
        AWAITING_APPROVAL_STATUSES.includes(other.status) &&
        missingRoleIds(other, settings.roleIds).length === 0,
    );
    return verdict(
      'expiring-soon',
      `The relationship ${name} ends on ${day(relationship.endDateTime)} (in ${Math.max(0, left)} days).${why}`,
      replacement
        ? `Its replacement '${replacement.displayName}' is waiting for approval: send the customer its approval link.`
        : 'Create a new relationship before then and have the customer approve it.',
      { daysLeft: left },
    );
  }
  const assignments = state.assignments?.[relationship.id];
  if (!assignments) {
    return verdict(
      'needs-access-assignment',
      `The relationship ${name} is active; its access assignments have not been checked yet.`,
      'Check the access assignments, and assign any role that has none.',
    );
  }
  const coverage = assignmentCoverage(assignments, settings.roleIds);
  if (coverage.active.length < settings.roleIds.length) {
    const parts = [
      coverage.missing.length > 0 ? `not assigned: ${roleNames(coverage.missing)}` : '',
      coverage.pending.length > 0 ? `still being applied: ${roleNames(coverage.pending)}` : '',
      coverage.failed.length > 0 ? `failed at Microsoft: ${roleNames(coverage.failed)}` : '',
    ].filter(Boolean);
    return verdict(
      'needs-access-assignment',
      `The relationship ${name} is active, but roles are not yet usable (${parts.join('; ')}).`,
      coverage.missing.length + coverage.failed.length > 0
        ? 'Assign each role to its partner security group.'
        : 'Wait a few minutes until the assignments are active.',
    );
  }
  if (state.consented !== true) {
    return verdict(
      'needs-consent',
      state.consented === false
        ? 'The consent given in the customer tenant is for another app or other permissions than the ones set up now, so the app needs consenting again.'
        : 'The integration’s app has not been consented in the customer tenant yet.',
      'Consent the app in the customer tenant, then test access.',
    );
  }
  if (state.accessProblem) {
    const { code, message } = state.accessProblem;
    const kind: Verdict =
      code === 'CUSTOMER_ACCESS_EXPIRED'
        ? 'expired-or-terminated'
        : code === 'CUSTOMER_ACCESS_UNASSIGNED'
          ? 'needs-access-assignment'
          : 'needs-consent';
    return verdict(
      kind,
      `The last access test failed. ${message}`,
      'Fix the cause above, then test access again.',
    );
  }
  if (state.accessTested === false) {
    // Named for the step that is left: a card reading "Needs consent" beside "App consent: given" sends people
    // to consent again.
    return verdict(
      'needs-access-test',
      'The integration’s app is consented in the customer tenant; access has not been tested since.',
      'Test access with one read in the customer tenant.',
    );
  }
  return verdict(
    'working',
    `The relationship ${name} is active until ${day(relationship.endDateTime)}${extendsBy(relationship)}, every configured role is assigned, and the app is consented.`,
    'Nothing to do.',
    left === undefined ? {} : { daysLeft: left },
  );
}
