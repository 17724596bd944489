// The "What's wrong?" button on error cards: offered for the errors troubleshoot can explain (sign-in, mapping, access).
import { isAppError, type ErrorCode } from '../../services/errors.js';
import type { ActionButton } from '../../cards/noticeCard.js';

const EXPLAINED: readonly ErrorCode[] = [
  'SETUP_REQUIRED',
  'SIGN_IN_REQUIRED',
  'SIGN_IN_FAILED',
  'SECRET_UNREADABLE',
  'PARTNER_MFA_REQUIRED',
  'MAPPING_CONFLICT',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_SYNC_FAILED',
  'GDAP_PERMISSION_DENIED',
  'GDAP_NOT_FOUND',
  'CUSTOMER_ACCESS_EXPIRED',
  'CUSTOMER_ACCESS_UNASSIGNED',
  'CUSTOMER_ACCESS_NOT_IN_GROUP',
  'CUSTOMER_CONSENT_MISSING',
  'CUSTOMER_CONDITIONAL_ACCESS',
  'CONSENT_FAILED',
];

/** The button, checking the client the failed card was about when it named one; none for other errors. */
export function whatsWrongButton(error: unknown, organizationId?: unknown): ActionButton | undefined {
  if (!isAppError(error) || !EXPLAINED.includes(error.code)) return undefined;
  return {
    title: 'What’s wrong?',
    data: {
      action: 'troubleshoot.run',
      ...(typeof organizationId === 'string' && organizationId ? { organizationId } : {}),
    },
  };
}
