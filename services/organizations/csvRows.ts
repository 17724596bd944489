// Turns CSV records into organization rows: which column is which (header aliases or position), and the row limit.
import { stripFormulaGuard } from '../text/formulaGuard.js';
import { runAtOnce, runInSlices, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';
import {
  importRefused as refuse,
  readCsvRecords,
  readCsvRecordsInSlices,
  type CsvRecord,
} from './csvRecords.js';
import { checkDomain } from './organizationRules.js';

export const MAX_ROWS = 20_000;

export type Column = 'name' | 'externalId' | 'domain' | 'customerTenantId';

export interface CsvRow {
  line: number;
  raw: string;
  name: string;
  externalId: string;
  domain: string;
  /** The CSP customer the row maps its organization to; blank leaves the mapping as it is. */
  customerTenantId: string;
}

export interface CsvRejection {
  line: number;
  raw: string;
  reason: string;
}

export interface CsvRows {
  rows: CsvRow[];
  rejected: CsvRejection[];
  /** Header columns the import does not use (PSA exports carry many), each with the reason, for the preview. */
  ignoredColumns: IgnoredColumn[];
  /** True when the file has a customer tenant id column: the preview then speaks of mappings too. */
  mapsCustomers: boolean;
}

export interface IgnoredColumn {
  name: string;
  reason: string;
}

/** Header names as PSA and spreadsheet exports spell them, compared without case, spaces or punctuation. */
const ALIASES = new Map<string, Column>(
  Object.entries({
    name: 'name',
    organization: 'name',
    organisation: 'name',
    organizationname: 'name',
    organisationname: 'name',
    company: 'name',
    companyname: 'name',
    client: 'name',
    clientname: 'name',
    externalid: 'externalId',
    psaid: 'externalId',
    id: 'externalId',
    domain: 'domain',
    primarydomain: 'domain',
    domainname: 'domain',
    customertenantid: 'customerTenantId',
    customerid: 'customerTenantId',
    tenantid: 'customerTenantId',
    microsofttenantid: 'customerTenantId',
  } satisfies Record<string, Column>),
);
const POSITIONAL: Column[] = ['name', 'externalId', 'domain'];
const LABELS: Record<Column, string> = {
  name: 'name',
  externalId: 'external id',
  domain: 'domain',
  customerTenantId: 'customer tenant id',
};
/** Columns the mappings export writes for people to read: re-importing the export must not call them unknown. */
const READ_ONLY = new Map(
  Object.entries({
    customername:
      'the customer is found by its tenant id; its name comes from the CSP customer list, not from the file.',
    status: 'the mappings export writes it for reading; the import works it out again.',
  }),
);

export function readCsvRows(input: string | Uint8Array): CsvRows {
  return runAtOnce(rowSteps(readCsvRecords(input)));
}

/** readCsvRows, giving the event loop turns: for files of thousands of rows. */
export async function readCsvRowsInSlices(input: string | Uint8Array): Promise<CsvRows> {
  return runInSlices(rowSteps(await readCsvRecordsInSlices(input)));
}

function* rowSteps(all: readonly CsvRecord[]): Steps<CsvRows> {
  const records = all.filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (records.length === 0) throw refuse('The file is empty.');

  const header = headerColumns(records[0].cells);
  const body = header ? records.slice(1) : records;
  if (body.length === 0) throw refuse('The file has a header row but no organizations.');
  if (body.length > MAX_ROWS) {
    throw refuse(
      `The file has ${count(body.length)} rows; at most ${count(MAX_ROWS)} can be imported at once.`,
    );
  }
  const columns = header?.columns ?? positionalColumns(body.map((record) => record.cells));

  const result: CsvRows = {
    rows: [],
    rejected: [],
    ignoredColumns: header?.ignored ?? [],
    mapsCustomers: columns.includes('customerTenantId'),
  };
  for (let i = 0; i < body.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const { cells, line, raw } = body[i];
    const used = lastFilled(cells);
    if (used > columns.length) {
      const expected = header ? 'as in the header row' : 'name, external id, domain';
      const reason = `Too many columns: ${used}, expected at most ${columns.length} (${expected}).`;
      result.rejected.push({ line, raw, reason });
      continue;
    }
    const row: CsvRow = { line, raw, name: '', externalId: '', domain: '', customerTenantId: '' };
    // The mappings export guards cells against formulas; without the guard taken off, its own file would rename.
    columns.forEach((column, index) => {
      if (column && row[column] === '') row[column] = stripFormulaGuard(cells[index] ?? '');
    });
    result.rows.push(row);
  }
  return result;
}

function headerColumns(
  cells: string[],
): { columns: (Column | undefined)[]; ignored: IgnoredColumn[] } | undefined {
  const mapped = cells.map((cell) => ALIASES.get(headerKey(cell)));
  if (!mapped.some(Boolean)) return undefined;
  if (!mapped.includes('name')) {
    throw refuse('The header row has no name column. Call it Name, Organization or Company.');
  }
  // The first column of each kind wins; a second "Company" next to "Name" is reported as ignored.
  const columns = mapped.map((column, index) =>
    column && mapped.indexOf(column) === index ? column : undefined,
  );
  const ignored = cells.flatMap((cell, index) =>
    cell !== '' && columns[index] === undefined
      ? [{ name: cell, reason: ignoredReason(cells, mapped, index) }]
      : [],
  );
  return { columns, ignored };
}

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z]/g, '');
}

function ignoredReason(cells: string[], mapped: (Column | undefined)[], index: number): string {
  const column = mapped[index];
  if (column) {
    const first = cells[mapped.indexOf(column)];
    return `a second ${LABELS[column]} column; the first one, “${first}”, is used.`;
  }
  return (
    READ_ONLY.get(headerKey(cells[index])) ??
    'not a column the import knows; it reads name, external id, domain and customer tenant id.'
  );
}

/** Without a header: name, external id, domain; a two-column file whose second column is all domains means name, domain. */
function positionalColumns(records: string[][]): Column[] {
  const width = records.reduce((widest, cells) => Math.max(widest, lastFilled(cells)), 0);
  if (width !== 2) return POSITIONAL;
  const seconds = records.map((cells) => cells[1] ?? '').filter(Boolean);
  const allDomains =
    seconds.length > 0 && seconds.every((cell) => cell.includes('.') && checkDomain(cell).ok);
  return allDomains ? ['name', 'domain'] : POSITIONAL;
}

/** Spreadsheets pad rows with empty trailing cells; only filled cells count as columns. */
function lastFilled(cells: string[]): number {
  for (let index = cells.length; index > 0; index -= 1) if (cells[index - 1] !== '') return index;
  return 0;
}

function count(value: number): string {
  return value.toLocaleString('en');
}
