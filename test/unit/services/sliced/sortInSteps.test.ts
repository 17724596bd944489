// The sliced sort: the same order as a stable sort at once, with pauses a long list needs.
import assert from 'node:assert/strict';
import { runAtOnce, runInSlices, type Steps } from '../../../../services/sliced/slicedWork.js';
import { mapInSteps, sortInSteps } from '../../../../services/sliced/sortInSteps.js';
import { seededRandom } from '../../../fixtures/nearMissCustomers.js';

interface Item {
  key: number;
  at: number;
}

const byKey = (a: Item, b: Item) => a.key - b.key;

function items(count: number, keys: number, seed: number): Item[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, at) => ({ key: Math.floor(random() * keys), at }));
}

function pauses<T>(steps: Steps<T>): { value: T; pauses: number } {
  let count = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses: count };
    count++;
  }
}

describe('Sorting in steps', () => {
  for (const count of [0, 1, 2, 511, 512, 513, 1_024, 1_500, 7_777]) {
    it(`orders ${count} items as a stable sort does, equal keys in their first order`, () => {
      const list = items(count, Math.max(1, count >> 3), count);
      const expected = [...list].sort(byKey);
      const sorted = runAtOnce(sortInSteps(list, byKey));
      assert.equal(sorted, list, 'sorts in place');
      assert.deepEqual(
        sorted.map((item) => item.at),
        expected.map((item) => item.at),
      );
    });
  }

  it('pauses often on a long list, so no slice holds the event loop for long', () => {
    const { pauses: count } = pauses(sortInSteps(items(20_000, 1_000, 3), byKey));
    // 40 runs of 512, then about 20,000 × 6 merges / 256 between pauses.
    assert.ok(count > 400, `${count} pauses`);
    assert.ok(pauses(sortInSteps(items(100, 10, 4), byKey)).pauses === 0);
  });

  it('lets timers run while it sorts in slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const list = Array.from({ length: 200_000 }, (_, i) => `name ${(i * 7919) % 200_000}`);
    const sorted = await runInSlices(
      sortInSteps(list, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      2,
    );
    clearInterval(timer);
    assert.deepEqual(sorted, [...list].sort());
    assert.ok(ticks > 0, 'a timer fired during the sort');
  });

  it('maps in steps as map does', () => {
    const { value, pauses: count } = pauses(mapInSteps([...Array(1_000).keys()], (n, i) => n * 2 + i));
    assert.deepEqual(
      value,
      [...Array(1_000).keys()].map((n) => n * 3),
    );
    assert.equal(count, 3);
  });
});
