// One verdict per customer on its delegated access, with the relationship it is about and what to do next.
import type { ErrorCode } from '../errors.js';
import type { CspCustomer } from '../customers/cspCustomer.js';
import { activeVerdict } from './activeVerdict.js';
import {
  ACTIVATING_STATUSES,
  ACTIVE_STATUSES,
  AWAITING_APPROVAL_STATUSES,
  isMicrosoftLed,
  missingRoleIds,
  roleNames,
  type AccessAssignment,
  type GdapRelationship,
} from './gdapModel.js';
import { chooseRelationship } from './relationshipChoice.js';
import { statusWords } from './statusWords.js';

/** In the order a list of clients shows them: what needs someone's attention first. */
export const VERDICTS = [
  'no-relationship',
  'missing-roles',
  'expired-or-terminated',
  'needs-approval',
  'needs-access-assignment',
  'needs-consent',
  'needs-access-test',
  'expiring-soon',
  'working',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface AccessState {
  /** From the consent ledger: undefined when the bot has no record either way. */
  consented: boolean | undefined;
  /** Access assignments per relationship id as last read; a relationship absent here was not checked. */
  assignments?: Readonly<Record<string, readonly Pick<AccessAssignment, 'status' | 'roleIds'>[]>>;
  /** False when the consent is newer than the last access test (or none was run): unconfirmed, so not working. */
  accessTested?: boolean;
  /** Why the last access test after the consent failed, when it did. */
  accessProblem?: { code: ErrorCode; message: string };
  /** Relationships read live; when given they replace the ones the customer sync saw. */
  relationships?: readonly GdapRelationship[];
}

export interface VerdictSettings {
  roleIds: readonly string[];
  expiringSoonDays?: number;
}

export interface AccessVerdict {
  tenantId: string;
  verdict: Verdict;
  relationship?: GdapRelationship;
  explanation: string;
  nextStep: string;
  missingRoleIds?: string[];
  daysLeft?: number;
}

/** Role names for a sentence: "Exchange Administrator, Teams Administrator". */

/**
 * The rules, in order, on the relationship `chooseRelationship` picks:
 * none → no-relationship; only ended ones → expired-or-terminated; lacking configured roles → missing-roles;
 * created or approvalPending → needs-approval; approved or activating → needs-access-assignment (it is next);
 * active, ending within `expiringSoonDays` without auto-extend → expiring-soon; active with any configured role
 * not covered by an active assignment, or assignments not read → needs-access-assignment; consent not known to
 * be given → needs-consent; an access test that failed after the consent → the verdict its cause points to;
 * consented but not tested since → needs-access-test; otherwise working. "Working" is never assumed: every
 * fact it needs must have been seen.
 */
export function verdictFor(
  customer: Pick<CspCustomer, 'tenantId' | 'relationships'>,
  state: AccessState,
  settings: VerdictSettings,
  now: Date,
): AccessVerdict {
  const { roleIds } = settings;
  const relationships = state.relationships ?? customer.relationships;
  const chosen = chooseRelationship(relationships, roleIds);
  const verdict = (
    kind: Verdict,
    explanation: string,
    nextStep: string,
    extra: Partial<AccessVerdict> = {},
  ): AccessVerdict => ({
    tenantId: customer.tenantId,
    verdict: kind,
    ...(chosen ? { relationship: chosen } : {}),
    explanation,
    nextStep,
    ...extra,
  });
  const createNew =
    'Create a new relationship with the configured roles and send the customer its approval link.';
  if (!chosen)
    return verdict('no-relationship', 'There is no GDAP relationship with this customer.', createNew);

  const name = `'${chosen.displayName}'`;
  const status = chosen.status;
  const usable = [...ACTIVE_STATUSES, ...ACTIVATING_STATUSES, ...AWAITING_APPROVAL_STATUSES].includes(status);
  if (!usable) {
    return verdict(
      'expired-or-terminated',
      `The relationship ${name} is ${statusWords(status)}, and no other relationship gives access.`,
      createNew,
    );
  }
  const missing = missingRoleIds(chosen, roleIds);
  if (missing.length > 0) {
    const microsoftLed = isMicrosoftLed(chosen)
      ? ' It is a Microsoft-led transition relationship: read-only, with a limited set of roles.'
      : '';
    return verdict(
      'missing-roles',
      `The relationship ${name} (${statusWords(status)}) lacks ${missing.length} configured role(s): ${roleNames(missing)}. ` +
        `Roles cannot be added to an existing relationship.${microsoftLed}`,
      `${createNew} The current one keeps working until the new one is active.`,
      { missingRoleIds: missing },
    );
  }
  if (status === 'created') {
    return verdict(
      'needs-approval',
      `The relationship ${name} was created but not yet locked for approval, so the customer cannot approve it.`,
      'Lock it for approval, then send the customer the approval link.',
    );
  }
  if (status === 'approvalPending') {
    return verdict(
      'needs-approval',
      `The relationship ${name} is waiting for the customer’s admin to approve it.`,
      'Send the customer the approval link; an unapproved request expires after 90 days.',
    );
  }
  if (ACTIVATING_STATUSES.includes(status)) {
    return verdict(
      'needs-access-assignment',
      `The customer approved ${name}; Microsoft is activating it, which usually takes a few minutes.`,
      'Wait until it is active, then assign the roles to your security groups.',
    );
  }
  return activeVerdict(chosen, relationships, state, settings, now, verdict);
}

/** How many customers have each verdict, every verdict listed (zero included) so cards can show all buckets. */
export function summarize(verdicts: readonly Pick<AccessVerdict, 'verdict'>[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((kind) => [kind, 0])) as Record<Verdict, number>;
  for (const { verdict } of verdicts) counts[verdict] += 1;
  return counts;
}
