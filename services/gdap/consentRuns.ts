// The consent-all runs under way, kept in the store: a run a crash cut off is found at start-up and can be resumed.
import { randomUUID } from 'node:crypto';
import type { AppStore } from '../store/appStore.js';
import type { ConsentRunEntry, ConversationRef, StoreData } from '../store/storeData.js';
import { ConsentRunProgress, type ProgressOptions, type ProgressWriter } from './consentRunProgress.js';

/** Where a run was started or resumed, and by whom. */
export interface RunOrigin {
  conversationId: string;
  reference: ConversationRef;
  startedBy: { aadObjectId: string; name: string };
}

export type ResumeClaim =
  | { ok: true; run: ConsentRunEntry; progress: ConsentRunProgress }
  /** running: someone resumed it already; gone: it finished, or a newer run took its place. */
  | { ok: false; reason: 'running' | 'gone' };

export class ConsentRuns implements ProgressWriter {
  constructor(
    private readonly store: AppStore,
    private readonly options: ProgressOptions = {},
  ) {}

  get(runId: string): ConsentRunEntry | undefined {
    return this.store.data.consentRuns?.[runId];
  }

  /** Records a new run over `total` clients; a run a crash cut off is dropped, since this one covers every client. */
  async start(origin: RunOrigin, total: number): Promise<ConsentRunProgress> {
    const run: ConsentRunEntry = {
      id: randomUUID(),
      ...origin,
      startedAt: new Date().toISOString(),
      total,
      done: [],
      state: 'running',
    };
    await this.store.update((data) => {
      const runs = (data.consentRuns ??= {});
      for (const [id, other] of Object.entries(runs)) if (other.state === 'interrupted') delete runs[id];
      runs[run.id] = run;
    });
    return new ConsentRunProgress(this, run.id, total, [], this.options);
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
    });
  }
}
