// Turns why a customer sync failed into an AppError whose message says it in plain words, and what was kept.
import { AppError, isAppError } from '../errors.js';
import { GraphPageError } from './graphCustomerRetry.js';

const LIST_NAMES: Record<string, string> = {
  contracts: 'the customer contracts',
  gdapCustomers: 'the customers with GDAP',
  relationships: 'the GDAP relationships',
};

/** "2025-05-03 14:02 UTC": unambiguous for MSP staff in any time zone. */
export function plainTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function keptListSentence(syncedAt: string | undefined): string {
  return syncedAt
    ? `The last good list from ${plainTime(syncedAt)} is kept.`
    : 'There is no earlier list to fall back on yet.';
}

/** The AppError a failed sync reports: the cause in plain words, then what the bot still has. */
export function syncFailure(error: unknown, keptSyncedAt: string | undefined): AppError {
  const kept = keptListSentence(keptSyncedAt);
  if (isAppError(error)) {
    const detail = error.message === error.code ? undefined : error.message.slice(error.code.length + 2);
    return new AppError(error.code, detail, {
      cause: error,
      userMessage: `${error.userMessage} ${kept}`,
    });
  }
  return new AppError('CUSTOMER_SYNC_FAILED', (error as Error)?.message ?? String(error), {
    cause: error,
    userMessage: `${whatWentWrong(error)} ${kept}`,
  });
}

/** The token getter failed in a way that is not already an AppError (sign-in service down, a cache problem). */
export function tokenFailure(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('CUSTOMER_SYNC_FAILED', `token: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
    userMessage: 'Microsoft sign-in did not give the bot a token for Microsoft Graph.',
  });
}

function whatWentWrong(error: unknown): string {
  if (!(error instanceof GraphPageError)) return 'The customer list could not be read from Microsoft Graph.';
  const list = LIST_NAMES[error.resource] ?? error.resource;
  const tries = `${error.attempts} ${error.attempts === 1 ? 'try' : 'tries'}`;
  switch (error.status) {
    case undefined:
      return `Microsoft Graph could not be reached while reading ${list} (${tries}).`;
    case 429:
      return `Microsoft Graph kept answering 'too many requests' while reading ${list} (${tries}).`;
    case 503:
    case 504:
      return `Microsoft Graph was unavailable (${error.status}) while reading ${list} (${tries}).`;
    case 401:
      return `Microsoft Graph did not accept the saved sign-in while reading ${list}. An administrator may need to sign in again.`;
    case 403:
      return `Microsoft Graph refused access to ${list}. The signed-in account needs Directory.Read.All and DelegatedAdminRelationship.Read.All, and the Admin Agent role.`;
    default:
      return `Microsoft Graph answered an error (${error.status}${error.graphCode ? ` ${error.graphCode}` : ''}) while reading ${list}.`;
  }
}
