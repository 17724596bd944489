import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ERROR_MESSAGES } from '../../../services/errors.js';
import {
  ADMIN_ID,
  OTHER_TENANT,
  READER_ID,
  cardText,
  testConversation,
} from '../../fakes/testConversation.js';

const expectCard = (pattern: RegExp) => (activity: Partial<Activity>) => {
  assert.match(cardText(activity), pattern);
};

describe('Main dialog', () => {
  it('answers help with the command list and a Status button', async () => {
    const { adapter } = await testConversation();
    await adapter
      .send('help')
      .assertReply((activity) => {
        const text = cardText(activity);
        assert.match(text, /CSP Integration Bot/);
        assert.match(text, /\*\*status\*\*/);
        assert.match(text, /\[Status\]/);
        assert.match(text, /You are an MSP administrator/);
      })
      .startTest();
  });

  it('answers status with what is set up and who the user is', async () => {
    const { adapter } = await testConversation({ userId: READER_ID });
    await adapter
      .send('status')
      .assertReply((activity) => {
        const text = cardText(activity);
        assert.match(text, /Microsoft CSP integration/);
        assert.match(text, /Not set up yet/);
      })
      .startTest();
  });

  it('runs the command a card button carries', async () => {
    const { adapter } = await testConversation();
    await adapter
      .send({ type: 'message', value: { action: 'runCommand', command: 'status' } } as Partial<Activity>)
      .assertReply(expectCard(/Microsoft CSP integration/))
      .startTest();
  });

  it('treats a malformed card submit as unknown and shows help, changing nothing', async () => {
    const { adapter, store } = await testConversation();
    await adapter
      .send({ type: 'message', value: { action: 'runCommand', command: 'drop tables' } } as Partial<Activity>)
      .assertReply(expectCard(/I don't know/))
      .startTest();
    assert.deepEqual(Object.keys(store.data.conversations), []);
  });

  it('suggests the closest command for a typo', async () => {
    const { adapter } = await testConversation();
    await adapter
      .send('stauts')
      .assertReply(expectCard(/Did you mean \*\*status\*\*\?/))
      .startTest();
  });

  it('understands commands regardless of case and punctuation', async () => {
    const { adapter } = await testConversation();
    await adapter
      .send('  HELP! ')
      .assertReply(expectCard(/What I can do|Type a command/))
      .startTest();
  });

  it('tells a non-admin they can look but not change', async () => {
    const { adapter } = await testConversation({ userId: READER_ID });
    await adapter
      .send('help')
      .assertReply(expectCard(/an MSP administrator can make changes/))
      .startTest();
  });

  it('refuses a user from another tenant politely and saves nothing', async () => {
    const { adapter, store } = await testConversation({ tenantId: OTHER_TENANT, userId: ADMIN_ID });
    await adapter.send('help').assertReply(ERROR_MESSAGES.FOREIGN_TENANT).startTest();
    assert.deepEqual(Object.keys(store.data.botState), []);
  });

  it('welcomes once on install and remembers the conversation', async () => {
    const { adapter, store } = await testConversation();
    const install = { type: 'installationUpdate', action: 'add' } as Partial<Activity>;
    await adapter
      .send(install)
      .assertReply(expectCard(/Welcome to CSP Integration Bot/))
      .startTest();
    assert.ok(store.data.conversations['conv-1']);
    // Teams also sends membersAdded for the same install: no second welcome.
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] } as Partial<Activity>)
      .startTest();
    assert.equal(adapter.activeQueue.length, 0);
  });

  it('forgets the conversation on uninstall', async () => {
    const { adapter, store } = await testConversation();
    await adapter.send({ type: 'installationUpdate', action: 'add' } as Partial<Activity>).startTest();
    await adapter.send({ type: 'installationUpdate', action: 'remove' } as Partial<Activity>).startTest();
    assert.deepEqual(Object.keys(store.data.conversations), []);
  });
});
