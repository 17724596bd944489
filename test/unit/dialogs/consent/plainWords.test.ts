// The consent cards in plain words: statuses, dates and durations as people say them, one verdict per state.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cutOffReply } from '../../../../dialogs/consent/consentAllRun.js';
import type { GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import {
  cardText,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const [MULLER] = CUSTOMERS;

function relationship(status: string, extra: Partial<GdapRelationship> = {}): GdapRelationship {
  return {
    id: randomUUID(),
    displayName: 'GDAP-Contoso',
    status,
    roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    endDateTime: '2026-11-30T10:00:00Z',
    autoExtendDuration: 'P180D',
    ...extra,
  };
}

async function mullerCard(conversation: TestConversation, ...relationships: GdapRelationship[]) {
  conversation.consentFlow.relationships.set(MULLER.tenantId, relationships);
  const [card] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
  return cardText(card);
}

/** A chat with only Müller's customer mapped. */
async function oneCustomerChat(): Promise<TestConversation> {
  const conversation = await testConversation();
  await conversation.store.update((data) => {
    data.organizations['org-0'] = { id: 'org-0', name: MULLER.displayName, createdAt: '', updatedAt: '' };
    data.mappings['m-0'] = {
      id: 'm-0',
      organizationId: 'org-0',
      customerTenantId: MULLER.tenantId,
      createdAt: '',
      createdBy: '',
    };
    data.mappingRevision += 1;
  });
  return conversation;
}

describe('Consent cards in plain words', () => {
  it('an expired relationship expired on its end date', async () => {
    const text = await mullerCard(await mappedChat(), relationship('expired'));
    assert.match(text, /Relationship: GDAP-Contoso \(expired on 2026-11-30\)/);
    assert.doesNotMatch(text, /until/);
  });

  it('an active one is active until its end, and says how long it auto-extends', async () => {
    const text = await mullerCard(
      await mappedChat(),
      relationship('active', { endDateTime: '2028-07-25T00:00:00Z' }),
    );
    assert.match(text, /\(active until 2028-07-25, auto-extends by 6 months\)/);
  });

  it('a relationship being ended reads so, not "terminationRequested"', async () => {
    const text = await mullerCard(await mappedChat(), relationship('terminationRequested'));
    assert.match(text, /is being ended on request,/);
    assert.doesNotMatch(text, /terminationRequested/);
  });

  it('a new relationship is described in years and months, not P730D', async () => {
    const text = await mullerCard(await mappedChat());
    assert.match(text, /with 13 roles for 2 years \(auto-extends by 6 months\)/);
    assert.doesNotMatch(text, /P730D|P180D/);
  });

  it('no consent yet: the verdict and the consent line say the same thing', async () => {
    const conversation = await mappedChat();
    const active = relationship('active', { endDateTime: '2028-07-25T00:00:00Z' });
    conversation.consentFlow.assignments.set(active.id, [
      { id: 'a', status: 'active', groupId: 'g', roleIds: [...active.roleIds] },
    ]);
    const text = await mullerCard(conversation, active);
    assert.match(text, /Needs consent/);
    assert.match(text, /has not been consented in the customer tenant yet/);
    assert.match(text, /App consent: not given yet/);
    assert.doesNotMatch(text, /not known/);
  });

  it('after the consent the verdict names the access test, not the consent', async () => {
    const conversation = await mappedChat();
    const active = relationship('active', { endDateTime: '2028-07-25T00:00:00Z' });
    conversation.consentFlow.assignments.set(active.id, [
      { id: 'a', status: 'active', groupId: 'g', roleIds: [...active.roleIds] },
    ]);
    conversation.consentFlow.consents.add(MULLER.tenantId);
    const text = await mullerCard(conversation, active);
    assert.match(text, /Needs access test/);
    assert.doesNotMatch(text, /Needs consent/);
    assert.match(text, /App consent: given/);
    assert.match(text, /\[Test access\]/);
  });

  it('the access-assignment step names its groups once on the card of one client', async () => {
    const text = await mullerCard(
      await mappedChat(),
      relationship('active', { endDateTime: '2028-07-25T00:00:00Z' }),
    );
    assert.match(text, /Assign 13 roles to your security groups/);
    assert.equal(text.split('GDAP - User Administrator').length - 1, 1);
  });

  it('the consent-all preview names the groups once, not on every row', async () => {
    const conversation = await mappedChat();
    for (const customer of CUSTOMERS.slice(0, 3)) {
      conversation.consentFlow.relationships.set(customer.tenantId, [
        relationship('active', { endDateTime: '2028-07-25T00:00:00Z' }),
      ]);
    }
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    const text = cardText(preview);
    assert.equal(text.match(/Assign 13 roles to your security groups/g)?.length, 3);
    assert.equal(text.split('GDAP - User Administrator').length - 1, 1, text);
    assert.match(text, /Access assignments go to these security groups: GDAP - /);
  });

  it('with one customer, consent all speaks of one customer', async () => {
    const conversation = await oneCustomerChat();
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    assert.match(cardText(preview), /1 of 1 customer needs something\. This is what comes next for it:/);
    assert.match(cardText(preview), /\[Run for the 1 customer\]/);
    const [starting, results] = await say(conversation.adapter, press(preview, 'Run for the 1 customer'));
    assert.match(String(starting.text), /starting for 1 customer…/);
    assert.match(cardText(results), /The 1 customer: 0 working, 1 waits for their customer/);
    assert.doesNotMatch(cardText(results), /All 1 customers/);
  });

  it('a cut-off run of one customer speaks of one customer', () => {
    const notice = cutOffReply({
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
      total: 1,
      done: [],
      state: 'interrupted',
    });
    assert.equal(notice.summary, 'Consent all was cut off: 0 of 1 customer done');
    assert.match(cardText(notice), /0 of 1 customer done\./);
    assert.match(cardText(notice), /Resume takes the other 1 customer as far as/);
  });
});
