// The organizations in reading order, kept sorted across changes instead of sorted afresh for every card.
import type { Organization, StoreData } from '../store/storeData.js';
import { nameKey } from './organizationRules.js';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The order people read lists in: case and accents aside, "Client 2" before "Client 10". */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

// Past this share of changed organizations (an import), sorting everything beats placing each one.
const RESORT_SHARE = 1 / 8;

/**
 * Relies on the store's rule that mappingRevision goes up with every change to organizations, and that a
 * change replaces an organization's object rather than editing it. A replaced record (a rolled-back write, a
 * reload) is sorted afresh. The array handed out is the order's own: read it, do not change it.
 */
export class OrganizationOrder {
  #record: Readonly<Record<string, Organization>> | undefined;
  #revision = Number.NaN;
  #sorted: Organization[] = [];
  readonly #byId = new Map<string, Organization>();
  /** Organizations by name key ("contoso" for "Contoso Ltd."); older data may hold two under one key. */
  readonly #byKey = new Map<string, Organization[]>();

  sorted(data: Readonly<StoreData>): readonly Organization[] {
    const record = data.organizations;
    if (record === this.#record && data.mappingRevision === this.#revision) return this.#sorted;
    if (record !== this.#record || !this.#catchUp(record)) this.#rebuild(record);
    this.#record = record;
    this.#revision = data.mappingRevision;
    return this.#sorted;
  }

  /** The organization with this name key, as `map <name>` finds it, without reading every name. */
  withKey(data: Readonly<StoreData>, key: string): Organization | undefined {
    this.sorted(data);
    return this.#byKey.get(key)?.[0];
  }

  #rebuild(record: Readonly<Record<string, Organization>>): void {
    this.#byId.clear();
    this.#byKey.clear();
    const all: Organization[] = [];
    for (const id in record) {
      all.push(record[id]);
      this.#byId.set(id, record[id]);
      this.#addKey(record[id]);
    }
    this.#sorted = all.sort(byName);
  }

  #addKey(organization: Organization): void {
    const key = nameKey(organization.name);
    const list = this.#byKey.get(key);
    if (list) list.push(organization);
    else this.#byKey.set(key, [organization]);
  }

  #dropKey(organization: Organization): void {
    const key = nameKey(organization.name);
    const list = this.#byKey.get(key)?.filter((other) => other !== organization) ?? [];
    if (list.length > 0) this.#byKey.set(key, list);
    else this.#byKey.delete(key);
  }

  /** One pass finds what was added, replaced or removed; false when so much changed that a sort is cheaper. */
  #catchUp(record: Readonly<Record<string, Organization>>): boolean {
    const added: Organization[] = [];
    const dropped = new Set<Organization>();
    let kept = 0;
    for (const id in record) {
      const now = record[id];
      const before = this.#byId.get(id);
      if (before) kept++;
      if (before === now) continue;
      if (before) dropped.add(before);
      added.push(now);
    }
    if (kept < this.#byId.size) {
      for (const [id, before] of this.#byId) if (!Object.hasOwn(record, id)) dropped.add(before);
    }
    if (added.length + dropped.size > this.#sorted.length * RESORT_SHARE + 16) return false;
    for (const organization of dropped) {
      this.#byId.delete(organization.id);
      this.#dropKey(organization);
    }
    const sorted = dropped.size > 0 ? this.#sorted.filter((o) => !dropped.has(o)) : this.#sorted.slice();
    for (const organization of added) {
      this.#byId.set(organization.id, organization);
      this.#addKey(organization);
      sorted.splice(upperBound(sorted, organization), 0, organization);
    }
    // A new array: a caller still reading the last one keeps seeing what it was handed.
    this.#sorted = sorted;
    return true;
  }
}

function byName(a: Organization, b: Organization): number {
  return compareNames(a.name, b.name);
}

/** After every organization that sorts with or before it, as a stable sort of the record would place it. */
function upperBound(sorted: readonly Organization[], organization: Organization): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byName(sorted[middle], organization) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
