// Retrying Graph pages: Retry-After honoured, else exponential backoff with jitter; never at once, bounded.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  DEFAULT_GRAPH_RETRY,
  GraphPageError,
  retryDelayMs,
  withGraphRetry,
  type GraphRetryPolicy,
} from '../../../../services/customers/graphCustomerRetry.js';
import { GraphCustomerSource } from '../../../../services/customers/graphCustomerSource.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';

function graphError(status: number, retryAfter?: string): GraphError {
  const error = new GraphError(status, 'failed');
  error.headers = new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  return error;
}

const policy = (random: number): GraphRetryPolicy => ({ ...DEFAULT_GRAPH_RETRY, random: () => random });

describe('Graph page retries', () => {
  it('waits exactly Retry-After (plus at most 10%) on 429 and 503', () => {
    assert.equal(retryDelayMs(graphError(429, '1'), 1, policy(0)), 1_000);
    assert.equal(retryDelayMs(graphError(429, '1'), 1, policy(0.999)), 1_100);
    assert.equal(retryDelayMs(graphError(503, '7'), 3, policy(0)), 7_000);
  });

  it('backs off exponentially with jitter when 503 or 504 has no Retry-After, never at once', () => {
    const low = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(graphError(503), attempt, policy(0)));
    const high = [1, 2, 3, 4, 5, 6, 7].map((attempt) =>
      retryDelayMs(graphError(504), attempt, policy(0.999)),
    );
    assert.deepEqual(low, [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
    assert.deepEqual(high, [1_000, 1_999, 3_998, 7_996, 15_992, 29_985, 29_985]);
    assert.ok(retryDelayMs(graphError(503, '0'), 1, policy(0))! > 0, 'Retry-After: 0 still waits');
  });

  it('does not retry errors that another try cannot fix, or a Retry-After too long to wait for', () => {
    for (const status of [400, 401, 403, 404, 500]) {
      assert.equal(retryDelayMs(graphError(status), 1, policy(0.5)), undefined, String(status));
    }
    assert.equal(retryDelayMs(graphError(429, '3600'), 1, policy(0.5)), undefined);
    assert.equal(retryDelayMs(new RangeError('a bug'), 1, policy(0.5)), undefined);
  });

  it('stops after maxAttempts tries and says how many it made', async () => {
    let tries = 0;
    const failing = () => {
      tries += 1;
      return Promise.reject(graphError(503));
    };
    const fast = { ...policy(0), maxAttempts: 3, baseDelayMs: 2 };
    const error = await withGraphRetry('contracts', failing, fast).catch((caught: unknown) => caught);
    assert.ok(error instanceof GraphPageError);
    assert.deepEqual([error.status, error.attempts, tries], [503, 3, 3]);
  });

  it('retries a host that cannot be reached, then reports it as unreachable', async () => {
    const port = await closedPort();
    const client = createGraphClient({
      graphBaseUrl: `https://127.0.0.1:${port}/v1.0`,
      getAccessToken: async () => 'unused',
    });
    const source = new GraphCustomerSource(client, { retry: { maxAttempts: 2, baseDelayMs: 2 } });
    const error = await source.fetchAll().catch((caught: unknown) => caught);
    assert.ok(error instanceof GraphPageError);
    assert.deepEqual([error.status, error.attempts], [undefined, 2]);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
