// Starts the partner-tenant simulator: Entra sign-in and Graph over HTTPS on 127.0.0.1, with test controls.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCertificates } from './certificates.js';
import { FaultInjector, type InjectedFault } from './faults.js';
import { GraphError, defaultErrorCodes, graphErrorResponse } from './graph/graphError.js';
import { requestIdsOf, serveGraph, withRequestIds } from './graph/graphService.js';
import {
  readBody,
  jsonResponse,
  writeResponse,
  type SandboxRequest,
  type SandboxResponse,
} from './httpExchange.js';
import { GrantStore } from './identity/grantStore.js';
import type { IdentityContext } from './identity/identityContext.js';
import { handleIdentity, identityRoutes } from './identity/identityRoutes.js';
import { OAuthError, oauthErrorResponse } from './identity/oauthError.js';
import { RateLimiter, type RateLimit } from './rateLimiter.js';
import { matchRoute } from './router.js';
import { sandboxInfo } from './sandboxInfo.js';
import { SandboxState } from './sandboxState.js';
import { loadSeed, type SandboxSeed } from './seed.js';
import { TokenSigner } from './tokenSigner.js';

export interface SandboxOptions {
  seed?: SandboxSeed;
  port?: number;
  rateLimit?: RateLimit;
  latencyMs?: number;
  pageSize?: number;
  // Only for a standalone sandbox that a bot in another process signs in to; otherwise one is generated.
  clientSecret?: string;
}

// Read on every request, so a test can change them while the sandbox runs.
export interface SandboxSettings {
  rateLimit?: RateLimit;
  latencyMs: number;
  pageSize?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface RunningSandbox {
  baseUrl: string;
  graphBaseUrl: string;
  authorityHost: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  caCertPem: string;
  faults: FaultInjector;
  settings: SandboxSettings;
  state: SandboxState;
  requests: readonly RequestLogEntry[];
  close(): Promise<void>;
}

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

// Shaped like an Entra client secret value; lives only in memory and on the RunningSandbox object.
function generateClientSecret(): string {
  return `${randomBytes(3).toString('base64url').slice(0, 3)}8Q~${randomBytes(28).toString('base64url').slice(0, 37)}`;
}

function faultResponse(fault: InjectedFault, request: SandboxRequest): SandboxResponse {
  const { status, retryAfterSeconds, code, message } = fault.spec;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (request.url.pathname.toLowerCase().startsWith('/v1.0/')) {
    const ids = requestIdsOf(request);
    const error = new GraphError(
      status,
      code ?? defaultErrorCodes[status] ?? 'UnknownError',
      message ?? 'Injected sandbox fault.',
      headers,
    );
    return withRequestIds(graphErrorResponse(error, ids), ids);
  }
  const error = new OAuthError(
    code ?? 'temporarily_unavailable',
    90033,
    message ?? 'A transient error has occurred. Please try again.',
    status,
  );
  return oauthErrorResponse(error, headers);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? (await loadSeed(defaultSeedPath));
  const [certificates, signer] = await Promise.all([createCertificates(), TokenSigner.create()]);
  const state = new SandboxState(seed);
  const faults = new FaultInjector();
  const settings: SandboxSettings = {
    rateLimit: options.rateLimit,
    latencyMs: options.latencyMs ?? 0,
    pageSize: options.pageSize,
  };
  const rateLimiter = new RateLimiter(() => settings.rateLimit);
  const requests: RequestLogEntry[] = [];
  const clientSecret = options.clientSecret ?? generateClientSecret();
  let baseUrl = '';
  const identity: IdentityContext = { state, signer, grants: new GrantStore(), baseUrl, clientSecret };

  const dispatch = async (request: SandboxRequest): Promise<SandboxResponse> => {
    const { pathname } = request.url;
    const fault = faults.take(request.method, pathname);
    if (fault) return faultResponse(fault, request);
    if (pathname.toLowerCase().startsWith('/v1.0/')) {
      return serveGraph(request, {
        state,
        signer,
        rateLimiter,
        baseUrl,
        latencyMs: () => settings.latencyMs,
        pageSize: () => settings.pageSize,
      });
    }
    if (pathname === '/sandbox/info' && request.method === 'GET')
      return jsonResponse(200, sandboxInfo(state, baseUrl));
    const match = matchRoute(identityRoutes, request.method, pathname);
    if (match.kind === 'found')
      return handleIdentity(match.handler, { ...request, params: match.params }, identity);
    return jsonResponse(match.kind === 'wrongMethod' ? 405 : 404, {
      error: 'not_found',
      error_description: `No sandbox endpoint ${request.method} ${pathname}`,
    });
  };

  const server = createServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    (req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', baseUrl);
        let response: SandboxResponse;
        try {
          const body = await readBody(req);
          response = await dispatch({
            method: req.method ?? 'GET',
            url,
            headers: req.headers,
            body,
            params: {},
          });
        } catch (error) {
          console.error('sandbox: unexpected error', error);
          response = jsonResponse(500, {
            error: { code: 'InternalServerError', message: 'Unexpected sandbox error.' },
          });
        }
        // Only Graph queries are logged in full: sign-in URLs can carry id_token_hint.
        const path = url.pathname.toLowerCase().startsWith('/v1.0/')
          ? url.pathname + url.search
          : url.pathname;
        requests.push({ method: req.method ?? 'GET', path, status: response.status });
        writeResponse(res, response);
      })();
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  identity.baseUrl = baseUrl;

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    graphBaseUrl: `${baseUrl}/v1.0`,
    authorityHost: baseUrl,
    partnerTenantId: state.partnerTenant.id,
    clientId: state.app.clientId,
    clientSecret,
    caCertPem: certificates.caCertPem,
    faults,
    settings,
    state,
    requests,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open until they time out.
        server.closeAllConnections();
      })),
  };
}
