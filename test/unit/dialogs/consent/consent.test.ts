import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError, ERROR_MESSAGES } from '../../../../services/errors.js';
import type { GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { FakeConsentFlow } from '../../../fakes/fakeConsentFlow.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { READER_ID, actionData, cardText, press, say } from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const DAY = 86_400_000;

function relationship(status: string, extra: Partial<GdapRelationship> = {}): GdapRelationship {
  return {
    id: randomUUID(),
    displayName: `GDAP-${status}`,
    status,
    roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    endDateTime: new Date(Date.now() + 600 * DAY).toISOString(),
    autoExtendDuration: 'P180D',
    ...extra,
  };
}

const [MULLER, NORTHWIND, FABRIKAM] = CUSTOMERS;

describe('Delegated access', () => {
  describe('a client’s card says where it stands', () => {
    const cases: [
      string,
      (flow: FakeConsentFlow, relationshipOf: (r: GdapRelationship) => void) => void,
      RegExp,
    ][] = [
      ['no relationship', () => undefined, /No relationship/],
      ['waiting for the customer', (_f, add) => add(relationship('approvalPending')), /Needs approval/],
      ['active without assignments', (_f, add) => add(relationship('active')), /Needs access assignment/],
      [
        'assigned but not consented',
        (flow, add) => {
          const r = relationship('active');
          add(r);
          flow.assignments.set(r.id, [{ id: 'a', status: 'active', groupId: 'g', roleIds: [...r.roleIds] }]);
        },
        /Needs consent/,
      ],
      [
        'everything in place',
        (flow, add) => {
          const r = relationship('active');
          add(r);
          flow.assignments.set(r.id, [{ id: 'a', status: 'active', groupId: 'g', roleIds: [...r.roleIds] }]);
          flow.consents.add(MULLER.tenantId);
          flow.tested.add(MULLER.tenantId);
        },
        /Working/,
      ],
      [
        'ending in ten days without auto-extend',
        (flow, add) => {
          const r = relationship('active', {
            endDateTime: new Date(Date.now() + 10 * DAY).toISOString(),
            autoExtendDuration: 'PT0S',
          });
          add(r);
          flow.assignments.set(r.id, [{ id: 'a', status: 'active', groupId: 'g', roleIds: [...r.roleIds] }]);
          flow.consents.add(MULLER.tenantId);
        },
        /Expiring soon/,
      ],
      ['only an expired relationship', (_f, add) => add(relationship('expired')), /Expired or terminated/],
      [
        'roles missing',
        (_f, add) => add(relationship('active', { roleIds: DEFAULT_GDAP_ROLE_IDS.slice(0, 5) })),
        /Missing roles/,
      ],
    ];
    for (const [situation, arrange, verdict] of cases) {
      it(`when ${situation}`, async () => {
        const conversation = await mappedChat();
        arrange(conversation.consentFlow, (r) =>
          conversation.consentFlow.relationships.set(MULLER.tenantId, [
            ...(conversation.consentFlow.relationships.get(MULLER.tenantId) ?? []),
            r,
          ]),
        );
        const [card] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
        assert.match(cardText(card), verdict);
      });
    }
  });

  it('takes a client from no relationship to working, one shown step at a time', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    let [card] = await say(conversation.adapter, `consent ${NORTHWIND.displayName}`);
    assert.match(cardText(card), /No relationship/);
    let replies = await say(conversation.adapter, press(card, 'Create the relationship'));
    assert.match(String(replies[0].text), /^Done: /);
    card = replies[1];
    assert.match(cardText(card), /Needs approval/);
    assert.match(cardText(card), /Only a Global Administrator of .+ can approve this request/);
    flow.approve(NORTHWIND.tenantId);
    [card] = await say(conversation.adapter, press(card, 'Refresh'));
    assert.match(cardText(card), /Needs access assignment/);
    replies = await say(conversation.adapter, press(card, 'Create access assignments'));
    assert.match(cardText(replies[1]), /Needs consent/);
    replies = await say(conversation.adapter, press(replies[1], 'Consent the app'));
    card = replies[1];
    if (/\[Test access\]/.test(cardText(card)))
      card = (await say(conversation.adapter, press(card, 'Test access')))[1];
    assert.match(cardText(card), /Working/);
    assert.equal(flow.relationships.get(NORTHWIND.tenantId)?.length, 1);
  });

  it('runs a step once when its button is pressed twice', async () => {
    const conversation = await mappedChat();
    const [card] = await say(conversation.adapter, `consent ${FABRIKAM.displayName}`);
    await say(conversation.adapter, press(card, 'Create the relationship'));
    const [again] = await say(conversation.adapter, press(card, 'Create the relationship'));
    assert.match(
      String(again.text),
      /^That was already done: “Create the relationship” is no longer the next step, so nothing was run/,
    );
    assert.equal(conversation.consentFlow.relationships.get(FABRIKAM.tenantId)?.length, 1);
  });

  it('runs no step from a card whose state key is missing or not the one it showed', async () => {
    const conversation = await mappedChat();
    const [card] = await say(conversation.adapter, `consent ${FABRIKAM.displayName}`);
    const data = actionData(card, 'Create the relationship');
    for (const stateKey of [undefined, 'abc', '', 42, null]) {
      const value = { ...data, stateKey };
      if (stateKey === undefined) delete value.stateKey;
      const [reply] = await say(conversation.adapter, { type: 'message', value });
      assert.match(
        String(reply.text),
        /^That step is no longer the next step, so nothing was run/,
        String(stateKey),
      );
    }
    assert.deepEqual(conversation.consentFlow.ran, []);
    assert.equal(conversation.consentFlow.relationships.get(FABRIKAM.tenantId), undefined);
  });

  it('explains a Graph error in plain words and changes nothing', async () => {
    const conversation = await mappedChat();
    conversation.consentFlow.failing.set(
      MULLER.tenantId,
      new AppError('GDAP_PERMISSION_DENIED', 'forbidden'),
    );
    const [card] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
    const [error] = await say(conversation.adapter, press(card, 'Create the relationship'));
    assert.match(
      cardText(error),
      new RegExp(ERROR_MESSAGES.GDAP_PERMISSION_DENIED.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    assert.equal(conversation.consentFlow.relationships.get(MULLER.tenantId), undefined);
  });

  it('lets a non-admin look at a client but not run a step', async () => {
    const conversation = await mappedChat({ userId: READER_ID });
    const [card] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
    const [refusal] = await say(conversation.adapter, press(card, 'Create the relationship'));
    assert.equal(refusal.text, ERROR_MESSAGES.NOT_ADMIN);
    assert.deepEqual(conversation.consentFlow.ran, []);
  });

  it('shows every mapped client by verdict, attention first', async () => {
    const conversation = await mappedChat();
    conversation.consentFlow.relationships.set(NORTHWIND.tenantId, [relationship('approvalPending')]);
    const [overview] = await say(conversation.adapter, 'consent');
    const text = cardText(overview);
    assert.match(text, /3 mapped clients: 0 working, 3 need something/);
    assert.match(text, /No relationship: 2/);
    assert.match(text, /Needs approval: 1/);
    assert.ok(text.indexOf('No relationship ·') < text.indexOf('Needs approval ·'));
  });

  it('pages and filters the overview from the verdicts it just read; typing consent reads them again', async () => {
    const conversation = await mappedChat();
    const reads: string[] = [];
    const readState = conversation.consentFlow.readState.bind(conversation.consentFlow);
    conversation.consentFlow.readState = async (customer) => {
      reads.push(customer.tenantId);
      return readState(customer);
    };
    const [overview] = await say(conversation.adapter, 'consent');
    assert.equal(reads.length, 3);

    const [filtered] = await say(
      conversation.adapter,
      press(overview, 'Apply filter', { verdict: 'attention' }),
    );
    assert.match(cardText(filtered), /3 mapped clients/);
    assert.equal(reads.length, 3, 'the filter reused what the overview read');

    // A client that changed through its own card shows its new verdict at once, without reading the others.
    conversation.consentFlow.relationships.set(NORTHWIND.tenantId, [relationship('approvalPending')]);
    await say(conversation.adapter, {
      type: 'message',
      value: { action: 'consent.open', organizationId: 'org-1' },
    });
    const [again] = await say(conversation.adapter, press(filtered, 'Apply filter', { verdict: 'all' }));
    assert.match(cardText(again), /Needs approval: 1/);
    assert.equal(reads.length, 4);

    await say(conversation.adapter, 'consent');
    assert.equal(reads.length, 7, 'typed, the overview reads every client afresh');
  });

  it('consents all after a preview, reports failures without stopping, and a second run finishes the job', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    flow.failing.set(FABRIKAM.tenantId, new AppError('GDAP_THROTTLED', 'still throttled'));
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    assert.match(cardText(preview), /3 of 3 customers need something/);
    let replies = await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    assert.match(String(replies[0].text), /Consent all: starting for 3 customers/);
    assert.match(cardText(replies[1]), /1 failed or is blocked/);
    assert.match(cardText(replies[1]), new RegExp(FABRIKAM.displayName.replace('.', '\\.')));
    assert.equal(flow.relationships.get(MULLER.tenantId)?.length, 1, 'the others went on');
    flow.failing.delete(FABRIKAM.tenantId);
    for (const customer of [MULLER, NORTHWIND]) flow.approve(customer.tenantId);
    const [again] = await say(conversation.adapter, press(replies[1], 'Run again'));
    replies = await say(conversation.adapter, press(again, 'Run for all 3 customers'));
    assert.match(cardText(replies[1]), /0 failed or are blocked/);
    for (const customer of [MULLER, NORTHWIND, FABRIKAM])
      assert.equal(flow.relationships.get(customer.tenantId)?.length, 1);
  });
});
