// Legal-form designators (GmbH, Ltd, S.A., 株式会社 …) and removing them from either end of a name.
import { foldText, isUnsegmented } from './foldText.js';

// Written as companies write them; folded and de-spaced below, so "S.p.A.", "SpA" and "S P A" are one entry.
const TRAILING = (
  'GmbH|GmbH & Co. KG|GmbH & Co.|mbH|AG|KG|OHG|UG|eG|e.V.|KGaA|SE|' +
  'Ltd|Limited|Co. Ltd|Company Limited|Pty Ltd|Pty|plc|LLP|LP|LLC|L.L.C.|Inc|Incorporated|' +
  'Corp|Corporation|Co|Company|S.A.|S.A.S.|SARL|S.à r.l.|SNC|S.A. de C.V.|S.L.|S.L.U.|' +
  'B.V.|N.V.|BVBA|VOF|S.p.A.|S.r.l.|Ltda|Lda|EIRELI|K.K.|Y.K.|Oy|Oyj|AB|AS|A/S|ASA|ApS|I/S|P/S|hf|ehf|' +
  'Sp. z o.o.|s.r.o.|a.s.|spol. s r.o.|Kft|Zrt|Nyrt|Bt|d.o.o.|d.d.|A.Ş.|Ltd. Şti.|OOD|EOOD|AD|' +
  'Pte Ltd|Sdn Bhd|Bhd|Pvt Ltd|Private Limited|Α.Ε.|Ε.Π.Ε.|Ι.Κ.Ε.|Ο.Ε.|ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ИП|' +
  '株式会社|有限会社|合同会社|(株)|(有)|有限公司|股份有限公司|有限责任公司|有限責任公司|주식회사|유한회사|(주)'
).split('|');
// Only designators that really stand in front of a name: a leading "Co" or "AB" is more often part of it.
const LEADING = '株式会社|有限会社|合同会社|(株)|(有)|주식회사|(주)|ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ИП|PT|CV'.split(
  '|',
);
// Glued to the name without a space in CJK writing ("トヨタ自動車株式会社"), longest first.
const GLUED = [
  ...new Set([...TRAILING, ...LEADING].map(compact).filter((form) => form.length > 1 && isUnsegmented(form))),
].sort((a, b) => b.length - a.length);

// Spellings of one legal form, so "Contoso Limited" and "Contoso Ltd" name the same entity.
const SYNONYMS: Record<string, string> = {
  limited: 'ltd',
  incorporated: 'inc',
  corporation: 'corp',
  company: 'co',
  株: '株式会社',
  kk: '株式会社',
  주: '주식회사',
  有: '有限会社',
  aktiengesellschaft: 'ag',
  aktiebolag: 'ab',
};

const trailingSet = new Set(TRAILING.map(compact));
const leadingSet = new Set(LEADING.map(compact));
const longest = Math.max(...TRAILING.map((form) => foldText(form).split(' ').length));
const CONNECTORS = new Set(['and']);

function compact(form: string): string {
  return foldText(form).replace(/ /g, '');
}

export interface LegalFormSplit {
  /** The name without designators; never empty when the input was not. */
  core: string[];
  /** The designators that were removed, folded, de-spaced and in one spelling ("limited" → "ltd"), in order. */
  forms: string[];
}

/** Removes legal forms at both ends of a tokenized, folded name: ["muller", "backerei", "gmbh"] → core ["muller", "backerei"]. */
export function splitLegalForms(tokens: readonly string[]): LegalFormSplit {
  const core = [...tokens];
  const forms: string[] = [];
  const glued = (token: string, at: 'start' | 'end') =>
    GLUED.find(
      (form) => token.length > form.length && (at === 'end' ? token.endsWith(form) : token.startsWith(form)),
    );
  if (core.length > 0) {
    const end = glued(core[core.length - 1], 'end');
    if (end) core[core.length - 1] = core[core.length - 1].slice(0, -end.length);
    const start = glued(core[0], 'start');
    if (start) core[0] = core[0].slice(start.length);
    if (start) forms.push(start);
    if (end) forms.push(end);
  }
  let removed = true;
  while (removed && core.length > 1) {
    removed = false;
    for (let k = Math.min(longest, core.length - 1); k >= 1 && !removed; k--) {
      const tail = core.slice(core.length - k).join('');
      if (trailingSet.has(tail)) {
        forms.push(tail);
        core.length -= k;
        removed = true;
      } else if (leadingSet.has(core.slice(0, k).join(''))) {
        forms.unshift(core.slice(0, k).join(''));
        core.splice(0, k);
        removed = true;
      }
    }
    // "Müller & Co." leaves a dangling "and" once "co" is gone.
    while (core.length > 1 && CONNECTORS.has(core[core.length - 1])) core.pop();
  }
  return { core, forms: forms.map((form) => SYNONYMS[form] ?? form) };
}

/** Whether a folded token (or de-spaced run of tokens) is a legal designator. */
export function isLegalForm(folded: string): boolean {
  return trailingSet.has(folded) || leadingSet.has(folded);
}
