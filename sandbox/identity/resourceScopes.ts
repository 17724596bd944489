// Turns a requested `scope` string into the single resource it targets and the permissions granted on it.
import type { SeedApp } from '../seed.js';
import { OAuthError } from './oauthError.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
// A bot's replies to Teams carry an app-only token for the Bot Framework; Entra issues it to any app registration.
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
// Partner Center's API (application consents); the app registration lists its one delegated permission, user_impersonation.
export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_APP_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
const PARTNER_CENTER_SCOPES: readonly string[] = ['user_impersonation'];
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

export interface ScopeGrant {
  audience: string;
  requested: string[];
  granted: string[];
  openid: boolean;
  offlineAccess: boolean;
}

interface ResourceScope {
  audience: string;
  permission: string;
  declared: readonly string[];
}

function resourceScope(scope: string, app: SeedApp): ResourceScope {
  const slash = scope.lastIndexOf('/');
  const prefix = slash < 0 ? '' : scope.slice(0, slash).toLowerCase();
  const permission = scope.slice(slash + 1);
  if (prefix === '' || prefix === GRAPH_AUDIENCE || prefix === GRAPH_APP_ID) {
    return { audience: GRAPH_AUDIENCE, permission, declared: app.delegatedScopes };
  }
  if (prefix === BOT_FRAMEWORK_AUDIENCE)
    return { audience: BOT_FRAMEWORK_AUDIENCE, permission, declared: [] };
  if (prefix === PARTNER_CENTER_AUDIENCE || prefix === PARTNER_CENTER_APP_ID)
    return { audience: PARTNER_CENTER_AUDIENCE, permission, declared: PARTNER_CENTER_SCOPES };
  if (prefix === `api://${app.clientId}` || prefix === app.clientId) {
    return { audience: app.clientId, permission, declared: app.apiScopes };
  }
  throw new OAuthError(
    'invalid_resource',
    500011,
    `The resource principal named ${scope.slice(0, slash)} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
  );
}

export function resolveDelegatedScopes(scopeParam: string | null, app: SeedApp): ScopeGrant {
  const requested = (scopeParam ?? '').split(' ').filter(Boolean);
  const resources = requested
    .filter((scope) => !OIDC_SCOPES.has(scope))
    .map((scope) => resourceScope(scope, app));
  const audiences = new Set(resources.map((resource) => resource.audience));
  if (audiences.size > 1) {
    throw new OAuthError(
      'invalid_request',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    );
  }
  const granted = new Set<string>();
  for (const resource of resources) {
    if (resource.permission === '.default') {
      resource.declared.forEach((scope) => granted.add(scope));
    } else if (resource.declared.includes(resource.permission)) {
      granted.add(resource.permission);
    } else {
      throw new OAuthError(
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
      );
    }
  }
  // Entra answers an OpenID-only request with a Graph token for the basic profile.
  if (resources.length === 0) ['openid', 'profile', 'email'].forEach((scope) => granted.add(scope));
  return {
    audience: resources[0]?.audience ?? GRAPH_AUDIENCE,
    requested,
    granted: [...granted],
    openid: requested.includes('openid'),
    offlineAccess: requested.includes('offline_access'),
  };
}

export function resolveApplicationScope(
  scopeParam: string | null,
  app: SeedApp,
): { audience: string; roles: string[] } {
  const scopes = (scopeParam ?? '').split(' ').filter(Boolean);
  if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) {
    throw new OAuthError(
      'invalid_scope',
      1002012,
      `The provided value for scope ${scopeParam ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const resource = resourceScope(scopes[0], app);
  return {
    audience: resource.audience,
    roles: resource.audience === GRAPH_AUDIENCE ? [...app.applicationPermissions] : [],
  };
}
