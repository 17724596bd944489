// The consent-all runs under way, kept in the store: a run a crash cut off is found at start-up and can be resumed.
import type { ConsentRuns, ResumeClaim, RunOrigin, StartClaim } from '../../gdap/consentRuns.js';
import { randomUUID } from 'node:crypto';
import type { AppStore } from '../appStore.js';
import type { ConsentRunEntry, StoreData } from '../storeData.js';
import {
  ConsentRunProgress,
  type ProgressOptions,
  type ProgressWriter,
} from '../../gdap/consentRunProgress.js';

export class FileConsentRuns implements ConsentRuns, ProgressWriter {
  constructor(
    private readonly store: AppStore,
    private readonly options: ProgressOptions = {},
  ) {}

  get(runId: string): ConsentRunEntry | undefined {
    return this.store.data.consentRuns?.[runId];
  }

  /**
   * Records a new run over `total` customers under `runId`, the id its preview card carries. Claimed in one store
   * update, so of two presses of the same card (one after the other or at once) exactly one starts; the other is
   * told whether that run is still going, was cut off, or has ended. A run a crash cut off is dropped, since this
   * one covers every customer.
   */
  async start(origin: RunOrigin, total: number, runId: string = randomUUID()): Promise<StartClaim> {
    const run: ConsentRunEntry = {
      id: runId,
      ...origin,
      startedAt: new Date().toISOString(),
      total,
      done: [],
      state: 'running',
    };
    const refused = await this.store.update((data): StartClaim | undefined => {
      const runs = (data.consentRuns ??= {});
      const endedAt = data.consentRunsEnded?.[runId];
      if (endedAt) return { ok: false, reason: 'ended', endedAt };
      const same = runs[runId];
      if (same) return { ok: false, reason: same.state };
      for (const [id, other] of Object.entries(runs)) {
        if (other.state !== 'interrupted') continue;
        delete runs[id];
        noteEnded(data, id);
      }
      runs[run.id] = run;
      return undefined;
    });
    return refused ?? { ok: true, progress: new ConsentRunProgress(this, run.id, total, [], this.options) };
  }

  /**
   * Takes a cut-off run back up, for the remaining clients `remaining` says are left of it. Claimed in one store
   * update, so of two presses of Resume exactly one goes on.
   */
  async resume(
    runId: string,
    origin: Omit<RunOrigin, 'startedBy'>,
    remaining: (done: ReadonlySet<string>) => number,
  ): Promise<ResumeClaim> {
    const claim = await this.store.update((data): ConsentRunEntry | ResumeClaim => {
      const run = data.consentRuns?.[runId];
      if (!run) return { ok: false, reason: 'gone' };
      if (run.state !== 'interrupted') return { ok: false, reason: 'running' };
      const done = new Set(run.done);
      const resumed: ConsentRunEntry = {
        ...run,
        ...origin,
        total: done.size + remaining(done),
        state: 'running',
        announcedAt: undefined,
      };
      data.consentRuns![runId] = resumed;
      return resumed;
    });
    if ('ok' in claim) return claim;
    const progress = new ConsentRunProgress(this, runId, claim.total, claim.done, this.options);
    return { ok: true, run: claim, progress };
  }

  /** At start-up: every run still marked running was cut off. Returns those whose chat has not been told yet. */
  async interruptLeftovers(): Promise<ConsentRunEntry[]> {
    const untold = (data: Readonly<StoreData>) =>
      Object.values(data.consentRuns ?? {}).filter((run) => !run.announcedAt);
    const running = Object.values(this.store.data.consentRuns ?? {}).some((run) => run.state === 'running');
    if (!running) return untold(this.store.data);
    return this.store.update((data) => {
      for (const run of Object.values(data.consentRuns ?? {}))
        if (run.state === 'running') data.consentRuns![run.id] = { ...run, state: 'interrupted' };
      return untold(data);
    });
  }

  async announced(runId: string): Promise<void> {
    await this.store.update((data) => {
      const run = data.consentRuns?.[runId];
      if (run) data.consentRuns![runId] = { ...run, announcedAt: new Date().toISOString() };
    });
  }

  /** Forgets a run, e.g. one whose chat the bot was removed from. */
  async drop(runId: string): Promise<void> {
    await this.finish(runId);
  }

  async saveDone(runId: string, done: readonly string[]): Promise<void> {
    await this.store.update((data) => {
      const run = data.consentRuns?.[runId];
      if (run) data.consentRuns![runId] = { ...run, done: [...done] };
    });
  }

  async finish(runId: string): Promise<void> {
    if (!this.get(runId)) return;
    await this.store.update((data) => {
      delete data.consentRuns?.[runId];
      noteEnded(data, runId);
    });
  }
}

// Enough to answer a second press of any card still in view; an older card's press starts a run, harmless anyway.
export const ENDED_RUNS_KEPT = 100;

function noteEnded(data: StoreData, runId: string): void {
  const ended = (data.consentRunsEnded ??= {});
  ended[runId] = new Date().toISOString();
  const ids = Object.keys(ended);
  // Insertion order is end order, so the first keys are the oldest.
  for (const id of ids.slice(0, Math.max(0, ids.length - ENDED_RUNS_KEPT))) delete ended[id];
}
