// Access assignments: which partner security groups get which of an active relationship's roles.
import { randomUUID } from 'node:crypto';
import { newEtag, type AccessAssignmentRecord, type OperationRecord } from '../sandboxState.js';
import { GraphError, badRequest, notFound } from './graphError.js';
import { permissions, requirePartnerWriter, requirePermission } from './graphRequest.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { accessAssignmentJson, accessAssignmentOperationData } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';
import { findRelationship } from './relationshipRoutes.js';

const CONTEXT = { workload: 'tenantRelationships', path: 'accessAssignments' };

export function listAccessAssignments(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  return collectionResponse(request, context, {
    items: findRelationship(request, context).accessAssignments,
    toJson: accessAssignmentJson,
    contextPath: CONTEXT,
    filterable: ['id', 'status', 'accessContainer/accessContainerId'],
    maxPageSize: 300,
  });
}

export function getAccessAssignment(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  const found = findRelationship(request, context).accessAssignments.find(
    (item) => item.id === request.params.assignmentId,
  );
  if (!found) throw notFound(`The access assignment '${request.params.assignmentId}' was not found.`);
  return entityResponse(request, context, CONTEXT, accessAssignmentJson(found), 200, { etag: found.etag });
}

// Graph answers 201 with `pending`; the assignment turns `active` after the sandbox's assignment delay.
export function createAccessAssignment(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapWrite);
  requirePartnerWriter(request.principal, context.state);
  const relationship = findRelationship(request, context);
  if (relationship.status !== 'active') {
    throw badRequest(
      `The delegated admin relationship '${relationship.id}' is ${relationship.status}. Access assignments can be created only after the customer approved the relationship and it is active.`,
    );
  }
  const groupId = accessContainerOf(request, context);
  const roleIds = unifiedRoleIdsOf(request);
  const outside = roleIds.find((roleId) => !relationship.roleDefinitionIds.includes(roleId));
  if (outside) {
    throw badRequest(
      `The role '${outside}' is not part of the access details of the delegated admin relationship '${relationship.id}'. An access assignment can grant only roles of its relationship.`,
    );
  }
  const existing = relationship.accessAssignments.some(
    (item) => item.securityGroupId === groupId && !['deleting', 'deleted'].includes(item.status),
  );
  if (existing)
    throw new GraphError(
      409,
      'Conflict',
      `An access assignment for security group ${groupId} already exists.`,
    );

  const now = new Date().toISOString();
  const assignment: AccessAssignmentRecord = {
    id: randomUUID(),
    securityGroupId: groupId,
    roleDefinitionIds: roleIds,
    status: 'pending',
    createdDateTime: now,
    lastModifiedDateTime: now,
    etag: newEtag(),
  };
  const operation: OperationRecord = {
    id: randomUUID(),
    operationType: 'delegatedAdminAccessAssignmentUpdate',
    data: accessAssignmentOperationData(assignment),
    status: 'running',
    createdDateTime: now,
    lastModifiedDateTime: now,
    etag: newEtag(),
  };
  relationship.accessAssignments.push(assignment);
  relationship.operations.push(operation);
  context.lifecycle.startAssignment(relationship, assignment, operation);
  return entityResponse(request, context, CONTEXT, accessAssignmentJson(assignment), 201, {
    location: `${context.graphBaseUrl}/tenantRelationships/delegatedAdminRelationships/${relationship.id}/accessAssignments/${assignment.id}`,
    etag: assignment.etag,
  });
}

function accessContainerOf(request: GraphRequest, context: GraphContext): string {
  const container = (request.json.accessContainer ?? {}) as {
    accessContainerId?: unknown;
    accessContainerType?: unknown;
  };
  const groupId = String(container.accessContainerId ?? '').toLowerCase();
  if (container.accessContainerType !== 'securityGroup')
    throw badRequest('accessContainer.accessContainerType must be securityGroup.');
  if (!context.state.groups.some((group) => group.id === groupId)) {
    throw badRequest(
      `accessContainer.accessContainerId '${groupId}' is not a security group of the partner tenant.`,
    );
  }
  return groupId;
}

function unifiedRoleIdsOf(request: GraphRequest): string[] {
  const roles = (request.json.accessDetails as { unifiedRoles?: { roleDefinitionId?: string }[] } | undefined)
    ?.unifiedRoles;
  const roleIds = Array.isArray(roles)
    ? roles.map((role) => String(role?.roleDefinitionId ?? '').toLowerCase())
    : [];
  if (roleIds.length === 0) throw badRequest('accessDetails.unifiedRoles must list at least one role.');
  return roleIds;
}
