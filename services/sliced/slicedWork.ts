// Long work a slice at a time: a generator yields where it may pause, and in slices the event loop gets its turns.
// It yields PAUSE where it must pause, whatever the slice has used: before a step known to be long.
export type Steps<T> = Generator<typeof PAUSE | void, T, void>;

export const PAUSE = true;

// A turn waiting behind a few slices (and other users' turns) still answers in well under 20 ms.
export const SLICE_MS = 4;

/** Items a loop gets through between two looks at the clock. */
export const STEP_ITEMS = 256;

// Below this a Map's or Set's table doubles in well under a millisecond.
const GROWTH_PAUSE_FROM = 8_192;

/**
 * True when adding `key` to this Map or Set doubles its hash table. At 65,536 entries the copy takes 5–25 ms on
 * its own (more in a big heap, where the new table may set off a collection), and a loop filling two or three
 * big collections in step would copy them all within one step; a loop that pauses before each copy starts every
 * one in a slice of its own. Counted by size, so exact for collections only added to.
 */
export function aboutToGrow<K>(collection: { readonly size: number; has(key: K): boolean }, key: K): boolean {
  const size = collection.size;
  return size >= GROWTH_PAUSE_FROM && (size & (size - 1)) === 0 && !collection.has(key);
}

export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, giving way to whatever else waits (turns, timers, I/O) whenever a slice has run `sliceMs`.
 * Every job in slices takes its turn in one queue, one slice per pass of the event loop: five indexes rebuilt at
 * once after an import would otherwise run five slices back to back, and hold the loop five times as long.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  // Every job starts in a pass of its own, at the end of the queue: started from a turn, or beside other jobs
  // started in the same pass (the indexes a turn readies after an import), its first slice would otherwise run
  // in that pass too, on top of the turn's work and each other's.
  await nextTurn();
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value === PAUSE || performance.now() - started >= sliceMs) {
      await nextTurn();
      started = performance.now();
    }
  }
}

/**
 * Waits for a pass of the event loop of its own, in the same queue as the jobs in slices. Turns that waited for
 * the same rebuild would otherwise all go on in the one pass it ends in, and hold the loop as long as all of them.
 */
export function takePass(): Promise<void> {
  return nextTurn();
}

// Indexes that were current answer `ready()` in well under this; longer, and the caller waited for a rebuild.
const READY_WAITED_MS = 5;

/** Resolves once every index is current; after a wait for a rebuild, in a pass of its own (see takePass). */
export async function allReady(indexes: readonly { ready(): Promise<unknown> }[]): Promise<void> {
  const started = performance.now();
  await Promise.all(indexes.map((index) => index.ready()));
  if (performance.now() - started > READY_WAITED_MS) await takePass();
}

/** Jobs waiting for their next slice, oldest first. */
const waiting: (() => void)[] = [];
let passScheduled = false;

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!passScheduled) {
      passScheduled = true;
      setImmediate(runNextSlice);
    }
  });
}

/** One job's slice per pass: it runs in the microtasks right after this callback, before the loop goes on. */
function runNextSlice(): void {
  const next = waiting.shift();
  passScheduled = waiting.length > 0;
  if (passScheduled) setImmediate(runNextSlice);
  next?.();
}
