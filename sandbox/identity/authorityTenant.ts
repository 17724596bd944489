// The tenant a sign-in URL names: a tenant id, one of its domains, or the multi-tenant `organizations`/`common`.
import type { SandboxState, TenantRecord } from '../sandboxState.js';
import { OAuthError } from './oauthError.js';

export type AuthorityTenant =
  { kind: 'tenant'; segment: string; tenant: TenantRecord } | { kind: 'multi'; segment: string };

const MULTI_TENANT_SEGMENTS = ['organizations', 'common'];

export function resolveAuthorityTenant(state: SandboxState, segment: string): AuthorityTenant {
  if (MULTI_TENANT_SEGMENTS.includes(segment.toLowerCase()))
    return { kind: 'multi', segment: segment.toLowerCase() };
  const tenant = state.tenant(segment);
  if (tenant) return { kind: 'tenant', segment, tenant };
  throw new OAuthError(
    'invalid_tenant',
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  );
}

export function issuerFor(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/v2.0`;
}

// Endpoints name the tenant by id, as Entra does once a domain is resolved; multi-tenant segments stay as they are.
export function endpointSegment(authority: AuthorityTenant): string {
  return authority.kind === 'tenant' ? authority.tenant.id : authority.segment;
}
