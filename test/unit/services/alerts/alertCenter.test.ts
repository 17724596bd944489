// The alert check: records follow the problems found (opened, changed, resolved), and each subscriber's card is queued.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { AlertCenter, type Delivery, type DeliveryQueue } from '../../../../services/alerts/alertCenter.js';
import { fingerprintOf, type AlertKind, type Problem } from '../../../../services/alerts/alertModel.js';
import { Outbox } from '../../../../services/alerts/outbox.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { conversationRecord } from '../../../fixtures/conversationRecord.js';
import { FileAlertSubscriptions } from '../../../../services/store/file/alertSubscriptions.js';
import { FileAlertInputs } from '../../../../services/store/file/alertInputs.js';
import { FileAlertRecords } from '../../../../services/store/file/alerts.js';

const conversation = (id: string) => conversationRecord(id);

/** A problem of `kind` affecting the named organizations, as the detector would report it. */
function problem(kind: AlertKind, ...names: string[]): Problem {
  const items = names.map((name) => ({
    key: `org-${name.toLowerCase()}`,
    title: name,
    detail: 'linked to Fabrikam Inc. and Northwind Traders Ltd',
    organizationId: `org-${name.toLowerCase()}`,
  }));
  return { kind, items, fingerprint: fingerprintOf(kind, items) };
}

const waiting = (outbox: Outbox) =>
  outbox
    .pending()
    .map((entry) => `${entry.conversationId} ${entry.alertKind} ${entry.state}`)
    .sort();

/** Sends what waits, as the notifier would: claim, then record the post. */
async function deliver(outbox: Outbox, conversationId?: string): Promise<void> {
  for (const entry of [...outbox.pending()]) {
    if (conversationId && entry.conversationId !== conversationId) continue;
    assert.ok(outbox.claim(entry.id));
    await outbox.markDelivered(entry, `activity-${entry.id}`);
  }
}

/** Counts the checks watch() asks for; the debounce and the check itself are the real ones. */
class CountingCenter extends AlertCenter {
  requests = 0;
  override requestCheck(): void {
    this.requests += 1;
    super.requestCheck();
  }
}

describe('AlertCenter', () => {
  let store: AppStore;
  let outbox: Outbox;
  let problems: Problem[];
  let now: Date;
  let detectCalls: number;
  let onDetect: (() => void) | undefined;
  let queue: DeliveryQueue;
  let center: CountingCenter;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    outbox = await Outbox.open();
    problems = [];
    now = new Date('2026-11-26T10:00:00.000Z');
    detectCalls = 0;
    onDetect = undefined;
    await store.update((data) => {
      for (const id of ['ops', 'helpdesk', 'quiet']) data.conversations[id] = conversation(id);
      data.settings = { alerts: { conversationId: 'ops', label: 'Channel: Ops' } } as IntegrationSettings;
      data.alertSubscriptions.helpdesk = { on: true, changedBy: 'user-1', changedAt: '2026-11-20T00:00:00Z' };
    });
    queue = outbox;
    center = new CountingCenter({
      records: new FileAlertRecords(store),
      inputs: new FileAlertInputs(store),
      detect: () => {
        detectCalls += 1;
        onDetect?.();
        return problems;
      },
      subscriptions: new FileAlertSubscriptions(store),
      queue: { enqueue: (deliveries: readonly Delivery[]) => queue.enqueue(deliveries) },
      now: () => now,
      debounceMs: 0,
    });
  });

  it('opens a record for a new problem and queues its card for each subscribed conversation only', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    const result = await center.check();
    assert.deepEqual(result, { opened: ['mapping-conflict'], changed: [], resolved: [], queued: 2 });
    const record = store.data.alerts['mapping-conflict'];
    assert.equal(record.openedAt, '2026-11-26T10:00:00.000Z');
    assert.equal(record.fingerprint, problems[0].fingerprint);
    assert.deepEqual(
      record.items.map((item) => item.title),
      ['Fabrikam'],
    );
    assert.deepEqual(waiting(outbox), ['helpdesk mapping-conflict open', 'ops mapping-conflict open']);
    assert.deepEqual(
      center.open().map((open) => open.kind),
      ['mapping-conflict'],
    );
  });

  it('queues nothing new for the same problem once its cards went out', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    await center.check();
    await deliver(outbox);
    now = new Date('2026-11-26T11:00:00.000Z');
    const result = await center.check();
    assert.deepEqual(result, { opened: [], changed: [], resolved: [], queued: 0 });
    assert.deepEqual(waiting(outbox), []);
    assert.equal(store.data.alerts['mapping-conflict'].updatedAt, '2026-11-26T10:00:00.000Z');
  });

  it('updates a changed problem in place, keeping when it was found, and queues the new card', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    await center.check();
    await deliver(outbox);
    now = new Date('2026-11-27T09:00:00.000Z');
    problems = [problem('mapping-conflict', 'Fabrikam', 'Litware')];
    const result = await center.check();
    assert.deepEqual(result, { opened: [], changed: ['mapping-conflict'], resolved: [], queued: 2 });
    const record = store.data.alerts['mapping-conflict'];
    assert.equal(record.openedAt, '2026-11-26T10:00:00.000Z');
    assert.equal(record.updatedAt, '2026-11-27T09:00:00.000Z');
    assert.equal(record.items.length, 2);
    assert.ok(outbox.pending().every((entry) => entry.fingerprint === problems[0].fingerprint));
    assert.deepEqual(waiting(outbox), ['helpdesk mapping-conflict open', 'ops mapping-conflict open']);
  });

  it('resolves a problem that is gone, and marks it resolved only where its open card was posted', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    await center.check();
    await deliver(outbox, 'ops'); // helpdesk's card has not gone out yet
    now = new Date('2026-11-27T09:00:00.000Z');
    problems = [];
    const result = await center.check();
    assert.deepEqual(result, { opened: [], changed: [], resolved: ['mapping-conflict'], queued: 1 });
    assert.equal(store.data.alerts['mapping-conflict'].resolvedAt, '2026-11-27T09:00:00.000Z');
    assert.deepEqual(center.open(), []);
    assert.deepEqual(waiting(outbox), ['ops mapping-conflict resolved']);
  });

  it('opens the same kind anew when it comes back after being resolved', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    await center.check();
    await deliver(outbox);
    problems = [];
    now = new Date('2026-11-27T09:00:00.000Z');
    await center.check();
    await deliver(outbox);
    problems = [problem('mapping-conflict', 'Fabrikam')];
    now = new Date('2026-11-28T08:00:00.000Z');
    const result = await center.check();
    assert.deepEqual(result.opened, ['mapping-conflict']);
    const record = store.data.alerts['mapping-conflict'];
    assert.equal(record.openedAt, '2026-11-28T08:00:00.000Z');
    assert.equal(record.resolvedAt, undefined);
    assert.deepEqual(waiting(outbox), ['helpdesk mapping-conflict open', 'ops mapping-conflict open']);
  });

  it('never runs two checks at once, and runs one asked for during a check right after it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let checking = false;
    let overlapped = false;
    center = new CountingCenter({
      records: new FileAlertRecords(store),
      inputs: new FileAlertInputs(store),
      detect: () => {
        detectCalls += 1;
        if (checking) overlapped = true;
        checking = true;
        return problems;
      },
      subscriptions: new FileAlertSubscriptions(store),
      queue: {
        enqueue: async (deliveries) => {
          await released;
          checking = false;
          return outbox.enqueue(deliveries);
        },
      },
      now: () => now,
    });
    problems = [problem('mapping-conflict', 'Fabrikam')];
    const first = center.check();
    const second = center.check();
    const third = center.check();
    assert.equal(second, third, 'checks asked for during one run are one check after it');
    assert.equal(detectCalls, 1);
    // A change made while the first check runs: only the one after it can see it.
    problems = [problem('mapping-conflict', 'Fabrikam'), problem('customer-missing', 'Litware')];
    release();
    assert.deepEqual((await first).opened, ['mapping-conflict']);
    assert.deepEqual((await second).opened, ['customer-missing']);
    await center.idle();
    assert.equal(detectCalls, 2);
    assert.equal(overlapped, false);
  });

  it('watch() checks after a mapping change, not after a change only to bot state', async () => {
    const stop = center.watch();
    problems = [problem('mapping-conflict', 'Fabrikam')];
    await store.update((data) => {
      data.botState['conv-1'] = { eTag: '1', item: { dialogState: {} } };
    });
    assert.equal(center.requests, 0, 'every turn saves bot state: that alone must not start a check');
    const detected = new Promise<void>((resolve) => (onDetect = resolve));
    await store.update((data) => {
      data.mappingRevision += 1;
    });
    assert.equal(center.requests, 1);
    await detected;
    await center.idle();
    stop();
    assert.equal(detectCalls, 1);
    assert.ok(store.data.alerts['mapping-conflict']);
    assert.deepEqual(waiting(outbox), ['helpdesk mapping-conflict open', 'ops mapping-conflict open']);
  });

  it('queues again on the next check when queueing failed after the records were written', async () => {
    problems = [problem('mapping-conflict', 'Fabrikam')];
    queue = {
      enqueue: () => Promise.reject(new Error('alert outbox: disk full')),
    };
    await assert.rejects(center.check(), /disk full/);
    assert.ok(store.data.alerts['mapping-conflict'], 'the record was written before the queue failed');
    assert.deepEqual(waiting(outbox), []);
    queue = outbox;
    const result = await center.check();
    assert.deepEqual(result, { opened: [], changed: [], resolved: [], queued: 2 });
    assert.deepEqual(waiting(outbox), ['helpdesk mapping-conflict open', 'ops mapping-conflict open']);
  });
});
