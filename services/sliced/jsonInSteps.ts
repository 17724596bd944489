// JSON.stringify a piece at a time: a store of 10,000 organizations is megabytes of text, written on every change.
import { runInSlices, STEP_ITEMS, type Steps } from './slicedWork.js';

// Containers smaller than this are handed to JSON.stringify whole: one call is cheaper than walking them.
const WHOLE_BELOW = 64;

/** The same text as `JSON.stringify(value)` for JSON data (plain objects, arrays, strings, numbers…). */
export function stringifyInSlices(value: unknown): Promise<string> {
  return runInSlices(stringifySteps(value));
}

export function* stringifySteps(value: unknown): Steps<string> {
  const pieces: string[] = [];
  yield* write(value, pieces);
  return pieces.join('');
}

function* write(value: unknown, pieces: string[]): Steps<void> {
  if (Array.isArray(value) && value.length >= WHOLE_BELOW) {
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

function isBig(value: unknown): boolean {
  if (Array.isArray(value)) return value.length >= WHOLE_BELOW;
  if (!isPlainRecord(value)) return false;
  let count = 0;
  for (const _key in value) if (++count >= WHOLE_BELOW) return true;
  return false;
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
