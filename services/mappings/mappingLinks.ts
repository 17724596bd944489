// The mappings by organization and by customer, caught up with the store on every read: a look-up, not a scan.
import type { Mapping, StoreData } from '../store/storeData.js';
import { touchedSince } from './mappingRevision.js';

const NONE: readonly Mapping[] = Object.freeze([]);

/**
 * Relies on what every writer of mappings does (recordChange): mappingRevision goes up with each change and the
 * journal names the mappings it touched. A read after a change applies just those; a gap in the journal, or a
 * replaced record (a rolled-back write, a reload), rebuilds from every mapping. The arrays handed out are the
 * index's own, and the mappings in them the store's: read them, do not change them.
 */
export class MappingLinks {
  #record: Readonly<Record<string, Mapping>> | undefined;
  #revision = Number.NaN;
  /** Each organization's mappings, oldest first. */
  readonly #byOrganization = new Map<string, Mapping[]>();
  /** Keyed by lower-case tenant id: mappings may spell one tenant in more than one case. */
  readonly #byCustomer = new Map<string, Mapping[]>();
  /** Each mapping as last indexed, so a touched id is unlinked from where it was. */
  readonly #byId = new Map<string, Mapping>();

  /** The organization's mappings, oldest first. */
  ofOrganization(data: Readonly<StoreData>, organizationId: string): readonly Mapping[] {
    this.#catchUp(data);
    return this.#byOrganization.get(organizationId) ?? NONE;
  }

  /** The mappings to a customer tenant, whatever case they spell it in, oldest first. */
  ofCustomer(data: Readonly<StoreData>, tenantId: string): readonly Mapping[] {
    this.#catchUp(data);
    return this.#byCustomer.get(tenantId.toLowerCase()) ?? NONE;
  }

  /** Every organization id with at least one mapping (some may name organizations that no longer exist). */
  organizations(data: Readonly<StoreData>): ReadonlyMap<string, readonly Mapping[]> {
    this.#catchUp(data);
    return this.#byOrganization;
  }

  #catchUp(data: Readonly<StoreData>): void {
    const record = data.mappings;
    if (record === this.#record && data.mappingRevision === this.#revision) return;
    const touched = record === this.#record ? touchedSince(data, this.#revision) : undefined;
    if (touched) for (const id of new Set(touched)) this.#refresh(record, id);
    else this.#rebuild(record);
    this.#record = record;
    this.#revision = data.mappingRevision;
  }

  #rebuild(record: Readonly<Record<string, Mapping>>): void {
    this.#byOrganization.clear();
    this.#byCustomer.clear();
    this.#byId.clear();
    // for…in, not Object.values: a store-sized record is a hash table, and values() is slower on one.
    for (const id in record) {
      const mapping = record[id];
      this.#byId.set(id, mapping);
      push(this.#byOrganization, mapping.organizationId, mapping);
      push(this.#byCustomer, mapping.customerTenantId.toLowerCase(), mapping);
    }
    for (const list of this.#byOrganization.values()) if (list.length > 1) list.sort(byCreation);
    for (const list of this.#byCustomer.values()) if (list.length > 1) list.sort(byCreation);
  }

  #refresh(record: Readonly<Record<string, Mapping>>, id: string): void {
    const before = this.#byId.get(id);
    const after = Object.hasOwn(record, id) ? record[id] : undefined;
    if (before === after) return;
    if (before) {
      this.#byId.delete(id);
      pull(this.#byOrganization, before.organizationId, before);
      pull(this.#byCustomer, before.customerTenantId.toLowerCase(), before);
    }
    if (after) {
      this.#byId.set(id, after);
      insert(this.#byOrganization, after.organizationId, after);
      insert(this.#byCustomer, after.customerTenantId.toLowerCase(), after);
    }
  }
}

function byCreation(a: Mapping, b: Mapping): number {
  return a.createdAt.localeCompare(b.createdAt);
}

function push(index: Map<string, Mapping[]>, key: string, mapping: Mapping): void {
  const list = index.get(key);
  if (list) list.push(mapping);
  else index.set(key, [mapping]);
}

/** Into its place by creation time, after any created at the same instant, as a stable sort would put it. */
function insert(index: Map<string, Mapping[]>, key: string, mapping: Mapping): void {
  const list = index.get(key);
  if (!list) return void index.set(key, [mapping]);
  let at = list.length;
  while (at > 0 && byCreation(list[at - 1], mapping) > 0) at--;
  list.splice(at, 0, mapping);
}

function pull(index: Map<string, Mapping[]>, key: string, mapping: Mapping): void {
  const list = index.get(key);
  if (!list) return;
  const at = list.indexOf(mapping);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) index.delete(key);
}
