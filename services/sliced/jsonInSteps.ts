// JSON.stringify a piece at a time: a store of 10,000 organizations is megabytes of text, written on every change.
import { runInSlices, STEP_ITEMS, type Steps } from './slicedWork.js';

// Containers smaller than this are handed to JSON.stringify whole: one call is cheaper than walking them.
const WHOLE_BELOW = 64;

// About half a megabyte of UTF-16: joined, or turned into bytes, in well under a millisecond.
const CHUNK_CHARS = 1 << 18;

/** The same text as `JSON.stringify(value)` for JSON data (plain objects, arrays, strings, numbers…). */
export function stringifyInSlices(value: unknown): Promise<string> {
  return runInSlices(stringifySteps(value));
}

/**
 * The same text in chunks of about `chunkChars` characters, to be written one after another: joining megabytes
 * into one string, or turning them into bytes at once, would hold the event loop for tens of milliseconds.
 */
export function stringifyChunksInSlices(value: unknown, chunkChars = CHUNK_CHARS): Promise<string[]> {
  return runInSlices(chunkSteps(value, chunkChars));
}

export function* stringifySteps(value: unknown): Steps<string> {
  return (yield* chunkSteps(value, CHUNK_CHARS)).join('');
}

function* chunkSteps(value: unknown, chunkChars: number): Steps<string[]> {
  const pieces = new Pieces(chunkChars);
  yield* write(value, pieces);
  return pieces.end();
}

/** Collects the pieces written, joining them into a chunk each time they add up to the chunk size. */
class Pieces {
  readonly #chunks: string[] = [];
  #pending: string[] = [];
  #size = 0;

  constructor(private readonly chunkChars: number) {}

  push(...texts: string[]): void {
    for (const text of texts) {
      this.#pending.push(text);
      this.#size += text.length;
    }
    if (this.#size >= this.chunkChars) this.#flush();
  }

  end(): string[] {
    if (this.#size > 0) this.#flush();
    return this.#chunks;
  }

  #flush(): void {
    this.#chunks.push(this.#pending.join(''));
    this.#pending = [];
    this.#size = 0;
  }
}

function* write(value: unknown, pieces: Pieces): Steps<void> {
  if (Array.isArray(value) && isBig(value)) {
    pieces.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) pieces.push(',');
      // JSON.stringify writes null for what it cannot write inside an array.
      const item = inArray(value[i]);
      if (isBig(item)) yield* write(item, pieces);
      else pieces.push(JSON.stringify(item) ?? 'null');
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    pieces.push(']');
    return;
  }
  if (isPlainRecord(value)) {
    let count = 0;
    let first = true;
    pieces.push('{');
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      if (++count % STEP_ITEMS === 0) yield;
      if (isBig(item)) {
        pieces.push(first ? '' : ',', JSON.stringify(key), ':');
        yield* write(item, pieces);
        first = false;
        continue;
      }
      const text = JSON.stringify(item);
      // Left out, as JSON.stringify leaves out undefined, functions and symbols in an object.
      if (text === undefined) continue;
      pieces.push(first ? '' : ',', JSON.stringify(key), ':', text);
      first = false;
    }
    pieces.push('}');
    return;
  }
  pieces.push(JSON.stringify(value) ?? 'null');
}

function inArray(value: unknown): unknown {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? null : value;
}

/**
 * True when the value holds WHOLE_BELOW entries or more, counted all the way down: an audit entry is a small
 * object, yet an import's entry lists tens of thousands of changes, too many for one JSON.stringify call.
 */
function isBig(value: unknown): boolean {
  return weigh(value, WHOLE_BELOW) <= 0;
}

/** What is left of `budget` once the value's entries are counted; stops counting at zero. */
function weigh(value: unknown, budget: number): number {
  if (Array.isArray(value)) {
    let left = budget - value.length;
    for (let i = 0; i < value.length && left > 0; i++) {
      if (typeof value[i] === 'object' && value[i] !== null) left = weigh(value[i], left);
    }
    return left;
  }
  if (!isPlainRecord(value)) return budget;
  let left = budget;
  for (const key in value) {
    if (--left <= 0) return left;
    const item = value[key];
    if (typeof item === 'object' && item !== null) left = weigh(item, left);
  }
  return left;
}

/** Objects JSON.stringify writes key by key: no toJSON of their own (a Date has one), not an array. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
