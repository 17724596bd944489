import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../services/errors.js';
import { cutOffReply } from '../../../../dialogs/consent/consentAllRun.js';
import type { ConsentRunEntry } from '../../../../services/store/storeData.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { cardText, press, say, type TestConversation } from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const [MULLER, NORTHWIND, FABRIKAM] = CUSTOMERS;
const SECOND_SHOP = 'Müller Filiale Nord';

/** The mapped chat, with a second organization mapped to Müller's customer as well (allowed). */
async function twoOrganizationsOnOneCustomer(): Promise<TestConversation> {
  const conversation = await mappedChat();
  await conversation.store.update((data) => {
    data.organizations['org-3'] = { id: 'org-3', name: SECOND_SHOP, createdAt: '', updatedAt: '' };
    data.mappings['m-3'] = {
      id: 'm-3',
      organizationId: 'org-3',
      customerTenantId: MULLER.tenantId,
      createdAt: '',
      createdBy: '',
    };
    data.mappingRevision += 1;
  });
  return conversation;
}

/** Northwind already working: relationship, assignments, consent and test in place. */
async function northwindWorking(conversation: TestConversation): Promise<void> {
  const flow = conversation.consentFlow;
  const [card] = await say(conversation.adapter, `consent ${NORTHWIND.displayName}`);
  await say(conversation.adapter, press(card, 'Create the relationship'));
  flow.approve(NORTHWIND.tenantId);
  for (const step of ['create-access-assignments', 'consent-app', 'test-access'] as const) {
    const state = await flow.readState(NORTHWIND);
    const next = flow.nextStep(state);
    if (next.kind === step) await flow.runStep(next);
  }
  assert.equal((await flow.readState(NORTHWIND)).verdict.verdict, 'working');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Consent all counts customers', () => {
  it('two organizations on one customer: one row names both, and the customer is run once', async () => {
    const conversation = await twoOrganizationsOnOneCustomer();
    const flow = conversation.consentFlow;
    flow.failing.set(MULLER.tenantId, new AppError('GDAP_THROTTLED', 'still throttled'));
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    const text = cardText(preview);
    assert.match(text, new RegExp(`^${escape(MULLER.displayName)}, ${SECOND_SHOP}: `, 'm'));
    assert.equal(text.split(MULLER.displayName).length - 1, 1, 'Müller’s customer has one row');
    assert.match(text, /3 of 3 customers need something/);

    let run: string[] = [];
    const consentAll = flow.consentAll.bind(flow);
    flow.consentAll = (customers, options) => {
      run = customers.map((customer) => customer.tenantId);
      return consentAll(customers, options);
    };
    const [, results] = await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    assert.deepEqual(run.filter((tenantId) => tenantId === MULLER.tenantId).length, 1);
    assert.match(cardText(results), new RegExp(`${escape(MULLER.displayName)}, ${SECOND_SHOP}\\*\\*: `));
  });

  it('the button, the progress, the run record and the results give one number of customers', async () => {
    const conversation = await twoOrganizationsOnOneCustomer();
    await northwindWorking(conversation);
    const flow = conversation.consentFlow;
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    assert.match(cardText(preview), /2 of 3 customers need something/);
    assert.match(cardText(preview), /\[Run for all 3 customers\]/);
    assert.match(cardText(preview), /Counted by customer/);

    let recorded: ConsentRunEntry | undefined;
    const consentAll = flow.consentAll.bind(flow);
    flow.consentAll = (customers, options) => {
      [recorded] = Object.values(conversation.store.data.consentRuns ?? {});
      return consentAll(customers, options);
    };
    const [starting, results] = await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    assert.equal(starting.text, 'Consent all: starting for 3 customers…');
    assert.equal(recorded?.total, 3, 'a cut-off notice would say “of 3 customers”');
    assert.match(
      cutOffReply({ ...recorded!, done: [NORTHWIND.tenantId] }).summary!,
      /1 of 3 customers done$/,
    );
    assert.match(
      cardText(results),
      /All 3 customers: 1 working, 2 wait for their customer, 0 wait for Microsoft, 0 failed or are blocked\./,
    );
  });

  it('Resume counts the same customers: those done before and those left make the total', async () => {
    const conversation = await twoOrganizationsOnOneCustomer();
    const run: ConsentRunEntry = {
      id: randomUUID(),
      conversationId: 'conv-1',
      reference: {
        channelId: 'msteams',
        serviceUrl: 'https://smba.example.test/',
        conversation: { id: 'conv-1' },
        bot: { id: '28:bot' },
      },
      startedBy: { aadObjectId: 'a', name: 'Alex Admin' },
      startedAt: '2026-12-03T09:12:30.000Z',
      total: 3,
      done: [FABRIKAM.tenantId.toLowerCase()],
      state: 'interrupted',
    };
    await conversation.store.update((data) => {
      data.consentRuns = { [run.id]: run };
    });
    const [starting, results] = await say(conversation.adapter, press(cutOffReply(run), 'Resume'));
    assert.match(String(starting.text), /^Consent all: resuming for 2 of 3 customers \(1 done before/);
    assert.match(cardText(results), /1 of 3 customers done before\. The other 2: /);
    assert.equal(conversation.consentFlow.relationships.get(MULLER.tenantId)?.length, 1);
  });
});
