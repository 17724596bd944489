import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { Memory } from 'lowdb';
import { ERROR_MESSAGES } from '../../../../services/errors.js';
import { CONFLICT_ALERT } from '../../../../services/errors.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { CUSTOMERS, FakeCustomers, customer } from '../../../fakes/fakeCustomers.js';
import {
  READER_ID,
  actionData,
  cardText,
  inputValues,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../../fakes/testConversation.js';
import { HttpsFileServer } from '../../../fakes/httpsFileServer.js';

const [MULLER, NORTHWIND, FABRIKAM] = CUSTOMERS;

let files: HttpsFileServer;

/** A message with a CSV attached as Teams sends one: a link the bot downloads from. */
function csvAttachment(name: string, csv: string, contentUrl = files.add(csv)): Partial<Activity> {
  return { type: 'message', text: '', attachments: [{ contentType: 'text/csv', name, contentUrl }] };
}

/** An admin's chat with organizations added through the organizations card. */
async function withOrganizations(
  names: string[],
  options: Parameters<typeof testConversation>[0] = {},
): Promise<TestConversation> {
  const conversation = await testConversation(options);
  for (const name of names) {
    const [card] = await say(conversation.adapter, 'organizations');
    await say(conversation.adapter, {
      type: 'message',
      value: { action: 'orgs.add', revision: conversation.store.data.mappingRevision, name },
    });
    assert.ok(card);
  }
  return conversation;
}

const organizationId = (conversation: TestConversation, name: string) =>
  Object.values(conversation.store.data.organizations).find((organization) => organization.name === name)!.id;

const tenantsOf = (conversation: TestConversation, name: string) =>
  Object.values(conversation.store.data.mappings)
    .filter((mapping) => mapping.organizationId === organizationId(conversation, name))
    .map((mapping) => mapping.customerTenantId);

describe('Client mapping', () => {
  it('suggests the likeliest customer for “map <organization>” and maps it with one click', async () => {
    const conversation = await withOrganizations(['Muller Backerei', 'Northwind Traders']);
    const [picker] = await say(conversation.adapter, 'map Muller Backerei');
    assert.match(cardText(picker), /Suggested: \*\*Müller Bäckerei GmbH\*\*/);
    assert.equal(inputValues(picker).customerTenantId, MULLER.tenantId);
    const [done] = await say(conversation.adapter, press(picker, 'Map', inputValues(picker)));
    assert.match(cardText(done), /is now mapped to \*\*Müller Bäckerei GmbH\*\*/);
    assert.deepEqual(tenantsOf(conversation, 'Muller Backerei'), [MULLER.tenantId]);
    assert.equal(conversation.store.data.audit.at(-1)?.action, 'mapping.map');
  });

  it('applies a double click once', async () => {
    const conversation = await withOrganizations(['Northwind Traders']);
    const [picker] = await say(conversation.adapter, 'map Northwind Traders');
    const click = press(picker, 'Map', { ...inputValues(picker), customerTenantId: NORTHWIND.tenantId });
    await say(conversation.adapter, click);
    const [second] = await say(conversation.adapter, click);
    assert.match(cardText(second), /already mapped/);
    assert.equal(Object.keys(conversation.store.data.mappings).length, 1);
  });

  it('lets several organizations map to one customer', async () => {
    const conversation = await withOrganizations(['Northwind East', 'Northwind West']);
    for (const name of ['Northwind East', 'Northwind West']) {
      const [picker] = await say(conversation.adapter, `map ${name}`);
      await say(
        conversation.adapter,
        press(picker, 'Map', { ...inputValues(picker), customerTenantId: NORTHWIND.tenantId }),
      );
    }
    assert.deepEqual(tenantsOf(conversation, 'Northwind West'), [NORTHWIND.tenantId]);
    assert.deepEqual(tenantsOf(conversation, 'Northwind East'), [NORTHWIND.tenantId]);
  });

  it('refuses linking an organization to a second customer, in the words users know, and offers Remap', async () => {
    const conversation = await withOrganizations(['Fabrikam']);
    const [picker] = await say(conversation.adapter, 'map Fabrikam');
    await say(
      conversation.adapter,
      press(picker, 'Map', { ...inputValues(picker), customerTenantId: FABRIKAM.tenantId }),
    );
    const [again] = await say(conversation.adapter, 'map Fabrikam');
    const [refused] = await say(
      conversation.adapter,
      press(again, 'Map', { ...inputValues(again), customerTenantId: NORTHWIND.tenantId }),
    );
    assert.match(cardText(refused), new RegExp(CONFLICT_ALERT.slice(0, 60)));
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), [FABRIKAM.tenantId]);
    const replies = await say(conversation.adapter, press(refused, 'Remap to the new customer'));
    assert.match(cardText(replies[0]), /is now mapped to \*\*Northwind Traders Ltd\*\*/);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), [NORTHWIND.tenantId]);
  });

  it('answers Map on a conflicted organization’s own customer with the one-click fix, not a wrong refusal', async () => {
    const conversation = await withOrganizations(['Fabrikam']);
    const fabrikam = organizationId(conversation, 'Fabrikam');
    // Two links, as an import from another tool leaves them.
    await conversation.store.update((data) => {
      for (const [i, tenantId] of [FABRIKAM.tenantId, NORTHWIND.tenantId].entries())
        data.mappings[`imported-${i}`] = {
          id: `imported-${i}`,
          organizationId: fabrikam,
          customerTenantId: tenantId,
          createdAt: '2026-11-20T09:00:00.000Z',
          createdBy: 'import',
        };
      data.mappingRevision += 1;
    });
    const [picker] = await say(conversation.adapter, 'map Fabrikam');
    assert.equal(
      inputValues(picker).customerTenantId,
      FABRIKAM.tenantId,
      'the current customer is preselected',
    );
    const [fix] = await say(conversation.adapter, press(picker, 'Map', inputValues(picker)));
    const text = cardText(fix);
    assert.match(text, /Not saved: it is linked to that customer already, and to others too/);
    assert.doesNotMatch(text, /cannot also be linked to Fabrikam/);
    assert.match(text, /linked 2026-11-20/);

    const reader = await testConversation({ userId: READER_ID, store: conversation.store });
    const [refused] = await say(reader.adapter, press(fix, 'Keep this one'));
    assert.equal(refused.text, ERROR_MESSAGES.NOT_ADMIN);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam').length, 2, 'a reader changes nothing');

    const [fixed] = await say(conversation.adapter, press(fix, 'Keep this one'));
    assert.match(cardText(fixed), /is now linked only to \*\*Fabrikam Inc\.\*\*/);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), [FABRIKAM.tenantId]);
  });

  it('unmaps from the mappings list', async () => {
    const conversation = await withOrganizations(['Fabrikam']);
    const [picker] = await say(conversation.adapter, 'map Fabrikam');
    await say(
      conversation.adapter,
      press(picker, 'Map', { ...inputValues(picker), customerTenantId: FABRIKAM.tenantId }),
    );
    const [list] = await say(conversation.adapter, 'mappings');
    assert.match(cardText(list), /✅ \*\*Fabrikam\*\*/);
    const [done, updated] = await say(conversation.adapter, press(list, 'Unmap'));
    assert.match(cardText(done), /Fabrikam is no longer mapped/);
    assert.match(cardText(updated), /⬜ \*\*Fabrikam\*\*/);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), []);
  });

  it('detects a card older than the data and shows the current state instead of applying it', async () => {
    const conversation = await withOrganizations(['Fabrikam', 'Litware']);
    const [old] = await say(conversation.adapter, 'map Fabrikam');
    const [fresh] = await say(conversation.adapter, 'map Litware');
    await say(
      conversation.adapter,
      press(fresh, 'Map', { ...inputValues(fresh), customerTenantId: CUSTOMERS[3].tenantId }),
    );
    const [stale, current] = await say(
      conversation.adapter,
      press(old, 'Map', { ...inputValues(old), customerTenantId: FABRIKAM.tenantId }),
    );
    assert.match(cardText(stale), /changed since this card was shown/);
    assert.match(cardText(current), /Map a client/);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), []);
  });

  it('tells the second of two admins editing at once, and shows the current mapping', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const first = await withOrganizations(['Fabrikam'], { store });
    const second = await testConversation({ store, customers: first.customers });
    const [mine] = await say(first.adapter, 'map Fabrikam');
    const [theirs] = await say(second.adapter, 'map Fabrikam');
    await say(
      first.adapter,
      press(mine, 'Map', { ...inputValues(mine), customerTenantId: FABRIKAM.tenantId }),
    );
    const replies = await say(
      second.adapter,
      press(theirs, 'Map', { ...inputValues(theirs), customerTenantId: NORTHWIND.tenantId }),
    );
    assert.match(cardText(replies[0]), /linked to multiple customers|changed since this card was shown/);
    assert.deepEqual(tenantsOf(first, 'Fabrikam'), [FABRIKAM.tenantId]);
  });

  it('lets a non-admin look but not change', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const admin = await withOrganizations(['Fabrikam'], { store });
    const reader = await testConversation({ store, userId: READER_ID, customers: admin.customers });
    const [list] = await say(reader.adapter, 'mappings');
    assert.match(cardText(list), /Client mappings/);
    const [picker] = await say(reader.adapter, 'map Fabrikam');
    const [refusal] = await say(
      reader.adapter,
      press(picker, 'Map', { ...inputValues(picker), customerTenantId: FABRIKAM.tenantId }),
    );
    assert.equal(refusal.text, ERROR_MESSAGES.NOT_ADMIN);
    assert.deepEqual(tenantsOf(admin, 'Fabrikam'), []);
    const [syncRefusal] = await say(reader.adapter, 'sync');
    assert.match(String(syncRefusal.text), /Only MSP administrators/);
  });

  it('answers a submit with unknown ids politely and changes nothing', async () => {
    const conversation = await withOrganizations(['Fabrikam']);
    const revision = conversation.store.data.mappingRevision;
    const [unknownCustomer] = await say(conversation.adapter, {
      type: 'message',
      value: {
        action: 'map.save',
        revision,
        organizationId: organizationId(conversation, 'Fabrikam'),
        customerTenantId: 'not-a-customer',
      },
    });
    assert.match(cardText(unknownCustomer), /Nothing was changed/);
    const [unknownOrganization] = await say(conversation.adapter, {
      type: 'message',
      value: { action: 'map.save', revision, organizationId: 'nope', customerTenantId: FABRIKAM.tenantId },
    });
    assert.match(cardText(unknownOrganization), /Nothing was changed/);
    assert.deepEqual(Object.keys(conversation.store.data.mappings), []);
    assert.equal(conversation.store.data.mappingRevision, revision);
  });

  it('refuses every change whose card carries no revision or a malformed one as stale, and changes nothing', async () => {
    const conversation = await withOrganizations(['Fabrikam', 'Northwind Traders']);
    const [picker] = await say(conversation.adapter, 'map Fabrikam');
    await say(
      conversation.adapter,
      press(picker, 'Map', { ...inputValues(picker), customerTenantId: FABRIKAM.tenantId }),
    );
    const [preview] = await say(conversation.adapter, press(picker, 'Map all confident suggestions'));
    const fabrikam = organizationId(conversation, 'Fabrikam');
    const northwind = organizationId(conversation, 'Northwind Traders');
    const submits: Record<string, unknown>[] = [
      { action: 'map.save', organizationId: northwind, customerTenantId: NORTHWIND.tenantId },
      { action: 'map.remap', organizationId: fabrikam, customerTenantId: NORTHWIND.tenantId },
      { action: 'map.unmap', organizationId: fabrikam },
      actionData(preview, 'Map 1'),
      { action: 'orgs.add', name: 'Litware' },
      { action: 'orgs.rename', organizationId: fabrikam, [`name-${fabrikam}`]: 'Fabrikam Ltd' },
      { action: 'orgs.remove', organizationId: fabrikam },
    ];
    const saved = () => JSON.stringify(conversation.store.data);
    const before = saved();
    for (const submit of submits) {
      for (const revision of [undefined, 'abc', '', null, true, 1.5, [], '0x1']) {
        const value = { ...submit, revision };
        if (revision === undefined) delete value.revision;
        const [reply] = await say(conversation.adapter, { type: 'message', value });
        const label = `${String(submit.action)} with revision ${JSON.stringify(revision)}`;
        assert.match(cardText(reply), /changed since this card was shown/, label);
        assert.equal(saved(), before, label);
      }
    }
  });

  it('maps all confident suggestions after a preview, and leaves the doubtful ones', async () => {
    const conversation = await withOrganizations([
      'Muller Backerei',
      'Northwind Traders',
      'Litware Inc.',
      'Tailspin Toys',
    ]);
    const [picker] = await say(conversation.adapter, 'map');
    const [preview] = await say(conversation.adapter, press(picker, 'Map all confident suggestions'));
    const text = cardText(preview);
    assert.match(text, /Muller Backerei: → Müller Bäckerei GmbH/);
    assert.match(text, /Northwind Traders: → Northwind Traders Ltd/);
    assert.doesNotMatch(text, /Litware/, 'two customers share that name: never a confident match');
    await say(conversation.adapter, press(preview, 'Map 2'));
    assert.deepEqual(tenantsOf(conversation, 'Northwind Traders'), [NORTHWIND.tenantId]);
    assert.deepEqual(tenantsOf(conversation, 'Litware Inc.'), []);
    assert.deepEqual(tenantsOf(conversation, 'Tailspin Toys'), []);
  });

  it('lists conflicts that older data holds, with the alert users know', async () => {
    const conversation = await withOrganizations(['Fabrikam', 'Northwind']);
    const fabrikam = organizationId(conversation, 'Fabrikam');
    await conversation.store.update((data) => {
      for (const [id, tenantId] of [
        ['m1', FABRIKAM.tenantId],
        ['m2', NORTHWIND.tenantId],
      ]) {
        data.mappings[id] = {
          id,
          organizationId: fabrikam,
          customerTenantId: tenantId,
          createdAt: '',
          createdBy: '',
        };
      }
      data.mappingRevision += 1;
    });
    const [list] = await say(conversation.adapter, 'mappings conflicts');
    assert.match(cardText(list), /linked to multiple customers/);
    assert.match(cardText(list), /⚠️ \*\*Fabrikam\*\*/);
    assert.doesNotMatch(cardText(list), /Northwind\*\*/);
  });

  it('finds customers without type-ahead through the search box, past 15 customers', async () => {
    const many = [
      ...CUSTOMERS,
      ...Array.from({ length: 20 }, (_, i) =>
        customer(
          `Tailspin Toys ${i + 1}`,
          `5e6f7081-92a3-4b42-8def-0123456789${String(i).padStart(2, '0')}`,
          `tailspin${i + 1}.com`,
        ),
      ),
    ];
    const conversation = await withOrganizations(['Fabrikam'], { customers: await FakeCustomers.with(many) });
    const [picker] = await say(conversation.adapter, 'map Fabrikam');
    const [results] = await say(
      conversation.adapter,
      press(picker, 'Find customer', { ...inputValues(picker), customerQuery: 'litware' }),
    );
    assert.match(cardText(results), /Customers matching “litware”/);
    assert.equal((cardText(results).match(/\*\*Litware Inc\.\*\*/g) ?? []).length, 2);
  });

  it('answers Teams type-ahead with ranked customers, and 204 when nothing matches', async () => {
    const conversation = await withOrganizations([]);
    const search = (queryText: string) =>
      say(conversation.adapter, {
        type: 'invoke',
        name: 'application/search',
        value: { queryText, dataset: 'customers', queryOptions: { skip: 0, top: 15 } },
      });
    const [found] = await search('mull');
    const body = found.value as {
      status: number;
      body: { value: { results: { title: string; value: string }[] } };
    };
    assert.equal(body.status, 200);
    assert.equal(body.body.value.results[0].value, MULLER.tenantId);
    const [none] = await search('zzzzqqq');
    assert.equal((none.value as { status: number }).status, 204);
  });
});

describe('Organizations', () => {
  before(async () => {
    files = await HttpsFileServer.start();
  });
  after(() => files.close());

  it('adds, renames and removes organizations from cards', async () => {
    const conversation = await withOrganizations(['Contoso']);
    const [list] = await say(conversation.adapter, 'organizations');
    assert.match(cardText(list), /\*\*Contoso\*\*/);
    const id = organizationId(conversation, 'Contoso');
    const revision = conversation.store.data.mappingRevision;
    await say(conversation.adapter, {
      type: 'message',
      value: { action: 'orgs.rename', organizationId: id, revision, [`name-${id}`]: 'Contoso Ltd' },
    });
    assert.equal(conversation.store.data.organizations[id].name, 'Contoso Ltd');
    await say(conversation.adapter, {
      type: 'message',
      value: { action: 'orgs.remove', organizationId: id, revision: revision + 1 },
    });
    assert.deepEqual(Object.keys(conversation.store.data.organizations), []);
  });

  it('refuses a duplicate name with a clear message', async () => {
    const conversation = await withOrganizations(['Contoso']);
    const [refused] = await say(conversation.adapter, {
      type: 'message',
      value: { action: 'orgs.add', revision: conversation.store.data.mappingRevision, name: 'contoso' },
    });
    assert.match(cardText(refused), /Nothing was changed/);
    assert.equal(Object.keys(conversation.store.data.organizations).length, 1);
  });

  it('imports a good CSV only after its preview is applied', async () => {
    const conversation = await withOrganizations([]);
    const [preview] = await say(
      conversation.adapter,
      csvAttachment(
        'clients.csv',
        'Name,External ID,Domain\nAlpine Ski House,101,alpineskihouse.com\nBlue Yonder Airlines,102,\n',
      ),
    );
    assert.match(cardText(preview), /To add: 2/);
    assert.deepEqual(Object.keys(conversation.store.data.organizations), []);
    await say(conversation.adapter, press(preview, 'Apply'));
    assert.equal(Object.keys(conversation.store.data.organizations).length, 2);
  });

  it('shows rejected rows of a bad file with their line numbers and offers nothing to apply', async () => {
    const conversation = await withOrganizations([]);
    const [preview] = await say(
      conversation.adapter,
      csvAttachment('bad.csv', 'Name,Domain\n,contoso.com\nFoo,not a domain\n'),
    );
    assert.match(cardText(preview), /Line 2:/);
    assert.match(cardText(preview), /Line 3:/);
    assert.throws(() => press(preview, 'Apply'), /no "Apply" action/);
  });

  it('applies the good rows of a mixed file and reports the rest', async () => {
    const conversation = await withOrganizations([]);
    const [preview] = await say(
      conversation.adapter,
      csvAttachment(
        'mixed.csv',
        'Name;Domain\nAdventure Works;adventure-works.com\n;nodomain.com\nAdventure Works;adventure-works.com\n',
      ),
    );
    assert.match(cardText(preview), /To add: 1/);
    assert.match(cardText(preview), /Rejected: 2/);
    await say(conversation.adapter, press(preview, 'Apply'));
    const [again] = await say(conversation.adapter, press(preview, 'Apply'));
    assert.match(cardText(again) || String(again.text), /no longer available|already applied/);
    assert.equal(Object.keys(conversation.store.data.organizations).length, 1);
  });

  it('maps from a name,customerTenantId file after its preview, and shows a conflict instead of applying it', async () => {
    const conversation = await withOrganizations(['Muller Backerei', 'Fabrikam']);
    await say(conversation.adapter, {
      type: 'message',
      value: {
        action: 'map.save',
        organizationId: organizationId(conversation, 'Fabrikam'),
        customerTenantId: FABRIKAM.tenantId,
        revision: conversation.store.data.mappingRevision,
      },
    });
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), [FABRIKAM.tenantId]);
    const [preview] = await say(
      conversation.adapter,
      csvAttachment(
        'mappings.csv',
        `name,customerTenantId,Phone\nMuller Backerei,${MULLER.tenantId},1\nFabrikam,${NORTHWIND.tenantId},2\n`,
      ),
    );
    const shown = cardText(preview);
    assert.match(shown, /To map: 1/);
    assert.doesNotMatch(shown, /Unchanged: [1-9]/);
    assert.match(shown, /map \*\*Muller Backerei\*\* to \*\*Müller Bäckerei GmbH\*\*/);
    assert.match(shown, /Line 3: Not mapped: “Fabrikam” is already linked to Fabrikam Inc\./);
    assert.match(shown, /Phone: not a column the import knows/);
    assert.deepEqual(tenantsOf(conversation, 'Muller Backerei'), [], 'the preview changed nothing');

    const [done] = await say(conversation.adapter, press(preview, 'Apply'));
    assert.match(cardText(done), /1 mapped/);
    assert.deepEqual(tenantsOf(conversation, 'Muller Backerei'), [MULLER.tenantId]);
    assert.deepEqual(tenantsOf(conversation, 'Fabrikam'), [FABRIKAM.tenantId]);
  });

  it('refuses an import to a non-admin before anything is downloaded', async () => {
    const conversation = await testConversation({ userId: READER_ID });
    const before = files.requests;
    const [refusal] = await say(
      conversation.adapter,
      csvAttachment('clients.csv', 'Name\nAlpine Ski House\n'),
    );
    assert.match(String(refusal.text), /Only MSP administrators/);
    assert.equal(files.requests, before, 'the reader’s file was fetched');
    assert.deepEqual(Object.keys(conversation.store.data.organizations), []);
  });

  it('downloads attachments over https only: http and data links are refused and change nothing', async () => {
    const conversation = await withOrganizations([]);
    const csv = 'Name\nAlpine Ski House\n';
    const links = [
      files.add(csv).replace('https:', 'http:'),
      `data:text/csv;base64,${Buffer.from(csv).toString('base64')}`,
      'file:///etc/passwd',
    ];
    for (const link of links) {
      const [refusal] = await say(conversation.adapter, csvAttachment('clients.csv', csv, link));
      assert.match(cardText(refusal) || String(refusal.text), /secure \(https\) link/, link);
    }
    assert.deepEqual(Object.keys(conversation.store.data.organizations), []);
  });

  it('stops reading an attachment at the 5 MB limit, not after the whole file', async () => {
    const conversation = await withOrganizations([]);
    const [refusal] = await say(conversation.adapter, csvAttachment('huge.csv', '', files.endless()));
    assert.match(cardText(refusal) || String(refusal.text), /larger than 5 MB/);
    // The server would send 64 MB; the reader hangs up once past 5 MB (socket buffers add a little).
    assert.ok(files.endlessBytesSent < 16 * 1024 * 1024, `${files.endlessBytesSent} bytes were sent`);
    assert.deepEqual(Object.keys(conversation.store.data.organizations), []);
  });

  it('opens the picker and the mappings list without walking every mapping for each organization', async () => {
    const conversation = await testConversation();
    const names = Array.from({ length: 40 }, (_, i) => `Client ${i + 1}`);
    let walks = 0;
    await conversation.store.update((data) => {
      names.forEach((name, i) => {
        const id = `org-${i}`;
        data.organizations[id] = { id, name, createdAt: '', updatedAt: '' };
        if (i % 2 === 0) {
          const customerTenantId = CUSTOMERS[i % CUSTOMERS.length].tenantId;
          data.mappings[`m-${i}`] = {
            id: `m-${i}`,
            organizationId: id,
            customerTenantId,
            createdAt: '',
            createdBy: '',
          };
        }
      });
      // Counts every pass over all mappings (Object.values, for…in, Object.keys); a look-up by id is not one.
      data.mappings = new Proxy(data.mappings, {
        ownKeys: (target) => {
          walks++;
          return Reflect.ownKeys(target);
        },
      });
      data.mappingRevision += 1;
    });
    const [picker] = await say(conversation.adapter, 'map');
    await say(conversation.adapter, 'map Client 7');
    const [list] = await say(conversation.adapter, 'mappings');
    await say(conversation.adapter, press(list, 'Map'));
    await say(conversation.adapter, 'map');
    const shown = [...JSON.stringify(picker).matchAll(/"title":"(Client \d+)"/g)].map((match) => match[1]);
    assert.deepEqual(shown.slice(0, 3), ['Client 2', 'Client 4', 'Client 6'], 'unmapped organizations first');
    assert.ok(walks <= 1, `walked every mapping ${walks} times; once, to index them, is enough`);
  });

  it('starts a customer sync for an admin', async () => {
    const conversation = await testConversation();
    const [reply] = await say(conversation.adapter, 'sync');
    assert.match(String(reply.text), /Syncing/);
    assert.deepEqual(conversation.customers.syncRequests, ['conv-1']);
  });
});
