// How well one typed word matches one word of a name, from 1 (the same word) down to 0 (no match).
import { prefixWithinOneEdit, withinOneEdit } from '../../text/editDistance.js';

export const EXACT = 1;
export const TYPO = 0.75;
export const TYPO_PREFIX = 0.55;

/** A completed word beats a longer one it is the start of: "kim" → "Kim" before "Kimball". */
export function wordQuality(typed: string, wordLength: number): number {
  return wordLength === typed.length ? EXACT : 0.6 + (0.35 * typed.length) / wordLength;
}

/** TYPO if `typed` is one typo from one of the words, TYPO_PREFIX if from the start of one, otherwise 0. */
export function typoQuality(typed: string, words: readonly string[], last: boolean): number {
  let best = 0;
  for (const word of words) {
    if (withinOneEdit(typed, word)) return TYPO;
    if (last && prefixWithinOneEdit(typed, word)) best = TYPO_PREFIX;
  }
  return best;
}
