// The one application error: a code from a closed list plus the sentence a user may see.
export const ERROR_MESSAGES = {
  FOREIGN_TENANT:
    'Sorry, this bot only serves the organisation that installed it. Please ask your administrator for access.',
  NOT_ADMIN: 'Only MSP administrators can change this. You can still look at everything.',
  INVALID_SUBMIT: 'That card could not be read. Please use the latest card and try again.',
  STORE_CORRUPT: 'The data file could not be read.',
  STORE_WRITE_FAILED: 'Saving failed. Nothing was changed; please try again.',
  STORE_CONFLICT:
    'Someone else changed this at the same time. Please look at the current state and try again.',
  SECRET_UNREADABLE:
    'A stored secret could not be read with the configured encryption key. An administrator should run setup again.',
  CONFIG_INVALID: 'The configuration is invalid.',
  INTERNAL: 'Something went wrong on our side.',
  TENANT_INVALID:
    'Enter the partner tenant’s primary domain (for example contoso.onmicrosoft.com) or its tenant id (a GUID).',
  TENANT_NOT_FOUND:
    'We could not find a Microsoft tenant with that name. Check the spelling of the domain or tenant id.',
  TENANT_LOOKUP_FAILED:
    'Microsoft’s sign-in service could not be reached to look up the tenant. Please try again in a minute.',
  SIGN_IN_EXPIRED:
    'This sign-in link has expired or was already used. Go back to Teams and press Sign in again.',
  SIGN_IN_FAILED: 'Microsoft did not complete the sign-in. Press Sign in to try again.',
  SIGN_IN_REQUIRED:
    'The saved sign-in is no longer valid. An administrator needs to run setup and sign in again.',
  SSO_FAILED: 'Single sign-on is not available here. Please use the Sign in button.',
  SETUP_REQUIRED:
    'The CSP integration is not set up yet. An administrator needs to run setup and sign in first.',
  CUSTOMER_SYNC_FAILED: 'The CSP customer list could not be synced. The last good list is kept.',
  CUSTOMER_CACHE_CORRUPT:
    'The saved CSP customer list could not be read. It was set aside and will be rebuilt by the next sync.',
  STALE: 'The mappings changed since this card was shown. Here is the current state.',
  MAPPING_CONFLICT:
    'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations. Each organization must be linked to exactly one CSP customer: remove the other mapping or use Remap to move it.',
  ORGANIZATION_INVALID:
    'Check the organization: a name of 1 to 200 characters, and a domain like contoso.com if you give one.',
  ORGANIZATION_EXISTS: 'An organization with that name or external id already exists.',
  ORGANIZATION_NOT_FOUND: 'That organization no longer exists. Here is the current list.',
  CUSTOMER_NOT_FOUND: 'That CSP customer is not in the customer list. Sync the customers and try again.',
  IMPORT_REFUSED: 'The file cannot be imported. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown; userMessage?: string }) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options?.userMessage ?? ERROR_MESSAGES[code];
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
