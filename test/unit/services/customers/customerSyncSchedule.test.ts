// The sync schedule: runs one after another (never overlapping), starts from the last attempt, and stops.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import sinon from 'sinon';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../../../services/customers/customerCache.js';
import { CustomerSync, type SyncResult } from '../../../../services/customers/customerSync.js';
import type { CustomerSource } from '../../../../services/customers/graphCustomerSource.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileSyncStatusStore } from '../../../../services/store/file/customerSync.js';

const CUSTOMER: CspCustomer = {
  tenantId: '00000001-1111-4222-8333-444444444444',
  displayName: 'Northwind Traders',
  defaultDomainName: 'northwind.onmicrosoft.com',
  hasContract: true,
  hasActiveGdap: true,
  relationships: [],
};

/** An in-memory source whose fetches finish only when the test lets them. */
class HeldSource implements CustomerSource {
  running = 0;
  mostAtOnce = 0;
  started = 0;
  #release: (() => void)[] = [];
  #waiters: (() => void)[] = [];

  async fetchAll(): Promise<CspCustomer[]> {
    this.started += 1;
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    this.#waiters.splice(0).forEach((wake) => wake());
    await new Promise<void>((resolve) => this.#release.push(resolve));
    this.running -= 1;
    return [CUSTOMER];
  }

  /** Resolves once a fetch is waiting to be released. */
  async fetchStarted(): Promise<void> {
    if (this.#release.length === 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    this.#release.shift()?.();
  }
}

describe('CustomerSync schedule', () => {
  let store: AppStore;
  let source: HeldSource;
  let sync: CustomerSync;
  let clock: sinon.SinonFakeTimers;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({
      now: Date.parse('2025-05-03T14:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    store = await AppStore.open(new Memory<StoreData>());
    source = new HeldSource();
    sync = new CustomerSync({
      status: new FileSyncStatusStore(store),
      cache: await CustomerCache.open(new Memory<CustomerCacheData>()),
      getAccessToken: async () => 'token',
      createSource: () => source,
    });
  });
  afterEach(() => {
    sync.stopSchedule();
    clock.restore();
  });

  it('runs at once when there was no attempt yet, then again only after the previous run ended', async () => {
    const results: SyncResult[] = [];
    let resultArrived: () => void = () => undefined;
    sync.startSchedule(1_000, (result) => {
      results.push(result);
      resultArrived();
    });
    await clock.tickAsync(0);
    for (let run = 1; run <= 3; run++) {
      await source.fetchStarted();
      // While a run is held, the interval passes many times over without starting another one.
      await clock.tickAsync(10_000);
      assert.deepEqual([source.started, source.running], [run, 1]);
      const arrived = new Promise<void>((resolve) => (resultArrived = resolve));
      source.release();
      await arrived;
      await clock.tickAsync(999);
      assert.equal(source.started, run, 'the next run waits a whole interval after this one ended');
      await clock.tickAsync(1);
    }
    assert.equal(source.mostAtOnce, 1);
    assert.ok(results.every((result) => result.ok));
    assert.equal(store.data.customerSync.customerCount, 1);
  });

  it('waits out the rest of the interval after a recent attempt', async () => {
    await store.update((data) => {
      data.customerSync = { customerCount: 0, lastAttemptAt: new Date(Date.now() - 40_000).toISOString() };
    });
    sync.startSchedule(60_000);
    await clock.tickAsync(19_999);
    assert.equal(source.started, 0);
    await clock.tickAsync(1);
    await source.fetchStarted();
    assert.equal(source.started, 1);
    source.release();
  });

  it('starts nothing more once stopped', async () => {
    sync.startSchedule(60_000);
    await clock.tickAsync(0);
    await source.fetchStarted();
    sync.stopSchedule();
    source.release();
    await clock.tickAsync(600_000);
    assert.equal(source.started, 1);
  });

  it('joins a scheduled run that an on-demand sync() finds running', async () => {
    sync.startSchedule(60_000);
    await clock.tickAsync(0);
    await source.fetchStarted();
    const onDemand = sync.sync();
    source.release();
    assert.ok((await onDemand).ok);
    assert.equal(source.started, 1);
  });
});
