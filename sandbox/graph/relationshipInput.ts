// Reads and checks the body of a relationship create or update against Graph's rules.
import { isGuid } from '../guid.js';
import { relationshipTermProblems } from '../relationshipRules.js';
import { roleNames } from '../roles.js';
import type { RelationshipRecord, SandboxState } from '../sandboxState.js';
import { GraphError, badRequest } from './graphError.js';

export interface RelationshipInput {
  displayName: string;
  duration: string;
  autoExtendDuration: string;
  customer: { tenantId: string; displayName: string } | null;
  roleDefinitionIds: string[];
}

const WRITABLE = [
  '@odata.type',
  'displayName',
  'duration',
  'autoExtendDuration',
  'customer',
  'accessDetails',
];

function roleIdsOf(accessDetails: unknown): string[] {
  const roles = (accessDetails as { unifiedRoles?: unknown } | undefined)?.unifiedRoles;
  if (!Array.isArray(roles) || roles.length === 0)
    throw badRequest('accessDetails.unifiedRoles must list at least one role.');
  return roles.map((role) => {
    const id = String((role as { roleDefinitionId?: unknown })?.roleDefinitionId ?? '').toLowerCase();
    if (!isGuid(id) || !roleNames.has(id))
      throw badRequest(`roleDefinitionId '${id}' is not a role that GDAP can grant.`);
    return id;
  });
}

function customerOf(value: unknown, state: SandboxState): RelationshipInput['customer'] {
  if (value === undefined || value === null) return null;
  const tenantId = String((value as { tenantId?: unknown }).tenantId ?? '').toLowerCase();
  if (!isGuid(tenantId)) throw badRequest('customer.tenantId must be a tenant id (GUID).');
  const given = (value as { displayName?: unknown }).displayName;
  const known = state.tenant(tenantId);
  return { tenantId, displayName: typeof given === 'string' && given ? given : (known?.displayName ?? '') };
}

// `current` is the relationship being updated; without it the body is a create.
export function readRelationshipInput(
  body: Record<string, unknown>,
  state: SandboxState,
  current?: RelationshipRecord,
): RelationshipInput {
  const unknown = Object.keys(body).filter((key) => !WRITABLE.includes(key));
  if (unknown.length > 0)
    throw badRequest(`Property '${unknown[0]}' cannot be set on a delegatedAdminRelationship.`);
  const input = {
    displayName: body.displayName ?? current?.displayName,
    duration: body.duration ?? current?.duration,
    autoExtendDuration: body.autoExtendDuration ?? current?.autoExtendDuration ?? 'PT0S',
    customer: 'customer' in body ? customerOf(body.customer, state) : (current?.customer ?? null),
    roleDefinitionIds:
      'accessDetails' in body || !current ? roleIdsOf(body.accessDetails) : current.roleDefinitionIds,
  };
  const problems = relationshipTermProblems(input);
  if (problems.length > 0) throw badRequest(problems.join(' '));
  const name = String(input.displayName).toLowerCase();
  const taken = state.relationships.some(
    (other) => other !== current && other.displayName.toLowerCase() === name,
  );
  if (taken)
    throw new GraphError(
      409,
      'Conflict',
      `A delegated admin relationship named '${input.displayName}' already exists.`,
    );
  return input as RelationshipInput;
}
