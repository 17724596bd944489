// Graph's GDAP statuses in plain words: every documented one has its own, anything else is quoted.
import assert from 'node:assert/strict';
import { relationshipStateWords, statusWords } from '../../../../services/gdap/statusWords.js';

// As Graph documents them (delegatedAdminRelationship, delegatedAdminAccessAssignment, …Request, …Operation).
const DOCUMENTED = {
  relationship: [
    'created',
    'approvalPending',
    'approved',
    'activating',
    'active',
    'expiring',
    'expired',
    'terminationRequested',
    'terminating',
    'terminated',
  ],
  assignment: ['pending', 'active', 'deleting', 'deleted', 'error'],
  request: ['created', 'pending', 'succeeded', 'failed'],
  operation: ['notStarted', 'running', 'succeeded', 'failed'],
} as const;

describe('statusWords', () => {
  for (const [of, statuses] of Object.entries(DOCUMENTED) as [keyof typeof DOCUMENTED, readonly string[]][]) {
    it(`gives every ${of} status words of its own, none of them Graph's spelling`, () => {
      const words = statuses.map((status) => statusWords(status, of));
      for (const [i, status] of statuses.entries()) {
        assert.doesNotMatch(words[i], /does not know/, status);
        assert.doesNotMatch(words[i], /[a-z][A-Z]/, `${status} → ${words[i]}`);
      }
      assert.equal(new Set(words).size, words.length, 'two statuses read the same');
    });
  }

  it('says which words: the ones an admin trips over', () => {
    assert.equal(statusWords('terminationRequested'), 'being ended on request');
    assert.equal(statusWords('approvalPending'), 'waiting for the customer’s approval');
    assert.equal(statusWords('activating'), 'being activated');
    assert.equal(statusWords('pending', 'assignment'), 'being applied');
    assert.equal(statusWords('error', 'assignment'), 'failed at Microsoft');
  });

  it('quotes a status it does not know, such as unknownFutureValue, instead of hiding it', () => {
    assert.equal(
      statusWords('unknownFutureValue'),
      'in a status this bot does not know (“unknownFutureValue”)',
    );
    assert.match(statusWords('toString'), /does not know/);
  });
});

describe('relationshipStateWords', () => {
  const end = '2026-11-30T10:00:00Z';
  it('an expired relationship expired on its end date; an active one is active until it', () => {
    assert.equal(relationshipStateWords({ status: 'expired', endDateTime: end }), 'expired on 2026-11-30');
    assert.equal(relationshipStateWords({ status: 'active', endDateTime: end }), 'active until 2026-11-30');
    assert.equal(
      relationshipStateWords({ status: 'expiring', endDateTime: end }),
      'active until 2026-11-30, about to expire',
    );
  });

  it('other statuses take no date', () => {
    assert.equal(relationshipStateWords({ status: 'terminated', endDateTime: end }), 'terminated');
    assert.equal(
      relationshipStateWords({ status: 'approvalPending' }),
      'waiting for the customer’s approval',
    );
  });
});
