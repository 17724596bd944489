// Troubleshoot's look at the authorized account's sign-in: what a silent token grants, never the token itself.
import type { SignInService } from '../auth/signInService.js';
import type { AppRegistration } from '../settings/integrationSettings.js';
import type { TokenProbe } from './authorizationChecks.js';

export async function probeToken(
  signIn: Pick<SignInService, 'acquireTokenSilently'>,
  homeAccountId: string,
  appRegistration: AppRegistration,
): Promise<TokenProbe> {
  // The refresh token is used even while an access token is cached: that is what breaks when a session is revoked.
  const { grantedScopes, accessTokenClaims } = await signIn.acquireTokenSilently(
    homeAccountId,
    appRegistration,
    undefined,
    undefined,
    { forceRefresh: true },
  );
  const amr = accessTokenClaims.amr;
  return { grantedScopes, ...(Array.isArray(amr) ? { mfa: amr.includes('mfa') } : {}) };
}
