// Builds token-endpoint answers: RS256 access and id tokens with Entra's claims, refresh tokens and client_info.
import { createHash, randomBytes } from 'node:crypto';
import { derivedGuid } from '../guid.js';
import type { SeedUser } from '../seed.js';
import { issuerFor } from './authorityTenant.js';
import type { IdentityContext } from './identityContext.js';
import type { TenantAccess } from './tenantAccess.js';

const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

function tokenId(): string {
  return randomBytes(16).toString('base64url');
}

// MSAL builds its account (homeAccountId = uid.utid) from this, not from the id token.
export function clientInfo(user: SeedUser): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url');
}

export function servicePrincipalId(tenantId: string, clientId: string): string {
  return derivedGuid('servicePrincipal', tenantId, clientId);
}

export async function delegatedTokenResponse(
  context: IdentityContext,
  user: SeedUser,
  access: TenantAccess,
  nonce?: string,
): Promise<Record<string, unknown>> {
  const { app } = context.state;
  const { tenantId, scopes } = access;
  // In a customer tenant the partner user is an outsider: Entra names the home tenant in `idp`.
  const guest = tenantId === user.tenantId ? {} : { idp: `https://sts.windows.net/${user.tenantId}/` };
  const identity = {
    iss: issuerFor(context.baseUrl, tenantId),
    tid: tenantId,
    oid: user.id,
    // Entra's `sub` is pairwise: stable for one user and one app, different across apps.
    sub: createHash('sha256').update(`${user.id}|${app.clientId}`).digest('base64url').slice(0, 43),
    name: user.displayName,
    preferred_username: user.userPrincipalName,
    ...guest,
    ver: '2.0',
  };
  const accessToken = await context.signer.sign(
    {
      ...identity,
      aud: scopes.audience,
      azp: app.clientId,
      appid: app.clientId,
      app_displayname: app.displayName,
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      acct: user.userType === 'Guest' ? 1 : 0,
      amr: user.mfa ? ['pwd', 'mfa'] : ['pwd'],
      scp: scopes.granted.join(' '),
      wids: access.roleIds,
      idtyp: 'user',
      uti: tokenId(),
    },
    ACCESS_TOKEN_LIFETIME_SECONDS,
  );
  const response: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scopes.requested.join(' '),
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  };
  if (scopes.offlineAccess) {
    // Bound to the home tenant, as Entra's multi-resource refresh tokens are usable at any authority the user can reach.
    response.refresh_token = context.grants.issueRefreshToken({
      clientId: app.clientId,
      userId: user.id,
      tenantId: user.tenantId,
    });
  }
  if (scopes.openid) {
    response.id_token = await context.signer.sign(
      { ...identity, aud: app.clientId, uti: tokenId(), ...(nonce === undefined ? {} : { nonce }) },
      ACCESS_TOKEN_LIFETIME_SECONDS,
    );
  }
  response.client_info = clientInfo(user);
  return response;
}

export async function applicationTokenResponse(
  context: IdentityContext,
  tenantId: string,
  audience: string,
  roles: string[],
): Promise<Record<string, unknown>> {
  const { app } = context.state;
  const principalId = servicePrincipalId(tenantId, app.clientId);
  const accessToken = await context.signer.sign(
    {
      iss: issuerFor(context.baseUrl, tenantId),
      aud: audience,
      tid: tenantId,
      oid: principalId,
      sub: principalId,
      azp: app.clientId,
      appid: app.clientId,
      app_displayname: app.displayName,
      idtyp: 'app',
      ...(roles.length > 0 ? { roles } : {}),
      uti: tokenId(),
      ver: '2.0',
    },
    ACCESS_TOKEN_LIFETIME_SECONDS,
  );
  return {
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  };
}
