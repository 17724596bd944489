// Suggestion quality on the near-miss set: confident suggestions are never wrong, cover most organizations,
// and the right customer is in the top three type-ahead results for nearly every query.
import assert from 'node:assert/strict';
import { CustomerSearch } from '../../../../services/customers/customerSearch.js';
import { suggestCustomers } from '../../../../services/mappings/suggestions.js';
import { asCspCustomers } from '../../../fixtures/nearMissCustomers.js';
import { loadNearMissSet, nearMissFiles } from '../../../fixtures/nearMissFiles.js';
import { generateNearMissSet, type NearMissItem, type NearMissSet } from '../../../fixtures/nearMissSet.js';
import { splitNonLatinName } from '../../../fixtures/nearMissNames.js';

// Quality rules from the issues (mapping, hardening at scale), not timings.
const MIN_COVERAGE = 0.9;
const MIN_TOP3 = 0.95;

describe('Suggestions on the near-miss set', () => {
  let set: NearMissSet;
  let search: CustomerSearch;
  before(async () => {
    set = await loadNearMissSet();
    search = new CustomerSearch(asCspCustomers(set.customers));
  });

  it('is the set the generator makes (run test/fixtures/nearMissWrite.ts after changing it)', () => {
    const files = nearMissFiles(generateNearMissSet());
    const stored = nearMissFiles(set);
    assert.equal(stored.customers, files.customers);
    assert.equal(stored.items, files.items);
  });

  it('holds 2,000+ customers with same-name pairs and non-Latin names, and every kind of near miss', () => {
    assert.ok(set.customers.length >= 2000);
    const names = set.customers.map((customer) => customer.displayName);
    assert.ok(names.length - new Set(names).size >= 20, 'same-name customers');
    assert.ok(set.customers.filter((customer) => splitNonLatinName(customer.displayName)).length >= 100);
    const count = (kind: NearMissItem['kind']) => set.items.filter((item) => item.kind === kind).length;
    for (const kind of [
      'accentsDropped',
      'suffixMissing',
      'suffixChanged',
      'transposed',
      'domainAsName',
      'numbered',
    ] as const) {
      assert.ok(count(kind) >= 100, kind);
    }
    assert.ok(count('nonLatin') >= 100 && count('distractor') >= 300);
    assert.ok(set.items.filter((item) => item.twin).length >= 50);
  });

  it('never makes a wrong confident suggestion, and none at all for organizations that are no customer', () => {
    const wrong = set.items.flatMap((item) => {
      const { confident } = suggestCustomers(item.organization, search);
      return confident && confident.tenantId !== item.expectedTenantId
        ? [`${item.kind} "${item.organization.name}" → ${confident.displayName}`]
        : [];
    });
    assert.deepEqual(wrong, []);
  });

  it('holds organizations with a customer’s exact name beside customers whose names differ only in a number', () => {
    const numbered = set.items.filter((item) => item.kind === 'numbered' && !item.ambiguous);
    assert.ok(numbered.length >= 100);
    for (const item of numbered) {
      const digitless = item.organization.name.replace(/\d+/g, '#');
      const others = set.customers.filter(
        (other) =>
          other.tenantId !== item.expectedTenantId &&
          other.displayName !== item.organization.name &&
          other.displayName.replace(/\d+/g, '#') === digitless,
      );
      assert.ok(others.length > 0, item.organization.name);
    }
  });

  it(`makes a confident suggestion for at least ${MIN_COVERAGE * 100}% of the organizations only one customer fits`, () => {
    const matchable = set.items.filter((item) => item.expectedTenantId !== null && !item.ambiguous);
    const covered = matchable.filter((item) => suggestCustomers(item.organization, search).confident).length;
    assert.ok(
      covered / matchable.length >= MIN_COVERAGE,
      `coverage ${(covered / matchable.length).toFixed(3)}`,
    );
  });

  it('never makes a confident name suggestion between customers with the same display name, nor when another fits', () => {
    for (const item of set.items.filter((each) => each.twin || each.ambiguous)) {
      const suggestion = suggestCustomers(item.organization, search);
      if (suggestion.confident) assert.equal(suggestion.reason, 'domain', item.organization.name);
    }
  });

  it(`has the right customer in the top 3 type-ahead results for at least ${MIN_TOP3 * 100}% of queries`, () => {
    const matchable = set.items.filter((item) => item.expectedTenantId !== null);
    const hits = matchable.filter((item) =>
      search
        .search(item.organization.name, 3)
        .some((match) => match.customer.tenantId === item.expectedTenantId),
    ).length;
    assert.ok(hits / matchable.length >= MIN_TOP3, `top-3 rate ${(hits / matchable.length).toFixed(3)}`);
  });
});
