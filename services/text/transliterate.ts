// Latin spelling of text in any script, for names that must be plain ASCII (GDAP relationship names).
import anyAscii from 'any-ascii';

/**
 * "Ørsted Rådgivning" → "Orsted Radgivning", "ООО Ромашка" → "OOO Romashka", "北京" → "BeiJing". Only letters and
 * digits are spelled out: symbols and emoji (which the library would write as ":rocket:") become spaces.
 */
export function transliterate(text: string): string {
  const words = text.replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ');
  // Soft and hard signs come out as apostrophes ("El'tsin"); inside a word they are not a break.
  return anyAscii(words).replace(/['`]/g, '');
}
