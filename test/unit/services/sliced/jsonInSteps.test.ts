// The sliced JSON writer: byte for byte what JSON.stringify writes, with pauses in large records and lists.
import assert from 'node:assert/strict';
import { runAtOnce } from '../../../../services/sliced/slicedWork.js';
import {
  stringifyChunksInSlices,
  stringifyInSlices,
  stringifySteps,
} from '../../../../services/sliced/jsonInSteps.js';
import { seededRandom } from '../../../fixtures/nearMissCustomers.js';

function sample(seed: number): unknown {
  const random = seededRandom(seed);
  const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < 2_000; i++) {
    record[`id-${i}`] = {
      id: `id-${i}`,
      name: `Client “${i}” \u2028 \\ "quoted"`,
      n: random() < 0.1 ? Number.NaN : random() * 1e6,
      at: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      skipped: undefined,
      gone: () => 1,
      tags: Array.from({ length: i % 70 }, (_, j) => (j % 9 === 0 ? undefined : `t${j}`)),
      nested: { deep: i % 2 === 0 ? null : [1, 'two', { three: 3 }] },
    };
  }
  return {
    schemaVersion: 3,
    empty: {},
    list: [],
    '': 'empty key',
    records: record,
    big: Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? undefined : i % 3 ? { i } : [i])),
  };
}

describe('JSON in steps', () => {
  it('writes exactly what JSON.stringify writes', async () => {
    for (const value of [sample(1), sample(2), [], {}, 'text', 5, null, [undefined], { a: undefined }]) {
      assert.equal(runAtOnce(stringifySteps(value)), JSON.stringify(value));
      assert.equal(await stringifyInSlices(value), JSON.stringify(value));
    }
  });

  it('pauses inside a large record, so no slice holds the event loop for long', () => {
    const steps = stringifySteps(sample(3));
    let pauses = 0;
    while (!steps.next().done) pauses++;
    assert.ok(pauses >= 2_000 / 256, `${pauses} pauses`);
  });

  it('pauses inside a short list whose one entry is large, as an import’s audit entry is', () => {
    const changes = Array.from({ length: 6_000 }, (_, i) => ({
      field: `organizations.org-${i}.name`,
      before: null,
      after: `Client ${i}`,
    }));
    const audit = [{ at: '2026-12-03T00:00:00.000Z', by: 'admin', action: 'organization.import', changes }];
    const value = { schemaVersion: 3, audit };
    const steps = stringifySteps(value);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.ok(pauses >= Math.floor(6_000 / 256), `${pauses} pauses`);
    assert.equal(step.value, JSON.stringify(value));
  });

  it('hands out the text in chunks of about the size asked for, which join to JSON.stringify’s text', async () => {
    const value = sample(4);
    const chunks = await stringifyChunksInSlices(value, 4_096);
    assert.equal(chunks.join(''), JSON.stringify(value));
    assert.ok(chunks.length > 20, `${chunks.length} chunks`);
    // A chunk ends at the first piece that takes it past the size: never far past it.
    for (const chunk of chunks.slice(0, -1)) assert.ok(chunk.length >= 4_096 && chunk.length < 8_192);
  });
});
