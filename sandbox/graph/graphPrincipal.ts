// Who is calling Graph: the bearer token checked (signature, lifetime, audience, issuer) and turned into a user or an app.
import { errors as joseErrors } from 'jose';
import { issuerFor } from '../identity/authorityTenant.js';
import { GRAPH_APP_ID, GRAPH_AUDIENCE } from '../identity/resourceScopes.js';
import type { SandboxState } from '../sandboxState.js';
import type { SeedUser } from '../seed.js';
import type { TokenSigner } from '../tokenSigner.js';
import { GraphError } from './graphError.js';

export type Principal =
  | { kind: 'user'; tenantId: string; user: SeedUser; scopes: ReadonlySet<string>; tokenId: string }
  | { kind: 'app'; tenantId: string; appId: string; roles: ReadonlySet<string>; tokenId: string };

function unauthorized(message: string, baseUrl: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'www-authenticate': `Bearer realm="", authorization_uri="${baseUrl}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}

export async function authenticate(
  authorization: string | undefined,
  signer: TokenSigner,
  state: SandboxState,
  baseUrl: string,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('Access token is empty.', baseUrl);
  let claims;
  try {
    claims = await signer.verify(match[1], [GRAPH_AUDIENCE, GRAPH_APP_ID]);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired)
      throw unauthorized('Lifetime validation failed, the token is expired.', baseUrl);
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw unauthorized('Access token validation failure. Invalid audience.', baseUrl);
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw unauthorized('Access token validation failure. Invalid signature.', baseUrl);
    }
    throw unauthorized('Access token validation failure. Invalid JWT token.', baseUrl);
  }
  const tenantId = String(claims.tid ?? '');
  if (!state.tenant(tenantId) || claims.iss !== issuerFor(baseUrl, tenantId)) {
    throw unauthorized('Access token validation failure. Invalid issuer.', baseUrl);
  }
  const tokenId = String(claims.uti ?? match[1].slice(-32));
  if (claims.idtyp === 'app') {
    const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
    return { kind: 'app', tenantId, appId: String(claims.appid), roles: new Set(roles), tokenId };
  }
  const user = state.user(String(claims.oid ?? ''));
  if (!user)
    throw unauthorized('Access token validation failure. The user of the token does not exist.', baseUrl);
  const scopes = String(claims.scp ?? '')
    .split(' ')
    .filter(Boolean);
  return { kind: 'user', tenantId, user, scopes: new Set(scopes), tokenId };
}
