// Serves one Graph request: latency, bearer check, throttling, routing, and Graph-shaped errors with request ids.
import { randomUUID } from 'node:crypto';
import type { GdapLifecycle } from '../gdapLifecycle.js';
import { headerValue, type SandboxRequest, type SandboxResponse } from '../httpExchange.js';
import type { RateLimiter } from '../rateLimiter.js';
import { matchRoute } from '../router.js';
import type { SandboxState } from '../sandboxState.js';
import type { TokenSigner } from '../tokenSigner.js';
import { GraphError, graphErrorResponse, type RequestIds } from './graphError.js';
import { authenticate } from './graphPrincipal.js';
import type { GraphContext } from './graphRequest.js';
import { graphRoutes } from './graphRoutes.js';

export interface GraphServiceDeps {
  state: SandboxState;
  signer: TokenSigner;
  rateLimiter: RateLimiter;
  baseUrl: string;
  latencyMs: () => number;
  pageSize: () => number | undefined;
  lifecycle: GdapLifecycle;
}

export function requestIdsOf(request: SandboxRequest): RequestIds {
  const requestId = randomUUID();
  return { requestId, clientRequestId: headerValue(request.headers, 'client-request-id') ?? requestId };
}

export function withRequestIds(response: SandboxResponse, ids: RequestIds): SandboxResponse {
  return {
    ...response,
    headers: { ...response.headers, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
  };
}

function parseJsonBody(request: SandboxRequest): Record<string, unknown> {
  if (request.body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below, as Graph does for any body it cannot read
  }
  throw new GraphError(
    400,
    'BadRequest',
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  );
}

// The latency is the whole time to answer, as a remote Graph's would be: the sandbox's own work happens inside
// it rather than on top, so a chain of N pages takes N × latency and benchmarks can use that as their floor.
export async function serveGraph(request: SandboxRequest, deps: GraphServiceDeps): Promise<SandboxResponse> {
  const latency = deps.latencyMs();
  const elapsed = latency > 0 ? new Promise((resolve) => setTimeout(resolve, latency)) : undefined;
  const response = await answerGraph(request, deps);
  await elapsed;
  return response;
}

async function answerGraph(request: SandboxRequest, deps: GraphServiceDeps): Promise<SandboxResponse> {
  const ids = requestIdsOf(request);
  try {
    const principal = await authenticate(
      headerValue(request.headers, 'authorization'),
      deps.signer,
      deps.state,
      deps.baseUrl,
    );
    const decision = deps.rateLimiter.check(principal.tokenId);
    if (!decision.allowed) {
      throw new GraphError(429, 'TooManyRequests', 'Too many requests.', {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
    const match = matchRoute(graphRoutes, request.method, request.url.pathname);
    if (match.kind === 'none') {
      throw new GraphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${request.url.pathname.split('/').pop()}'.`,
      );
    }
    if (match.kind === 'wrongMethod')
      throw new GraphError(
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      );
    const context: GraphContext = {
      state: deps.state,
      graphBaseUrl: `${deps.baseUrl}/v1.0`,
      pageSize: deps.pageSize,
      lifecycle: deps.lifecycle,
    };
    const json = ['POST', 'PATCH', 'PUT'].includes(request.method) ? parseJsonBody(request) : {};
    return withRequestIds(match.handler({ ...request, params: match.params, principal, json }, context), ids);
  } catch (error) {
    if (error instanceof GraphError) return withRequestIds(graphErrorResponse(error, ids), ids);
    throw error;
  }
}
