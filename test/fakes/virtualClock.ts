// Virtual time for the notifier: when everything else has settled, time jumps to the next sleeper's deadline.
// Work in flight that the clock is told about (a send over HTTP) holds time still until it is answered.
import type { NotifierClock } from '../../services/alerts/notifier.js';

export class VirtualClock implements NotifierClock {
  #now: number;
  #sleepers: { at: number; wake: () => void }[] = [];
  #jumpPlanned = false;
  #held = 0;

  constructor(start = Date.parse('2026-03-02T09:00:00.000Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = { at: this.#now + ms, wake: resolve };
      this.#sleepers.push(sleeper);
      signal.addEventListener('abort', () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        resolve();
      });
      this.#planJump();
    });
  }

  /** Time stands still until this work settles: a request takes no virtual time, however long it takes. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.#held += 1;
    try {
      return await work();
    } finally {
      this.#held -= 1;
      if (this.#held === 0 && this.#sleepers.length > 0) this.#planJump();
    }
  }

  // setImmediate runs once every promise chain in flight has gone as far as it can without time passing.
  #planJump(): void {
    if (this.#jumpPlanned) return;
    this.#jumpPlanned = true;
    setImmediate(() => {
      this.#jumpPlanned = false;
      if (this.#sleepers.length === 0 || this.#held > 0) return;
      const at = Math.min(...this.#sleepers.map((s) => s.at));
      this.#now = Math.max(this.#now, at);
      const due = this.#sleepers.filter((s) => s.at <= this.#now);
      this.#sleepers = this.#sleepers.filter((s) => s.at > this.#now);
      for (const sleeper of due) sleeper.wake();
      if (this.#sleepers.length > 0) this.#planJump();
    });
  }
}
