// Customer sync against the sandbox: every page through throttling, the join, all or nothing, joined syncs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CustomerCache } from '../../../../services/customers/customerCache.js';
import { syncProgressText, type SyncProgress } from '../../../../services/customers/customerSync.js';
import { expectedCustomers, startSyncHarness, type SyncHarness } from './customerSyncHarness.js';

const CUSTOMERS = 3_000;
const PAGE_SIZE = 100;

describe('CustomerSync against the sandbox', function () {
  this.timeout(15_000);
  let harness: SyncHarness;
  let fileNumber = 0;
  const freshCache = () => CustomerCache.openFile(join(harness.dir, `customers-${++fileNumber}.json`));
  const requestsSince = (from: number) => harness.sandbox.requests.slice(from);

  before(async () => {
    harness = await startSyncHarness({ customers: CUSTOMERS, pageSize: PAGE_SIZE });
  });
  after(() => harness.close());
  afterEach(() => harness.sandbox.faults.clear());

  it('reads every page of the three lists through 429s and 503s and joins them', async () => {
    const { sandbox } = harness;
    sandbox.faults.add({ pathPattern: /\/contracts$/, status: 429, times: 1, retryAfterSeconds: 1 });
    sandbox.faults.add({
      pathPattern: /delegatedAdminCustomers$/,
      status: 503,
      times: 1,
      retryAfterSeconds: 1,
    });
    sandbox.faults.add({ pathPattern: /delegatedAdminRelationships$/, status: 503, times: 2 });
    const cache = await freshCache();
    const progress: SyncProgress[] = [];
    const from = sandbox.requests.length;

    const result = await harness.newSync(cache).sync({ onProgress: (p) => progress.push(p) });

    const expected = expectedCustomers(harness.seed);
    assert.deepEqual(result.ok && result.count, expected.size);
    const byTenant = new Map(cache.list().map((customer) => [customer.tenantId, customer]));
    assert.deepEqual(byTenant, expected);
    const kinds = [...expected.values()];
    assert.ok(
      kinds.some((c) => c.hasContract && c.relationships.length === 0),
      'contract-only customers',
    );
    assert.ok(
      kinds.some((c) => !c.hasContract && c.hasActiveGdap),
      'GDAP-only customers',
    );
    assert.ok(
      kinds.some((c) => c.hasContract && c.hasActiveGdap),
      'customers with both',
    );

    const log = requestsSince(from);
    assert.deepEqual(
      log
        .filter((entry) => entry.status !== 200)
        .map((entry) => entry.status)
        .sort(),
      [429, 503, 503, 503],
      'each fault was answered once and then retried',
    );
    const pages = log.filter((entry) => entry.status === 200);
    assert.ok(pages.length > 60, `many pages (${pages.length})`);
    assert.equal(progress.at(-1)?.pages, pages.length);
    assert.equal(progress.at(-1)?.done, expected.size);
    assert.ok(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done));
  });

  it('records the success in the store and writes the list to its own file', async () => {
    const cache = await freshCache();
    const result = await harness.newSync(cache).sync();
    assert.ok(result.ok);
    const status = harness.store.data.customerSync;
    assert.equal(status.customerCount, result.count);
    assert.equal(status.lastSuccessAt, cache.syncedAt);
    assert.equal(status.lastAttemptAt, cache.syncedAt);
    assert.equal(status.lastError, undefined);
    const reopened = await CustomerCache.openFile(join(harness.dir, `customers-${fileNumber}.json`));
    assert.deepEqual(reopened.list(), cache.list());
  });

  it('keeps the last good list on disk and in memory when one list keeps failing', async () => {
    const cache = await freshCache();
    const first = await harness.newSync(cache).sync();
    assert.ok(first.ok);
    const before = { list: cache.list(), syncedAt: cache.syncedAt, status: harness.store.data.customerSync };
    const file = join(harness.dir, `customers-${fileNumber}.json`);
    const bytes = await readFile(file, 'utf8');
    harness.sandbox.faults.add({ pathPattern: /delegatedAdminRelationships$/, status: 500, times: 1_000 });

    const result = await harness.newSync(cache).sync();

    assert.ok(!result.ok);
    assert.equal(result.error.code, 'CUSTOMER_SYNC_FAILED');
    assert.equal(result.keptCount, before.list.length);
    assert.match(result.error.userMessage, /answered an error \(500 .*GDAP relationships/);
    assert.match(result.error.userMessage, /The last good list from \d{4}-\d\d-\d\d \d\d:\d\d UTC is kept\./);
    assert.equal(cache.list(), before.list);
    assert.equal(await readFile(file, 'utf8'), bytes);
    const status = harness.store.data.customerSync;
    assert.equal(status.lastSuccessAt, before.status.lastSuccessAt);
    assert.equal(status.customerCount, before.status.customerCount);
    assert.equal(status.lastError, result.error.userMessage);
    assert.notEqual(status.lastAttemptAt, undefined);
  });

  it('gives up on endless throttling after a bounded number of tries, in plain words', async () => {
    const cache = await freshCache();
    harness.sandbox.faults.add({ pathPattern: /\/contracts$/, status: 429, times: 1_000 });
    const from = harness.sandbox.requests.length;

    const result = await harness
      .newSync(cache, { retry: { maxAttempts: 3, baseDelayMs: 10, random: () => 0 } })
      .sync();

    assert.ok(!result.ok);
    assert.match(result.error.userMessage, /kept answering 'too many requests' .*\(3 tries\)/);
    assert.match(result.error.userMessage, /no earlier list/);
    const contractRequests = requestsSince(from).filter((entry) => entry.path.startsWith('/v1.0/contracts'));
    assert.deepEqual(
      contractRequests.map((entry) => entry.status),
      [429, 429, 429],
    );
  });

  it('asks for a sign-in, without calling Graph, when the authorized account signed out', async () => {
    const cache = await freshCache();
    const sync = harness.newSync(cache);
    assert.ok((await sync.sync()).ok);
    const listed = cache.list();
    const signedIn = harness.settings;
    await harness.store.update((data) => {
      data.settings = {
        ...signedIn,
        authorizedAccount: { ...signedIn.authorizedAccount, homeAccountId: '' },
      };
    });
    const from = harness.sandbox.requests.length;
    try {
      const result = await sync.sync();
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'SIGN_IN_REQUIRED');
      assert.match(result.error.userMessage, /sign in again\. The last good list from .* is kept\./);
      assert.equal(cache.list(), listed);
      assert.equal(requestsSince(from).length, 0);

      await harness.store.update((data) => {
        delete data.settings;
      });
      const notSetUp = await sync.sync();
      assert.equal(!notSetUp.ok && notSetUp.error.code, 'SETUP_REQUIRED');
    } finally {
      await harness.store.update((data) => {
        data.settings = signedIn;
      });
    }
  });

  it('keeps the list and says so when no token can be had at all', async () => {
    const cache = await freshCache();
    assert.ok((await harness.newSync(cache).sync()).ok);
    const listed = cache.list();
    const from = harness.sandbox.requests.length;
    const offline = harness.newSync(cache, {
      getAccessToken: () => Promise.reject(new TypeError('fetch failed')),
    });

    const result = await offline.sync();

    assert.ok(!result.ok);
    assert.equal(result.error.code, 'CUSTOMER_SYNC_FAILED');
    assert.match(result.error.userMessage, /^Microsoft sign-in did not give the bot a token.*last good list/);
    assert.equal(result.keptCount, listed.length);
    assert.equal(cache.list(), listed);
    assert.equal(requestsSince(from).length, 0);
  });

  it('lets a second sync() join the running one instead of starting another', async () => {
    const cache = await freshCache();
    const sync = harness.newSync(cache);
    const from = harness.sandbox.requests.length;
    const heard: string[] = [];

    const first = sync.sync({ onProgress: () => heard.push('first') });
    const second = sync.sync({ onProgress: () => heard.push('second') });

    assert.equal(second, first);
    assert.ok(sync.isRunning);
    const result = await second;
    assert.ok(result.ok);
    assert.equal(sync.isRunning, false);
    const firstPages = requestsSince(from).filter(
      (entry) => entry.path.startsWith('/v1.0/contracts?') && !entry.path.includes('$skiptoken'),
    );
    assert.equal(firstPages.length, 1, 'the contracts were listed once');
    assert.ok(heard.includes('first') && heard.includes('second'));
  });

  it('estimates progress from the previous count', async () => {
    await harness.store.update((data) => {
      data.customerSync = { customerCount: 0 };
    });
    const cache = await freshCache();
    const sync = harness.newSync(cache);
    const firstRun: SyncProgress[] = [];
    const first = await sync.sync({ onProgress: (p) => firstRun.push(p) });
    assert.ok(first.ok);
    assert.equal(firstRun[0].estimatedTotal, undefined);

    const secondRun: SyncProgress[] = [];
    await sync.sync({ onProgress: (p) => secondRun.push(p) });
    assert.ok(secondRun.length > 1);
    assert.ok(secondRun.every((p) => p.estimatedTotal === first.count));
    assert.equal(
      syncProgressText({ done: 1_200, estimatedTotal: 5_000, pages: 3 }),
      'Synced 1,200 of about 5,000 customers…',
    );
    assert.equal(syncProgressText({ done: 1_200, pages: 3 }), 'Synced 1,200 customers so far…');
  });
});
