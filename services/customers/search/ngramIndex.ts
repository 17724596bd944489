// Substring search for names in scripts written without spaces (Japanese, Chinese, Korean, Thai): character bigrams.
import { STEP_ITEMS, type Steps } from '../../sliced/slicedWork.js';

export class NgramIndex {
  private constructor(private readonly grams: Map<string, Int32Array>) {}

  /** `customerRuns[i]` are customer i's runs of CJK (or similar) text, already folded. */
  static *build(customerRuns: readonly (readonly string[])[]): Steps<NgramIndex> {
    const lists = new Map<string, number[]>();
    for (let customer = 0; customer < customerRuns.length; customer++) {
      for (const run of customerRuns[customer]) {
        const chars = Array.from(run);
        chars.forEach((char, at) => {
          add(lists, char, customer);
          if (at + 1 < chars.length) add(lists, char + chars[at + 1], customer);
        });
      }
      if (customer % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    const grams = new Map<string, Int32Array>();
    for (const [gram, list] of lists) grams.set(gram, Int32Array.from(list));
    return new NgramIndex(grams);
  }

  /**
   * Customers whose runs may contain `text` (every bigram present); the caller checks the real substring,
   * since bigrams can come from different places in a name.
   */
  candidates(text: string): Int32Array {
    const chars = Array.from(text);
    if (chars.length === 1) return this.grams.get(chars[0]) ?? new Int32Array(0);
    const lists: Int32Array[] = [];
    for (let at = 0; at + 1 < chars.length; at++) {
      const list = this.grams.get(chars[at] + chars[at + 1]);
      if (!list) return new Int32Array(0);
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    return lists.slice(1).reduce(intersect, lists[0]);
  }
}

function add(lists: Map<string, number[]>, gram: string, customer: number): void {
  const list = lists.get(gram);
  if (!list) lists.set(gram, [customer]);
  else if (list[list.length - 1] !== customer) list.push(customer);
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return Int32Array.from(out);
}
