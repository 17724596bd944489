import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Scheduler } from '../../../sandbox/scheduler.js';

describe('The sandbox scheduler', () => {
  afterEach(() => sinon.restore());

  it('runs a task when its timer fires, even if the clock reads a millisecond short of its due time', async () => {
    const scheduler = new Scheduler();
    const start = Date.now();
    const now = sinon.stub(Date, 'now').returns(start);
    let ran = false;
    scheduler.schedule(20, () => (ran = true));
    // The timer's jitter: it fires while Date.now() still reads one millisecond before the task is due.
    now.returns(start + 19);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(ran, true);
    await scheduler.settled();
  });

  it('runs tasks due together in the order they were scheduled, and settles once none is left', async () => {
    const scheduler = new Scheduler();
    const order: string[] = [];
    scheduler.schedule(10, () => {
      order.push('first');
      scheduler.schedule(5, () => order.push('scheduled by first'));
    });
    scheduler.schedule(10, () => order.push('second'));
    await scheduler.settled();
    assert.deepEqual(order, ['first', 'second', 'scheduled by first']);
  });

  it('runs nothing before it is due', () => {
    const scheduler = new Scheduler();
    let ran = false;
    scheduler.schedule(60_000, () => (ran = true));
    scheduler.runDue();
    assert.equal(ran, false);
    scheduler.close();
  });
});
