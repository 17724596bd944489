// Words of customer names → the customers that use them, with exact, prefix and one-typo look-ups.
import { prefixWithinOneEdit, withinOneEdit } from '../../text/editDistance.js';
import { STEP_ITEMS, type Steps } from '../../sliced/slicedWork.js';
import { mapInSteps, sortInSteps } from '../../sliced/sortInSteps.js';
import { compare } from './sortedKeys.js';

// Typos are only forgiven in words long enough that one edit does not turn them into another common word.
export const MIN_TYPO_LENGTH = 4;

export class WordIndex {
  /** Word ids by length; letters-only words, because a changed digit is a different number, not a typo. */
  private readonly byLength: number[][] = [];

  private constructor(
    private readonly words: string[],
    private readonly postings: Int32Array[],
    /** Postings lengths summed over the sorted words, so the cost of a prefix is known before reading it. */
    private readonly cumulative: Float64Array,
  ) {
    words.forEach((word, id) => {
      if (word.length < MIN_TYPO_LENGTH - 1 || /\d/.test(word)) return;
      (this.byLength[word.length] ??= []).push(id);
    });
  }

  /** `customerWords[i]` are customer i's (folded, non-CJK) words. */
  static *build(customerWords: readonly (readonly string[])[]): Steps<WordIndex> {
    const lists = new Map<string, number[]>();
    for (let customer = 0; customer < customerWords.length; customer++) {
      for (const word of customerWords[customer]) {
        const list = lists.get(word);
        if (!list) lists.set(word, [customer]);
        else if (list[list.length - 1] !== customer) list.push(customer);
      }
      if (customer % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    const words = yield* sortInSteps([...lists.keys()], compare);
    const postings = yield* mapInSteps(words, (word) => Int32Array.from(lists.get(word) ?? []));
    const cumulative = new Float64Array(words.length + 1);
    postings.forEach((list, id) => (cumulative[id + 1] = cumulative[id] + list.length));
    return new WordIndex(words, postings, cumulative);
  }

  /** The id of `word`, or -1. */
  find(word: string): number {
    const at = this.lowerBound(word);
    return this.words[at] === word ? at : -1;
  }

  /** Ids [from, to) of the words that start with `prefix` (the word itself included). */
  prefixRange(prefix: string): [number, number] {
    return [this.lowerBound(prefix), this.lowerBound(`${prefix}\uffff`)];
  }

  /** How many customers use exactly this word. */
  exactCost(word: string): number {
    const id = this.find(word);
    return id < 0 ? 0 : this.postings[id].length;
  }

  /** How many (word, customer) pairs the words with this prefix have. */
  prefixCost(prefix: string): number {
    const [from, to] = this.prefixRange(prefix);
    return this.cumulative[to] - this.cumulative[from];
  }

  /**
   * Ids of the words one typo away from `typed` (not equal to it, not starting with it). As a prefix,
   * "bakc" finds "backerei"; otherwise "mulelr" finds "muller".
   */
  similar(typed: string, asPrefix: boolean): number[] {
    const found: number[] = [];
    if (typed.length < MIN_TYPO_LENGTH || /\d/.test(typed)) return found;
    const longest = asPrefix ? this.byLength.length - 1 : typed.length + 1;
    for (let length = typed.length - 1; length <= longest; length++) {
      for (const id of this.byLength[length] ?? []) {
        const word = this.words[id];
        const near = asPrefix ? prefixWithinOneEdit(typed, word) : withinOneEdit(typed, word);
        if (near && !word.startsWith(typed)) found.push(id);
      }
    }
    return found;
  }

  word(id: number): string {
    return this.words[id];
  }

  customers(id: number): Int32Array {
    return this.postings[id];
  }

  private lowerBound(value: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.words[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
