// Tests step 2's alert destination when the bot never heard of the chat it runs in (a lost install event).
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { PARTNER_DOMAIN } from '../../../fakes/fakeAuth.js';
import { cardText, inputValues, press, say, testConversation } from '../../../fakes/testConversation.js';

/** The values the "Where should alerts go?" drop-down offers. */
function alertChoices(card: Partial<Activity>): string[] {
  const body = (card.attachments![0].content as { body: { id?: string; choices?: { value: string }[] }[] })
    .body;
  return (body.find((element) => element.id === 'alertConversation')?.choices ?? []).map(
    (choice) => choice.value,
  );
}

describe('Setup wizard, step 2 in a chat without an install event', () => {
  it('offers this chat for alerts, accepts it, and remembers the chat for proactive messages', async () => {
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
});
