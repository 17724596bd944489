// Reads an uploaded CSV file into records: size limit, encoding, BOM, delimiter, quoting and line numbers.
import { CsvError as StreamCsvError, parse as parseStream, type Options } from 'csv-parse';
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors.js';
import { runAtOnce, runInSlices, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';

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
  const file = prepare(input);
  return runAtOnce(
    recordSteps(
      file,
      catchingCsvErrors(file, () => parse(file.bytes, file.options)),
    ),
  );
}

/**
 * readCsvRecords, giving the event loop turns: the parser is fed a chunk at a time, and the records are made in
 * steps. A 10,000-row file otherwise holds every other user's turn for a few hundred milliseconds.
 */
export async function readCsvRecordsInSlices(input: string | Uint8Array): Promise<CsvRecord[]> {
  const file = prepare(input);
  const parsed = await parseInChunks(file);
  return runInSlices(recordSteps(file, parsed));
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

type Parsed = { record: string[]; info: { bytes: number } }[];

interface PreparedFile {
  bytes: Buffer;
  options: Options;
  /** How far the parser got, for the line an error names. */
  parsedTo: number;
}

function prepare(input: string | Uint8Array): PreparedFile {
  const text = decode(input).replace(/^\uFEFF/, '');
  const file: PreparedFile = { bytes: Buffer.from(text, 'utf8'), options: {}, parsedTo: 0 };
  file.options = {
    delimiter: sniffDelimiter(text),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    // With `info: true` each record comes wrapped with its position; the typings only describe plain rows.
    info: true,
    on_record: (record, context) => {
      file.parsedTo = context.bytes;
      return record;
    },
  };
  return file;
}

function catchingCsvErrors(file: PreparedFile, run: () => unknown): Parsed {
  try {
    return run() as Parsed;
  } catch (error) {
    throw csvRefusal(file, error);
  }
}

function csvRefusal(file: PreparedFile, error: unknown): unknown {
  // The two entry points are built apart, each with its own CsvError.
  if (!(error instanceof CsvError || error instanceof StreamCsvError)) return error;
  const line = lineAt(lineStartOffsets(file.bytes), skipBlank(file.bytes, file.parsedTo));
  const reason =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `a quote opened on line ${line} is never closed`
      : `line ${line} is not valid CSV`;
  return importRefused(`The file could not be read: ${reason}.`);
}

// About a millisecond of parsing each.
const CHUNK_BYTES = 16 * 1024;

/** The same parse as the one-go parser's, fed a chunk at a time with a turn of the event loop after each. */
async function parseInChunks(file: PreparedFile): Promise<Parsed> {
  const parser = parseStream(file.options);
  const parsed: Parsed = [];
  parser.on('readable', () => {
    for (let record = parser.read(); record !== null; record = parser.read()) parsed.push(record);
  });
  let failure: unknown;
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failure = error;
      resolve();
    });
  });
  // A failed parse stops the feeding.
  for (let at = 0; at < file.bytes.length && failure === undefined; at += CHUNK_BYTES) {
    parser.write(file.bytes.subarray(at, at + CHUNK_BYTES));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw csvRefusal(file, failure);
  return parsed;
}

/**
 * Line numbers come from byte offsets, not from the parser's line counter: that counter counts the CR and
 * the LF of a line break inside a quoted field as two lines.
 */
function* recordSteps(file: PreparedFile, records: Parsed): Steps<CsvRecord[]> {
  const { bytes } = file;
  const lineStarts = lineStartOffsets(bytes);
  yield;
  let end = 0;
  const made: CsvRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const { record, info } = records[i];
    // Skipped empty and blank lines belong to the span of the record after them.
    const start = skipBlank(bytes, end);
    end = info.bytes;
    const raw = bytes
      .subarray(start, end)
      .toString('utf8')
      .replace(/(\r\n|\n|\r)$/, '');
    made.push({
      cells: record.map((cell) => cell.trim()),
      line: lineAt(lineStarts, start),
      raw: truncate(raw.replace(LINE_BREAK, '\n')),
    });
  }
  return made;
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
