// The alerts use cases over the real store: what a conversation's setting is, who may turn alerts on, and what is open.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { AlertCases } from '../../../../services/alerts/alertCases.js';
import { AlertCenter } from '../../../../services/alerts/alertCenter.js';
import { fingerprintOf, type Problem } from '../../../../services/alerts/alertModel.js';
import { Outbox } from '../../../../services/alerts/outbox.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { AppStore } from '../../../../services/store/appStore.js';
import { FileAlertInputs } from '../../../../services/store/file/alertInputs.js';
import { FileAlertRecords } from '../../../../services/store/file/alerts.js';
import { FileAlertSubscriptions } from '../../../../services/store/file/alertSubscriptions.js';
import { FileConversationStore } from '../../../../services/store/file/conversations.js';
import { FileSettingsStore } from '../../../../services/store/file/settings.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { conversationRecord } from '../../../fixtures/conversationRecord.js';

const CONFLICT: Problem = (() => {
  const items = [
    { key: 'org-fabrikam', title: 'Fabrikam', detail: 'linked twice', organizationId: 'org-fabrikam' },
  ];
  return { kind: 'mapping-conflict', items, fingerprint: fingerprintOf('mapping-conflict', items) };
})();

describe('AlertCases', () => {
  let store: AppStore;
  let outbox: Outbox;
  let center: AlertCenter;
  let problems: Problem[];
  let cases: AlertCases;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    outbox = await Outbox.open();
    problems = [];
    await store.update((data) => {
      for (const id of ['ops', 'helpdesk']) data.conversations[id] = conversationRecord(id);
      data.settings = { alerts: { conversationId: 'ops', label: 'Channel: Ops' } } as IntegrationSettings;
    });
    const subscriptions = new FileAlertSubscriptions(store, () => new Date('2026-11-26T10:00:00Z'));
    center = new AlertCenter({
      records: new FileAlertRecords(store),
      inputs: new FileAlertInputs(store),
      detect: () => problems,
      subscriptions,
      queue: outbox,
      debounceMs: 0,
    });
    const settings = new FileSettingsStore(store);
    cases = new AlertCases({
      center,
      subscriptions,
      conversations: new FileConversationStore(store),
      settings: () => settings.get(),
    });
  });

  afterEach(() => center.stopSchedule());

  it('reports setup’s destination as on, another known chat as off, and where alerts go', () => {
    assert.deepEqual(cases.settingsOf({ conversationId: 'ops' }), {
      state: { on: true, source: 'setup' },
      reachable: true,
      destination: 'Channel: Ops',
    });
    assert.deepEqual(cases.settingsOf({ conversationId: 'helpdesk' }).state, {
      on: false,
      source: 'default',
    });
  });

  it('knows no destination before setup, and a chat it has no reference for as unreachable', async () => {
    await store.update((data) => {
      delete data.settings;
    });
    const view = cases.settingsOf({ conversationId: 'lost-install' });
    assert.equal(view.destination, undefined);
    assert.equal(view.reachable, false);
  });

  it('refuses to turn alerts on where the bot cannot post, and saves nothing', async () => {
    const outcome = await cases.set({ conversationId: 'lost-install', on: true, by: 'user-1' });
    assert.deepEqual(outcome, { kind: 'refused', reason: 'unreachable' });
    assert.deepEqual(Object.keys(store.data.alertSubscriptions), []);
    assert.deepEqual(store.data.audit, []);
  });

  it('lets a chat it cannot post to turn alerts off', async () => {
    const outcome = await cases.set({ conversationId: 'lost-install', on: false, by: 'user-1' });
    assert.deepEqual(outcome, { kind: 'unchanged', on: false, reachable: false });
    assert.equal(store.data.alertSubscriptions['lost-install']?.on, false);
  });

  it('says whether turning alerts on changed anything', async () => {
    assert.deepEqual(await cases.set({ conversationId: 'helpdesk', on: true, by: 'user-1' }), {
      kind: 'changed',
      on: true,
      reachable: true,
    });
    assert.deepEqual(await cases.set({ conversationId: 'helpdesk', on: true, by: 'user-1' }), {
      kind: 'unchanged',
      on: true,
      reachable: true,
    });
    assert.equal(cases.settingsOf({ conversationId: 'helpdesk' }).state.source, 'chosen');
  });

  it('sends a chat that turns alerts on the problems open now, without waiting for the next change', async () => {
    problems = [CONFLICT];
    await center.check();
    assert.deepEqual(
      outbox.pending().map((entry) => entry.conversationId),
      ['ops'],
    );
    await cases.set({ conversationId: 'helpdesk', on: true, by: 'user-1' });
    await center.idle();
    assert.deepEqual(
      outbox
        .pending()
        .map((entry) => entry.conversationId)
        .sort(),
      ['helpdesk', 'ops'],
    );
  });

  it('checks before answering what is open, so a problem not yet checked is in the answer', async () => {
    assert.deepEqual(center.open(), []);
    problems = [CONFLICT];
    const open = await cases.openProblems();
    assert.deepEqual(
      open.map((record) => record.kind),
      ['mapping-conflict'],
    );
    problems = [];
    assert.deepEqual(await cases.openProblems(), []);
  });
});
