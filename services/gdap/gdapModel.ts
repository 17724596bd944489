// GDAP relationships and access assignments as the gdap services read them, and the rules on their statuses.
import type { CustomerRelationship } from '../customers/cspCustomer.js';
import { gdapRole } from '../settings/gdapRoles.js';

/** A relationship from the customer sync or read live; live reads add the creation time and the etag. */
export interface GdapRelationship extends CustomerRelationship {
  createdDateTime?: string;
  /** The `@odata.etag` to send as If-Match; only on a relationship read live. */
  etag?: string;
  customerTenantId?: string;
}

export interface AccessAssignment {
  id: string;
  /** pending, active, deleting, deleted or error. */
  status: string;
  groupId: string;
  roleIds: string[];
}

/** The statuses in which a relationship grants access today ('expiring' is still active until its end). */
export const ACTIVE_STATUSES: readonly string[] = ['active', 'expiring'];
/** On the way to active: not yet approved by the customer (a `created` one is not even sent yet)… */
export const AWAITING_APPROVAL_STATUSES: readonly string[] = ['created', 'approvalPending'];
/** …or approved, and Microsoft is activating it. */
export const ACTIVATING_STATUSES: readonly string[] = ['approved', 'activating'];
/** Statuses that will grant access without a new relationship: never create another beside one of these. */
export const USABLE_STATUSES: readonly string[] = [
  ...ACTIVE_STATUSES,
  ...ACTIVATING_STATUSES,
  ...AWAITING_APPROVAL_STATUSES,
];

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The configured roles the relationship lacks; roles cannot be added later, so any gap needs a new relationship. */
export function missingRoleIds(relationship: CustomerRelationship, roleIds: readonly string[]): string[] {
  return roleIds.filter((wanted) => !relationship.roleIds.some((held) => sameId(held, wanted)));
}

/** PT0S and P0D both mean "expires at endDateTime"; Graph accepts either. */
export function autoExtends(relationship: CustomerRelationship): boolean {
  const duration = relationship.autoExtendDuration;
  return duration !== undefined && duration !== 'PT0S' && duration !== 'P0D';
}

/** Microsoft-led transition relationships (DAP → GDAP) are read-only and carry a limited role set. */
export function isMicrosoftLed(relationship: CustomerRelationship): boolean {
  return relationship.displayName.startsWith('MLT_');
}

/**
 * Which of `roleIds` active assignments cover, and which are still pending. Assignments being deleted, deleted
 * or failed cover nothing.
 */
export function assignmentCoverage(
  assignments: readonly Pick<AccessAssignment, 'status' | 'roleIds'>[],
  roleIds: readonly string[],
): { active: string[]; pending: string[]; missing: string[]; failed: string[] } {
  const holding = (status: string) => (roleId: string) =>
    assignments.some(
      (assignment) => assignment.status === status && assignment.roleIds.some((held) => sameId(held, roleId)),
    );
  const active = roleIds.filter(holding('active'));
  const pending = roleIds.filter((roleId) => !active.includes(roleId) && holding('pending')(roleId));
  const failed = roleIds.filter(
    (roleId) => !active.includes(roleId) && !pending.includes(roleId) && holding('error')(roleId),
  );
  const missing = roleIds.filter(
    (roleId) => !active.includes(roleId) && !pending.includes(roleId) && !failed.includes(roleId),
  );
  return { active, pending, missing, failed };
}

/** Whole days from `now` to the relationship's end, rounded down; undefined when Graph gave no end. */
export function daysLeft(relationship: CustomerRelationship, now: Date): number | undefined {
  if (!relationship.endDateTime) return undefined;
  const end = Date.parse(relationship.endDateTime);
  return Number.isNaN(end) ? undefined : Math.floor((end - now.getTime()) / 86_400_000);
}

/** Role names for a sentence: "Exchange Administrator, Teams Administrator". */
export function roleNames(ids: readonly string[]): string {
  return ids.map((id) => gdapRole(id)?.name ?? id).join(', ');
}
