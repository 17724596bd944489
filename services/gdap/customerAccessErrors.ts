// Recognizes DOMAIN's troubleshooting symptoms in customer-tenant and Partner Center failures, and names the fix.
import { AppError, ERROR_MESSAGES, isAppError, type ErrorCode } from '../errors.js';
import { gdapFailure } from './gdapErrors.js';

// Checked in this order: the first symptom found in the error (or any error it wraps) names the cause.
const SYMPTOMS: readonly { pattern: RegExp; code: ErrorCode; userMessage?: string }[] = [
  { pattern: /AADSTS65001/, code: 'CUSTOMER_CONSENT_MISSING' },
  // 50020 ("account does not exist in tenant") is also what a partner user gets before GDAP access is in place.
  {
    pattern: /AADSTS50020\b/,
    code: 'CUSTOMER_CONDITIONAL_ACCESS',
    userMessage:
      'The customer tenant does not let the partner account in (AADSTS50020). Either GDAP access is not in place yet (an active relationship with its roles assigned to your security groups), or the customer’s Conditional Access blocks partner users: the customer’s admin should exclude "Service Provider Users" from it.',
  },
  // 53003 is Conditional Access blocking outright; 50076 and 50177 ask for MFA the partner user cannot give there.
  { pattern: /AADSTS(50076|50177|53003)\b/, code: 'CUSTOMER_CONDITIONAL_ACCESS' },
  // AADSTS50034 ("the user account does not exist in the directory") is what MSP tools show as "User was not found".
  { pattern: /user was not found|AADSTS50034\b/i, code: 'CUSTOMER_ACCESS_EXPIRED' },
  { pattern: /unsupported token/i, code: 'CUSTOMER_ACCESS_UNASSIGNED' },
  { pattern: /provide valid credential|user is a guest|guest user/i, code: 'CUSTOMER_ACCESS_NOT_IN_GROUP' },
];

/**
 * The AppError for a failed read in a customer tenant, whether the token or the Graph call failed. The sign-in
 * service wraps MSAL's refusals (SIGN_IN_REQUIRED), so the whole cause chain is searched for the AADSTS code.
 */
export function customerAccessFailure(error: unknown, tenantId: string): AppError {
  const text = errorText(error);
  const symptom = SYMPTOMS.find(({ pattern }) => pattern.test(text));
  if (symptom) {
    const detail = `${tenantId}: ${firstLine(text)}`;
    return new AppError(symptom.code, detail, { cause: error, userMessage: symptom.userMessage });
  }
  if (isAppError(error)) return error;
  return gdapFailure(error, 'reading the customer tenant');
}

export interface PartnerCenterFailure {
  status: number;
  /** Partner Center's error body: `{ code, description }`, or whatever text it sent. */
  body: string;
}

/** The AppError for a failed Partner Center consent call, by status and by what Partner Center wrote. */
export function consentFailure({ status, body }: PartnerCenterFailure, tenantId: string): AppError {
  const said = partnerCenterSaid(body);
  const detail = `${tenantId}: Partner Center ${status} ${said}`.trim();
  const quote = said ? ` Partner Center said: “${said.slice(0, 300)}”` : '';
  const symptom = SYMPTOMS.find(({ pattern }) => pattern.test(said));
  if (symptom) return new AppError(symptom.code, detail, { userMessage: symptom.userMessage });
  if ((status === 401 || status === 403) && /\bmfa\b|multi-?factor/i.test(said))
    return new AppError('PARTNER_MFA_REQUIRED', detail);
  if (status === 401) return new AppError('SIGN_IN_REQUIRED', detail);
  if (status === 429) return new AppError('GDAP_THROTTLED', detail);
  if (status >= 500) return new AppError('GDAP_UNAVAILABLE', detail);
  if (status === 400) {
    // DOMAIN: a 400 during consent is most often the customer's Conditional Access refusing partner users.
    return new AppError('CUSTOMER_CONDITIONAL_ACCESS', detail, {
      userMessage: `Partner Center refused the consent (400). This is most often the customer’s Conditional Access blocking partner users: the customer’s admin should exclude "Service Provider Users" from it.${quote}`,
    });
  }
  if (status === 403) {
    return new AppError('CONSENT_FAILED', detail, {
      userMessage: `Partner Center refused the consent (403): it needs an Admin Agent signed in and an active GDAP relationship with the customer.${quote}`,
    });
  }
  if (status === 404) {
    return new AppError('CONSENT_FAILED', detail, {
      userMessage:
        'Partner Center does not know this customer. Consent through Partner Center works only for your CSP customers (with a reseller relationship).',
    });
  }
  return new AppError('CONSENT_FAILED', detail, { userMessage: `${ERROR_MESSAGES.CONSENT_FAILED}${quote}` });
}

function partnerCenterSaid(body: string): string {
  try {
    const json = JSON.parse(body) as { description?: unknown; message?: unknown };
    const text = json.description ?? json.message;
    if (typeof text === 'string') return text.trim();
  } catch {
    // Not JSON: the plain text is what Partner Center said.
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 300);
}

// Messages of the error and everything it wraps, MSAL's fields included; never headers or tokens.
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const fields = current as Record<string, unknown>;
    for (const key of ['message', 'errorMessage', 'errorCode', 'subError', 'code', 'error_description']) {
      if (typeof fields[key] === 'string') parts.push(fields[key] as string);
    }
    if (typeof fields.body === 'string') parts.push(fields.body);
    current = fields.cause;
  }
  return parts.join(' | ');
}

const firstLine = (text: string) => text.split(/\r?\n/)[0].slice(0, 300);
