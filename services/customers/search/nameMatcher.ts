// Scores customer names against the words of a query: exact, prefix and one-typo words, CJK substrings.
import { withinOneEdit } from '../../text/editDistance.js';
import { isUnsegmented } from '../../text/foldText.js';
import { isLegalForm } from '../../text/legalForms.js';
import type { NormalizedName } from '../../text/normalizeName.js';
import type { IndexedNames } from './indexedNames.js';
import type { NgramIndex } from './ngramIndex.js';
import { EXACT, TYPO, TYPO_PREFIX, typoQuality, wordQuality } from './wordQuality.js';
import { MIN_TYPO_LENGTH, type WordIndex } from './wordIndex.js';

// A legal form or "and" says little about which company is meant.
const LEGAL_WEIGHT = 0.25;
const AND_WEIGHT = 0.1;
// A word whose prefix is in more names than this ("s" of "S.A.") is checked only on names other words found:
// reading its postings would cost more than the whole rest of the query.
const POSTINGS_BUDGET = 2_000;

export class NameMatcher {
  // Per-customer scratch space, reused by every query (marks tell this query's entries from older ones).
  private readonly wordBest: Float64Array;
  private readonly wordSeen: Uint32Array;
  private readonly hits: Int32Array;
  private readonly total: Float64Array;
  private readonly matched: Uint8Array;
  private readonly starts: Uint8Array;
  private readonly seen: Uint32Array;
  private readonly touched: Int32Array;
  private epoch = 0;
  private wordEpoch = 0;
  private hitCount = 0;

  constructor(
    private readonly words: WordIndex,
    private readonly ngrams: NgramIndex,
    private readonly names: IndexedNames,
  ) {
    const count = names.folded.length;
    [this.wordBest, this.total] = [new Float64Array(count), new Float64Array(count)];
    [this.wordSeen, this.seen] = [new Uint32Array(count), new Uint32Array(count)];
    [this.hits, this.touched] = [new Int32Array(count), new Int32Array(count)];
    [this.matched, this.starts] = [new Uint8Array(count), new Uint8Array(count)];
  }

  /**
   * Calls `offer` for every customer whose name matches a significant query word. The score mixes how well the
   * query's words match (80%), how much of the name they cover (10%) and whether the name starts with the
   * first word (10%), so "Müller" ranks "Müller GmbH" above "Schmidt & Müller Logistics".
   */
  match(query: NormalizedName, offer: (customer: number, score: number) => void): void {
    const words = query.tokens;
    const { seen, total, matched, starts, touched, wordBest, hits } = this;
    const epoch = (this.epoch = nextEpoch(this.epoch, seen));
    let found = 0;
    const weights = words.map((word) => (word === 'and' ? AND_WEIGHT : isLegalForm(word) ? LEGAL_WEIGHT : 1));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    // A lone letter inside a query is an initial or part of "S.A.", not the start of a word still being typed.
    const exactOnly = words.map((word, position) => word.length === 1 && position < words.length - 1);
    const costs = words.map((word, position) =>
      isUnsegmented(word)
        ? 0
        : exactOnly[position]
          ? this.words.exactCost(word)
          : this.words.prefixCost(word),
    );
    const cheapest = Math.min(...costs);
    const add = (customer: number, position: number, quality: number) => {
      if (seen[customer] !== epoch) {
        seen[customer] = epoch;
        total[customer] = 0;
        matched[customer] = 0;
        // Only the first word sets where a name starts; a name first met later does not start with it.
        if (position > 0) starts[customer] = 0;
        touched[found++] = customer;
      }
      total[customer] += weights[position] * quality;
      if (weights[position] === 1) matched[customer]++;
    };
    const checkLater: number[] = [];
    words.forEach((word, position) => {
      if (costs[position] > POSTINGS_BUDGET && costs[position] > cheapest)
        return void checkLater.push(position);
      this.matchWord(word, position === 0, position === words.length - 1, exactOnly[position]);
      for (let at = 0; at < this.hitCount; at++) add(hits[at], position, wordBest[hits[at]]);
    });
    const listed = found;
    for (const position of checkLater) {
      const word = words[position];
      const needle = exactOnly[position] ? ` ${word} ` : ` ${word}`;
      const last = position === words.length - 1;
      // As with postings: a word that names start with is what was meant, so no typo is looked for.
      const typos =
        !exactOnly[position] && word.length >= MIN_TYPO_LENGTH && !last && this.words.find(word) < 0;
      for (let at = 0; at < listed; at++) {
        const customer = touched[at];
        const quality = this.checkWord(word, needle, customer, typos);
        if (quality > 0) add(customer, position, quality);
        if (position > 0) continue;
        const firstWord = this.names.first[customer];
        starts[customer] = (exactOnly[0] ? firstWord === word : firstWord.startsWith(word)) ? 1 : 0;
      }
    }
    const { coreLength } = this.names;
    const anyStrong = weights.includes(1);
    for (let at = 0; at < found; at++) {
      const customer = touched[at];
      // "& Co. GmbH" alone is no reason to show a company when the query also named one.
      if (anyStrong && matched[customer] === 0) continue;
      const coverage = Math.min(1, matched[customer] / Math.max(1, coreLength[customer]));
      offer(customer, (0.8 * total[customer]) / totalWeight + 0.1 * coverage + 0.1 * starts[customer]);
    }
  }

  /** How well `typed` matches one customer's name, for words too common to read all their postings. */
  private checkWord(typed: string, needle: string, customer: number, typos: boolean): number {
    const spaced = this.names.spaced[customer];
    const at = spaced.indexOf(needle);
    if (at >= 0) return wordQuality(typed, spaced.indexOf(' ', at + 1) - at - 1);
    return typos ? typoQuality(typed, this.names.words[customer], false) : 0;
  }

  /** Best quality per customer for one query word into `wordBest`, the customers it matched into `hits`. */
  private matchWord(word: string, first: boolean, last: boolean, exactOnly: boolean): void {
    const epoch = (this.wordEpoch = nextEpoch(this.wordEpoch, this.wordSeen));
    this.hitCount = 0;
    if (isUnsegmented(word)) {
      const { folded, keys } = this.names;
      for (const customer of this.ngrams.candidates(word)) {
        if (!folded[customer].includes(word)) continue;
        const key = keys[customer];
        const quality =
          key === word ? EXACT : key.startsWith(word) ? 0.9 : 0.6 + (0.3 * word.length) / key.length;
        const starts = folded[customer].startsWith(word) || key.startsWith(word);
        this.collect(
          Int32Array.of(customer),
          quality,
          starts ? this.names.firstId[customer] : -2,
          first,
          epoch,
        );
      }
      return;
    }
    const exact = this.words.find(word);
    const [from, to] = exactOnly ? (exact < 0 ? [0, 0] : [exact, exact + 1]) : this.words.prefixRange(word);
    for (let id = from; id < to; id++) {
      this.collect(this.words.customers(id), wordQuality(word, this.words.word(id).length), id, first, epoch);
    }
    // Typos are looked for only when the word itself is unknown: a known word is what was meant.
    if (last ? from < to : exact >= 0) return;
    for (const id of this.words.similar(word, last)) {
      const quality = withinOneEdit(word, this.words.word(id)) ? TYPO : TYPO_PREFIX;
      this.collect(this.words.customers(id), quality, id, first, epoch);
    }
  }

  /** Notes `quality` for the customers of one word; `wordId` is compared with each name's first word. */
  private collect(
    customers: Int32Array,
    quality: number,
    wordId: number,
    first: boolean,
    epoch: number,
  ): void {
    const { wordSeen, wordBest, hits, starts } = this;
    const firstId = this.names.firstId;
    let count = this.hitCount;
    for (let at = 0; at < customers.length; at++) {
      const customer = customers[at];
      const startsHere = first && firstId[customer] === wordId;
      if (wordSeen[customer] !== epoch) {
        wordSeen[customer] = epoch;
        wordBest[customer] = quality;
        hits[count++] = customer;
        if (first) starts[customer] = startsHere ? 1 : 0;
      } else {
        if (quality > wordBest[customer]) wordBest[customer] = quality;
        if (startsHere) starts[customer] = 1;
      }
    }
    this.hitCount = count;
  }
}

/** The next query's mark; on wrap-around the marks are cleared so an old query's mark cannot pass for a new one. */
export function nextEpoch(epoch: number, marks: Uint32Array): number {
  if (epoch < 0xffffffff) return epoch + 1;
  marks.fill(0);
  return 1;
}
