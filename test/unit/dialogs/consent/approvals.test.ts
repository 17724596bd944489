import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { Memory } from 'lowdb';
import { AppError, ERROR_MESSAGES } from '../../../../services/errors.js';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { FakeConsentFlow } from '../../../fakes/fakeConsentFlow.js';
import { FakeCustomers, customer } from '../../../fakes/fakeCustomers.js';
import {
  READER_ID,
  actionData,
  cardText,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const DAY = 86_400_000;
// Teams refuses a bot card over about 28 KB.
const CARD_LIMIT_BYTES = 28 * 1024;
const PARTNER = '8777b240-c6f0-4469-9e98-a3205431b836';

const tenantOf = (i: number) => `${String(i).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;

/**
 * A chat with `count` mapped customers, each waiting to approve a request sent `i + 1` days ago (customer 0 the
 * newest), with long names as real tenants have them.
 */
async function waitingChat(count: number, options: { userId?: string } = {}): Promise<TestConversation> {
  const customers: CspCustomer[] = Array.from({ length: count }, (_, i) =>
    customer(
      `Customer ${String(i).padStart(3, '0')} Steuerberatung und Wirtschaftsprüfung GmbH & Co. KG`,
      tenantOf(i),
      `customer${i}.onmicrosoft.com`,
    ),
  );
  const flow = new FakeConsentFlow();
  const store = await AppStore.open(new Memory<StoreData>());
  await store.update((data) => {
    customers.forEach((c, i) => {
      data.organizations[`org-${i}`] = { id: `org-${i}`, name: c.displayName, createdAt: '', updatedAt: '' };
      data.mappings[`m-${i}`] = {
        id: `m-${i}`,
        organizationId: `org-${i}`,
        customerTenantId: c.tenantId,
        createdAt: '',
        createdBy: '',
      };
      flow.relationships.set(c.tenantId, [
        {
          id: `${tenantOf(i)}-${PARTNER}`,
          displayName: `GDAP-Customer-${i}`,
          status: 'approvalPending',
          roleIds: [...DEFAULT_GDAP_ROLE_IDS],
          createdDateTime: new Date(Date.now() - (i + 1) * DAY).toISOString(),
        },
      ]);
    });
    data.mappingRevision += 1;
  });
  return testConversation({
    store,
    consentFlow: flow,
    customers: await FakeCustomers.with(customers),
    ...options,
  });
}

const cardBytes = (activity: Partial<Activity>) =>
  Buffer.byteLength(JSON.stringify(activity.attachments?.[0]?.content));
const organizationsOn = (card: Partial<Activity>) =>
  [...cardText(card).matchAll(/^\*\*(.+?)\*\* · /gm)].map((match) => match[1]);

describe('Customers waiting for approval', () => {
  it('lists all 500 waiting customers, longest waiting first, ten to a page under Teams’ card limit', async function () {
    this.timeout(60_000);
    const conversation = await waitingChat(500);
    let [card] = await say(conversation.adapter, 'approvals');
    assert.match(cardText(card), /500 customers are waiting for approval, the longest waiting first/);
    assert.match(cardText(card), /Page 1 of 50/);
    assert.match(cardText(card), /The bot cannot email your customers/);
    const first = cardText(card);
    assert.match(first, /waiting 500 days|waiting 499 days/);
    assert.match(
      first,
      /\[Open approval link\]\(https:\/\/admin\.example\.test\/granularAdminRelationships\/00000499-/,
    );
    assert.match(
      first,
      /Hello, .* for delegated admin \(GDAP\) access to the Microsoft 365 tenant of Customer 499 .* Only a Global Administrator of Customer 499 .* can approve it/,
    );
    assert.match(first, /not reminded yet/);

    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      assert.ok(cardBytes(card) < CARD_LIMIT_BYTES, `page ${page} is ${cardBytes(card)} bytes`);
      seen.push(...organizationsOn(card));
      if (!/\[Next\]/.test(cardText(card))) break;
      [card] = await say(conversation.adapter, press(card, 'Next'));
    }
    assert.equal(seen.length, 500);
    assert.equal(new Set(seen).size, 500);
    assert.match(seen[0], /^Customer 499 /);
    assert.match(seen[499], /^Customer 000 /);
    assert.match(cardText(card), /Page 50 of 50/);
  });

  it('is offered by the consent overview when a client waits for approval, and by the consent-all results', async () => {
    const conversation = await mappedChat();
    const [overview] = await say(conversation.adapter, 'consent');
    assert.doesNotMatch(cardText(overview), /\[Approval links/, 'nobody waits yet');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    const [, results] = await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    assert.match(cardText(results), /\[Approval links \(3\)\]/);
    const [list] = await say(conversation.adapter, press(results, 'Approval links (3)'));
    assert.match(cardText(list), /3 customers are waiting for approval/);

    const [again] = await say(conversation.adapter, 'consent');
    const [fromOverview] = await say(conversation.adapter, press(again, 'Approval links'));
    assert.equal(organizationsOn(fromOverview).length, 3);
  });

  it('produces reminders for the ten waiting longest, records them, and tells a second press it did nothing', async () => {
    const conversation = await waitingChat(25);
    const [list] = await say(conversation.adapter, 'waiting');
    const [reminders] = await say(conversation.adapter, press(list, 'Remind the 10 oldest'));
    const text = cardText(reminders);
    assert.match(text, /Nothing was sent: the bot cannot email your customers/);
    assert.equal(organizationsOn(reminders).length, 10);
    assert.match(organizationsOn(reminders)[0], /^Customer 024 /);
    assert.match(
      text,
      /Hello again, .*delegated admin \(GDAP\) request.* for Customer 024 .* has been waiting for approval since 25 days ago/,
    );
    const reminded = Object.keys(conversation.store.data.approvalReminders ?? {});
    assert.equal(reminded.length, 10);

    const [twice, shownAgain] = await say(conversation.adapter, press(list, 'Remind the 10 oldest'));
    assert.match(String(twice.text), /already made at .* so nothing new was recorded/);
    assert.equal(organizationsOn(shownAgain).length, 10);
    assert.deepEqual(Object.keys(conversation.store.data.approvalReminders ?? {}), reminded);

    // The list now says who was reminded, and its button moves on to the next ten.
    const [after] = await say(conversation.adapter, 'approvals');
    assert.match(cardText(after), /reminded today/);
    const next = actionData(after, 'Remind the 10 oldest').relationshipIds as string[];
    assert.equal(next.length, 10);
    assert.ok(next.every((id) => !reminded.includes(id.toLowerCase())));
  });

  it('reminds nobody from a submit that names no customer, or names them other than as its button does', async () => {
    const conversation = await waitingChat(25);
    const [list] = await say(conversation.adapter, 'approvals');
    const drawn = actionData(list, 'Remind the 10 oldest');
    for (const relationshipIds of [undefined, 42, 'x', [], [7], [''], ['x'.repeat(300)]]) {
      const [answer] = await say(conversation.adapter, {
        type: 'message',
        value: { ...drawn, relationshipIds },
      } as Partial<Activity>);
      assert.match(
        String(answer.text),
        /not one this bot drew, so nothing was recorded/,
        JSON.stringify(relationshipIds),
      );
    }
    // A well-formed id that no customer waits under: nobody waiting by it, nothing recorded.
    const [none] = await say(conversation.adapter, {
      type: 'message',
      value: { ...drawn, relationshipIds: ['not-a-guid-at-all'] },
    } as Partial<Activity>);
    assert.match(String(none.text), /None of those customers is waiting for approval any more/);
    assert.equal(conversation.store.data.approvalReminders, undefined);
  });

  it('lets a reader see the list but not record reminders', async () => {
    const conversation = await waitingChat(3, { userId: READER_ID });
    const [list] = await say(conversation.adapter, 'approvals');
    assert.equal(organizationsOn(list).length, 3);
    const [refused] = await say(conversation.adapter, press(list, 'Remind the 3 oldest'));
    assert.equal(refused.text, ERROR_MESSAGES.NOT_ADMIN);
    assert.equal(conversation.store.data.approvalReminders, undefined);
  });

  it('names the customers it could not read instead of leaving them out silently', async () => {
    const conversation = await waitingChat(4);
    const flow = conversation.consentFlow;
    const previewAll = flow.previewAll.bind(flow);
    flow.previewAll = async (customers) => {
      const [first, ...rest] = await previewAll(customers);
      return [{ customer: first.customer, error: new AppError('GDAP_UNAVAILABLE', 'test') }, ...rest];
    };
    const [list] = await say(conversation.adapter, 'approvals');
    assert.match(cardText(list), /3 customers are waiting for approval/);
    assert.match(cardText(list), /1 customer could not be read just now and is not listed/);
  });

  it('says plainly when nobody is waiting', async () => {
    const conversation = await mappedChat();
    const [list] = await say(conversation.adapter, 'approvals');
    assert.match(cardText(list), /No customer is waiting for approval now/);
    assert.doesNotMatch(cardText(list), /\[CSV\]|\[Remind/);
  });
});
