// Turns what Entra ID answers to a failed sign-in into SIGN_IN_FAILED with a plain explanation and the fix.
import { AuthError } from '@azure/msal-node';
import { AppError, isAppError } from '../errors.js';

export interface EntraFailure {
  /** OAuth error code: access_denied, invalid_grant, consent_required … */
  error?: string;
  /** Entra's text, which starts with the AADSTS number. Never shown to users: it may name accounts and trace ids. */
  description?: string;
  /** The callback address, for the redirect URI mismatch explanation. */
  redirectUri?: string;
}

const EXPLANATIONS: Record<string, (failure: EntraFailure) => string> = {
  '50020': () =>
    'The account you signed in with belongs to another organisation’s Microsoft tenant, not to your partner tenant. Sign in again with an admin account of the partner tenant (the tenant your Partner Center account uses).',
  '65001': () =>
    'The app has not been given consent in your partner tenant, or you signed in with the wrong account. Sign in again with a Global Administrator of the partner tenant and accept the permissions for your organisation.',
  '50076': () =>
    'Your organisation requires multi-factor authentication for this sign-in and it was not completed. Sign in again and complete the MFA prompt; if you have no MFA method yet, register one at https://aka.ms/mfasetup first.',
  '50034': () =>
    'That account does not exist in the partner tenant. Check the spelling of the user name, or sign in with another admin account of the partner tenant.',
  '700016': () =>
    'The app registration was not found in your tenant. If you use your own app registration, check its client id in setup; if you use this product’s app, a Global Administrator must sign in first to add it to the tenant.',
  '7000215': () =>
    'The client secret of the app registration is wrong or has expired. Run setup again and enter the secret’s Value (not its Secret ID), or create a new secret under Entra ID > App registrations > Certificates & secrets.',
  '50011': ({ redirectUri }) =>
    `The app registration does not allow this bot’s sign-in address. Add ${redirectUri ?? 'the bot’s /auth/callback address'} as a Web redirect URI under Entra ID > App registrations > Authentication, then sign in again.`,
  '54005': () =>
    'This sign-in was already completed or took too long. Go back to Teams and press Sign in again.',
  access_denied: () =>
    'The sign-in was cancelled, or the permissions were declined. Press Sign in again and accept the permissions to continue.',
};
EXPLANATIONS['50079'] = EXPLANATIONS['50076'];
EXPLANATIONS['70008'] = EXPLANATIONS['54005'];
EXPLANATIONS.consent_required = EXPLANATIONS['65001'];

export function aadstsCode(text: string | undefined): string | undefined {
  return text?.match(/AADSTS(\d+)/)?.[1];
}

/** The plain explanation of an AADSTS code, when it is one the sign-in knows. */
export function explainAadsts(code: string): string | undefined {
  return EXPLANATIONS[code]?.({});
}

export function signInFailure(failure: EntraFailure, cause?: unknown): AppError {
  const code = aadstsCode(failure.description);
  const explain =
    (code && EXPLANATIONS[code]) ||
    (failure.error ? EXPLANATIONS[failure.error] : undefined) ||
    genericExplanation;
  const label = code ? `AADSTS${code}` : (failure.error ?? 'unknown error');
  return new AppError('SIGN_IN_FAILED', `${label}: ${firstLine(failure.description)}`, {
    cause,
    userMessage: explain(failure),
  });
}

/** An MSAL error from redeeming a code or a refresh token, explained like a callback error. */
export function signInFailureFromMsal(error: unknown, redirectUri?: string): AppError {
  if (isAppError(error)) return error;
  if (!(error instanceof AuthError)) {
    return new AppError('SIGN_IN_FAILED', (error as Error)?.message ?? String(error), { cause: error });
  }
  return signInFailure({ error: error.errorCode, description: error.errorMessage, redirectUri }, error);
}

function genericExplanation(failure: EntraFailure): string {
  const code = aadstsCode(failure.description);
  const reference = code
    ? `error AADSTS${code}; see https://login.microsoftonline.com/error?code=${code}`
    : `error ${failure.error ?? 'unknown'}`;
  return `Microsoft did not complete the sign-in (${reference}). Press Sign in to try again; if it fails again, give this error code to your administrator.`;
}

/** Entra appends trace and correlation ids on CRLF-separated lines; the first block is the reason. */
export function firstLine(description: string | undefined): string {
  return (description ?? '').split(/\r?\n| Trace ID:/)[0].slice(0, 300);
}
