// Starts the partner-tenant simulator over HTTPS on 127.0.0.1 (Entra sign-in, Graph, Partner Center, the approval link),
// and the browser's sign-in pages over plain http on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { createCertificates } from './certificates.js';
import { FaultInjector } from './faults.js';
import { GdapLifecycle } from './gdapLifecycle.js';
import {
  closeServer,
  jsonResponse,
  listenOnLoopback,
  readBody,
  writeResponse,
  type SandboxResponse,
} from './httpExchange.js';
import { GrantStore } from './identity/grantStore.js';
import type { IdentityContext } from './identity/identityContext.js';
import { isBrowserPage } from './identity/identityRoutes.js';
import { RateLimiter, type RateLimit } from './rateLimiter.js';
import { createDispatch } from './sandboxDispatch.js';
import { SandboxEvents } from './sandboxEvents.js';
import { SandboxState } from './sandboxState.js';
import { partnerCenterBaseUrl, sandboxApprovalLinkBase } from './sandboxUrls.js';
import { Scheduler } from './scheduler.js';
import { loadSeed, type SandboxSeed } from './seed.js';
import { TokenSigner } from './tokenSigner.js';

export interface SandboxOptions {
  seed?: SandboxSeed;
  port?: number;
  rateLimit?: RateLimit;
  latencyMs?: number;
  pageSize?: number;
  // How long Microsoft takes from the customer's approval to `active` (half of it to `activating`); default 300 ms.
  approvalDelayMs?: number;
  // How long a new access assignment stays `pending` before it turns `active`; default 300 ms.
  assignmentDelayMs?: number;
  // Only for a standalone sandbox that a bot in another process signs in to; otherwise one is generated.
  clientSecret?: string;
}

// Read on every request, so a test can change them while the sandbox runs.
export interface SandboxSettings {
  rateLimit?: RateLimit;
  latencyMs: number;
  pageSize?: number;
  approvalDelayMs: number;
  assignmentDelayMs: number;
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
  // Plain http on loopback, for the browser: the authorize and logout pages that discovery names.
  signInBaseUrl: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  caCertPem: string;
  // Opened by a plain HTTP client, `${approvalLinkBase}${relationshipId}` approves as the customer's admin.
  approvalLinkBase: string;
  // Stands in for https://api.partnercenter.microsoft.com.
  partnerCenterBaseUrl: string;
  faults: FaultInjector;
  settings: SandboxSettings;
  state: SandboxState;
  events: SandboxEvents;
  requests: readonly RequestLogEntry[];
  approvalLink(relationshipId: string): string;
  // Resolves once every delayed status change (approval, access assignment) has happened.
  settled(): Promise<void>;
  // As when an admin revokes the users' sessions: every refresh token stops working; access tokens live on.
  revokeRefreshTokens(): void;
  close(): Promise<void>;
}

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

// Shaped like an Entra client secret value; lives only in memory and on the RunningSandbox object.
function generateClientSecret(): string {
  return `${randomBytes(3).toString('base64url').slice(0, 3)}8Q~${randomBytes(28).toString('base64url').slice(0, 37)}`;
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
    approvalDelayMs: options.approvalDelayMs ?? 300,
    assignmentDelayMs: options.assignmentDelayMs ?? 300,
  };
  const scheduler = new Scheduler();
  const events = new SandboxEvents();
  const lifecycle = new GdapLifecycle(state, scheduler, events, () => settings);
  const rateLimiter = new RateLimiter(() => settings.rateLimit);
  const requests: RequestLogEntry[] = [];
  const clientSecret = options.clientSecret ?? generateClientSecret();
  let baseUrl = '';
  const grants = new GrantStore();
  const identity: IdentityContext = { state, signer, grants, baseUrl, signInBaseUrl: '', clientSecret };

  const dispatch = createDispatch({
    state,
    signer,
    faults,
    rateLimiter,
    settings,
    scheduler,
    lifecycle,
    identity,
  });

  const serve = (accepts: (method: string, pathname: string) => boolean): RequestListener => {
    return (req, res) => {
      void (async () => {
        const method = req.method ?? 'GET';
        const url = new URL(req.url ?? '/', baseUrl);
        let response: SandboxResponse;
        try {
          const body = await readBody(req);
          response = accepts(method, url.pathname)
            ? await dispatch({ method, url, headers: req.headers, body, params: {} })
            : jsonResponse(404, {
                error: 'not_found',
                error_description: `This plain-http address serves only the sign-in pages a browser opens; everything else is at ${baseUrl}.`,
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
        requests.push({ method, path, status: response.status });
        writeResponse(res, response);
      })();
    };
  };
  const server = createHttpsServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    serve(() => true),
  );
  // No browser trusts the throwaway CA, but every browser treats http on loopback as a secure context: the pages
  // a person opens are served there as well. Tokens, Graph and the client secret never travel over it.
  const signInServer = createHttpServer(serve(isBrowserPage));
  baseUrl = `https://127.0.0.1:${await listenOnLoopback(server, options.port ?? 0)}`;
  const signInPort = await listenOnLoopback(signInServer, 0).catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  const signInBaseUrl = `http://127.0.0.1:${signInPort}`;
  identity.baseUrl = baseUrl;
  identity.signInBaseUrl = signInBaseUrl;

  const closeAll = async () => {
    scheduler.close();
    await Promise.all([closeServer(server), closeServer(signInServer)]);
  };
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    graphBaseUrl: `${baseUrl}/v1.0`,
    authorityHost: baseUrl,
    signInBaseUrl,
    partnerTenantId: state.partnerTenant.id,
    clientId: state.app.clientId,
    clientSecret,
    caCertPem: certificates.caCertPem,
    approvalLinkBase: sandboxApprovalLinkBase(baseUrl),
    partnerCenterBaseUrl: partnerCenterBaseUrl(baseUrl),
    faults,
    settings,
    state,
    events,
    requests,
    approvalLink: (relationshipId) =>
      `${sandboxApprovalLinkBase(baseUrl)}${encodeURIComponent(relationshipId)}`,
    settled: () => scheduler.settled(),
    revokeRefreshTokens: () => grants.revokeRefreshTokens(),
    close: () => (closing ??= closeAll()),
  };
}
