// Retries one GDAP or Partner Center call with the customer sync's policy, but only when a retry cannot duplicate.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { retryDelayMs, type GraphRetryPolicy } from '../customers/graphCustomerRetry.js';

/**
 * 'safe': reads, and writes that are idempotent or guarded (a unique name, a 409 on a duplicate), are retried on
 * 429, 503, 504 and network failures. 'throttled-only': a write that could land twice (creating a group) is
 * retried only on 429, the one answer that says the request was not processed.
 */
export type RetryMode = 'safe' | 'throttled-only';

/** Runs `request`; when it gives up, the last error is thrown as it came, for the caller to translate. */
export async function withGdapRetry<T>(
  request: () => Promise<T>,
  policy: GraphRetryPolicy,
  mode: RetryMode = 'safe',
  /** A further say on whether an error may be retried at all (a missing token may not). */
  retryable: (error: unknown) => boolean = () => true,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const allowed =
        retryable(error) && (mode === 'safe' || (error instanceof GraphError && error.statusCode === 429));
      const wait = allowed && attempt < policy.maxAttempts ? retryDelayMs(error, attempt, policy) : undefined;
      if (wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
