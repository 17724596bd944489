// Tests step 2's defaults: this chat for alerts even without an install event, and the sandbox's partner tenant.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { FakeAuth, PARTNER_DOMAIN } from '../../../fakes/fakeAuth.js';
import { cardText, inputValues, press, say, testConversation } from '../../../fakes/testConversation.js';

/** The values the "Where should alerts go?" drop-down offers. */
function alertChoices(card: Partial<Activity>): string[] {
  const body = (card.attachments![0].content as { body: { id?: string; choices?: { value: string }[] }[] })
    .body;
  return (body.find((element) => element.id === 'alertConversation')?.choices ?? []).map(
    (choice) => choice.value,
  );
}

describe('Setup wizard, step 2 defaults', () => {
  it('offers a chat without an install event for alerts, accepts it, and remembers the chat for proactive messages', async () => {
    const { adapter, store } = await testConversation();
    const here = adapter.template.conversation!.id;
    assert.deepEqual(Object.keys(store.data.conversations), [], 'no install event came');

    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.equal(inputValues(configuration).alertConversation, here, 'this chat is pre-selected');
    assert.ok(
      alertChoices(configuration).includes(here),
      `this chat is among the choices: ${alertChoices(configuration).join(', ')}`,
    );

    const [next] = await say(
      adapter,
      press(configuration, 'Next', { ...inputValues(configuration), partnerTenant: PARTNER_DOMAIN }),
    );
    assert.doesNotMatch(cardText(next), /Choose one of the chats or channels I am in/);
    assert.match(cardText(next), /Step 3 of 5/);
    const record = store.data.conversations[here];
    assert.ok(record, 'the chat is remembered');
    assert.equal(record.reference.conversation.id, here);
    assert.ok(record.reference.serviceUrl, 'with a reference the bot can post through');
  });

  it('keeps what an install event saved about the chat', async () => {
    const { adapter, store } = await testConversation();
    const here = adapter.template.conversation!.id;
    await say(adapter, { type: 'installationUpdate', action: 'add' } as Partial<Activity>);
    const installed = structuredClone(store.data.conversations[here]);

    const [integrations] = await say(adapter, 'setup');
    await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.deepEqual(store.data.conversations[here], installed);
  });

  it('pre-fills the partner tenant only when told one, as in sandbox mode', async () => {
    const auth = new FakeAuth();
    auth.partnerTenantHint = PARTNER_DOMAIN;
    const hinted = await testConversation({ auth });
    const [integrations] = await say(hinted.adapter, 'setup');
    const [configuration] = await say(hinted.adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.equal(inputValues(configuration).partnerTenant, PARTNER_DOMAIN);
    const [permissions] = await say(hinted.adapter, press(configuration, 'Next', inputValues(configuration)));
    assert.match(cardText(permissions), /Step 3 of 5/, 'the pre-filled domain is accepted as it is');

    const plain = await testConversation();
    const [first] = await say(plain.adapter, 'setup');
    const [empty] = await say(plain.adapter, press(first, 'Next', { integrations: 'csp' }));
    assert.equal(inputValues(empty).partnerTenant, '');
  });
});
