import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, retryDelayMs, verdictOf } from '../../../../services/alerts/retryPolicy.js';

describe('Alert retry policy', () => {
  it('retries 412, 429, 502, 504 and network failures; forgets on 403/404; drops other 4xx', () => {
    for (const statusCode of [412, 429, 500, 502, 503, 504, undefined])
      assert.equal(verdictOf({ statusCode }), 'retry');
    assert.equal(verdictOf({ statusCode: 403, code: 'BotNotInConversationRoster' }), 'gone');
    assert.equal(verdictOf({ statusCode: 404, code: 'ConversationNotFound' }), 'gone');
    for (const statusCode of [400, 401, 413, 501]) assert.equal(verdictOf({ statusCode }), 'drop');
  });

  it('waits a random share of an exponentially growing ceiling, never less than Retry-After', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 10_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((failures) => retryDelayMs(policy, failures, undefined, () => 0.999)),
      [999, 1998, 3996, 7992, 9990, 9990],
    );
    assert.equal(
      retryDelayMs(policy, 1, undefined, () => 0),
      0,
    );
    assert.equal(
      retryDelayMs(policy, 1, 3000, () => 0.5),
      3000,
    );
    assert.equal(
      retryDelayMs(policy, 4, 3000, () => 0.5),
      4000,
    );
  });
});
