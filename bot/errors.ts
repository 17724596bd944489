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
