// One consent-all run's progress as it goes: the clients finished, saved at most once a second, never lost at the end.

/** Where progress is saved: the record of the run, replaced with the clients finished so far. */
export interface ProgressWriter {
  saveDone(runId: string, done: readonly string[]): Promise<void>;
  finish(runId: string): Promise<void>;
}

export interface ProgressOptions {
  /** Least time from the end of one save to the start of the next (default 1 s, Teams' pace for a message edit). */
  saveEveryMs?: number;
}

export const SAVE_EVERY_MS = 1_000;

export class ConsentRunProgress {
  readonly #writer: ProgressWriter;
  readonly #done: Set<string>;
  readonly #saveEveryMs: number;
  /** Called after each save with how many clients are finished: a number shown is a number kept. */
  onSaved?: (done: number) => void;
  #savedAt = Date.now();
  #timer?: ReturnType<typeof setTimeout>;
  #saving?: Promise<void>;
  #finished = false;

  constructor(
    writer: ProgressWriter,
    readonly runId: string,
    readonly total: number,
    done: Iterable<string>,
    options: ProgressOptions = {},
  ) {
    this.#writer = writer;
    this.#done = new Set(done);
    this.#saveEveryMs = options.saveEveryMs ?? SAVE_EVERY_MS;
  }

  get done(): number {
    return this.#done.size;
  }

  /** Counts a client as finished; the next save, due within a second or so, keeps it. */
  note(tenantId: string): void {
    if (this.#finished) return;
    this.#done.add(tenantId.toLowerCase());
    this.#schedule();
  }

  /** The run ended (with results or a reported failure): no more saves, and the record goes. */
  async finish(): Promise<void> {
    this.#finished = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#saving;
    await this.#writer.finish(this.runId);
  }

  #schedule(): void {
    if (this.#timer || this.#saving || this.#finished) return;
    const wait = Math.max(0, this.#savedAt + this.#saveEveryMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#saving = this.#save();
    }, wait);
  }

  async #save(): Promise<void> {
    const done = [...this.#done];
    try {
      await this.#writer.saveDone(this.runId, done);
      if (!this.#finished) this.onSaved?.(done.length);
    } catch {
      // The next client finished tries again; a record behind by a few clients only means a longer Resume.
    }
    this.#savedAt = Date.now();
    this.#saving = undefined;
    if (this.#done.size > done.length) this.#schedule();
  }
}
