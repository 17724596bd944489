// Every permission the integration needs: kind, resource and why, for the tenant-permissions review.

export interface RequiredPermission {
  scope: string;
  kind: 'delegated' | 'application';
  resource: 'Microsoft Graph' | 'Partner Center';
  why: string;
}

export const REQUIRED_PERMISSIONS: readonly RequiredPermission[] = [
  {
    scope: 'User.Read',
    kind: 'delegated',
    resource: 'Microsoft Graph',
    why: 'sign you in and read your profile',
  },
  {
    scope: 'Directory.Read.All',
    kind: 'delegated',
    resource: 'Microsoft Graph',
    why: 'read the CSP customer list (contracts) and your admin roles',
  },
  {
    scope: 'DelegatedAdminRelationship.ReadWrite.All',
    kind: 'delegated',
    resource: 'Microsoft Graph',
    why: 'read, create and finalize GDAP relationships and access assignments',
  },
  {
    scope: 'Group.ReadWrite.All',
    kind: 'delegated',
    resource: 'Microsoft Graph',
    why: 'find or create the partner security groups that receive GDAP roles',
  },
  {
    scope: 'user_impersonation',
    kind: 'delegated',
    resource: 'Partner Center',
    why: 'consent the integration’s app in each customer tenant',
  },
];

/** The Graph scopes requested at sign-in (Partner Center is consented separately). */
export const GRAPH_SIGN_IN_SCOPES: readonly string[] = REQUIRED_PERMISSIONS.filter(
  (permission) => permission.resource === 'Microsoft Graph',
).map((permission) => permission.scope);
