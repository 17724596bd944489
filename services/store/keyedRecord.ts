// Records keyed by ids from outside (conversations, tenants, organizations): no prototype, so "__proto__" or "constructor" is a key like any other.

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
