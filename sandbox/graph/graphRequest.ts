// What a Graph route receives and needs: the authenticated request, the live state, and the permission checks.
import type { GdapLifecycle } from '../gdapLifecycle.js';
import type { SandboxRequest, SandboxResponse } from '../httpExchange.js';
import type { SandboxState } from '../sandboxState.js';
import { GraphError } from './graphError.js';
import type { Principal } from './graphPrincipal.js';

export interface GraphRequest extends SandboxRequest {
  principal: Principal;
  json: Record<string, unknown>;
}

export interface GraphContext {
  state: SandboxState;
  graphBaseUrl: string;
  pageSize: () => number | undefined;
  lifecycle: GdapLifecycle;
}

export type GraphHandler = (request: GraphRequest, context: GraphContext) => SandboxResponse;

export interface Permissions {
  delegated: readonly string[];
  application: readonly string[];
}

const insufficientPrivileges = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

// Any one of the listed permissions is enough, as Graph's permission tables read.
export function requirePermission(principal: Principal, permissions: Permissions): void {
  const held = principal.kind === 'user' ? principal.scopes : principal.roles;
  const accepted = principal.kind === 'user' ? permissions.delegated : permissions.application;
  if (!accepted.some((permission) => held.has(permission))) throw insufficientPrivileges();
}

// Changing GDAP data needs the Partner Center Admin Agent role, and only the partner tenant has partner data.
export function requirePartnerWriter(principal: Principal, state: SandboxState): void {
  if (principal.tenantId !== state.partnerTenant.id) throw insufficientPrivileges();
  if (principal.kind === 'user' && !state.isAdminAgent(principal.user.id)) throw insufficientPrivileges();
}

export function isPartnerCaller(principal: Principal, state: SandboxState): boolean {
  return principal.tenantId === state.partnerTenant.id;
}

export const permissions = {
  profile: {
    delegated: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'Directory.Read.All'],
    application: [],
  },
  organization: {
    delegated: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'],
    application: ['Organization.Read.All', 'Directory.Read.All'],
  },
  contracts: { delegated: ['Directory.Read.All'], application: ['Directory.Read.All'] },
  gdapRead: {
    delegated: ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
    application: ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
  },
  gdapWrite: {
    delegated: ['DelegatedAdminRelationship.ReadWrite.All'],
    application: ['DelegatedAdminRelationship.ReadWrite.All'],
  },
  users: {
    delegated: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
    application: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  },
  groupRead: {
    delegated: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
    application: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
  },
  groupWrite: {
    delegated: ['Group.ReadWrite.All', 'Group.Create'],
    application: ['Group.ReadWrite.All', 'Group.Create'],
  },
} satisfies Record<string, Permissions>;

// Graph answers a stale or missing If-Match on GDAP writes instead of silently overwriting a newer change. Where the
// docs list no If-Match (requests on a relationship), one that is sent is still checked.
export function requireIfMatch(request: GraphRequest, currentEtag: string, required = true): void {
  const given = request.headers['if-match'];
  const value = Array.isArray(given) ? given[0] : given;
  if (!value && !required) return;
  if (!value) throw new GraphError(400, 'BadRequest', 'The If-Match header is required for this request.');
  if (value !== '*' && value !== currentEtag) {
    throw new GraphError(
      412,
      'PreconditionFailed',
      'The If-Match header does not match the current ETag of the resource.',
    );
  }
}
