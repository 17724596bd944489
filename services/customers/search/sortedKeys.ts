// A sorted list of string keys pointing at customers, for exact and prefix look-ups by binary search.
import { runAtOnce, STEP_ITEMS, type Steps } from '../../sliced/slicedWork.js';
import { mapInSteps, sortInSteps } from '../../sliced/sortInSteps.js';

export class SortedKeys {
  private constructor(
    private readonly keys: string[],
    private readonly ids: Int32Array,
  ) {}

  /** One entry per (key, customer index); a customer may have several keys. Empty keys are left out. */
  static of(entries: readonly (readonly [key: string, id: number])[]): SortedKeys {
    return runAtOnce(SortedKeys.build(entries));
  }

  /** The same, a step at a time: sorting 100,000 keys at once would hold the event loop for a long while. */
  static *build(entries: readonly (readonly [key: string, id: number])[]): Steps<SortedKeys> {
    const kept: (readonly [key: string, id: number])[] = [];
    for (let i = 0; i < entries.length; i++) {
      if (entries[i][0] !== '') kept.push(entries[i]);
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    const order = yield* mapInSteps(kept, (_, i) => i);
    yield* sortInSteps(order, (a, b) => compare(kept[a][0], kept[b][0]) || kept[a][1] - kept[b][1]);
    const keys = yield* mapInSteps(order, (i) => kept[i][0]);
    const ids = new Int32Array(order.length);
    for (let at = 0; at < order.length; at++) {
      ids[at] = kept[order[at]][1];
      if (at % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    return new SortedKeys(keys, ids);
  }

  /** Positions [from, to) of the keys that start with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    return [this.lowerBound(prefix), this.lowerBound(`${prefix}\uffff`)];
  }

  /** Customer indices whose key is exactly `key`. */
  exact(key: string): number[] {
    const found: number[] = [];
    for (let at = this.lowerBound(key); at < this.keys.length && this.keys[at] === key; at++)
      found.push(this.ids[at]);
    return found;
  }

  keyAt(position: number): string {
    return this.keys[position];
  }

  idAt(position: number): number {
    return this.ids[position];
  }

  private lowerBound(value: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
