// What the notifier does with a failed send: retry with backoff, forget the conversation, or give up.
import { isConversationGone, type FailureDetails } from './sendFailure.js';

export interface RetryPolicy {
  /** Sends tried in all before the delivery is dropped. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// Eight tries spread over about two minutes of expected backoff ride out a throttling spell or a short outage.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };

export type FailureVerdict = 'retry' | 'gone' | 'drop';

/**
 * Teams documents 412, 429, 502 and 504 as transient; other 5xx are treated the same, except 501 and 505,
 * which no retry fixes. A failure without a status (a reset connection, a timeout) is retried too.
 */
export function verdictOf(failure: FailureDetails): FailureVerdict {
  const status = failure.statusCode;
  if (isConversationGone(failure)) return 'gone';
  if (status === undefined || status === 412 || status === 429) return 'retry';
  if (status >= 500 && status !== 501 && status !== 505) return 'retry';
  return 'drop';
}

/**
 * Exponential backoff with full jitter (a random wait up to base × 2^(failures − 1), capped), so many
 * conversations throttled at once do not retry in step; never shorter than the service's Retry-After.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failures: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.max(retryAfterMs ?? 0, Math.floor(random() * ceiling));
}
