// The signed-in user and their tenant: /me, /me/memberOf and /organization.
import { badRequest } from './graphError.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { isPartnerCaller, permissions, requirePermission } from './graphRequest.js';
import { directoryRoleJson, groupJson, organizationJson, userJson } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';

function signedInUser(request: GraphRequest) {
  if (request.principal.kind !== 'user')
    throw badRequest('/me request is only valid with delegated authentication flow.');
  requirePermission(request.principal, permissions.profile);
  return request.principal.user;
}

export function getMe(request: GraphRequest, context: GraphContext) {
  const json = userJson(signedInUser(request));
  // Graph returns userType only when $select asks for it; code that reads it without $select would break on real Graph.
  if (!request.url.searchParams.has('$select')) delete json.userType;
  return entityResponse(request, context, 'users', json);
}

export function listMyMemberships(request: GraphRequest, context: GraphContext) {
  const user = signedInUser(request);
  const roles = user.directoryRoleIds.map((roleId) => directoryRoleJson(request.principal.tenantId, roleId));
  const groups = isPartnerCaller(request.principal, context.state) ? context.state.groupsOf(user.id) : [];
  return collectionResponse(request, context, {
    items: [...roles, ...groups.map((group) => groupJson(group, true))],
    toJson: (item) => item,
    contextPath: 'directoryObjects',
    filterable: ['displayName', 'id', 'roleTemplateId'],
    maxPageSize: 999,
  });
}

export function listOrganization(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.organization);
  const tenant = context.state.tenant(request.principal.tenantId);
  return collectionResponse(request, context, {
    items: tenant ? [tenant] : [],
    toJson: organizationJson,
    contextPath: 'organization',
    filterable: ['id', 'displayName'],
    maxPageSize: 999,
  });
}
