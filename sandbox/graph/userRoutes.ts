// GET /users: the caller's tenant's people; in a customer tenant reached through GDAP, a few stand-in users of that customer.
import { derivedGuid } from '../guid.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../roles.js';
import type { TenantRecord } from '../sandboxState.js';
import type { SeedUser } from '../seed.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { permissions, requirePermission } from './graphRequest.js';
import { userJson } from './graphShapes.js';
import { collectionResponse } from './odataResponses.js';

// The seed does not list customers' people; these are enough for the "one harmless read" an access test makes.
const CUSTOMER_PEOPLE: readonly [string, string, boolean][] = [
  ['Adele Vance', 'adele.vance', true],
  ['Johanna Lorenz', 'johanna.lorenz', false],
  ['Nestor Wilke', 'nestor.wilke', false],
];

export function customerDirectoryUsers(tenant: TenantRecord): SeedUser[] {
  return CUSTOMER_PEOPLE.map(([displayName, login, admin]) => ({
    id: derivedGuid('customerUser', tenant.id, login),
    tenantId: tenant.id,
    displayName,
    userPrincipalName: `${login}@${tenant.defaultDomain}`,
    userType: 'Member',
    mfa: true,
    directoryRoleIds: admin ? [GLOBAL_ADMINISTRATOR_ROLE_ID] : [],
  }));
}

export function listUsers(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.users);
  const { state } = context;
  const tenant = state.tenant(request.principal.tenantId);
  const users =
    tenant?.kind === 'customer'
      ? customerDirectoryUsers(tenant)
      : state.users.filter((user) => user.tenantId === request.principal.tenantId);
  // Graph's default property set has no userType; it comes only when $select names it.
  const selected = request.url.searchParams.has('$select');
  return collectionResponse(request, context, {
    items: users,
    toJson: (user) => {
      const json = userJson(user);
      if (!selected) delete json.userType;
      return json;
    },
    contextPath: 'users',
    filterable: ['id', 'displayName', 'userPrincipalName', 'mail', 'userType'],
    maxPageSize: 999,
  });
}
