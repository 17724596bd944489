// Who calls Partner Center: an app + user token for its API, from an Admin Agent of the partner tenant who signed in with MFA.
import { errors as joseErrors } from 'jose';
import { issuerFor } from '../identity/authorityTenant.js';
import { PARTNER_CENTER_APP_ID, PARTNER_CENTER_AUDIENCE } from '../identity/resourceScopes.js';
import type { SandboxState } from '../sandboxState.js';
import type { SeedUser } from '../seed.js';
import type { TokenSigner } from '../tokenSigner.js';
import { PartnerCenterError } from './partnerCenterError.js';

const unauthorized = (description: string) => new PartnerCenterError(401, 'Unauthorized', description);
const forbidden = (description: string) => new PartnerCenterError(403, 'Forbidden', description);

async function verifiedClaims(token: string, signer: TokenSigner) {
  try {
    return await signer.verify(token, [PARTNER_CENTER_AUDIENCE, PARTNER_CENTER_APP_ID]);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('The access token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw unauthorized(
        `The access token audience is not valid: request a token for ${PARTNER_CENTER_AUDIENCE}/user_impersonation.`,
      );
    }
    throw unauthorized('The access token is not valid.');
  }
}

export async function authenticatePartnerCenter(
  authorization: string | undefined,
  signer: TokenSigner,
  state: SandboxState,
  baseUrl: string,
): Promise<SeedUser> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('The Authorization header is missing or is not a bearer token.');
  const claims = await verifiedClaims(match[1], signer);
  const tenantId = String(claims.tid ?? '');
  if (claims.iss !== issuerFor(baseUrl, tenantId))
    throw unauthorized('The access token issuer is not valid.');
  if (tenantId !== state.partnerTenant.id)
    throw forbidden(`The tenant ${tenantId} is not a Cloud Solution Provider partner.`);
  if (claims.idtyp === 'app') {
    throw forbidden(
      'Application consents require app + user authentication; app-only tokens are not supported for this operation.',
    );
  }
  if (
    !String(claims.scp ?? '')
      .split(' ')
      .includes('user_impersonation')
  )
    throw forbidden('The access token does not grant the user_impersonation permission.');
  // Partner Center rejects app + user calls whose sign-in did not include Microsoft MFA.
  const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
  if (!amr.includes('mfa')) {
    throw new PartnerCenterError(
      401,
      '900419',
      'Multi-factor authentication (MFA) is required: the access token has no mfa claim in amr. Sign in again with Microsoft MFA and retry.',
    );
  }
  const user = state.user(String(claims.oid ?? ''));
  if (!user) throw unauthorized('The user of the access token does not exist.');
  if (!state.isAdminAgent(user.id)) {
    throw forbidden(
      `The user ${user.userPrincipalName} is not an Admin Agent of the partner; application consents need the Admin Agent role.`,
    );
  }
  return user;
}
