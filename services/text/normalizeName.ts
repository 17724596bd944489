// A company name reduced to what identifies it: folded words, the core without legal forms, and a compact key.
import { foldText, tokenize } from './foldText.js';
import { splitLegalForms } from './legalForms.js';

export interface NormalizedName {
  /** Folded text: "müller bäckerei gmbh" → "muller backerei gmbh". */
  folded: string;
  /** Every word, legal forms included. */
  tokens: string[];
  /** The words without legal forms at either end. */
  core: string[];
  /**
   * The core without spaces or "and": "Müller-Bäckerei GmbH", "Muller Backerei AG" and "mullerbackerei"
   * share "mullerbackerei". Two names with the same key are treated as the same name.
   */
  key: string;
  /** The legal forms, in one spelling: "GmbH & Co. KG" → "gmbhandcokg", "Limited" → "ltd"; "" when none. */
  form: string;
}

export function normalizeName(name: string): NormalizedName {
  const folded = foldText(name);
  const tokens = tokenize(folded);
  const { core, forms } = splitLegalForms(tokens);
  // "&", "and" or nothing: people write "Smith & Jones", "Smith and Jones" and "Smith Jones" for one firm.
  const words = core.filter((token) => token !== 'and');
  return { folded, tokens, core, key: (words.length > 0 ? words : core).join(''), form: forms.join(' ') };
}

/** The comparison key alone: `nameKey("Müller Bäckerei GmbH") === nameKey("muller backerei")`. */
export function nameKey(name: string): string {
  return normalizeName(name).key;
}

// How German and Scandinavian names are written without their letters: "Müller" → "Mueller", "Åberg" → "Aaberg".
const TRANSLITERATIONS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa', ø: 'oe' };
const TRANSLITERATED = /[äöüåø]/gi;
const HAS_TRANSLITERATED = /[äöüåø]/i;

/**
 * The ways a name is spelled: as written, and (for names with umlauts, å or ø) transliterated. Folding turns
 * "Müller" into "muller"; the domain "mueller.de" and people typing "Mueller" need the other spelling.
 */
export function nameSpellings(name: string): NormalizedName[] {
  const written = name.normalize('NFC');
  const spellings = [normalizeName(written)];
  if (HAS_TRANSLITERATED.test(written)) {
    const transliterated = written.replace(TRANSLITERATED, (letter) => {
      const spelled = TRANSLITERATIONS[letter.toLowerCase()];
      return letter === letter.toLowerCase() ? spelled : spelled[0].toUpperCase() + spelled.slice(1);
    });
    spellings.push(normalizeName(transliterated));
  }
  return spellings;
}

/** The key with "and" kept, as a domain writes it ("smithandjones.com"); equal to `key` for most names. */
export function keyWithAnd(name: NormalizedName): string {
  return name.core.join('');
}
