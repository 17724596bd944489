// Picks the one relationship a customer's verdict and next step are about when it has several.
import {
  ACTIVATING_STATUSES,
  ACTIVE_STATUSES,
  AWAITING_APPROVAL_STATUSES,
  missingRoleIds,
  type GdapRelationship,
} from './gdapModel.js';

function statusRank(status: string): number {
  if (ACTIVE_STATUSES.includes(status)) return 3;
  if (ACTIVATING_STATUSES.includes(status)) return 2;
  if (AWAITING_APPROVAL_STATUSES.includes(status)) return 1;
  return 0;
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
    return (complete ? 4 : 0) + rank;
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
