// Reads an uploaded CSV file into records: size limit, encoding, BOM, delimiter, quoting and line numbers.
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../bot/errors.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_RAW_LENGTH = 300;
const LINE_BREAK = /\r\n|\n|\r/g;

export interface CsvRecord {
  cells: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** The record as written in the file (shortened when long), for rejection reports. */
  raw: string;
}

export function readCsvRecords(input: string | Uint8Array): CsvRecord[] {
  return parseRecords(decode(input).replace(/^\uFEFF/, ''));
}

export function importRefused(message: string): AppError {
  return new AppError('IMPORT_REFUSED', message, { userMessage: `${message} Nothing was imported.` });
}

/**
 * Excel's "Unicode Text" is UTF-16 with a BOM; its legacy "CSV" is Windows-1252, the likeliest meaning of
 * bytes that are not valid UTF-8.
 */
function decode(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > MAX_FILE_BYTES) {
    throw importRefused(
      `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 5 MB can be imported at once.`,
    );
  }
  if (typeof input === 'string') return input;
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input);
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return new TextDecoder('windows-1252').decode(input);
  }
}

/** Semicolons are what Excel writes where the decimal separator is a comma; tabs come from "Text" exports. */
function sniffDelimiter(text: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts].reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}

/**
 * Line numbers come from byte offsets, not from the parser's line counter: that counter counts the CR and
 * the LF of a line break inside a quoted field as two lines.
 */
function parseRecords(text: string): CsvRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = lineStartOffsets(bytes);
  const lineAfter = (offset: number) => lineAt(lineStarts, skipBlank(bytes, offset));
  let parsedTo = 0;
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    // With `info: true` each record comes wrapped with its position; the typings only describe plain rows.
    records = parse(bytes, {
      delimiter: sniffDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      on_record: (record, context) => {
        parsedTo = context.bytes;
        return record;
      },
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quote opened on line ${lineAfter(parsedTo)} is never closed`
        : `line ${lineAfter(parsedTo)} is not valid CSV`;
    throw importRefused(`The file could not be read: ${reason}.`);
  }
  let end = 0;
  return records.map(({ record, info }) => {
    // Skipped empty and blank lines belong to the span of the record after them.
    const start = skipBlank(bytes, end);
    end = info.bytes;
    const raw = bytes
      .subarray(start, end)
      .toString('utf8')
      .replace(/(\r\n|\n|\r)$/, '');
    return {
      cells: record.map((cell) => cell.trim()),
      line: lineAt(lineStarts, start),
      raw: truncate(raw.replace(LINE_BREAK, '\n')),
    };
  });
}

const BLANK_BYTES = new Set([0x0a, 0x0d, 0x20, 0x09]);

function skipBlank(bytes: Uint8Array, offset: number): number {
  let index = offset;
  while (index < bytes.length && BLANK_BYTES.has(bytes[index])) index += 1;
  return index;
}

function lineStartOffsets(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === 0x0d && bytes[index + 1] === 0x0a) index += 1;
    if (bytes[index] === 0x0a || bytes[index] === 0x0d) starts.push(index + 1);
  }
  return starts;
}

/** 1-based number of the line holding the byte at `offset`. */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function truncate(raw: string): string {
  return raw.length > MAX_RAW_LENGTH ? `${raw.slice(0, MAX_RAW_LENGTH)}…` : raw;
}
