// The browser-facing sign-in endpoints: authorize (code + PKCE, answered by an immediate redirect) and logout.
import {
  htmlResponse,
  redirectResponse,
  type SandboxRequest,
  type SandboxResponse,
} from '../httpExchange.js';
import type { SeedApp } from '../seed.js';
import { resolveAuthorityTenant, type AuthorityTenant } from './authorityTenant.js';
import type { IdentityContext } from './identityContext.js';
import { OAuthError } from './oauthError.js';
import { resolveDelegatedScopes } from './resourceScopes.js';
import { requestedTenantId, tenantAccess } from './tenantAccess.js';
import { clientInfo } from './tokenMinter.js';

// Loopback redirect URIs are accepted on any port and path so local bots and tests need no registration.
export function isAllowedRedirectUri(app: SeedApp, redirectUri: string): boolean {
  if (app.redirectUris.includes(redirectUri)) return true;
  try {
    const url = new URL(redirectUri);
    return (
      ['http:', 'https:'].includes(url.protocol) && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

function redirectWith(redirectUri: string, values: Record<string, string | null>): SandboxResponse {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) {
    if (value !== null) target.searchParams.set(key, value);
  }
  return redirectResponse(target.toString());
}

export async function authorize(request: SandboxRequest, context: IdentityContext): Promise<SandboxResponse> {
  const query = request.url.searchParams;
  const { state, grants } = context;
  const { app } = state;
  // Until the redirect URI is known to be the app's, Entra can only show an error page.
  let authority: AuthorityTenant;
  try {
    authority = resolveAuthorityTenant(state, request.params.tenant);
  } catch (error) {
    return htmlResponse(400, (error as Error).message);
  }
  if (query.get('client_id') !== app.clientId) {
    return htmlResponse(
      400,
      `AADSTS700016: Application with identifier '${query.get('client_id')}' was not found in the directory.`,
    );
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!isAllowedRedirectUri(app, redirectUri)) {
    return htmlResponse(
      400,
      `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
    );
  }
  const fail = (error: string, aadsts: number, description: string) =>
    redirectWith(redirectUri, {
      error,
      error_description: `AADSTS${aadsts}: ${description}`,
      state: query.get('state'),
    });

  if (query.get('response_type') !== 'code') {
    return fail(
      'unsupported_response_type',
      700054,
      'The sandbox supports only the authorization code flow (response_type=code).',
    );
  }
  if (!['query', null].includes(query.get('response_mode'))) {
    return fail('invalid_request', 900144, 'The sandbox answers only with response_mode=query.');
  }
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge) {
    return fail(
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    );
  }
  if (query.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 9002325, 'The sandbox requires code_challenge_method=S256.');
  }
  const loginHint = query.get('login_hint');
  const user = loginHint ? state.userByPrincipalName(loginHint) : state.defaultUser;
  if (!user) {
    const directory =
      authority.kind === 'tenant' ? authority.tenant.displayName : state.partnerTenant.displayName;
    return fail(
      'invalid_request',
      50034,
      `The user account ${loginHint} does not exist in the ${directory} directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  try {
    const scopes = resolveDelegatedScopes(query.get('scope'), app);
    // A partner user may sign in at a customer's authority only through GDAP, with the app consented there.
    const { tenantId } = tenantAccess(state, user, requestedTenantId(authority, user.tenantId), scopes);
    const code = grants.issueCode({
      clientId: app.clientId,
      redirectUri,
      codeChallenge,
      userId: user.id,
      tenantId,
      scope: scopes.requested.join(' '),
      nonce: query.get('nonce') ?? undefined,
    });
    return redirectWith(redirectUri, {
      code,
      client_info: clientInfo(user),
      state: query.get('state'),
      session_state: user.id,
    });
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return fail(error.aadsts === 65001 ? 'consent_required' : error.error, error.aadsts, error.description);
  }
}

export async function logout(request: SandboxRequest, context: IdentityContext): Promise<SandboxResponse> {
  resolveAuthorityTenant(context.state, request.params.tenant);
  const target = request.url.searchParams.get('post_logout_redirect_uri');
  if (target && /^https?:\/\//i.test(target)) {
    return redirectWith(target, { state: request.url.searchParams.get('state') });
  }
  return htmlResponse(200, 'You signed out of your account.');
}
