// Syncs the CSP customer list from Graph: one sync at a time, all or nothing, on demand and on a schedule.
import type { AppError } from '../errors.js';
import type { CustomerCache } from './customerCache.js';
import { syncFailure, tokenFailure } from './customerSyncErrors.js';
import type { CustomerSource, SourceProgress } from './graphCustomerSource.js';
import type { SyncStatusStore } from './syncStatusStore.js';

export interface SyncProgress {
  done: number;
  /** The previous sync's count (never below `done`); undefined before the first sync. */
  estimatedTotal?: number;
  pages: number;
}

export type SyncResult =
  { ok: true; count: number; durationMs: number } | { ok: false; error: AppError; keptCount: number };

export interface CustomerSyncDeps {
  status: SyncStatusStore;
  cache: CustomerCache;
  /** Production: authorizedAccountToken(...); tests: a real sandbox token. */
  getAccessToken: () => Promise<string>;
  /** Builds the source for one sync around the token getter it is given (a Graph client per sync). */
  createSource: (getAccessToken: () => Promise<string>) => CustomerSource;
  now?: () => Date;
}

type ProgressListener = (progress: SyncProgress) => void;

// One token serves every page request of a sync; a sync that runs longer than this asks again, well inside
// the token's lifetime (Entra's shortest configurable is 10 minutes).
const TOKEN_REUSE_MS = 5 * 60_000;

export class CustomerSync {
  readonly #deps: CustomerSyncDeps;
  readonly #now: () => Date;
  #running: Promise<SyncResult> | undefined;
  readonly #listeners = new Set<ProgressListener>();
  #lastProgress: SyncProgress | undefined;
  #timer: NodeJS.Timeout | undefined;
  #scheduleGeneration = 0;

  constructor(deps: CustomerSyncDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  /** The app's quiet signal (bot/quiet.ts): a sync under way. */
  get busy(): boolean {
    return this.isRunning;
  }

  /** Resolves once no sync is running (for shutdown: the list file is never left half-written by us). */
  async idle(): Promise<void> {
    await this.#running;
  }

  /** Starts a sync, or joins the one already running (its progress is reported to every caller). Never throws. */
  sync(options: { onProgress?: ProgressListener } = {}): Promise<SyncResult> {
    if (options.onProgress) {
      this.#listeners.add(options.onProgress);
      if (this.#running && this.#lastProgress) safely(options.onProgress, this.#lastProgress);
    }
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
      this.#listeners.clear();
      this.#lastProgress = undefined;
    });
    return this.#running;
  }

  /**
   * Syncs every `intervalMs`, counted from the end of the previous attempt, so runs never overlap; the first
   * run comes when the last recorded attempt is `intervalMs` old (at once if there was none).
   */
  startSchedule(intervalMs: number, onResult?: (result: SyncResult) => void): void {
    this.stopSchedule();
    const generation = this.#scheduleGeneration;
    const arm = (delayMs: number) => {
      this.#timer = setTimeout(() => {
        void this.sync().then((result) => {
          if (onResult) safely(onResult, result);
          if (generation === this.#scheduleGeneration) arm(intervalMs);
        });
      }, delayMs);
      // A pending sync timer must not keep the process alive at shutdown.
      this.#timer.unref();
    };
    const lastAttempt = Date.parse(this.#deps.status.get().lastAttemptAt ?? '');
    const sinceLast = Number.isNaN(lastAttempt) ? Infinity : this.#now().getTime() - lastAttempt;
    arm(Math.min(intervalMs, Math.max(0, intervalMs - sinceLast)));
  }

  /** Stops future runs; a sync already running finishes. */
  stopSchedule(): void {
    this.#scheduleGeneration += 1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #run(): Promise<SyncResult> {
    const { status, cache } = this.#deps;
    const started = performance.now();
    // The wall clock, as the cache stamps what the bot noted meanwhile with it (a test's clock may be virtual).
    const readSince = new Date();
    const previousCount = cache.size || status.get().customerCount;
    try {
      const first = await this.#deps.getAccessToken().catch((error: unknown) => {
        throw tokenFailure(error);
      });
      const getToken = reusedToken(first, this.#deps.getAccessToken);
      const customers = await this.#deps.createSource(getToken).fetchAll({
        onProgress: (progress) => this.#report(progress, previousCount),
      });
      const at = this.#now().toISOString();
      await cache.replace(customers, at, { readSince });
      await status.succeeded(at, customers.length);
      return { ok: true, count: customers.length, durationMs: performance.now() - started };
    } catch (cause) {
      const error = syncFailure(cause, cache.syncedAt);
      const at = this.#now().toISOString();
      try {
        await status.failed(at, error.userMessage);
      } catch {
        // The store rolled itself back; the failure is still reported to the caller below.
      }
      return { ok: false, error, keptCount: cache.size };
    }
  }

  #report({ customersSoFar, pagesSoFar }: SourceProgress, previousCount: number): void {
    const progress: SyncProgress = {
      done: customersSoFar,
      estimatedTotal: previousCount > 0 ? Math.max(previousCount, customersSoFar) : undefined,
      pages: pagesSoFar,
    };
    this.#lastProgress = progress;
    for (const listener of this.#listeners) safely(listener, progress);
  }
}

/** "Synced 1,200 of about 5,000 customers…", or without an estimate before the first sync. */
export function syncProgressText({ done, estimatedTotal }: SyncProgress): string {
  const count = (value: number) => value.toLocaleString('en-US');
  return estimatedTotal === undefined
    ? `Synced ${count(done)} customers so far…`
    : `Synced ${count(done)} of about ${count(estimatedTotal)} customers…`;
}

function reusedToken(first: string, getAccessToken: () => Promise<string>): () => Promise<string> {
  let token = first;
  let fetchedAt = Date.now();
  return async () => {
    if (Date.now() - fetchedAt > TOKEN_REUSE_MS) {
      token = await getAccessToken();
      fetchedAt = Date.now();
    }
    return token;
  };
}

// A listener that throws (a card update that failed) must not fail the sync or the other listeners.
function safely<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch {
    // ignored on purpose, see above
  }
}
