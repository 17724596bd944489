// Long work a slice at a time: a generator yields where it may pause, and in slices the event loop gets its turns.
export type Steps<T> = Generator<void, T, void>;

// A turn waiting behind a few slices (and other users' turns) still answers in well under 20 ms.
export const SLICE_MS = 4;

/** Items a loop gets through between two looks at the clock. */
export const STEP_ITEMS = 256;

export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, giving way to whatever else waits (turns, timers, I/O) whenever a slice has run `sliceMs`. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}
