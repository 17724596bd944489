// Turns a finished sign-in (code flow or Teams SSO) into the wizard's verdict: the account checked, or what is wrong.
import { verifyPartnerAccount } from '../services/auth/accountVerifier.js';
import type { SignInResult } from '../services/auth/signInResult.js';
import { createGraphClient } from '../services/graph/graphClientFactory.js';
import type { SignInOutcome } from '../dialogs/setup/setupServices.js';
import { isAppError, type AppError } from '../services/errors.js';

export interface SignInFinisherDeps {
  graphBaseUrl: string;
  /** Drops a refused account's tokens: nothing of a failed authorization is kept. */
  forget: (homeAccountId: string) => Promise<void>;
}

export class SignInFinisher {
  constructor(private readonly deps: SignInFinisherDeps) {}

  async verdict(result: SignInResult, partnerTenantId: string): Promise<SignInOutcome> {
    const graph = createGraphClient({
      graphBaseUrl: this.deps.graphBaseUrl,
      getAccessToken: async () => result.accessToken,
    });
    const verification = await verifyPartnerAccount({
      accessTokenClaims: result.accessTokenClaims,
      idTokenClaims: result.claims,
      partnerTenantId,
      graph,
    });
    if (verification.ok) {
      return {
        ok: true,
        account: { ...verification.account, homeAccountId: result.account.homeAccountId },
        grantedScopes: result.grantedScopes,
        ...(verification.partnerTenantName ? { partnerTenantName: verification.partnerTenantName } : {}),
      };
    }
    await this.deps.forget(result.account.homeAccountId);
    const who = result.account.name || result.account.username || 'The account';
    return {
      ok: false,
      title: 'This account cannot authorize the integration',
      summary: `${who} signed in, but ${verification.problems.length === 1 ? 'this check' : 'these checks'} failed:`,
      problems: verification.problems.map(({ title, detail, fix }) => ({ title, detail, fix })),
    };
  }

  /** Microsoft refused the sign-in itself (wrong tenant, no consent, cancelled…). */
  refusal(error: AppError): SignInOutcome {
    return {
      ok: false,
      title: 'The sign-in did not complete',
      summary: 'Microsoft refused the sign-in:',
      problems: [{ title: 'Sign-in refused', detail: error.userMessage, fix: fixFor(error) }],
    };
  }
}

function fixFor(error: unknown): string {
  if (isAppError(error, 'SIGN_IN_EXPIRED')) return 'Press Try again to get a new sign-in link.';
  return 'Press Try again and sign in with an admin account of your partner tenant.';
}
