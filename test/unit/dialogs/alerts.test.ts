// `alerts`, `alerts on|off` and `conflicts` in chat: who may change where alerts go, and the cards that open each fix.
import assert from 'node:assert/strict';
import { ERROR_MESSAGES } from '../../../services/errors.js';
import type { CustomerRelationship } from '../../../services/customers/cspCustomer.js';
import { CONFLICT_ALERT } from '../../../services/errors.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../services/settings/gdapRoles.js';
import type { ConversationScope } from '../../../services/store/storeData.js';
import { CUSTOMERS, FakeCustomers } from '../../fakes/fakeCustomers.js';
import {
  READER_ID,
  actionData,
  cardText,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../fakes/testConversation.js';
import { conversationRecord } from '../../fixtures/conversationRecord.js';
import { authorizedSettings } from '../services/troubleshoot/troubleshootFixtures.js';

const [MULLER, NORTHWIND, FABRIKAM] = CUSTOMERS;
// testConversation's chats all happen in this conversation.
const HERE = 'conv-1';
const OPS_CHANNEL = '19:ops@thread.tacv2';

/** Set up, with alerts going to `destination`; this conversation known to the bot as an install leaves it. */
async function setUpChat(
  destination: string,
  options: Parameters<typeof testConversation>[0] = {},
): Promise<TestConversation> {
  const conversation = await testConversation(options);
  const scope = (options.conversationType ?? 'personal') as ConversationScope;
  await conversation.store.update((data) => {
    data.settings = {
      ...authorizedSettings(),
      alerts: { conversationId: destination, label: 'Channel: Ops' },
    };
    data.conversations[HERE] = conversationRecord(HERE, scope);
  });
  return conversation;
}

/** An organization linked to these customers, written straight to the store as an import from another tool would. */
async function linked(conversation: TestConversation, name: string, ...tenantIds: string[]): Promise<string> {
  const organizationId = `org-${name.toLowerCase().replace(/\W+/g, '-')}`;
  await conversation.store.update((data) => {
    data.organizations[organizationId] = { id: organizationId, name, createdAt: '', updatedAt: '' };
    tenantIds.forEach((customerTenantId, i) => {
      const id = `${organizationId}-${i}`;
      data.mappings[id] = { id, organizationId, customerTenantId, createdAt: '', createdBy: '' };
    });
    // Every writer of mappings moves the revision on; the alert check keys its mapping index on it.
    data.mappingRevision += 1;
  });
  return organizationId;
}

describe('Alerts in chat', () => {
  it('says alerts are on in the conversation setup chose, with a button to turn them off', async () => {
    const { adapter } = await setUpChat(HERE);
    const [card] = await say(adapter, 'alerts');
    const text = cardText(card);
    assert.match(text, /Alerts in this conversation: on/);
    assert.match(text, /Setup chose this conversation for alerts/);
    assert.deepEqual(actionData(card, 'Turn off'), { action: 'alerts.set', on: false });
  });

  it('says alerts are off elsewhere, and where they go', async () => {
    const { adapter } = await setUpChat(OPS_CHANNEL);
    const [card] = await say(adapter, 'alerts');
    const text = cardText(card);
    assert.match(text, /Alerts in this conversation: off/);
    assert.match(text, /Alerts go to: Channel: Ops/);
    assert.deepEqual(actionData(card, 'Turn on'), { action: 'alerts.set', on: true });
  });

  for (const conversationType of ['channel', 'groupChat']) {
    it(`refuses “alerts on” to a non-admin in a ${conversationType}, and changes nothing`, async () => {
      const { adapter, store } = await setUpChat(OPS_CHANNEL, { userId: READER_ID, conversationType });
      const [refusal] = await say(adapter, 'alerts on');
      assert.equal(
        refusal.text,
        `${ERROR_MESSAGES.NOT_ADMIN} Ask an MSP administrator to change alerts here.`,
      );
      assert.deepEqual(Object.keys(store.data.alertSubscriptions), []);
      assert.deepEqual(store.data.audit, []);
    });
  }

  it('lets anyone turn alerts on in their own chat with the bot, once the bot can post there', async () => {
    const conversation = await testConversation({ userId: READER_ID });
    const [notYet] = await say(conversation.adapter, 'alerts on');
    assert.match(String(notYet.text), /I cannot post here on my own yet/);
    assert.deepEqual(Object.keys(conversation.store.data.alertSubscriptions), []);

    const { adapter, store } = await setUpChat(OPS_CHANNEL, { userId: READER_ID, store: conversation.store });
    const [done] = await say(adapter, 'alerts on');
    assert.match(String(done.text), /Alerts are on here/);
    assert.equal(store.data.alertSubscriptions[HERE].on, true);
    assert.equal(store.data.alertSubscriptions[HERE].changedBy, READER_ID);
    assert.equal(store.data.audit.at(-1)?.action, 'alerts.on');
  });

  it('turns alerts off and on again with the settings card’s button', async () => {
    const { adapter, store } = await setUpChat(HERE);
    const [onCard] = await say(adapter, 'alerts');
    const [off] = await say(adapter, press(onCard, 'Turn off'));
    assert.match(String(off.text), /Alerts are off here/);
    assert.equal(store.data.alertSubscriptions[HERE].on, false);

    const [offCard] = await say(adapter, 'alerts');
    assert.match(cardText(offCard), /Alerts in this conversation: off/);
    assert.match(cardText(offCard), /Turned off here on \d{4}-\d{2}-\d{2}/);
    const [on] = await say(adapter, press(offCard, 'Turn on'));
    assert.match(String(on.text), /Alerts are on here/);
    assert.equal(store.data.alertSubscriptions[HERE].on, true);
  });

  it('answers a malformed alerts button politely and changes nothing', async () => {
    const { adapter, store } = await setUpChat(HERE);
    const [reply] = await say(adapter, { type: 'message', value: { action: 'alerts.set', on: 'yes' } });
    assert.match(String(reply.text), /That button is from an older card/);
    assert.deepEqual(Object.keys(store.data.alertSubscriptions), []);
  });

  it('says so when there are no open problems', async () => {
    const { adapter } = await setUpChat(HERE);
    const [card] = await say(adapter, 'conflicts');
    assert.match(cardText(card), /No open problems/);
  });

  it('shows a conflict in the words users know, naming the buttons that fix it in one click', async () => {
    const conversation = await setUpChat(HERE);
    const { adapter, store, alerts } = conversation;
    const fabrikam = await linked(conversation, 'Fabrikam Holdings', FABRIKAM.tenantId, NORTHWIND.tenantId);

    const [alert] = await say(adapter, 'conflicts');
    const text = cardText(alert);
    assert.ok(
      text.includes(CONFLICT_ALERT),
      `“One or more organizations are linked to multiple customers…” expected in:\n${text}`,
    );
    assert.match(text, /Fabrikam Holdings/);
    assert.match(text, /linked to Fabrikam Inc\. and Northwind Traders Ltd/);
    assert.match(text, /Press \*\*Fix mapping\*\* beside an organization, then \*\*Keep this one\*\*/);
    assert.doesNotMatch(text, /Remap/, 'no button of that name is on the way to the fix');
    assert.deepEqual(actionData(alert, 'Fix mapping'), {
      action: 'map.fixConflict',
      organizationId: fabrikam,
    });

    // The fix lists the organization's customers; one press keeps the chosen one and removes the other link.
    const [fix] = await say(adapter, press(alert, 'Fix mapping'));
    const fixText = cardText(fix);
    assert.match(fixText, /Fix mapping: Fabrikam Holdings/);
    assert.match(fixText, /\*\*Fabrikam Inc\.\*\*\nfabrikam\.com · /);
    assert.match(fixText, /\*\*Northwind Traders Ltd\*\*\nnorthwindtraders\.com · /);
    const keepFabrikam = (card: typeof fix) => ({
      type: 'message',
      value: { ...actionData(card, 'Keep this one'), customerTenantId: FABRIKAM.tenantId },
    });
    assert.equal(actionData(fix, 'Keep this one').customerTenantId, FABRIKAM.tenantId);
    const revision = store.data.mappingRevision;
    const [fixed] = await say(adapter, keepFabrikam(fix));
    assert.match(cardText(fixed), /Conflict fixed/);
    assert.match(
      cardText(fixed),
      /\*\*Fabrikam Holdings\*\* is now linked only to \*\*Fabrikam Inc\.\*\*\. The link to \*\*Northwind Traders Ltd\*\* was removed\./,
    );
    const links = Object.values(store.data.mappings).filter((mapping) => mapping.organizationId === fabrikam);
    assert.deepEqual(
      links.map((mapping) => [mapping.id, mapping.customerTenantId]),
      [[`${fabrikam}-0`, FABRIKAM.tenantId]],
      'the kept link is the same mapping, not a new one',
    );
    assert.equal(store.data.mappingRevision, revision + 1, 'one write');
    assert.equal(store.data.audit.at(-1)?.action, 'mapping.keepOnly');

    // A second press of the same card is told it did nothing.
    const [again] = await say(adapter, keepFabrikam(fix));
    assert.match(cardText(again), /Already done/);
    assert.match(cardText(again), /was already linked only to \*\*Fabrikam Inc\.\*\*; nothing changed/);
    assert.equal(store.data.mappingRevision, revision + 1);

    const [none] = await say(adapter, 'conflicts');
    assert.match(cardText(none), /No open problems/);
    await alerts.check();
    assert.ok(store.data.alerts['mapping-conflict'].resolvedAt);
  });

  it('refuses a conflict card older than the mappings, changes nothing, and shows how they stand', async () => {
    const conversation = await setUpChat(HERE);
    const { adapter, store } = conversation;
    const fabrikam = await linked(conversation, 'Fabrikam Holdings', FABRIKAM.tenantId, NORTHWIND.tenantId);
    const [alert] = await say(adapter, 'conflicts');
    const [fix] = await say(adapter, press(alert, 'Fix mapping'));
    // Meanwhile someone links a third customer, from another card or an import.
    await store.update((data) => {
      data.mappings['third'] = {
        id: 'third',
        organizationId: fabrikam,
        customerTenantId: MULLER.tenantId,
        createdAt: '',
        createdBy: '',
      };
      data.mappingRevision += 1;
    });
    const before = JSON.stringify(store.data.mappings);

    const [refused] = await say(adapter, {
      type: 'message',
      value: { ...actionData(fix, 'Keep this one'), customerTenantId: FABRIKAM.tenantId },
    });
    assert.match(cardText(refused), /Nothing was changed: the mappings changed since that card was shown/);
    assert.match(cardText(refused), /linked to 3 CSP customers/);
    assert.equal(JSON.stringify(store.data.mappings), before);

    // A customer the organization is no longer linked to is refused the same way.
    const [gone] = await say(adapter, {
      type: 'message',
      value: { ...actionData(refused, 'Keep this one'), customerTenantId: CUSTOMERS[3].tenantId },
    });
    assert.match(cardText(gone), /Nothing was changed/);
    assert.equal(JSON.stringify(store.data.mappings), before);
  });

  it('answers a posted card’s Universal Actions refresh with its current state, and an older card with no change', async () => {
    const conversation = await setUpChat(HERE);
    const { adapter, store, alerts } = conversation;
    await linked(conversation, 'Fabrikam Holdings', FABRIKAM.tenantId, NORTHWIND.tenantId);
    await alerts.check();
    const openedAt = store.data.alerts['mapping-conflict'].openedAt;
    const refresh = (data: object) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'alerts.refresh', data } },
    });
    const answerTo = async (data: object) => {
      const replies = await say(adapter, refresh(data));
      const response = replies.find((reply) => reply.type === 'invokeResponse');
      assert.equal(replies.length, 1, 'a refresh posts nothing in the chat');
      return (response?.value as { body: { type: string; value: unknown } }).body;
    };

    const current = await answerTo({ action: 'alerts.refresh', kind: 'mapping-conflict', openedAt });
    assert.equal(current.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(current.value), /Fabrikam Holdings/);

    await store.update((data) => {
      for (const id of Object.keys(data.mappings)) if (id.endsWith('-1')) delete data.mappings[id];
      data.mappingRevision += 1;
    });
    await alerts.check();
    const resolved = await answerTo({ action: 'alerts.refresh', kind: 'mapping-conflict', openedAt });
    assert.match(JSON.stringify(resolved.value), /Resolved: organizations linked/);

    const older = await answerTo({
      action: 'alerts.refresh',
      kind: 'mapping-conflict',
      openedAt: '2020-01-01',
    });
    assert.equal(older.type, 'application/vnd.microsoft.activity.message');
  });

  it('status counts the open problems and the chats alerts go to', async () => {
    const conversation = await setUpChat(HERE);
    const { adapter, alerts } = conversation;
    const [before] = await say(adapter, 'status');
    assert.match(cardText(before), /None found at the last check/);
    assert.match(cardText(before), /1 chat or channel can receive alerts; 1 gets them/);

    await linked(conversation, 'Fabrikam Holdings', FABRIKAM.tenantId, NORTHWIND.tenantId);
    await alerts.check();
    const [after] = await say(adapter, 'status');
    assert.match(cardText(after), /1 kind\(s\) of problem open: type conflicts/);
  });

  it('shows a client whose delegated access ended, with a button to its consent card', async () => {
    const expired: CustomerRelationship = {
      id: 'rel-1',
      displayName: 'GDAP-Muller-2024',
      status: 'expired',
      endDateTime: '2026-10-01T00:00:00Z',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    };
    const customers = await FakeCustomers.with([
      { ...MULLER, relationships: [expired] },
      ...CUSTOMERS.slice(1),
    ]);
    const conversation = await setUpChat(HERE, { customers });
    conversation.consentFlow.relationships.set(MULLER.tenantId, [{ ...expired, autoExtendDuration: 'PT0S' }]);
    const muller = await linked(conversation, 'Müller Bäckerei', MULLER.tenantId);

    const [alert] = await say(conversation.adapter, 'conflicts');
    const text = cardText(alert);
    assert.match(text, /Delegated access ended/);
    assert.match(text, /Müller Bäckerei GmbH/);
    assert.match(text, /'GDAP-Muller-2024' is expired \(end date 2026-10-01\)/);
    assert.doesNotMatch(text, /linked to multiple customers/);
    assert.deepEqual(actionData(alert, 'Restore access'), { action: 'consent.open', organizationId: muller });

    const [client] = await say(conversation.adapter, press(alert, 'Restore access'));
    assert.match(cardText(client), /Müller Bäckerei/);
    assert.match(cardText(client), /Expired or terminated/);
  });

  it('resolves the ended-access alert as soon as the bot creates the new relationship, without a sync', async () => {
    const expired: CustomerRelationship = {
      id: 'rel-1',
      displayName: 'GDAP-Muller-2024',
      status: 'expired',
      endDateTime: '2026-10-01T00:00:00Z',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    };
    const customers = await FakeCustomers.with([
      { ...MULLER, relationships: [expired] },
      ...CUSTOMERS.slice(1),
    ]);
    const conversation = await setUpChat(HERE, { customers });
    const { adapter, store, alerts, consentFlow } = conversation;
    consentFlow.relationships.set(MULLER.tenantId, [{ ...expired }]);
    await linked(conversation, 'Müller Bäckerei', MULLER.tenantId);
    await alerts.check();
    const opened = store.data.alerts['relationship-ended'];
    assert.ok(opened && !opened.resolvedAt, 'the alert is open');

    const [alert] = await say(adapter, 'conflicts');
    const [client] = await say(adapter, press(alert, 'Restore access'));
    const [done, pending] = await say(adapter, press(client, 'Create the relationship'));
    assert.match(String(done.text), /^Done: Create the relationship/);
    assert.match(cardText(pending), /Needs approval/);

    await alerts.idle();
    const record = store.data.alerts['relationship-ended'];
    assert.ok(record.resolvedAt, 'resolved from what the bot itself changed');
    assert.equal(record.openedAt, opened.openedAt, 'the same alert, resolved rather than replaced');
    assert.deepEqual(customers.syncRequests, [], 'no sync was run');
    assert.equal(customers.cache.syncedAt, '2026-11-26T08:00:00.000Z');
    assert.equal(customers.cache.get(MULLER.tenantId)?.relationships.at(-1)?.status, 'approvalPending');
  });

  it('resolves the ended-access alert while consent all runs, from the relationships the run read', async () => {
    const expired: CustomerRelationship = {
      id: 'rel-1',
      displayName: 'GDAP-Muller-2024',
      status: 'expired',
      endDateTime: '2026-10-01T00:00:00Z',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    };
    const customers = await FakeCustomers.with([
      { ...MULLER, relationships: [expired] },
      ...CUSTOMERS.slice(1),
    ]);
    const conversation = await setUpChat(HERE, { customers });
    const { adapter, store, alerts, consentFlow } = conversation;
    consentFlow.relationships.set(MULLER.tenantId, [{ ...expired }]);
    await linked(conversation, 'Müller Bäckerei', MULLER.tenantId);
    await alerts.check();
    assert.ok(!store.data.alerts['relationship-ended'].resolvedAt, 'the alert is open');

    const [overview] = await say(adapter, 'consent');
    const [preview] = await say(adapter, press(overview, 'Consent all'));
    const [, results] = await say(adapter, press(preview, 'Run for the 1 customer'));
    assert.match(cardText(results), /Consent all: results/);

    await alerts.idle();
    assert.ok(store.data.alerts['relationship-ended'].resolvedAt, 'resolved without a sync');
    assert.deepEqual(customers.syncRequests, []);
  });

  it('still lists open problems on demand after alerts are turned off here', async () => {
    const conversation = await setUpChat(HERE);
    const { adapter, store, alerts, outbox } = conversation;
    await linked(conversation, 'Fabrikam Holdings', FABRIKAM.tenantId, NORTHWIND.tenantId);
    const [off] = await say(adapter, 'alerts off');
    assert.match(String(off.text), /Alerts are off here/);
    assert.equal(store.data.alertSubscriptions[HERE].on, false);

    const [alert] = await say(adapter, 'conflicts');
    assert.match(cardText(alert), /Organizations linked to multiple customers/);
    await alerts.check();
    assert.deepEqual(outbox.pending(), [], 'nothing is posted here on its own any more');
  });
});
