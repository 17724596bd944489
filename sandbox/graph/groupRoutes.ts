// The partner tenant's security groups, the containers that access assignments grant roles to.
import { randomUUID } from 'node:crypto';
import { jsonResponse } from '../httpExchange.js';
import type { GroupRecord } from '../sandboxState.js';
import { badRequest, notFound } from './graphError.js';
import { isPartnerCaller, permissions, requirePartnerWriter, requirePermission } from './graphRequest.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { groupJson } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';

const groupsVisibleTo = (request: GraphRequest, context: GraphContext) =>
  isPartnerCaller(request.principal, context.state) ? context.state.groups : [];

export function listGroups(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.groupRead);
  return collectionResponse(request, context, {
    items: groupsVisibleTo(request, context),
    toJson: (group) => groupJson(group),
    contextPath: 'groups',
    filterable: ['id', 'displayName', 'mailNickname', 'securityEnabled', 'mailEnabled'],
    maxPageSize: 999,
  });
}

export function getGroup(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.groupRead);
  const group = groupsVisibleTo(request, context).find((item) => item.id === request.params.id.toLowerCase());
  if (!group)
    throw notFound(
      `Resource '${request.params.id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  return entityResponse(request, context, 'groups', groupJson(group));
}

// Graph allows two groups with the same name, so callers look a name up with $filter before creating it.
export function createGroup(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.groupWrite);
  requirePartnerWriter(request.principal, context.state);
  const { displayName, description, mailNickname, mailEnabled, securityEnabled } = request.json;
  if (typeof displayName !== 'string' || displayName.trim() === '')
    throw badRequest("Invalid value specified for property 'displayName' of resource 'Group'.");
  if (typeof mailNickname !== 'string' || mailNickname === '')
    throw badRequest("Invalid value specified for property 'mailNickname' of resource 'Group'.");
  if (mailEnabled !== false || securityEnabled !== true) {
    throw badRequest(
      'The sandbox creates security groups only: mailEnabled must be false and securityEnabled true.',
    );
  }
  const memberIds = boundUserIds(request.json['members@odata.bind'], context);
  const group: GroupRecord = {
    id: randomUUID(),
    displayName,
    description: typeof description === 'string' ? description : null,
    mailNickname,
    memberIds,
    createdDateTime: new Date().toISOString(),
  };
  context.state.groups.push(group);
  return entityResponse(request, context, 'groups', groupJson(group), 201, {
    location: `${context.graphBaseUrl}/groups/${group.id}`,
  });
}

// Members are named by URL (`https://graph.microsoft.com/v1.0/directoryObjects/{id}` or `…/users/{id}`); only partner users can join.
function boundUserIds(value: unknown, context: GraphContext): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw badRequest("'members@odata.bind' must be an array of directory object URLs.");
  return value.map((reference) => {
    const id = String(reference).split('/').pop()?.toLowerCase() ?? '';
    const user = context.state.user(id);
    if (!user || user.tenantId !== context.state.partnerTenant.id) {
      throw notFound(
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return user.id;
  });
}

// POST /groups/{id}/members/$ref with {"@odata.id": ".../directoryObjects/{userId}"}: how a partner puts staff in a GDAP group.
export function addGroupMember(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.groupWrite);
  requirePartnerWriter(request.principal, context.state);
  const group = groupsVisibleTo(request, context).find((item) => item.id === request.params.id.toLowerCase());
  if (!group)
    throw notFound(
      `Resource '${request.params.id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  const [userId] = boundUserIds([request.json['@odata.id'] ?? ''], context);
  if (group.memberIds.includes(userId)) {
    throw badRequest(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  group.memberIds.push(userId);
  return jsonResponse(204, undefined);
}
