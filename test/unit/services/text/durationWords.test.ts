// ISO 8601 durations as cards show them: whole years and months by name, anything else in days.
import assert from 'node:assert/strict';
import { autoExtendWords, durationWords } from '../../../../services/text/durationWords.js';

describe('durationWords', () => {
  const cases: [string, string][] = [
    ['P730D', '2 years'],
    ['P365D', '1 year'],
    ['P180D', '6 months'],
    ['P30D', '1 month'],
    ['P90D', '3 months'],
    ['P100D', '100 days'],
    ['P1D', '1 day'],
    ['P400D', '400 days'],
    ['P2Y', '2 years'],
    ['P6M', '6 months'],
    ['P1Y6M', '1 year 6 months'],
    ['P2W', '14 days'],
    ['PT12H', '12 hours'],
    ['P0D', '0 days'],
    ['PT0S', '0 days'],
  ];
  for (const [iso, words] of cases) {
    it(`${iso} reads "${words}"`, () => assert.equal(durationWords(iso), words));
  }

  it('leaves text that is no ISO duration as it is, so nothing is hidden', () => {
    for (const text of ['', 'P', 'PT', '730 days', 'P-1D']) assert.equal(durationWords(text), text);
  });
});

describe('autoExtendWords', () => {
  it('P180D extends by 6 months; PT0S, P0D and none do not extend', () => {
    assert.equal(autoExtendWords('P180D'), 'auto-extends by 6 months');
    for (const none of ['PT0S', 'P0D', undefined]) assert.equal(autoExtendWords(none), 'no auto-extend');
  });
});
