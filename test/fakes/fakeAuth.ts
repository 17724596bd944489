// An in-memory sign-in side for conversation tests: known tenants, recorded sign-ins, signed-out accounts.
import { AppError } from '../../services/errors.js';
import type { AuthPorts } from '../../bot/createBot.js';
import type { SetupServices, SignInOutcome } from '../../dialogs/setup/setupServices.js';
import type { TokenProbe } from '../../services/troubleshoot/authorizationChecks.js';

export const PARTNER_TENANT_ID = '3f1e2d4c-5b6a-4789-9abc-def012345678';
export const PARTNER_DOMAIN = 'contosoit.onmicrosoft.com';

/** The sandbox's default admin as a successful sign-in reports the account. */
export const ADMIN_ACCOUNT = {
  oid: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
  upn: 'megan.bowen@contosoit.onmicrosoft.com',
  displayName: 'Megan Bowen',
  tenantId: PARTNER_TENANT_ID,
  homeAccountId: `aa11bb22-cc33-4d44-8e55-ff6677889900.${PARTNER_TENANT_ID}`,
} as const;

export type SignInRequest = Parameters<SetupServices['startSignIn']>[0];

export class FakeAuth implements AuthPorts {
  productAppAvailable = true;
  partnerTenantHint?: string;
  readonly signIns: SignInRequest[] = [];
  readonly signedOut: string[] = [];
  readonly tenants = new Map([
    [PARTNER_DOMAIN, PARTNER_TENANT_ID],
    [PARTNER_TENANT_ID, PARTNER_TENANT_ID],
  ]);

  async resolveTenant(input: string): Promise<string> {
    const id = this.tenants.get(input.trim().toLowerCase());
    if (!id)
      throw new AppError('TENANT_NOT_FOUND', input, {
        userMessage: `We could not find a Microsoft tenant for '${input}'.`,
      });
    return id;
  }

  async startSignIn(request: SignInRequest): Promise<{ startUrl: string }> {
    this.signIns.push(request);
    return { startUrl: `https://bot.example.test/auth/start?state=s${this.signIns.length}` };
  }

  /** What the next Teams SSO exchange yields; undefined makes it fail as a refused token does. */
  ssoOutcome?: SignInOutcome;

  async completeSso(): Promise<SignInOutcome> {
    if (!this.ssoOutcome) throw new AppError('SSO_FAILED', 'no SSO outcome set');
    return this.ssoOutcome;
  }

  /** Accounts with a cached refresh token, and what a silent token for each grants. */
  readonly sessions = new Map<string, TokenProbe>();
  /** Accounts whose refresh Entra refuses, with the error MSAL gives (AADSTS code in its message). */
  readonly refusals = new Map<string, Error>();

  async probeToken(homeAccountId: string): Promise<TokenProbe> {
    const refusal = this.refusals.get(homeAccountId);
    if (refusal) throw new AppError('SIGN_IN_REQUIRED', 'silent refresh refused', { cause: refusal });
    const session = this.sessions.get(homeAccountId);
    if (!session) throw new AppError('SIGN_IN_REQUIRED', 'no cached account for this sign-in');
    return session;
  }

  async signOut(homeAccountId: string): Promise<void> {
    this.signedOut.push(homeAccountId);
    this.sessions.delete(homeAccountId);
  }
}
