// What the name matcher knows about each customer's name, built once per customer list.
import { isUnsegmented } from '../../text/foldText.js';
import type { NormalizedName } from '../../text/normalizeName.js';
import type { Steps } from '../../sliced/slicedWork.js';
import { mapInSteps } from '../../sliced/sortInSteps.js';
import { NgramIndex } from './ngramIndex.js';
import { WordIndex } from './wordIndex.js';

export interface IndexedNames {
  folded: readonly string[];
  keys: readonly string[];
  /** Each name's words (all spellings, CJK runs left out), for checking a word against one name. */
  words: readonly (readonly string[])[];
  /** The same words as one string, " word word ", so one `indexOf` finds a word start. */
  spaced: readonly string[];
  /** Each name's first word without legal form ("" when none), and its word id (-1 when none). */
  first: readonly string[];
  firstId: Int32Array;
  /** Number of words in each name without legal forms. */
  coreLength: Uint8Array;
}

/** Indexes every spelling of every name: words for Latin, Greek, Cyrillic…, bigrams for CJK runs. */
export function* indexNames(spellings: readonly (readonly NormalizedName[])[]): Steps<{
  words: WordIndex;
  ngrams: NgramIndex;
  names: IndexedNames;
}> {
  const written = yield* mapInSteps(spellings, ([name]) => name);
  const customerWords = yield* mapInSteps(spellings, (names) => [
    ...new Set(names.flatMap((name) => name.tokens.filter((token) => !isUnsegmented(token)))),
  ]);
  const words = yield* WordIndex.build(customerWords);
  const ngrams = yield* NgramIndex.build(
    yield* mapInSteps(written, (name) => name.tokens.filter(isUnsegmented)),
  );
  const first = yield* mapInSteps(written, (name) => name.core[0] ?? '');
  const spaced = yield* mapInSteps(customerWords, (list) => ` ${list.join(' ')} `);
  // A CJK first word is not in the word index; CJK matches check where the name starts themselves.
  const firstIds = yield* mapInSteps(first, (word) =>
    word === '' || isUnsegmented(word) ? -1 : words.find(word),
  );
  const folded = yield* mapInSteps(written, (name) => name.folded);
  const keys = yield* mapInSteps(written, (name) => name.key);
  const coreLength = yield* mapInSteps(written, (name) => Math.min(255, name.core.length));
  return {
    words,
    ngrams,
    names: {
      folded,
      keys,
      words: customerWords,
      spaced,
      first,
      firstId: Int32Array.from(firstIds),
      coreLength: Uint8Array.from(coreLength),
    },
  };
}
