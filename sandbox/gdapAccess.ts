// Whether a partner user reaches a customer tenant through GDAP: the relationships, access assignments and groups that decide it.
import type { RelationshipStatus } from './relationshipRules.js';
import type { ConsentRecord, RelationshipRecord, SandboxState } from './sandboxState.js';

// A relationship grants access in these statuses; a termination takes effect only once Microsoft processes it.
export const ACCESS_GRANTING_STATUSES: readonly RelationshipStatus[] = [
  'active',
  'expiring',
  'terminationRequested',
];
const ENDED_STATUSES: readonly RelationshipStatus[] = ['expired', 'terminating', 'terminated'];

export type GdapAccess =
  | { kind: 'granted'; roleIds: string[] }
  // never had a relationship that reached the customer, or it is still waiting for approval
  | { kind: 'noRelationship' }
  // every relationship that once granted access has expired or been terminated
  | { kind: 'ended' }
  // the relationship is active but no active access assignment names a group the user is in
  | { kind: 'notAssigned' };

export function relationshipsOf(state: SandboxState, customerTenantId: string): RelationshipRecord[] {
  const wanted = customerTenantId.toLowerCase();
  return state.relationships.filter(
    (relationship) => relationship.customer?.tenantId.toLowerCase() === wanted,
  );
}

export function hasAccessGrantingRelationship(state: SandboxState, customerTenantId: string): boolean {
  return relationshipsOf(state, customerTenantId).some((relationship) =>
    ACCESS_GRANTING_STATUSES.includes(relationship.status),
  );
}

// The roles a user holds in a customer tenant: those of active assignments to the user's groups on granting relationships.
export function gdapAccessOf(state: SandboxState, userId: string, customerTenantId: string): GdapAccess {
  const relationships = relationshipsOf(state, customerTenantId);
  const granting = relationships.filter((relationship) =>
    ACCESS_GRANTING_STATUSES.includes(relationship.status),
  );
  if (granting.length === 0) {
    const ended = relationships.some((relationship) => ENDED_STATUSES.includes(relationship.status));
    return { kind: ended ? 'ended' : 'noRelationship' };
  }
  const groupIds = new Set(state.groupsOf(userId).map((group) => group.id.toLowerCase()));
  const roleIds = new Set<string>();
  for (const relationship of granting) {
    for (const assignment of relationship.accessAssignments) {
      if (assignment.status === 'active' && groupIds.has(assignment.securityGroupId.toLowerCase()))
        assignment.roleDefinitionIds.forEach((roleId) => roleIds.add(roleId));
    }
  }
  return roleIds.size > 0 ? { kind: 'granted', roleIds: [...roleIds] } : { kind: 'notAssigned' };
}

export function consentOf(
  state: SandboxState,
  customerTenantId: string,
  applicationId: string,
): ConsentRecord | undefined {
  const tenantId = customerTenantId.toLowerCase();
  const appId = applicationId.toLowerCase();
  return state.consents.find(
    (consent) => consent.customerTenantId === tenantId && consent.applicationId.toLowerCase() === appId,
  );
}

// A consent grant's scope is comma-separated in Partner Center; spaces are tolerated as Entra writes them.
export function grantedScopes(consent: ConsentRecord, enterpriseApplicationId: string): string[] {
  const wanted = enterpriseApplicationId.toLowerCase();
  return consent.applicationGrants
    .filter((grant) => grant.enterpriseApplicationId.toLowerCase() === wanted)
    .flatMap((grant) => grant.scope.split(/[\s,]+/))
    .filter(Boolean);
}
