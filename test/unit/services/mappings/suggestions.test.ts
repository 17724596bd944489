// Suggestions for mapping an organization: the ranked candidates, and when one is safe to map without a human.
import assert from 'node:assert/strict';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerSearch } from '../../../../services/customers/customerSearch.js';
import { suggestAll, suggestCustomers } from '../../../../services/mappings/suggestions.js';

let next = 0;
function customer(displayName: string, defaultDomainName: string): CspCustomer {
  const tenantId = `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  return {
    tenantId,
    displayName,
    defaultDomainName,
    hasContract: true,
    hasActiveGdap: true,
    relationships: [],
  };
}

const muller = customer('Müller Bäckerei GmbH', 'muellerbaeckerei.onmicrosoft.com');
const litwareA = customer('Litware Inc.', 'litwareinc.onmicrosoft.com');
const litwareB = customer('Litware Inc.', 'litware.onmicrosoft.com');
const contosoLtd = customer('Contoso Ltd', 'contosouk.onmicrosoft.com');
const contosoGmbh = customer('Contoso GmbH', 'contosode.onmicrosoft.com');
const kowalski = customer('Kowalski Pharmacy', 'kowalskipharmacy.onmicrosoft.com');
const kowalsky = customer('Kowalsky Pharmacy', 'kowalskypharmacy.onmicrosoft.com');
const tailspin = customer('Tailspin Toys LLC', 'tailspintoys.onmicrosoft.com');
const sakura = customer('株式会社さくら電機', 'sakuradenki.onmicrosoft.com');
const fabrikam = customer('Fabrikam Logistics', 'fabrikam.onmicrosoft.com');
const fabrikamNorth = customer('Fabrikam Logistics North', 'fabrikamnorth.onmicrosoft.com');
const search = new CustomerSearch([
  muller,
  litwareA,
  litwareB,
  contosoLtd,
  contosoGmbh,
  kowalski,
  kowalsky,
  tailspin,
  sakura,
  fabrikam,
  fabrikamNorth,
]);
const confident = (name: string, domain?: string) => suggestCustomers({ name, domain }, search).confident;

describe('Customer suggestions', () => {
  it('is confident when the name is the same but for case, accents, punctuation or legal form', () => {
    assert.equal(confident('MULLER BACKEREI'), muller);
    assert.equal(confident('Müller-Bäckerei AG'), muller);
    assert.equal(confident('Tailspin Toys, Inc.'), tailspin);
    assert.equal(confident('さくら電機'), sakura);
    assert.equal(suggestCustomers({ name: 'Muller Backerei' }, search).reason, 'name');
  });

  it('is confident when the domain is a customer’s default domain, or its onmicrosoft.com prefix', () => {
    assert.equal(confident('Bakery', 'muellerbaeckerei.onmicrosoft.com'), muller);
    assert.equal(confident('muellerbaeckerei.onmicrosoft.com'), muller, 'a name that is a domain');
    assert.equal(confident('Tailspin', 'tailspintoys.com'), tailspin);
    assert.equal(suggestCustomers({ name: 'x', domain: 'tailspintoys.com' }, search).reason, 'domain');
  });

  it('is never confident by name between two customers with the same display name', () => {
    for (const name of ['Litware Inc.', 'LITWARE INC', 'Litware', 'Litwaer Inc.']) {
      const suggestion = suggestCustomers({ name }, search);
      assert.equal(suggestion.confident, undefined, name);
      const offered = suggestion.candidates.map((match) => match.customer.tenantId);
      assert.ok(offered.includes(litwareA.tenantId) && offered.includes(litwareB.tenantId), name);
    }
  });

  it('tells same-name customers apart by domain only', () => {
    assert.equal(confident('Litware Inc.', 'litware.onmicrosoft.com'), litwareB);
    assert.equal(confident('Litware Inc.', 'litwareinc.com'), litwareA);
  });

  it('lets the legal form pick one of several customers that share the rest of the name', () => {
    assert.equal(confident('Contoso Limited'), contosoLtd);
    assert.equal(confident('CONTOSO GMBH'), contosoGmbh);
    assert.equal(confident('Contoso'), undefined, 'without a legal form it could be either');
    assert.equal(confident('Contoso AG'), undefined, 'a legal form neither has');
  });

  it('is not confident when another customer is close or extends the name', () => {
    assert.equal(confident('Kowalski Pharmacy'), undefined, 'Kowalsky Pharmacy is one letter away');
    assert.equal(confident('Fabrikam Logistics'), undefined, 'Fabrikam Logistics North extends it');
    assert.equal(confident('Fabrikam Logistics North'), fabrikamNorth);
  });

  it('is confident about two swapped letters in a long word, and nothing looser', () => {
    assert.equal(confident('Tailspin Tyos LLC'), undefined, 'too short a word to be sure');
    assert.equal(confident('Tialspin Toys LLC'), tailspin);
    assert.equal(suggestCustomers({ name: 'Tialspin Toys' }, search).reason, 'typo');
    assert.equal(confident('Taxlspin Toys LLC'), undefined, 'a wrong letter may be another name');
    assert.equal(confident('Tailspin Toys Europe'), undefined, 'an extra word');
  });

  it('is not confident when domain and name point at different customers', () => {
    assert.equal(confident('Tailspin Toys LLC', 'muellerbaeckerei.onmicrosoft.com'), undefined);
  });

  it('is not confident for an organization that is no customer, yet still offers the nearest', () => {
    const suggestion = suggestCustomers({ name: 'Contoso Pharmacy Group' }, search);
    assert.equal(suggestion.confident, undefined);
    assert.ok(suggestion.candidates.length > 0 && suggestion.candidates.length <= 3);
    assert.equal(confident('Woodgrove Bank'), undefined);
  });

  it('puts the confident customer first among at most three candidates', () => {
    const suggestion = suggestCustomers({ name: 'Contoso Ltd' }, search);
    assert.equal(suggestion.candidates[0].customer, contosoLtd);
    assert.ok(suggestion.candidates.length <= 3);
  });

  it('previews "map all confident suggestions" in the organizations’ order', () => {
    const organizations = [
      { id: 'o1', name: 'Litware Inc.' },
      { id: 'o2', name: 'Muller Backerei' },
      { id: 'o3', name: 'Unknown Org' },
      { id: 'o4', name: 'Tailspin', domain: 'tailspintoys.onmicrosoft.com' },
    ];
    const { suggestions, preview } = suggestAll(organizations, search);
    assert.equal(suggestions.length, 4);
    assert.deepEqual(
      preview.map((entry) => [entry.organization.id, entry.customer.displayName, entry.reason]),
      [
        ['o2', 'Müller Bäckerei GmbH', 'name'],
        ['o4', 'Tailspin Toys LLC', 'domain'],
      ],
    );
  });
});
