// Partner Center application consents (CPV): grant the app's delegated permissions in a customer tenant reached through GDAP.
import { consentOf, hasAccessGrantingRelationship } from '../gdapAccess.js';
import { isGuid } from '../guid.js';
import { headerValue, jsonResponse, type SandboxRequest, type SandboxResponse } from '../httpExchange.js';
import { route, matchRoute, type Route } from '../router.js';
import type { ConsentRecord, SandboxState, TenantRecord } from '../sandboxState.js';
import type { SeedApplicationGrant } from '../seed.js';
import { PARTNER_CENTER_PATH } from '../sandboxUrls.js';
import type { TokenSigner } from '../tokenSigner.js';
import { authenticatePartnerCenter } from './partnerCenterCaller.js';
import {
  PartnerCenterError,
  partnerCenterErrorResponse,
  partnerCenterHeaders,
} from './partnerCenterError.js';

export interface PartnerCenterContext {
  state: SandboxState;
  signer: TokenSigner;
  baseUrl: string;
}

type ConsentHandler = (request: SandboxRequest, context: PartnerCenterContext) => SandboxResponse;

const badRequest = (description: string) => new PartnerCenterError(400, 'BadRequest', description);

const consentJson = (consent: ConsentRecord) => ({
  applicationId: consent.applicationId,
  displayName: consent.displayName ?? null,
  applicationGrants: consent.applicationGrants,
  customerId: consent.customerTenantId,
  attributes: { objectType: 'ApplicationConsent' },
});

function customerOf(request: SandboxRequest, state: SandboxState): TenantRecord {
  const tenant = state.tenant(request.params.customerId);
  if (!tenant || tenant.kind !== 'customer')
    throw new PartnerCenterError(404, 'NotFound', `Customer ${request.params.customerId} was not found.`);
  return tenant;
}

// Partner Center reaches the customer's directory through GDAP; without an active relationship it cannot write there.
function requireActiveRelationship(state: SandboxState, customer: TenantRecord): void {
  if (!hasAccessGrantingRelationship(state, customer.id)) {
    throw new PartnerCenterError(
      403,
      'Forbidden',
      `The partner has no active delegated admin relationship with customer ${customer.id}; application consent requires one.`,
    );
  }
}

function readGrants(body: Record<string, unknown>): SeedApplicationGrant[] {
  const grants = body.applicationGrants;
  if (!Array.isArray(grants) || grants.length === 0)
    throw badRequest('applicationGrants must list at least one grant.');
  return grants.map((grant: { enterpriseApplicationId?: unknown; scope?: unknown }) => {
    if (!isGuid(grant?.enterpriseApplicationId))
      throw badRequest('applicationGrants[].enterpriseApplicationId must be an application id (GUID).');
    if (typeof grant.scope !== 'string' || grant.scope.trim() === '')
      throw badRequest('applicationGrants[].scope must be a comma-separated list of permissions.');
    return { enterpriseApplicationId: grant.enterpriseApplicationId.toLowerCase(), scope: grant.scope };
  });
}

function parseBody(request: SandboxRequest): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(request.body || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw badRequest('The request body is not a valid JSON object.');
}

const createConsent: ConsentHandler = (request, { state }) => {
  const customer = customerOf(request, state);
  requireActiveRelationship(state, customer);
  const body = parseBody(request);
  const applicationId = String(body.applicationId ?? '').toLowerCase();
  if (!isGuid(applicationId)) throw badRequest('applicationId must be an application id (GUID).');
  // The sandbox knows one multi-tenant app registration; Entra would not find any other.
  if (applicationId !== state.app.clientId.toLowerCase())
    throw badRequest(`The application ${applicationId} was not found as a multi-tenant application.`);
  const applicationGrants = readGrants(body);
  if (consentOf(state, customer.id, applicationId))
    throw new PartnerCenterError(409, 'Conflict', 'Permission entry already exists.');
  const consent: ConsentRecord = {
    customerTenantId: customer.id.toLowerCase(),
    applicationId,
    ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
    applicationGrants,
    createdDateTime: new Date().toISOString(),
  };
  state.consents.push(consent);
  return jsonResponse(201, consentJson(consent), partnerCenterHeaders(request));
};

const listConsents: ConsentHandler = (request, { state }) => {
  const customer = customerOf(request, state);
  const tenantId = customer.id.toLowerCase();
  const items = state.consents.filter((consent) => consent.customerTenantId === tenantId).map(consentJson);
  return jsonResponse(
    200,
    { totalCount: items.length, items, attributes: { objectType: 'Collection' } },
    partnerCenterHeaders(request),
  );
};

// The refresh pattern MSP tools use: delete, then create again with the current scopes.
const deleteConsent: ConsentHandler = (request, { state }) => {
  const customer = customerOf(request, state);
  requireActiveRelationship(state, customer);
  const consent = consentOf(state, customer.id, request.params.applicationId);
  if (!consent) {
    throw new PartnerCenterError(
      404,
      'NotFound',
      `No consent for application ${request.params.applicationId} exists in customer ${customer.id}.`,
    );
  }
  state.consents.splice(state.consents.indexOf(consent), 1);
  return { status: 204, headers: partnerCenterHeaders(request) };
};

const CONSENTS = `${PARTNER_CENTER_PATH}/v1/customers/:customerId/applicationconsents`;
const consentRoutes: readonly Route<ConsentHandler>[] = [
  route('GET', CONSENTS, listConsents),
  route('POST', CONSENTS, createConsent),
  route('DELETE', `${CONSENTS}/:applicationId`, deleteConsent),
];

export function isPartnerCenterPath(pathname: string): boolean {
  return pathname.toLowerCase().startsWith(`${PARTNER_CENTER_PATH}/`);
}

export async function servePartnerCenter(
  request: SandboxRequest,
  context: PartnerCenterContext,
): Promise<SandboxResponse> {
  try {
    const match = matchRoute(consentRoutes, request.method, request.url.pathname);
    if (match.kind !== 'found') {
      const status = match.kind === 'wrongMethod' ? 405 : 404;
      throw new PartnerCenterError(
        status,
        status === 405 ? 'MethodNotAllowed' : 'NotFound',
        'No such resource.',
      );
    }
    const { state, signer, baseUrl } = context;
    await authenticatePartnerCenter(headerValue(request.headers, 'authorization'), signer, state, baseUrl);
    return match.handler({ ...request, params: match.params }, context);
  } catch (error) {
    if (error instanceof PartnerCenterError) return partnerCenterErrorResponse(error, request);
    throw error;
  }
}
