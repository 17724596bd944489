// Jobs in slices beside each other: one slice per pass of the event loop in all, so the loop never waits on several.
import assert from 'node:assert/strict';
import { MappingTracker, type TenantLinks } from '../../../../services/alerts/mappingTracker.js';
import {
  aboutToGrow,
  PAUSE,
  runInSlices,
  takePass,
  type Steps,
} from '../../../../services/sliced/slicedWork.js';
import type { Mapping } from '../../../../services/store/storeData.js';

function* job(name: string, steps: number, log: string[]): Steps<string> {
  for (let i = 0; i < steps; i++) {
    log.push(name);
    yield;
  }
  return name;
}

describe('Work in slices', () => {
  it('runs one slice of one job per pass of the event loop, taking the jobs in turn', async () => {
    const log: string[] = [];
    let running = true;
    // Marks each pass of the loop: an immediate that queues the next, as a turn waiting for the loop does.
    const pass = () => {
      if (!running) return;
      log.push('|');
      setImmediate(pass);
    };
    setImmediate(pass);
    const done = await Promise.all(['a', 'b', 'c'].map((name) => runInSlices(job(name, 6, log), 0)));
    running = false;
    assert.deepEqual(done, ['a', 'b', 'c']);
    const passes = log.join('').split('|').slice(1, -1);
    // A slice ends with the first step past the time allowed (none here): each slice is at most two steps.
    for (const between of passes) {
      assert.ok(new Set(between).size <= 1, `slices of ${[...new Set(between)].join(', ')} in one pass`);
      assert.ok(between.length <= 2, `${between.length} steps in one pass`);
    }
    for (const name of ['a', 'b', 'c']) assert.ok(passes.some((between) => between.includes(name)));
  });

  it('starts every job in a pass of its own, at the end of the queue', async () => {
    const log: string[] = [];
    const first = runInSlices(job('a', 3, log), 0);
    const second = runInSlices(job('b', 3, log), 0);
    assert.deepEqual(log, [], 'no slice runs in the pass that started the jobs');
    await Promise.all([first, second]);
    assert.equal(log.join(''), 'ababab');
  });

  it('passes a step’s failure to its caller and leaves the queue running for the others', async () => {
    function* failing(): Steps<void> {
      yield;
      throw new Error('step failed');
    }
    const log: string[] = [];
    const [failed, other] = await Promise.allSettled([
      runInSlices(failing(), 0),
      runInSlices(job('b', 4, log), 0),
    ]);
    assert.equal(failed.status, 'rejected');
    assert.deepEqual(other, { status: 'fulfilled', value: 'b' });
    assert.equal(await runInSlices(job('c', 2, log), 0), 'c');
  });

  it('lets turns that waited for the same rebuild go on one pass each', async () => {
    const log: string[] = [];
    let running = true;
    const pass = () => {
      if (!running) return;
      log.push('|');
      setImmediate(pass);
    };
    setImmediate(pass);
    const rebuilt = runInSlices(job('index', 3, log), 0);
    const turns = ['t1', 't2', 't3'].map(async (name) => {
      await rebuilt;
      await takePass();
      log.push(name);
    });
    await Promise.all(turns);
    running = false;
    const passes = log.join(' ').split('|');
    for (const name of ['t1', 't2', 't3']) {
      const holding = passes.find((between) => between.includes(name)) ?? '';
      assert.deepEqual(holding.trim().split(' '), [name], `${name} shares its pass: “${holding.trim()}”`);
    }
  });

  it('pauses where a job says it must, however much of the slice is left', async () => {
    const log: string[] = [];
    let running = true;
    const pass = () => {
      if (!running) return;
      log.push('|');
      setImmediate(pass);
    };
    setImmediate(pass);
    function* twoHalves(): Steps<void> {
      log.push('a');
      yield;
      log.push('b');
      yield PAUSE;
      log.push('c');
    }
    // A minute per slice: only the PAUSE can end the first one.
    await runInSlices(twoHalves(), 60_000);
    running = false;
    const passes = log.join('').split('|');
    assert.equal(
      passes.find((between) => between.includes('a')),
      'ab',
    );
    assert.ok(passes.some((between) => between === 'c'));
  });

  it('knows when adding a key doubles a big table, and only then', () => {
    const big = new Map<number, number>();
    for (let i = 0; i < 16_384; i++) big.set(i, i);
    assert.equal(aboutToGrow(big, 99_999), true);
    assert.equal(aboutToGrow(big, 5), false, 'a key already there adds nothing');
    big.set(99_999, 0);
    assert.equal(aboutToGrow(big, 100_000), false);
    const small = new Set(Array.from({ length: 4_096 }, (_, i) => i));
    assert.equal(aboutToGrow(small, -1), false, 'a small table doubles in well under a millisecond');
  });

  it('walks 20,000 mappings cold with a pause before each of its tables doubles', () => {
    const mappings: Record<string, Mapping> = {};
    for (let i = 0; i < 20_000; i++) {
      mappings[`m-${i}`] = {
        id: `m-${i}`,
        organizationId: `org-${i}`,
        customerTenantId: `tenant-${i}`,
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: 'admin',
      };
    }
    const tracker = new MappingTracker<TenantLinks>((tenantId) => ({
      tenantId,
      organizationIds: [],
      links: [],
      unmapped: false,
    }));
    const steps = tracker.updateSteps(mappings);
    let pauses = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) if (step.value === PAUSE) pauses++;
    // Tenants, the tenants changed, organizations and mappings by id: each doubles at 8,192 and at 16,384.
    assert.ok(pauses >= 8, `${pauses} pauses`);
    assert.equal(tracker.tenants.size, 20_000);
  });
});
