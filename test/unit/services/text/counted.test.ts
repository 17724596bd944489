// Counts with their noun: singular for one only, digits as the cards print them.
import assert from 'node:assert/strict';
import { counted } from '../../../../services/text/counted.js';

describe('counted', () => {
  it('one customer, 0 and 1623 customers', () => {
    assert.equal(counted(1, 'customer'), '1 customer');
    assert.equal(counted(0, 'customer'), '0 customers');
    assert.equal(counted(1623, 'customer'), '1623 customers');
    assert.equal(counted(2, 'day', 'days'), '2 days');
  });
});
