// Teams' dynamic type-ahead (application/search): pages by skip, and finds organizations as customers are found.
import assert from 'node:assert/strict';
import { CUSTOMERS, FakeCustomers, customer } from '../../fakes/fakeCustomers.js';
import { ADMIN_ID, say, testConversation, type TestConversation } from '../../fakes/testConversation.js';
import { FileOrganizationStore } from '../../../services/store/file/organizations.js';

interface Choice {
  title: string;
  value: string;
}

/** One application/search invoke; the choices, or undefined for 204 (nothing to show). */
async function search(
  conversation: TestConversation,
  dataset: string,
  queryText: string,
  skip = 0,
): Promise<Choice[] | undefined> {
  const [reply] = await say(conversation.adapter, {
    type: 'invoke',
    name: 'application/search',
    value: { queryText, dataset, queryOptions: { skip, top: 15 } },
  });
  const response = reply.value as { status: number; body?: { value: { results: Choice[] } } };
  if (response.status === 204) return undefined;
  assert.equal(response.status, 200);
  return response.body!.value.results;
}

const titles = (choices: Choice[] | undefined) => (choices ?? []).map((choice) => choice.title);

const branches = Array.from({ length: 40 }, (_, i) =>
  customer(
    `Tailspin Toys ${i + 1}`,
    `5e6f7081-92a3-4b42-8def-0123456789${String(i).padStart(2, '0')}`,
    `tailspin${i + 1}.com`,
  ),
);

describe('Teams type-ahead', () => {
  it('pages customers by skip: skip 15 gives results 16 to 30 of the same ranking, past the end 204', async () => {
    const customers = await FakeCustomers.with([...CUSTOMERS, ...branches]);
    const conversation = await testConversation({ customers });
    const ranking = customers.directory.search('tailspin', 45).map((found) => found.tenantId);
    const pages = [
      await search(conversation, 'customers', 'tailspin', 0),
      await search(conversation, 'customers', 'tailspin', 15),
      await search(conversation, 'customers', 'tailspin', 30),
    ];
    assert.deepEqual(
      pages.map((page) => (page ?? []).map((choice) => choice.value)),
      [ranking.slice(0, 15), ranking.slice(15, 30), ranking.slice(30, 45)],
    );
    assert.equal(new Set(pages.flat().map((choice) => choice!.value)).size, 40);
    assert.equal(await search(conversation, 'customers', 'tailspin', 45), undefined);
  });

  it('pages organizations by skip, and lists them all in reading order before anything is typed', async () => {
    const conversation = await testConversation();
    const organizations = new FileOrganizationStore(conversation.store);
    for (let n = 1; n <= 20; n++) await organizations.add({ name: `Client ${n}` }, { by: ADMIN_ID });
    const first = await search(conversation, 'organizations', 'client', 0);
    const second = await search(conversation, 'organizations', 'client', 15);
    assert.equal(first?.length, 15);
    assert.equal(second?.length, 5);
    assert.equal(new Set([...titles(first), ...titles(second)]).size, 20);
    assert.equal(await search(conversation, 'organizations', 'client', 20), undefined);
    const browsing = [
      ...titles(await search(conversation, 'organizations', '', 0)),
      ...titles(await search(conversation, 'organizations', '', 15)),
    ];
    assert.deepEqual(
      browsing,
      Array.from({ length: 20 }, (_, i) => `Client ${i + 1}`),
    );
  });

  it('finds organizations despite a typo, missing accents or letters that do not decompose (Ł, Ø, ß, æ, İ)', async () => {
    const conversation = await testConversation();
    const organizations = new FileOrganizationStore(conversation.store);
    const names = [
      'Müller Bäckerei GmbH',
      'Łódź Plumbing',
      'Øberg Architects',
      'Großmann Straßenbau',
      'Tæby Dental',
      'İstanbul Tekstil',
      'Kowalski Pharmacy',
    ];
    for (const name of names) await organizations.add({ name }, { by: ADMIN_ID });
    const firstFor = async (query: string) => titles(await search(conversation, 'organizations', query))[0];
    assert.equal(await firstFor('Mulelr'), 'Müller Bäckerei GmbH', 'two letters swapped');
    assert.equal(await firstFor('kowalsky pharmacy'), 'Kowalski Pharmacy', 'one letter wrong');
    assert.equal(await firstFor('muller backerei'), 'Müller Bäckerei GmbH');
    assert.equal(await firstFor('Lodz'), 'Łódź Plumbing');
    assert.equal(await firstFor('ŁÓDŹ PLUMBING'), 'Łódź Plumbing');
    assert.equal(await firstFor('oberg'), 'Øberg Architects');
    assert.equal(await firstFor('grossmann strassenbau'), 'Großmann Straßenbau');
    assert.equal(await firstFor('taeby'), 'Tæby Dental');
    assert.equal(await firstFor('istanbul'), 'İstanbul Tekstil');
    assert.equal(await search(conversation, 'organizations', 'zzzzqqq'), undefined);
  });

  it('keeps the organization search in step with adds, renames and removes', async () => {
    const conversation = await testConversation();
    const organizations = new FileOrganizationStore(conversation.store);
    const contoso = await organizations.add({ name: 'Contoso' }, { by: ADMIN_ID });
    assert.deepEqual(titles(await search(conversation, 'organizations', 'contoso')), ['Contoso']);
    await organizations.rename(contoso.id, 'Fabrikam Logistics', { by: ADMIN_ID });
    assert.equal(await search(conversation, 'organizations', 'contoso'), undefined);
    assert.deepEqual(titles(await search(conversation, 'organizations', 'fabrikam')), ['Fabrikam Logistics']);
    await organizations.add({ name: 'Fabrikam Travel' }, { by: ADMIN_ID });
    assert.deepEqual(titles(await search(conversation, 'organizations', 'fabrikam')), [
      'Fabrikam Logistics',
      'Fabrikam Travel',
    ]);
    await organizations.remove(contoso.id, { by: ADMIN_ID });
    assert.deepEqual(titles(await search(conversation, 'organizations', 'fabrikam')), ['Fabrikam Travel']);
  });
});
