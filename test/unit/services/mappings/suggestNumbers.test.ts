// Suggestions between customers whose names differ in a number: "Contoso 2" and "Contoso 3" are two names.
import assert from 'node:assert/strict';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerSearch } from '../../../../services/customers/customerSearch.js';
import { suggestCustomers } from '../../../../services/mappings/suggestions.js';

let next = 0;
function customer(displayName: string): CspCustomer {
  next += 1;
  return {
    tenantId: `00000000-0000-4000-9000-${String(next).padStart(12, '0')}`,
    displayName,
    defaultDomainName: `tenant${next}.onmicrosoft.com`,
    hasContract: true,
    hasActiveGdap: true,
    relationships: [],
  };
}

const contoso2 = customer('Contoso 2');
const contoso3 = customer('Contoso 3');
const fabrikam2020 = customer('Fabrikam 2020 Ltd');
const fabrikam2021 = customer('Fabrikam 2021 Ltd');
const northwind = customer('Northwind Dental 12');
const northwindTypo = customer('Northwind Dentel 12');
const litware7a = customer('Litware 7 GmbH');
const litware7b = customer('Litware 7 GmbH');
const litware8 = customer('Litware 8 GmbH');
const search = new CustomerSearch([
  contoso2,
  contoso3,
  fabrikam2020,
  fabrikam2021,
  northwind,
  northwindTypo,
  litware7a,
  litware7b,
  litware8,
]);
const confident = (name: string) => suggestCustomers({ name }, search).confident;

describe('Customer suggestions between names that differ in a number', () => {
  it('is confident about an exact name beside one that differs only in its number', () => {
    assert.equal(confident('Contoso 2'), contoso2);
    assert.equal(confident('contoso 3'), contoso3);
    assert.equal(confident('Fabrikam 2020 Ltd'), fabrikam2020);
    assert.equal(confident('FABRIKAM 2021 LIMITED'), fabrikam2021);
    assert.equal(suggestCustomers({ name: 'Contoso 2' }, search).reason, 'name');
  });

  it('still holds back an exact name when another customer is a letter away', () => {
    assert.equal(confident('Northwind Dental 12'), undefined, 'Northwind Dentel 12 is one letter away');
  });

  it('never picks one of two customers with the same normalized name, numbers and all', () => {
    assert.equal(confident('Litware 7 GmbH'), undefined);
    assert.equal(confident('Litware 7'), undefined);
    assert.equal(confident('Litware 8 GmbH'), litware8);
  });
});
