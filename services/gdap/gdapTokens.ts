// The tokens the consent flow needs from the authorized account: Partner Center, and Graph in a customer tenant.
import { AppError } from '../errors.js';
import type { SignInService } from '../auth/signInService.js';
import type { AppRegistration, AuthorizedAccount } from '../settings/integrationSettings.js';
import { PARTNER_CENTER_SCOPES, type PartnerCenterToken } from './consentClient.js';

/** The parts of the saved settings a token needs: which app, and which signed-in account. */
export interface TokenSettings {
  appRegistration: AppRegistration;
  authorizedAccount: Pick<AuthorizedAccount, 'homeAccountId'>;
}
type Settings = () => TokenSettings | undefined;
type SignIn = Pick<SignInService, 'acquireTokenSilently'>;

// `.default` in a customer tenant: whatever the partner-led consent granted there, nothing the partner tenant has.
const CUSTOMER_GRAPH_SCOPES: readonly string[] = ['https://graph.microsoft.com/.default'];

function authorized(settings: Settings): TokenSettings {
  const current = settings();
  if (!current) throw new AppError('SETUP_REQUIRED', 'no integration settings saved');
  if (!current.authorizedAccount.homeAccountId)
    throw new AppError('SIGN_IN_REQUIRED', 'the authorized account signed out');
  return current;
}

/** Settings are read on every call, so a new sign-in takes effect without rewiring; tokens are never kept. */
export function partnerCenterToken(settings: Settings, signIn: SignIn): () => Promise<PartnerCenterToken> {
  return async () => {
    const current = authorized(settings);
    const result = await signIn.acquireTokenSilently(
      current.authorizedAccount.homeAccountId,
      current.appRegistration,
      PARTNER_CENTER_SCOPES,
    );
    return { accessToken: result.accessToken, claims: result.accessTokenClaims };
  };
}

/** A Graph token for the authorized partner admin in one customer tenant, through GDAP. */
export function customerGraphToken(
  settings: Settings,
  signIn: SignIn,
): (tenantId: string) => Promise<string> {
  return async (tenantId) => {
    const current = authorized(settings);
    const result = await signIn.acquireTokenSilently(
      current.authorizedAccount.homeAccountId,
      current.appRegistration,
      CUSTOMER_GRAPH_SCOPES,
      tenantId,
    );
    return result.accessToken;
  };
}
