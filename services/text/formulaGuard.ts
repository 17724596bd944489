// The spreadsheet formula guard of CSV cells: added by the export, taken off by the import, so one undoes the other.

/** Spreadsheets run a cell starting with these as a formula (CSV injection); a leading quote makes it text. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * What a guarded cell looks like: the quote, then a formula lead or another quote. A cell that already looks
 * like this is guarded once more on export, so "'=x" and "''x" come back as they were; "'quoted" and
 * "O'Brien" look like nothing and pass both ways untouched.
 */
const GUARDED = /^'[=+\-@\t\r']/;

export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) || GUARDED.test(cell) ? `'${cell}` : cell;
}

export function stripFormulaGuard(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
