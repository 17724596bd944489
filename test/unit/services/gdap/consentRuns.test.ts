import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import sinon from 'sinon';
import { ConsentRunProgress, type ProgressWriter } from '../../../../services/gdap/consentRunProgress.js';
import type { ConsentRuns, RunOrigin } from '../../../../services/gdap/consentRuns.js';
import { ENDED_RUNS_KEPT } from '../../../../services/store/file/consentRuns.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { FileConsentRuns } from '../../../../services/store/file/consentRuns.js';

const ORIGIN: RunOrigin = {
  conversationId: 'a:chat-1',
  reference: {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/',
    conversation: { id: 'a:chat-1' },
    bot: { id: '28:bot' },
  },
  startedBy: { aadObjectId: 'admin-1', name: 'Lena Hoffmann' },
};

const tenant = (i: number) => `${String(i).padStart(8, '0')}-AAAA-4BBB-8CCC-DDDDDDDDDDDD`;

/** Starts a run that must start: no other press of its card came first. */
async function started(runs: ConsentRuns, total: number, runId?: string): Promise<ConsentRunProgress> {
  const claim = await runs.start(ORIGIN, total, runId);
  assert.ok(claim.ok, `the run did not start: ${claim.ok || claim.reason}`);
  return claim.progress;
}

/** A writer that keeps every save, as the store would. */
class KeptWrites implements ProgressWriter {
  readonly saves: string[][] = [];
  finished = false;
  async saveDone(_runId: string, done: readonly string[]): Promise<void> {
    this.saves.push([...done]);
  }
  async finish(): Promise<void> {
    this.finished = true;
  }
}

describe('Consent-all run records', () => {
  let store: AppStore;
  let runs: ConsentRuns;
  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    runs = new FileConsentRuns(store, { saveEveryMs: 0 });
  });

  it('saves the clients done as the run goes, and forgets the run when it finishes', async () => {
    const progress = await started(runs, 3);
    const saved = new Promise<number>((resolve) => (progress.onSaved = resolve));
    progress.note(tenant(1));
    progress.note(tenant(2));
    assert.equal(await saved, 2);
    const [record] = Object.values(store.data.consentRuns ?? {});
    assert.deepEqual(record.done, [tenant(1).toLowerCase(), tenant(2).toLowerCase()]);
    assert.equal(record.state, 'running');
    assert.equal(record.total, 3);

    await progress.finish();
    assert.deepEqual(store.data.consentRuns, {});
  });

  it('at start-up turns runs left running into cut-off ones, and names each once until its chat is told', async () => {
    const progress = await started(runs, 5);
    const [cutOff] = await runs.interruptLeftovers();
    assert.equal(cutOff.id, progress.runId);
    assert.equal(runs.get(cutOff.id)?.state, 'interrupted');

    await runs.announced(cutOff.id);
    assert.deepEqual(await runs.interruptLeftovers(), [], 'a chat told once is not told again');
    assert.ok(runs.get(cutOff.id), 'the run stays, for its Resume button');
  });

  it('writes nothing at start-up when no run was left running', async () => {
    let writes = 0;
    store.onChange(() => (writes += 1));
    assert.deepEqual(await runs.interruptLeftovers(), []);
    assert.equal(writes, 0);
  });

  it('lets exactly one of two Resumes claim a cut-off run; a finished or unknown run is gone', async () => {
    const first = await started(runs, 4);
    first.note(tenant(1));
    await new Promise<number>((resolve) => (first.onSaved = resolve));
    await runs.interruptLeftovers();

    const where = { conversationId: ORIGIN.conversationId, reference: ORIGIN.reference };
    const [one, two] = await Promise.all([
      runs.resume(first.runId, where, () => 3),
      runs.resume(first.runId, where, () => 3),
    ]);
    assert.equal(one.ok, true);
    assert.deepEqual(two, { ok: false, reason: 'running' });
    assert.ok(one.ok);
    assert.equal(one.progress.done, 1, 'the clients done before count as done');
    assert.equal(one.progress.total, 4);

    await one.progress.finish();
    assert.deepEqual(await runs.resume(first.runId, where, () => 3), { ok: false, reason: 'gone' });
    assert.deepEqual(await runs.resume('no-such-run', where, () => 3), { ok: false, reason: 'gone' });
  });

  it('drops the cut-off runs when a new run starts, since it covers every client', async () => {
    const old = await started(runs, 4);
    await runs.interruptLeftovers();
    const fresh = await started(runs, 4);
    assert.equal(runs.get(old.runId), undefined);
    assert.ok(runs.get(fresh.runId));
  });
  it('starts a card’s run once: a second press, one after the other or at the same time, is told why not', async () => {
    const runId = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    const [one, two] = await Promise.all([runs.start(ORIGIN, 3, runId), runs.start(ORIGIN, 3, runId)]);
    assert.equal(one.ok, true);
    assert.deepEqual(two, { ok: false, reason: 'running' });
    assert.deepEqual(await runs.start(ORIGIN, 3, runId), { ok: false, reason: 'running' });

    assert.ok(one.ok);
    await one.progress.finish();
    const after = await runs.start(ORIGIN, 3, runId);
    assert.equal(after.ok, false);
    assert.equal(!after.ok && after.reason, 'ended');
    assert.deepEqual(store.data.consentRuns, {}, 'no run was started by the later presses');
  });

  it('a cut-off run’s card is told to use Resume; once a new run replaced it, that it has ended', async () => {
    const old = await started(runs, 4, 'old-run');
    await runs.interruptLeftovers();
    assert.deepEqual(await runs.start(ORIGIN, 4, old.runId), { ok: false, reason: 'interrupted' });
    await started(runs, 4);
    const again = await runs.start(ORIGIN, 4, old.runId);
    assert.equal(!again.ok && again.reason, 'ended');
  });

  it('remembers the last ENDED_RUNS_KEPT ended runs, the newest', async () => {
    for (let i = 0; i <= ENDED_RUNS_KEPT; i++) await (await started(runs, 1, `run-${i}`)).finish();
    const ended = Object.keys(store.data.consentRunsEnded ?? {});
    assert.equal(ended.length, ENDED_RUNS_KEPT);
    assert.ok(!ended.includes('run-0'));
    assert.ok(ended.includes(`run-${ENDED_RUNS_KEPT}`));
  });
});

describe('Consent-all progress saves', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: Date.parse('2026-12-03T09:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
  });
  afterEach(() => clock.restore());

  it('saves at most once a second, however many clients finish, and each save holds all of them', async () => {
    const writes = new KeptWrites();
    const progress = new ConsentRunProgress(writes, 'run-1', 200, [], { saveEveryMs: 1_000 });
    const shown: number[] = [];
    progress.onSaved = (done) => shown.push(done);
    for (let i = 0; i < 50; i++) progress.note(tenant(i));
    await clock.tickAsync(999);
    assert.equal(writes.saves.length, 0);
    await clock.tickAsync(1);
    assert.equal(writes.saves.length, 1);
    assert.equal(writes.saves[0].length, 50);

    progress.note(tenant(50));
    await clock.tickAsync(999);
    assert.equal(writes.saves.length, 1);
    await clock.tickAsync(1);
    assert.deepEqual(
      writes.saves.map((save) => save.length),
      [50, 51],
    );
    assert.deepEqual(shown, [50, 51], 'each number shown was saved first');
  });

  it('finishing cancels a save still waiting and says no more progress', async () => {
    const writes = new KeptWrites();
    const progress = new ConsentRunProgress(writes, 'run-1', 3, [], { saveEveryMs: 1_000 });
    const shown: number[] = [];
    progress.onSaved = (done) => shown.push(done);
    progress.note(tenant(1));
    await progress.finish();
    await clock.tickAsync(5_000);
    assert.deepEqual(writes.saves, []);
    assert.deepEqual(shown, []);
    assert.equal(writes.finished, true);
  });
});
