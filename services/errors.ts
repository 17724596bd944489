// The one application error: a code from a closed list plus the sentence a user may see.

/** The reference product's conflict alert, word for word: users already know it. */
export const CONFLICT_ALERT =
  'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations.';
export const CONFLICT_FIX =
  'Each organization must be linked to exactly one CSP customer: keep the right one and remove the other links.';

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
  MAPPING_CONFLICT: `${CONFLICT_ALERT} ${CONFLICT_FIX}`,
  ORGANIZATION_INVALID:
    'Check the organization: a name of 1 to 200 characters, and a domain like contoso.com if you give one.',
  ORGANIZATION_EXISTS: 'An organization with that name or external id already exists.',
  ORGANIZATION_NOT_FOUND: 'That organization no longer exists. Here is the current list.',
  CUSTOMER_NOT_FOUND: 'That CSP customer is not in the customer list. Sync the customers and try again.',
  IMPORT_REFUSED: 'The file cannot be imported. Nothing was changed.',
  GDAP_RELATIONSHIP_EXISTS:
    'This client already has a GDAP relationship with the configured roles that is active or waiting for approval, so no second one is created. Continue with the existing one.',
  GDAP_NAME_TAKEN:
    'Another GDAP relationship already uses that name; names must be unique across all your relationships. Try again and a new name is chosen.',
  GDAP_PERMISSION_DENIED:
    'Microsoft refused the change: the signed-in partner account needs the Partner Center Admin Agent role and the GDAP and group permissions. Add the account to the AdminAgents group in Partner Center, then sign in again in setup.',
  GDAP_STALE:
    'The relationship changed at Microsoft since the bot read it. Refresh the client and run the step again.',
  GDAP_NOT_FOUND:
    'The GDAP relationship no longer exists at Microsoft: it expired or the customer removed it. Refresh the client; a new relationship may be needed.',
  GDAP_REJECTED: 'Microsoft refused the GDAP request as invalid.',
  GDAP_THROTTLED:
    'Microsoft is limiting how fast the bot can make changes. Wait a few minutes and try again; nothing was lost.',
  GDAP_UNAVAILABLE: 'Microsoft could not be reached or failed to answer. Try again in a few minutes.',
  CUSTOMER_ACCESS_EXPIRED:
    '"User was not found" in the customer tenant: the GDAP relationship expired or the customer removed it. Create a new relationship and send the customer the approval link.',
  CUSTOMER_ACCESS_UNASSIGNED:
    '"Unsupported token" in the customer tenant: the relationship is approved but no roles are assigned to your security groups yet. Create the access assignments and wait until they are active.',
  CUSTOMER_ACCESS_NOT_IN_GROUP:
    'The customer tenant does not accept the signed-in partner account ("Provide valid credential" or "user is a guest"): the account is not a member of the GDAP security groups. Add it to the groups that hold the roles, then test again.',
  CUSTOMER_CONSENT_MISSING:
    'AADSTS65001: the integration’s app is not consented in the customer tenant, or the wrong account or tenant was used to sign in. Run the consent step again, signed in with the partner admin account.',
  CUSTOMER_CONDITIONAL_ACCESS:
    'The customer’s Conditional Access blocks partner users (AADSTS50076, 50020 or 50177). The customer’s admin should exclude "Service Provider Users" from that policy; then try again.',
  PARTNER_MFA_REQUIRED:
    'The partner admin signed in without Microsoft MFA, and Partner Center requires it. Sign in again in setup and complete MFA.',
  CONSENT_FAILED: 'Partner Center did not consent the integration’s app in the customer tenant.',
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
