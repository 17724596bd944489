// The grants that act for a user: authorization code with PKCE, refresh token, and on-behalf-of.
import { createHash } from 'node:crypto';
import { errors as joseErrors } from 'jose';
import { issuerFor, type AuthorityTenant } from './authorityTenant.js';
import type { IdentityContext } from './identityContext.js';
import { OAuthError } from './oauthError.js';
import { resolveDelegatedScopes } from './resourceScopes.js';
import { requestedTenantId, tenantAccess } from './tenantAccess.js';
import { delegatedTokenResponse } from './tokenMinter.js';

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value)
    throw new OAuthError(
      'invalid_request',
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    );
  return value;
}

const invalidGrant = (aadsts: number, description: string) =>
  new OAuthError('invalid_grant', aadsts, description);

export async function redeemAuthorizationCode(
  form: URLSearchParams,
  context: IdentityContext,
): Promise<Record<string, unknown>> {
  const redemption = context.grants.redeemCode(required(form, 'code'));
  if (redemption.kind !== 'ok') {
    if (redemption.kind === 'redeemed') {
      throw invalidGrant(
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    }
    if (redemption.kind === 'expired') {
      throw invalidGrant(
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    throw invalidGrant(70000, "The provided value for the 'code' parameter is not valid.");
  }
  const { grant } = redemption;
  if (form.get('redirect_uri') !== grant.redirectUri) {
    throw invalidGrant(
      50011,
      'The redirect URI specified in the request does not match the redirect URI used to obtain the authorization code.',
    );
  }
  const verifier = required(form, 'code_verifier');
  if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
    throw invalidGrant(
      50148,
      'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
    );
  }
  const user = context.state.user(grant.userId);
  if (!user) throw invalidGrant(50034, 'The user account does not exist in the directory.');
  const scopes = resolveDelegatedScopes(form.get('scope') ?? grant.scope, context.state.app);
  const access = tenantAccess(context.state, user, grant.tenantId, scopes);
  return delegatedTokenResponse(context, user, access, grant.nonce);
}

// As MSAL does with `authority: …/{customerTenantId}`: the refresh token from the partner tenant buys a customer-tenant token.
export async function redeemRefreshToken(
  form: URLSearchParams,
  context: IdentityContext,
  authority: AuthorityTenant,
): Promise<Record<string, unknown>> {
  const grant = context.grants.findRefreshToken(required(form, 'refresh_token'));
  if (!grant || grant.clientId !== context.state.app.clientId) {
    throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');
  }
  const user = context.state.user(grant.userId);
  if (!user) throw invalidGrant(50034, 'The user account does not exist in the directory.');
  const scopes = resolveDelegatedScopes(form.get('scope'), context.state.app);
  const access = tenantAccess(context.state, user, requestedTenantId(authority, grant.tenantId), scopes);
  return delegatedTokenResponse(context, user, access);
}

// The assertion must be a user token this sandbox issued for the app itself (a Teams SSO token, for example).
export async function redeemOnBehalfOf(
  form: URLSearchParams,
  context: IdentityContext,
  authority: AuthorityTenant,
): Promise<Record<string, unknown>> {
  if (form.get('requested_token_use') !== 'on_behalf_of') {
    throw new OAuthError(
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'requested_token_use' with the value 'on_behalf_of'.",
    );
  }
  const { app } = context.state;
  let claims;
  try {
    claims = await context.signer.verify(required(form, 'assertion'), [
      app.clientId,
      `api://${app.clientId}`,
    ]);
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    if (error instanceof joseErrors.JWTExpired)
      throw invalidGrant(500133, 'Assertion is not within its valid time range.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw invalidGrant(
        50013,
        'Assertion failed audience validation: it was not issued for this application.',
      );
    }
    throw invalidGrant(50013, 'Assertion failed signature validation.');
  }
  const tenantId = String(claims.tid ?? '');
  if (claims.iss !== issuerFor(context.baseUrl, tenantId) || claims.idtyp !== 'user') {
    throw invalidGrant(50013, 'Assertion is not a user token issued by this authority.');
  }
  const user = context.state.user(String(claims.oid));
  if (!user) throw invalidGrant(50034, 'The user account does not exist in the directory.');
  const scopes = resolveDelegatedScopes(form.get('scope'), app);
  const access = tenantAccess(context.state, user, requestedTenantId(authority, tenantId), scopes);
  return delegatedTokenResponse(context, user, access);
}
