// Runs work one at a time per key (a conversation), so overlapping turns cannot both act on one saved state.

export class TurnQueue {
  // The tail of each key's chain; a key is dropped when its last piece of work ends.
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier piece for `key` has settled, whether it succeeded or not. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => tail);
    this.tails.set(key, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === chained) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting; for tests. */
  get size(): number {
    return this.tails.size;
  }
}
