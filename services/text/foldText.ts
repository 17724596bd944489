// Text folding for matching: case, accents, special letters, punctuation and script-aware tokens.

// Letters that carry no combining mark under NFKD, so accent stripping alone would keep them apart.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
  ſ: 's',
  ĸ: 'k',
  // Greek final sigma is the same letter as σ; lower-casing picks one or the other by position.
  ς: 'σ',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

// Marks are dropped only after Latin, Greek and Cyrillic letters: elsewhere (kana voicing, Indic and Thai
// vowel signs) they are part of the letter and dropping them would change the word.
const ACCENTS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;
const APOSTROPHES = /['’‘`´ʼ]/g;
// Catalan writes "l·l" inside one word ("Col·legi"); NFKD also turns "ŀ" into "l·".
const MIDDLE_DOT = /(?<=l)·(?=l)/g;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;

/** Scripts written without spaces between words: matched by substrings, not by words. */
const UNSEGMENTED =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const SCRIPT_RUNS =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+|[^\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+/gu;

/**
 * Folds text for comparison: "Zürcher Treuhand-AG" → "zurcher treuhand ag", "O'Brien & Sons" → "obrien and sons".
 * NFKD also turns full-width Latin into ASCII and ㈱ into (株).
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(ACCENTS, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter])
    .replace(/&/g, ' and ')
    .replace(APOSTROPHES, '')
    .replace(MIDDLE_DOT, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** Splits folded text into words; a run of CJK (or Thai…) characters inside a word becomes its own token. */
export function tokenize(folded: string): string[] {
  const tokens: string[] = [];
  for (const word of folded.split(' ')) {
    if (word === '') continue;
    if (!UNSEGMENTED.test(word)) tokens.push(word);
    else for (const run of word.match(SCRIPT_RUNS) ?? []) tokens.push(run);
  }
  return tokens;
}

export function isUnsegmented(token: string): boolean {
  return UNSEGMENTED.test(token);
}
