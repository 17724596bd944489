// Who gets alerts: setup's destination by default, then each conversation's own choice, only where the bot is installed.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { AlertSubscriptions } from '../../../../services/alerts/alertSubscriptions.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { conversationRecord } from '../../../fixtures/conversationRecord.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { FileAlertSubscriptions } from '../../../../services/store/file/alertSubscriptions.js';

const conversation = (id: string) => conversationRecord(id);

describe('AlertSubscriptions', () => {
  let store: AppStore;
  let subscriptions: AlertSubscriptions;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    await store.update((data) => {
      for (const id of ['ops', 'helpdesk', 'personal']) data.conversations[id] = conversation(id);
      data.settings = { alerts: { conversationId: 'ops', label: 'Channel: Ops' } } as IntegrationSettings;
    });
    subscriptions = new FileAlertSubscriptions(store, () => new Date('2026-11-26T10:00:00Z'));
  });

  it('sends alerts to the conversation chosen in setup, and nowhere else, until someone chooses', () => {
    assert.deepEqual(subscriptions.subscribers(), ['ops']);
    assert.deepEqual(subscriptions.stateOf('ops'), { on: true, source: 'setup' });
    assert.deepEqual(subscriptions.stateOf('helpdesk'), { on: false, source: 'default' });
  });

  it('a conversation’s own choice wins over setup’s, either way, and is audited', async () => {
    assert.equal(await subscriptions.set('helpdesk', true, 'user-1'), true);
    assert.equal(await subscriptions.set('ops', false, 'user-1'), true);
    assert.deepEqual(subscriptions.subscribers(), ['helpdesk']);
    assert.deepEqual(subscriptions.stateOf('ops'), {
      on: false,
      source: 'chosen',
      changedBy: 'user-1',
      changedAt: '2026-11-26T10:00:00.000Z',
    });
    assert.deepEqual(
      store.data.audit.map((entry) => entry.action),
      ['alerts.on', 'alerts.off'],
    );
  });

  it('turning on what is on changes nothing worth auditing', async () => {
    assert.equal(await subscriptions.set('ops', true, 'user-1'), false);
    assert.equal(store.data.audit.length, 0);
  });

  it('a conversation the bot was removed from gets nothing, whatever it chose', async () => {
    await subscriptions.set('helpdesk', true, 'user-1');
    await store.update((data) => {
      delete data.conversations.helpdesk;
      delete data.conversations.ops;
    });
    assert.deepEqual(subscriptions.subscribers(), []);
  });
});
