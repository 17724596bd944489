// The Graph token a customer sync uses in production: a silent refresh for the account setup authorized.
import { AppError } from '../errors.js';
import type { SignInService } from '../auth/signInService.js';
import type { IntegrationSettings } from '../settings/integrationSettings.js';

/**
 * A token getter for CustomerSync. Settings are read on every call, so a sign-out or a new setup takes
 * effect at the next sync without rewiring. Never logs or keeps the token.
 */
export function authorizedAccountToken(
  settings: () => IntegrationSettings | undefined,
  signIn: Pick<SignInService, 'acquireTokenSilently'>,
): () => Promise<string> {
  return async () => {
    const current = settings();
    if (!current) throw new AppError('SETUP_REQUIRED', 'no integration settings saved');
    const { homeAccountId } = current.authorizedAccount;
    // Sign-out keeps the rest of the setup but empties the account id.
    if (!homeAccountId) throw new AppError('SIGN_IN_REQUIRED', 'the authorized account signed out');
    const result = await signIn.acquireTokenSilently(homeAccountId, current.appRegistration);
    return result.accessToken;
  };
}
