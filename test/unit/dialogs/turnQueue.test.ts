import assert from 'node:assert/strict';
import { TurnQueue } from '../../../dialogs/turnQueue.js';

/** A piece of work that waits until the test lets it finish, recording when it starts and ends. */
function heldWork(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    work: async () => {
      log.push(`${name} starts`);
      await done;
      log.push(`${name} ends`);
    },
  };
}

describe('Turn queue', () => {
  it('runs the work of one conversation one at a time, in the order it came', async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const first = heldWork(log, 'first');
    const second = heldWork(log, 'second');
    const running = [queue.run('conv-1', first.work), queue.run('conv-1', second.work)];
    await new Promise(setImmediate);
    assert.deepEqual(log, ['first starts'], 'the second turn waits for the first');
    first.finish();
    second.finish();
    await Promise.all(running);
    assert.deepEqual(log, ['first starts', 'first ends', 'second starts', 'second ends']);
    assert.equal(queue.size, 0, 'a conversation with nothing waiting is forgotten');
  });

  it('lets other conversations run meanwhile', async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const held = heldWork(log, 'conv-1');
    const running = queue.run('conv-1', held.work);
    await queue.run('conv-2', async () => void log.push('conv-2 runs'));
    assert.deepEqual(log, ['conv-1 starts', 'conv-2 runs']);
    held.finish();
    await running;
  });

  it('runs the next turn after one that failed, and hands the failure to its caller', async () => {
    const queue = new TurnQueue();
    const failed = queue.run('conv-1', async () => {
      throw new Error('turn failed');
    });
    const next = queue.run('conv-1', async () => 'answered');
    await assert.rejects(failed, /turn failed/);
    assert.equal(await next, 'answered');
  });
});
