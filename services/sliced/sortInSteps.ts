// A stable sort that pauses between steps, for lists long enough that one sort would hold the event loop.
import { STEP_ITEMS, type Steps } from './slicedWork.js';

// Runs this long are sorted by the engine in one go: well under a millisecond each.
const RUN = 512;

/** Sorts `items` in place, stably, like `items.sort(compare)`, yielding every few hundred items. */
export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const length = items.length;
  if (length <= RUN) return items.sort(compare);
  for (let from = 0; from < length; from += RUN) {
    const run = items.slice(from, from + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) items[from + i] = run[i];
    yield;
  }
  let source = items;
  let target = new Array<T>(length);
  for (let width = RUN; width < length; width *= 2) {
    for (let from = 0; from < length; from += 2 * width) {
      let left = from;
      const middle = Math.min(from + width, length);
      let right = middle;
      const end = Math.min(from + 2 * width, length);
      let out = from;
      while (out < end) {
        // Ties take the left item first: that is what keeps the sort stable.
        if (left < middle && (right >= end || compare(source[left], source[right]) <= 0))
          target[out++] = source[left++];
        else target[out++] = source[right++];
        if (out % STEP_ITEMS === 0) yield;
      }
    }
    [source, target] = [target, source];
  }
  if (source !== items) for (let i = 0; i < length; i++) items[i] = source[i];
  return items;
}

/** `values.map(mapper)`, yielding every few hundred items. */
export function* mapInSteps<T, U>(values: readonly T[], mapper: (value: T, index: number) => U): Steps<U[]> {
  const out = new Array<U>(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = mapper(values[i], i);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  return out;
}
