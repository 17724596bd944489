// Which tenant a delegated token is for and what it may do there: the user's home tenant, or a customer tenant through GDAP.
import { consentOf, gdapAccessOf, grantedScopes } from '../gdapAccess.js';
import type { SandboxState, TenantRecord } from '../sandboxState.js';
import type { SeedUser } from '../seed.js';
import type { AuthorityTenant } from './authorityTenant.js';
import { OAuthError } from './oauthError.js';
import { GRAPH_APP_ID, GRAPH_AUDIENCE, OIDC_SCOPES, type ScopeGrant } from './resourceScopes.js';

export interface TenantAccess {
  tenantId: string;
  scopes: ScopeGrant;
  // Directory roles in that tenant: the user's own at home, the GDAP-assigned ones in a customer tenant.
  roleIds: string[];
}

// A tenant-specific authority picks the tenant; `organizations`/`common` keep the one the user or grant already had.
export function requestedTenantId(authority: AuthorityTenant, fallback: string): string {
  return authority.kind === 'tenant' ? authority.tenant.id : fallback;
}

const notInTenant = (state: SandboxState, user: SeedUser, tenantName: string) =>
  new OAuthError(
    'invalid_grant',
    50020,
    `User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${user.tenantId}/' does not exist in tenant '${tenantName}' and cannot access the application '${state.app.clientId}'(${state.app.displayName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  );

// What MSPs see as "User was not found": the relationship that let the partner in has expired or was terminated.
const userNotFound = (user: SeedUser, tenant: TenantRecord) =>
  new OAuthError(
    'invalid_grant',
    50034,
    `The user account ${user.userPrincipalName} does not exist in the ${tenant.id} directory. To sign into this application, the account must be added to the directory.`,
  );

const consentRequired = (state: SandboxState) =>
  new OAuthError(
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${state.app.clientId}' named '${state.app.displayName}'. Send an interactive authorization request for this user and resource.`,
    400,
    'consent_required',
  );

export function tenantAccess(
  state: SandboxState,
  user: SeedUser,
  tenantId: string,
  scopes: ScopeGrant,
): TenantAccess {
  if (tenantId.toLowerCase() === user.tenantId.toLowerCase())
    return { tenantId: user.tenantId, scopes, roleIds: user.directoryRoleIds };
  const tenant = state.tenant(tenantId);
  if (!tenant || tenant.kind !== 'customer') throw notInTenant(state, user, tenant?.displayName ?? tenantId);
  const access = gdapAccessOf(state, user.id, tenant.id);
  if (access.kind === 'ended') throw userNotFound(user, tenant);
  if (access.kind !== 'granted') throw notInTenant(state, user, tenant.displayName);
  return { tenantId: tenant.id, scopes: consentedScopes(state, tenant, scopes), roleIds: access.roleIds };
}

// In a customer tenant the app holds only what a consent granted there; `.default` means all of it.
function consentedScopes(state: SandboxState, tenant: TenantRecord, scopes: ScopeGrant): ScopeGrant {
  const consent = consentOf(state, tenant.id, state.app.clientId);
  const consented = new Set(consent ? grantedScopes(consent, GRAPH_APP_ID) : []);
  const wanted = scopes.requested
    .filter((scope) => !OIDC_SCOPES.has(scope))
    .map((scope) => scope.slice(scope.lastIndexOf('/') + 1));
  const granted = wanted.includes('.default') ? [...consented] : wanted;
  const allowed =
    scopes.audience === GRAPH_AUDIENCE &&
    consented.size > 0 &&
    granted.every((permission) => consented.has(permission));
  if (!allowed) throw consentRequired(state);
  return wanted.length === 0 ? scopes : { ...scopes, granted };
}
