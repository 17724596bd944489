// Picks the one relationship a customer's verdict and next step are about when it has several.
import {
  ACTIVATING_STATUSES,
  ACTIVE_STATUSES,
  AWAITING_APPROVAL_STATUSES,
  missingRoleIds,
  type GdapRelationship,
} from './gdapModel.js';

/** The rank of an active relationship, and what having every configured role adds to a usable one's. */
export const ACTIVE_RANK = 3;
export const COMPLETE = 4;

/** How far along a status is: active 3, approved or activating 2, waiting for approval 1, anything else 0. */
const STATUS_RANK = new Map<string, number>([
  ...ACTIVE_STATUSES.map((status) => [status, ACTIVE_RANK] as const),
  ...ACTIVATING_STATUSES.map((status) => [status, 2] as const),
  ...AWAITING_APPROVAL_STATUSES.map((status) => [status, 1] as const),
]);

export function statusRank(status: string): number {
  return STATUS_RANK.get(status) ?? 0;
}

// Graph's creation time when the relationship was read live; the end date otherwise (later end, newer relationship).
function age(relationship: GdapRelationship): number {
  const stamp = Date.parse(relationship.createdDateTime ?? relationship.endDateTime ?? '');
  return Number.isNaN(stamp) ? Number.NEGATIVE_INFINITY : stamp;
}

/**
 * Active > approved/activating > approvalPending/created > anything else, newest first within a status. A usable
 * relationship with every configured role outranks any that lacks one: a complete replacement waiting for
 * approval is what matters, not the active one it replaces. Among equals the later one in the list wins.
 */
export function chooseRelationship(
  relationships: readonly GdapRelationship[],
  roleIds: readonly string[],
): GdapRelationship | undefined {
  const score = (relationship: GdapRelationship) => {
    const rank = statusRank(relationship.status);
    const complete = rank > 0 && missingRoleIds(relationship, roleIds).length === 0;
    return (complete ? COMPLETE : 0) + rank;
  };
  let best: GdapRelationship | undefined;
  for (const candidate of relationships) {
    if (!best) {
      best = candidate;
      continue;
    }
    const byScore = score(candidate) - score(best);
    if (byScore > 0 || (byScore === 0 && !(age(candidate) < age(best)))) best = candidate;
  }
  return best;
}
