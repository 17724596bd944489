// Sends each request to the Microsoft host it stands in for: Graph, Partner Center, the admin center, Entra sign-in.
import { isPortalPath, portalPage, servePortal } from './customerPortal/approvalPage.js';
import type { FaultInjector, InjectedFault } from './faults.js';
import type { GdapLifecycle } from './gdapLifecycle.js';
import { GraphError, defaultErrorCodes, graphErrorResponse } from './graph/graphError.js';
import { requestIdsOf, serveGraph, withRequestIds } from './graph/graphService.js';
import { jsonResponse, type SandboxRequest, type SandboxResponse } from './httpExchange.js';
import type { IdentityContext } from './identity/identityContext.js';
import { handleIdentity, identityRoutes } from './identity/identityRoutes.js';
import { OAuthError, oauthErrorResponse } from './identity/oauthError.js';
import { isPartnerCenterPath, servePartnerCenter } from './partnerCenter/applicationConsentRoutes.js';
import { PartnerCenterError, partnerCenterErrorResponse } from './partnerCenter/partnerCenterError.js';
import type { RateLimiter } from './rateLimiter.js';
import { matchRoute } from './router.js';
import { sandboxInfo } from './sandboxInfo.js';
import type { SandboxSettings } from './sandboxServer.js';
import type { SandboxState } from './sandboxState.js';
import type { Scheduler } from './scheduler.js';
import type { TokenSigner } from './tokenSigner.js';

export interface DispatchDeps {
  state: SandboxState;
  signer: TokenSigner;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  settings: SandboxSettings;
  scheduler: Scheduler;
  lifecycle: GdapLifecycle;
  identity: IdentityContext;
}

const isGraphPath = (pathname: string) => pathname.toLowerCase().startsWith('/v1.0/');

// An injected fault answers in the failing host's own error shape, so clients parse it as they would the real one.
function faultResponse(fault: InjectedFault, request: SandboxRequest): SandboxResponse {
  const { status, retryAfterSeconds, code, message } = fault.spec;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  const { pathname } = request.url;
  if (isGraphPath(pathname)) {
    const ids = requestIdsOf(request);
    const error = new GraphError(
      status,
      code ?? defaultErrorCodes[status] ?? 'UnknownError',
      message ?? 'Injected sandbox fault.',
      headers,
    );
    return withRequestIds(graphErrorResponse(error, ids), ids);
  }
  if (isPartnerCenterPath(pathname)) {
    const error = new PartnerCenterError(
      status,
      code ?? String(status),
      message ?? 'Injected sandbox fault.',
    );
    const response = partnerCenterErrorResponse(error, request);
    return { ...response, headers: { ...response.headers, ...headers } };
  }
  if (isPortalPath(pathname)) {
    const page = portalPage(status, 'Something went wrong', [message ?? 'Injected sandbox fault.']);
    return { ...page, headers };
  }
  const error = new OAuthError(
    code ?? 'temporarily_unavailable',
    90033,
    message ?? 'A transient error has occurred. Please try again.',
    status,
  );
  return oauthErrorResponse(error, headers);
}

export function createDispatch(deps: DispatchDeps): (request: SandboxRequest) => Promise<SandboxResponse> {
  const { state, signer, faults, rateLimiter, settings, scheduler, lifecycle, identity } = deps;
  return async (request) => {
    const { pathname } = request.url;
    const fault = faults.take(request.method, pathname);
    if (fault) return faultResponse(fault, request);
    // Whatever was due before this request arrived has happened, whether or not its timer fired yet.
    scheduler.runDue();
    const baseUrl = identity.baseUrl;
    if (isGraphPath(pathname)) {
      return serveGraph(request, {
        state,
        signer,
        rateLimiter,
        baseUrl,
        latencyMs: () => settings.latencyMs,
        pageSize: () => settings.pageSize,
        lifecycle,
      });
    }
    if (isPartnerCenterPath(pathname)) return servePartnerCenter(request, { state, signer, baseUrl });
    if (isPortalPath(pathname)) return servePortal(request, { state, lifecycle });
    if (pathname === '/sandbox/info' && request.method === 'GET')
      return jsonResponse(200, sandboxInfo(state, baseUrl, identity.signInBaseUrl));
    const match = matchRoute(identityRoutes, request.method, pathname);
    if (match.kind === 'found')
      return handleIdentity(match.handler, { ...request, params: match.params }, identity);
    return jsonResponse(match.kind === 'wrongMethod' ? 405 : 404, {
      error: 'not_found',
      error_description: `No sandbox endpoint ${request.method} ${pathname}`,
    });
  };
}
