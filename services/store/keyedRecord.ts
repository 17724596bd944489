// Records keyed by ids from outside: no prototype, so "__proto__" or "constructor" is a key like any other.
import type { StoreData } from './storeData.js';

/** A new, empty record with no prototype: nothing is inherited, and assigning to "__proto__" makes a plain key. */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Takes the prototype off a record parsed from JSON or copied by structuredClone, in place: both keep a "__proto__"
 * key as an own property, but give the record Object's prototype, whose members a look-up would find.
 */
export function withoutPrototype<T>(record: Record<string, T>): Record<string, T> {
  return record !== null && typeof record === 'object' ? Object.setPrototypeOf(record, null) : record;
}

/** Every record of the store keyed by an id from outside (a conversation, tenant, organization, alert kind). */
const KEYED_RECORDS = [
  'botState',
  'conversations',
  'signIns',
  'organizations',
  'mappings',
  'consents',
  'accessTests',
  'alertSubscriptions',
  'alerts',
] as const satisfies readonly (keyof StoreData)[];

/** Loaded data with every keyed record freed of its prototype, so no id can reach or replace Object's members. */
export function withoutPrototypes(data: StoreData): StoreData {
  for (const name of KEYED_RECORDS) withoutPrototype<unknown>(data[name]);
  return data;
}
