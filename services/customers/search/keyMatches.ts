// Scores names by their whole compact key, however spaced and with whatever legal form: "mullerbackerei".
import { keyWithAnd, type NormalizedName } from '../../text/normalizeName.js';
import { STEP_ITEMS, type Steps } from '../../sliced/slicedWork.js';
import { mapInSteps } from '../../sliced/sortInSteps.js';
import { SortedKeys } from './sortedKeys.js';

// Shorter prefixes of a whole name find nothing that the words of the name do not already find.
export const MIN_KEY_PREFIX = 4;

/** The whole-name keys of each entry's spellings ("&" also as "and"), each pointing at its entry's index. */
export function* wholeNameKeys(spellings: readonly NormalizedName[][]): Steps<SortedKeys> {
  const entries = yield* mapInSteps(spellings, (names, i) =>
    [...new Set(names.flatMap((name) => [name.key, keyWithAnd(name)]))].map((key) => [key, i] as const),
  );
  const flat: (readonly [key: string, id: number])[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (const entry of entries[i]) flat.push(entry);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  return yield* SortedKeys.build(flat);
}

/** Offers every name whose key starts with the query's key; `formOf(id)` is that name's legal form. */
export function offerKeyMatches(
  keys: SortedKeys,
  formOf: (id: number) => string,
  name: NormalizedName,
  offer: (id: number, score: number) => void,
): void {
  if (name.key.length < MIN_KEY_PREFIX) return;
  const [from, to] = keys.prefixRange(name.key);
  for (let at = from; at < to; at++) {
    const key = keys.keyAt(at);
    const id = keys.idAt(at);
    if (key !== name.key) offer(id, 0.7 + (0.25 * name.key.length) / key.length);
    // The same name: the legal form, when given, decides between "Contoso Ltd" and "Contoso GmbH".
    else offer(id, name.form === formOf(id) ? 1 : name.form === '' ? 0.98 : 0.96);
  }
}
