// Checks the integration's authorization step by step: setup, the account's tenant, role and MFA, a silent token, scopes.
import { ERROR_MESSAGES, isAppError } from '../errors.js';
import { noMfa, wrongTenant } from '../auth/accountProblems.js';
import { aadstsCode, explainAadsts, signInFailureFromMsal } from '../auth/signInErrors.js';
import type { AppRegistration, IntegrationSettings } from '../settings/integrationSettings.js';
import { GRAPH_SIGN_IN_SCOPES } from '../settings/permissionCatalog.js';
import { blockedBy, failed, firstFailure, passed, skipped, type Check } from './check.js';

/** What a silent token request showed; the token itself never leaves the port. */
export interface TokenProbe {
  grantedScopes: readonly string[];
  /** From the token's amr claim, when it has one. */
  mfa?: boolean;
}

export interface AuthorizationPorts {
  settings(): IntegrationSettings | undefined;
  /** Asks for a token silently for the authorized account, as every Graph call does. */
  probeToken(homeAccountId: string, appRegistration: AppRegistration): Promise<TokenProbe>;
}

const TITLES = {
  setup: 'Setup is done and an account is authorized',
  tenant: 'The account belongs to the partner tenant',
  role: 'The account is an Admin Agent or Global Administrator and used MFA',
  token: 'A token can be had now without signing in',
  scopes: 'The granted permissions cover what the integration needs',
} as const;

const SIGN_IN_AGAIN =
  'An MSP administrator runs **setup** and signs in again with the partner admin account.';

/** Checks that pass here let a client's checks call Microsoft. */
export const AUTHORIZATION_PREREQUISITES: readonly string[] = ['setup', 'tenant', 'token'];

export async function authorizationChecks(ports: AuthorizationPorts): Promise<Check[]> {
  const settings = ports.settings();
  const account = settings?.authorizedAccount;
  if (!settings || !account?.homeAccountId) {
    const setup = !settings
      ? failed(
          'setup',
          TITLES.setup,
          ERROR_MESSAGES.SETUP_REQUIRED,
          'An MSP administrator runs **setup** and signs in with a partner admin account.',
          'setup',
        )
      : failed(
          'setup',
          TITLES.setup,
          `Nobody is signed in: ${account?.upn || 'the account'} was signed out.`,
          SIGN_IN_AGAIN,
          'sign-in',
        );
    const why = blockedBy(setup);
    return [
      setup,
      ...(['tenant', 'role', 'token', 'scopes'] as const).map((id) => skipped(id, TITLES[id], why)),
    ];
  }
  const day = account.authorizedAt.slice(0, 10);
  const checks: Check[] = [
    passed(
      'setup',
      TITLES.setup,
      `Set up for ${settings.partnerTenant.input}; authorized by ${account.displayName} (${account.upn}) on ${day}.`,
    ),
  ];
  const partnerTenantId = settings.partnerTenant.tenantId;
  if (account.tenantId.toLowerCase() === partnerTenantId.toLowerCase()) {
    checks.push(passed('tenant', TITLES.tenant, `${account.upn} is an account of ${partnerTenantId}.`));
  } else {
    const problem = wrongTenant(account.upn, account.tenantId, partnerTenantId);
    checks.push(failed('tenant', TITLES.tenant, problem.detail, problem.fix, 'sign-in'));
  }

  let probe: TokenProbe | undefined;
  let tokenCheck: Check;
  try {
    probe = await ports.probeToken(account.homeAccountId, settings.appRegistration);
    tokenCheck = passed(
      'token',
      TITLES.token,
      'A fresh token came from the saved sign-in; it refreshes on its own.',
    );
  } catch (error) {
    tokenCheck = failed('token', TITLES.token, tokenProblem(error), SIGN_IN_AGAIN, 'sign-in');
  }

  checks.push(roleCheck(account.upn, day, account.adminRole, probe), tokenCheck);
  checks.push(
    scopesCheck(settings.appRegistration, probe?.grantedScopes ?? account.grantedScopes, tokenCheck),
  );
  return checks;
}

/** Whether a client's checks can call Microsoft, or the check that stops them. */
export function authorizationBlocker(checks: readonly Check[]): Check | undefined {
  return firstFailure(checks, AUTHORIZATION_PREREQUISITES);
}

// The sign-in keeps an account only when it passed the role and MFA checks; a fresh token tells whether MFA still holds.
function roleCheck(
  upn: string,
  day: string,
  adminRole: string | undefined,
  probe: TokenProbe | undefined,
): Check {
  if (probe?.mfa === false) {
    const problem = noMfa();
    return failed('role', TITLES.role, problem.detail, problem.fix, 'sign-in');
  }
  const role = adminRole ?? 'Admin Agent or Global Administrator';
  const now = probe?.mfa ? ' The current token still carries MFA.' : '';
  return passed('role', TITLES.role, `Checked at sign-in on ${day}: ${upn} was ${role} and used MFA.${now}`);
}

function scopesCheck(app: AppRegistration, granted: readonly string[] | undefined, token: Check): Check {
  if (!granted) return skipped('scopes', TITLES.scopes, blockedBy(token));
  const have = new Set(granted.map(shortScope));
  const missing = GRAPH_SIGN_IN_SCOPES.filter((scope) => !have.has(shortScope(scope)));
  const source = token.ok === true ? 'The current token' : 'The sign-in';
  if (missing.length === 0) {
    return passed('scopes', TITLES.scopes, `${source} grants ${GRAPH_SIGN_IN_SCOPES.join(', ')}.`);
  }
  const fix =
    app.kind === 'own'
      ? 'Add the missing delegated permissions to your app registration (Entra ID > App registrations > API permissions) and grant admin consent; then sign in again in **setup**.'
      : 'A Global Administrator of the partner tenant signs in again in **setup** and accepts the permissions for the organisation (app consent).';
  return failed('scopes', TITLES.scopes, `${source} lacks ${missing.join(', ')}.`, fix, 'sign-in');
}

/** Microsoft answers Graph scopes short ("User.Read") or as URIs; compare them short and case-blind. */
function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase();
}

/** Why no token came, in the sign-in's own words: a refused refresh names its AADSTS code when Entra gave one. */
function tokenProblem(error: unknown): string {
  if (isAppError(error, 'SIGN_IN_REQUIRED')) {
    const cause = error.cause as { errorMessage?: string; message?: string } | undefined;
    const code = aadstsCode(`${cause?.errorMessage ?? ''} ${cause?.message ?? ''}`);
    const explained = code ? explainAadsts(code) : undefined;
    if (explained) return `${ERROR_MESSAGES.SIGN_IN_REQUIRED} ${explained}`;
    const reference = code ? ` (AADSTS${code})` : '';
    return `${ERROR_MESSAGES.SIGN_IN_REQUIRED} The refresh token expired or was revoked${reference}.`;
  }
  if (isAppError(error)) return error.userMessage;
  return signInFailureFromMsal(error).userMessage;
}
