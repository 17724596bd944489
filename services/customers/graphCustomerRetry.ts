// Retries one Graph page request on throttling (429), unavailability (503, 504) and network failures, never at once.
import { GraphError } from '@microsoft/microsoft-graph-client';

export interface GraphRetryPolicy {
  /** Tries per page in all, the first one included. */
  maxAttempts: number;
  /** Backoff before the first retry when Graph sends no Retry-After; doubles with each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the sync instead of keeping it waiting. */
  maxRetryAfterMs: number;
  /** 0 ≤ random() < 1; fixed in tests. */
  random: () => number;
}

export const DEFAULT_GRAPH_RETRY: GraphRetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  random: Math.random,
};

/** What made a page request fail for good, with enough to tell the user in plain words. */
export class GraphPageError extends Error {
  constructor(
    readonly resource: string,
    /** The HTTP status, or undefined when Graph could not be reached at all. */
    readonly status: number | undefined,
    readonly graphCode: string | undefined,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(
      `GET ${resource} failed after ${attempts} attempt(s): ${status ?? 'no response'} ${graphCode ?? ''}`.trim(),
      options,
    );
    this.name = 'GraphPageError';
  }
}

const RETRIED_STATUSES = new Set([429, 503, 504]);

/** Runs `request`, retrying what is worth retrying; throws GraphPageError (or an abort) when it gives up. */
export async function withGraphRetry<T>(
  resource: string,
  request: () => Promise<T>,
  policy: GraphRetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await request();
    } catch (error) {
      signal?.throwIfAborted();
      const wait = attempt < policy.maxAttempts ? retryDelayMs(error, attempt, policy) : undefined;
      if (wait === undefined) {
        throw new GraphPageError(resource, httpStatusOf(error), graphCodeOf(error), attempt, {
          cause: error,
        });
      }
      await sleep(wait, signal);
    }
  }
}

/**
 * How long to wait before retry number `attempt` (1 = the first retry), or undefined when the error is not
 * worth retrying. Retry-After is honoured as given (plus up to 10% so parallel page chains do not return in
 * step); without it, exponential backoff with jitter between half and all of the step, so never at once.
 */
export function retryDelayMs(error: unknown, attempt: number, policy: GraphRetryPolicy): number | undefined {
  const status = httpStatusOf(error);
  if (status === undefined ? !isNetworkFailure(error) : !RETRIED_STATUSES.has(status)) return undefined;
  const retryAfter = retryAfterMs(error);
  if (retryAfter !== undefined && retryAfter > 0) {
    if (retryAfter > policy.maxRetryAfterMs) return undefined;
    return retryAfter + Math.round(retryAfter * 0.1 * policy.random());
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(1, Math.round(step / 2 + (step / 2) * policy.random()));
}

function httpStatusOf(error: unknown): number | undefined {
  return error instanceof GraphError && error.statusCode > 0 ? error.statusCode : undefined;
}

// The client reports a host it could not reach as a GraphError with status -1, or lets fetch's TypeError through.
function isNetworkFailure(error: unknown): boolean {
  return (error instanceof GraphError && error.statusCode <= 0) || error instanceof TypeError;
}

function graphCodeOf(error: unknown): string | undefined {
  return error instanceof GraphError ? (error.code ?? undefined) : (error as Error)?.name;
}

function retryAfterMs(error: unknown): number | undefined {
  const value = error instanceof GraphError ? error.headers?.get('retry-after') : null;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
