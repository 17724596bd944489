// OpenID Connect discovery and the signing keys, per tenant, shaped like Entra ID's v2.0 documents.
import { jsonResponse, type SandboxRequest, type SandboxResponse } from '../httpExchange.js';
import { endpointSegment, issuerFor, resolveAuthorityTenant } from './authorityTenant.js';
import type { IdentityContext } from './identityContext.js';

export async function openIdConfiguration(
  request: SandboxRequest,
  context: IdentityContext,
): Promise<SandboxResponse> {
  const authority = resolveAuthorityTenant(context.state, request.params.tenant);
  const base = `${context.baseUrl}/${endpointSegment(authority)}`;
  // Discovery may put each endpoint at its own address and MSAL builds the sign-in link from this document, so the
  // browser goes to the plain-http pages while the bot's own calls (token, keys) stay on https with no bot setting.
  const pages = `${context.signInBaseUrl}/${endpointSegment(authority)}`;
  // MSAL Node accepts the issuer only when its scheme, host and port equal the authority's; a domain resolves to the tenant id here.
  const issuer = issuerFor(context.baseUrl, authority.kind === 'tenant' ? authority.tenant.id : '{tenantid}');
  return jsonResponse(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${pages}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${pages}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
    ],
    code_challenge_methods_supported: ['S256'],
    tenant_region_scope: authority.kind === 'tenant' ? 'EU' : null,
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: new URL(context.baseUrl).host,
  });
}

export async function signingKeys(
  request: SandboxRequest,
  context: IdentityContext,
): Promise<SandboxResponse> {
  resolveAuthorityTenant(context.state, request.params.tenant);
  return jsonResponse(200, context.signer.jwks);
}
