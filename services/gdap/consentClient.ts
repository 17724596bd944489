// Consents the integration's app in a customer tenant through Partner Center, and tests access with one read.
import { randomUUID } from 'node:crypto';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, isAppError } from '../errors.js';
import { DEFAULT_GRAPH_RETRY, type GraphRetryPolicy } from '../customers/graphCustomerRetry.js';
import { createGraphClient } from '../graph/graphClientFactory.js';
import { consentFailure, customerAccessFailure } from './customerAccessErrors.js';
import { withGdapRetry } from './gdapRetry.js';
import { GraphCalls } from './graphCalls.js';

export const DEFAULT_PARTNER_CENTER_BASE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_SCOPES: readonly string[] = [
  'https://api.partnercenter.microsoft.com/user_impersonation',
];
/** Microsoft Graph's application id: the resource the consented scopes belong to. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** What the integration reads in a customer tenant; Directory.Read.All also covers the access test's read. */
export const DEFAULT_CUSTOMER_SCOPES: readonly string[] = ['Directory.Read.All', 'User.Read.All'];

export interface PartnerCenterToken {
  accessToken: string;
  /** The access token's claims when readable: `amr` shows whether the admin used MFA. */
  claims?: Record<string, unknown>;
}

export interface ConsentClientDeps {
  /** https://api.partnercenter.microsoft.com, or the sandbox's https://127.0.0.1:PORT/partnercenter */
  partnerCenterBaseUrl?: string;
  graphBaseUrl: string;
  partnerCenterToken: () => Promise<PartnerCenterToken>;
  /** A Graph token for the partner admin in a customer tenant (through GDAP). */
  customerGraphToken: (tenantId: string) => Promise<string>;
  retry?: Partial<GraphRetryPolicy>;
}

export interface AppConsent {
  applicationId: string;
  scopes: readonly string[];
  /** Delete the existing consent first, so the scopes are exactly these (the common way to refresh). */
  refresh?: boolean;
}

export type ConsentOutcome = 'consented' | 'already-consented' | 'refreshed';

export type AccessTestResult =
  { ok: true; organization: { id: string; displayName: string } } | { ok: false; error: AppError };

export class ConsentClient {
  readonly #deps: ConsentClientDeps;
  readonly #retry: GraphRetryPolicy;
  readonly #base: string;

  constructor(deps: ConsentClientDeps) {
    this.#deps = deps;
    this.#retry = { ...DEFAULT_GRAPH_RETRY, ...deps.retry };
    this.#base = (deps.partnerCenterBaseUrl ?? DEFAULT_PARTNER_CENTER_BASE).replace(/\/+$/, '');
  }

  /** POST applicationconsents; 409 (already consented) is success unless a refresh was asked for. */
  async consentApp(customerTenantId: string, consent: AppConsent): Promise<ConsentOutcome> {
    const token = await this.#partnerCenterToken();
    const path = `/v1/customers/${encodeURIComponent(customerTenantId)}/applicationconsents`;
    if (consent.refresh) {
      const removed = await this.#call(
        token,
        'DELETE',
        `${path}/${encodeURIComponent(consent.applicationId)}`,
      );
      if (!removed.ok && removed.status !== 404) throw consentFailure(removed, customerTenantId);
    }
    const created = await this.#call(token, 'POST', path, {
      applicationId: consent.applicationId,
      applicationGrants: [
        { enterpriseApplicationId: MICROSOFT_GRAPH_APP_ID, scope: consent.scopes.join(',') },
      ],
    });
    if (created.ok) return consent.refresh ? 'refreshed' : 'consented';
    if (created.status === 409) return 'already-consented';
    throw consentFailure(created, customerTenantId);
  }

  /** One harmless read in the customer tenant, as the partner admin: GET /organization. */
  async testAccess(customerTenantId: string): Promise<AccessTestResult> {
    let token: string;
    try {
      // Fetched here, not inside the Graph client, which would drop the MSAL error carrying the AADSTS code.
      token = await this.#deps.customerGraphToken(customerTenantId);
    } catch (error) {
      return { ok: false, error: customerAccessFailure(error, customerTenantId) };
    }
    const client = createGraphClient({
      graphBaseUrl: this.#deps.graphBaseUrl,
      getAccessToken: async () => token,
    });
    try {
      const answer = await new GraphCalls(client, this.#retry).get<{
        value?: { id: string; displayName: string }[];
      }>('/organization?$select=id,displayName', 'reading the customer tenant');
      const organization = answer.value?.[0];
      if (!organization || organization.id.toLowerCase() !== customerTenantId.toLowerCase()) {
        const detail = `the token answered for tenant ${organization?.id ?? 'none'}`;
        const userMessage =
          'The access test reached another tenant than this customer’s: the wrong account or tenant was used to sign in. Sign in again in setup with the partner admin account.';
        return { ok: false, error: new AppError('CUSTOMER_CONSENT_MISSING', detail, { userMessage }) };
      }
      return { ok: true, organization: { id: organization.id, displayName: organization.displayName } };
    } catch (error) {
      return { ok: false, error: customerAccessFailure(error, customerTenantId) };
    }
  }

  // Partner APIs refuse app + user tokens without MFA; saying so up front beats Partner Center's vaguer 401.
  async #partnerCenterToken(): Promise<string> {
    const token = await this.#deps.partnerCenterToken();
    const amr = token.claims?.amr;
    if (Array.isArray(amr) && !amr.includes('mfa')) {
      throw new AppError('PARTNER_MFA_REQUIRED', 'the Partner Center token has no mfa in amr');
    }
    return token.accessToken;
  }

  /** One Partner Center request with the shared retry policy; a final non-2xx answer is returned, not thrown. */
  async #call(
    token: string,
    method: 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ ok: boolean; status: number; body: string }> {
    // Partner Center uses ms-requestid for idempotency: the same id on every retry of this request.
    const requestId = randomUUID();
    try {
      return await withGdapRetry(async () => {
        const response = await fetch(`${this.#base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            'content-type': 'application/json',
            'ms-correlationid': requestId,
            'ms-requestid': requestId,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 429 || response.status === 503 || response.status === 504) {
          throw retryableAnswer(response, text);
        }
        return { ok: response.ok, status: response.status, body: text };
      }, this.#retry);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode > 0) {
        return { ok: false, status: error.statusCode, body: String(error.body ?? '') };
      }
      if (isAppError(error)) throw error;
      throw new AppError('GDAP_UNAVAILABLE', `Partner Center: ${(error as Error).message}`, { cause: error });
    }
  }
}

// The shared retry policy reads the status and Retry-After from a GraphError, so Partner Center's are put in one.
function retryableAnswer(response: Response, text: string): GraphError {
  const error = new GraphError(response.status, `Partner Center answered ${response.status}`);
  error.headers = response.headers;
  error.body = text;
  return error;
}
