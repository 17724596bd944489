// Type-ahead customer search: by name, domain or tenant id, forgiving case, accents, typos and scripts.
import assert from 'node:assert/strict';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerSearch } from '../../../../services/customers/customerSearch.js';

function customer(displayName: string, defaultDomainName: string, tenantId: string): CspCustomer {
  return {
    tenantId,
    displayName,
    defaultDomainName,
    hasContract: true,
    hasActiveGdap: true,
    relationships: [],
  };
}

const CUSTOMERS = [
  customer(
    'Müller Bäckerei GmbH',
    'muellerbaeckerei.onmicrosoft.com',
    '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  ),
  customer(
    'Schmidt & Müller Logistics',
    'schmidtmueller.onmicrosoft.com',
    '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  ),
  customer('Northwind Traders Ltd', 'northwindtraders.com', '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e'),
  customer('Litware Inc.', 'litwareinc.onmicrosoft.com', '9c8b7a6f-5e4d-4c3b-a2a1-0f9e8d7c6b5a'),
  customer('Litware Inc.', 'litware.onmicrosoft.com', '3c4d5e6f-7a8b-4c3d-ae4f-5a6b7c8d9e0f'),
  customer('株式会社さくら電機', 'sakuradenki.onmicrosoft.com', '4d5e6f7a-8b9c-4d4e-bf5a-6b7c8d9e0f1a'),
  customer('北京华信科技有限公司', 'huaxin.onmicrosoft.com', '5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b'),
  customer('ООО «Ромашка Строй»', 'romashka.onmicrosoft.com', '6f7a8b9c-0d1e-4f6a-9b7c-8d9e0f1a2b3c'),
  customer('Αθηνά Ναυτιλιακή Α.Ε.', 'athinashipping.onmicrosoft.com', '7a8b9c0d-1e2f-4a7b-ac8d-9e0f1a2b3c4d'),
  customer(
    "O'Brien & Murphy Solicitors",
    'obrienmurphy.onmicrosoft.com',
    '8b9c0d1e-2f3a-4b8c-bd9e-0f1a2b3c4d5e',
  ),
  customer(
    'Łódź Logistics Sp. z o.o.',
    'lodzlogistics.onmicrosoft.com',
    'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  ),
];
const search = new CustomerSearch(CUSTOMERS);
const names = (query: string, limit?: number) =>
  search.search(query, limit).map((match) => match.customer.displayName);
const first = (query: string) => search.search(query)[0]?.customer;

describe('CustomerSearch', () => {
  it('finds a customer by the start of its name while it is typed, accents or not', () => {
    assert.equal(names('mül')[0], 'Müller Bäckerei GmbH');
    assert.equal(names('mul')[0], 'Müller Bäckerei GmbH');
    assert.equal(names('MUELLER')[0], 'Müller Bäckerei GmbH', 'the German spelling without umlauts');
    assert.equal(names('lodz log')[0], 'Łódź Logistics Sp. z o.o.');
    assert.equal(names('north')[0], 'Northwind Traders Ltd');
  });

  it('ranks the name that starts with the query above the one that only contains it', () => {
    assert.deepEqual(names('müller').slice(0, 2), ['Müller Bäckerei GmbH', 'Schmidt & Müller Logistics']);
  });

  it('forgives one swapped, wrong or missing letter in a word', () => {
    assert.equal(names('Mulelr Backerei')[0], 'Müller Bäckerei GmbH');
    assert.equal(names('northwnid')[0], 'Northwind Traders Ltd');
    assert.equal(names('Nortwind Traders')[0], 'Northwind Traders Ltd');
    assert.equal(names('bakc')[0], 'Müller Bäckerei GmbH', 'a typo in a word still being typed');
  });

  it('finds a customer by its default domain, whole or begun, and by the name without spaces', () => {
    assert.equal(first('northwindtraders.com')?.tenantId, CUSTOMERS[2].tenantId);
    assert.equal(first('https://www.NorthwindTraders.com/')?.tenantId, CUSTOMERS[2].tenantId);
    assert.equal(first('muellerbaeck')?.tenantId, CUSTOMERS[0].tenantId);
    assert.equal(first('obrienmurphy')?.tenantId, CUSTOMERS[9].tenantId);
    assert.equal(search.search('northwindtraders.com')[0].score, 1);
  });

  it('finds a customer by a tenant id prefix of eight characters or more, not fewer', () => {
    assert.equal(first('a1b2c3d4')?.displayName, 'Łódź Logistics Sp. z o.o.');
    assert.equal(first('A1B2C3D4-E5F6')?.displayName, 'Łódź Logistics Sp. z o.o.');
    assert.equal(first(CUSTOMERS[3].tenantId)?.tenantId, CUSTOMERS[3].tenantId);
    assert.deepEqual(names('a1b2c3d'), []);
  });

  it('finds Japanese and Chinese names by any part of them, with or without the legal form', () => {
    assert.equal(names('さくら')[0], '株式会社さくら電機');
    assert.equal(names('電機')[0], '株式会社さくら電機');
    assert.equal(names('さくら電機株式会社')[0], '株式会社さくら電機');
    assert.equal(names('华信科技')[0], '北京华信科技有限公司');
    assert.equal(names('科')[0], '北京华信科技有限公司');
    assert.deepEqual(names('電気'), [], 'a different character is a different name');
  });

  it('finds Cyrillic and Greek names, accents and case aside', () => {
    assert.equal(names('ромашка')[0], 'ООО «Ромашка Строй»');
    assert.equal(names('РОМАШ')[0], 'ООО «Ромашка Строй»');
    assert.equal(names('αθηνα ναυτ')[0], 'Αθηνά Ναυτιλιακή Α.Ε.');
  });

  it('returns both customers that share a display name, in tenant id order', () => {
    const litware = search.search('Litware Inc.');
    assert.deepEqual(
      litware.slice(0, 2).map((match) => match.customer.tenantId),
      [CUSTOMERS[4].tenantId, CUSTOMERS[3].tenantId],
    );
    assert.equal(litware[0].score, litware[1].score);
  });

  it('answers an empty or blank query with nothing, and respects the limit', () => {
    assert.deepEqual(search.search(''), []);
    assert.deepEqual(search.search('   '), []);
    assert.equal(search.search('l', 2).length, 2);
    assert.deepEqual(names('zzzzqx'), []);
  });

  it('orders results the same way whatever order the customers came in', () => {
    const reversed = new CustomerSearch([...CUSTOMERS].reverse());
    for (const query of ['l', 'litware', 'müller', 'logistics', 'o', 'さ']) {
      assert.deepEqual(
        reversed.search(query).map((match) => match.customer.tenantId),
        search.search(query).map((match) => match.customer.tenantId),
        query,
      );
    }
  });

  it('does not list a company for a legal form alone when the query also names one', () => {
    assert.deepEqual(names("O'Brien & Murphy"), ["O'Brien & Murphy Solicitors"]);
  });
});
