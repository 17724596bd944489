// The consent-all runs under way, kept in the store: a run a crash cut off is found at start-up and can be resumed.
import type { ConsentRunEntry, ConversationRef } from '../store/storeData.js';
import type { ConsentRunProgress, ProgressWriter } from './consentRunProgress.js';

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

export type StartClaim =
  | { ok: true; progress: ConsentRunProgress }
  /** The card's run was started before: still going, cut off by a restart (its notice has Resume), or ended. */
  | { ok: false; reason: 'running' | 'interrupted'; endedAt?: undefined }
  | { ok: false; reason: 'ended'; endedAt: string };

/** The port the services use; the lowdb-backed file store implements it (services/store/file/consentRuns.ts). */
export interface ConsentRuns extends ProgressWriter {
  get(runId: string): ConsentRunEntry | undefined;
  /**
   * Records a new run over `total` customers under `runId`, the id its preview card carries. Claimed in one store
   * update, so of two presses of the same card (one after the other or at once) exactly one starts; the other is
   * told whether that run is still going, was cut off, or has ended. A run a crash cut off is dropped, since this
   * one covers every customer.
   */
  start(origin: RunOrigin, total: number, runId?: string): Promise<StartClaim>;
  /**
   * Takes a cut-off run back up, for the remaining clients `remaining` says are left of it. Claimed in one store
   * update, so of two presses of Resume exactly one goes on.
   */
  resume(
    runId: string,
    origin: Omit<RunOrigin, 'startedBy'>,
    remaining: (done: ReadonlySet<string>) => number,
  ): Promise<ResumeClaim>;
  /** At start-up: every run still marked running was cut off. Returns those whose chat has not been told yet. */
  interruptLeftovers(): Promise<ConsentRunEntry[]>;
  announced(runId: string): Promise<void>;
  /** Forgets a run, e.g. one whose chat the bot was removed from. */
  drop(runId: string): Promise<void>;
  saveDone(runId: string, done: readonly string[]): Promise<void>;
  finish(runId: string): Promise<void>;
}
