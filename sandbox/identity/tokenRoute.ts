// The token endpoint: authenticates the app registration, then hands the request to its grant.
import { timingSafeEqual } from 'node:crypto';
import { headerValue, jsonResponse, type SandboxRequest, type SandboxResponse } from '../httpExchange.js';
import { resolveAuthorityTenant } from './authorityTenant.js';
import { redeemAuthorizationCode, redeemOnBehalfOf, redeemRefreshToken } from './delegatedGrants.js';
import type { IdentityContext } from './identityContext.js';
import { OAuthError } from './oauthError.js';
import { resolveApplicationScope } from './resourceScopes.js';
import { applicationTokenResponse } from './tokenMinter.js';

const ON_BEHALF_OF_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authenticateClient(request: SandboxRequest, form: URLSearchParams, context: IdentityContext): void {
  let clientId = form.get('client_id');
  let secret = form.get('client_secret');
  const basic = /^Basic (.+)$/i.exec(headerValue(request.headers, 'authorization') ?? '');
  if (basic) {
    const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id);
    secret = decodeURIComponent(rest.join(':'));
  }
  const { app } = context.state;
  if (!clientId)
    throw new OAuthError(
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  if (clientId !== app.clientId) {
    throw new OAuthError(
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory.`,
    );
  }
  if (!secret) {
    throw new OAuthError(
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    );
  }
  if (!sameSecret(secret, context.clientSecret)) {
    throw new OAuthError(
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      401,
    );
  }
}

export async function token(request: SandboxRequest, context: IdentityContext): Promise<SandboxResponse> {
  const authority = resolveAuthorityTenant(context.state, request.params.tenant);
  const form = new URLSearchParams(request.body);
  authenticateClient(request, form, context);
  const grantType = form.get('grant_type');
  let body: Record<string, unknown>;
  switch (grantType) {
    case 'authorization_code':
      body = await redeemAuthorizationCode(form, context);
      break;
    case 'refresh_token':
      body = await redeemRefreshToken(form, context, authority);
      break;
    case ON_BEHALF_OF_GRANT:
      body = await redeemOnBehalfOf(form, context, authority);
      break;
    case 'client_credentials': {
      if (authority.kind !== 'tenant') {
        throw new OAuthError(
          'invalid_request',
          50059,
          'No tenant-identifying information found in either the request or implied by any provided credentials.',
        );
      }
      const { state } = context;
      if (!state.appConsentTenantIds.has(authority.tenant.id)) {
        throw new OAuthError(
          'unauthorized_client',
          700016,
          `Application with identifier '${state.app.clientId}' was not found in the directory '${authority.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        );
      }
      const { audience, roles } = resolveApplicationScope(form.get('scope'), state.app);
      body = await applicationTokenResponse(context, authority.tenant.id, audience, roles);
      break;
    }
    default:
      throw new OAuthError(
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType ?? ''}'.`,
      );
  }
  return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
