// The mappings by organization and by customer, caught up with the store on every read: a look-up, not a scan.
import type { Mapping, StoreData } from '../store/storeData.js';
import { touchedSince } from './mappingRevision.js';
import {
  aboutToGrow,
  PAUSE,
  runAtOnce,
  runInSlices,
  SLICE_MS,
  STEP_ITEMS,
  type Steps,
} from '../sliced/slicedWork.js';

const NONE: readonly Mapping[] = Object.freeze([]);

// Fewer touched mappings than this are refreshed by the next read at once: a few milliseconds at most.
const SLICED_CATCH_UP = 512;

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
  #byOrganization = new Map<string, Mapping[]>();
  /** Keyed by lower-case tenant id: mappings may spell one tenant in more than one case. */
  #byCustomer = new Map<string, Mapping[]>();
  /** Each mapping as last indexed, so a touched id is unlinked from where it was. */
  #byId = new Map<string, Mapping>();
  #building: Promise<void> | undefined;
  readonly #sliceMs: number;

  /** `sliceMs`: how long ready() indexes before it gives way (0: at every chance, as tests want). */
  constructor(options: { sliceMs?: number } = {}) {
    this.#sliceMs = options.sliceMs ?? SLICE_MS;
  }

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

  /** Every mapping id, in the order the index holds them: a copy, listed far faster than the record's keys. */
  ids(data: Readonly<StoreData>): string[] {
    this.#catchUp(data);
    return [...this.#byId.keys()];
  }

  /**
   * Indexes a record it has not seen (at start, after a rollback) in slices, so the read that follows is a
   * look-up; a read before it is done builds the index at once. Thousands of mappings changed at once (an
   * import) are caught up in slices too, and so is a gap in the journal. Writes made meanwhile are caught up
   * after. `current` answers the store's data as it is now: a rollback while the index is built replaces it.
   */
  async ready(current: () => Readonly<StoreData>): Promise<void> {
    while (current().mappings !== this.#record || this.#building) {
      this.#building ??= this.#buildInSlices(current).finally(() => (this.#building = undefined));
      await this.#building;
    }
    // Once, not until nothing is left: with writes arriving all the time, there always is.
    const data = current();
    if (data.mappingRevision === this.#revision) return;
    const touched = touchedSince(data, this.#revision);
    // A few are caught up by the next read at once.
    if (touched && touched.length < SLICED_CATCH_UP) return;
    this.#building = (touched ? this.#catchUpInSlices(data, touched) : this.#buildInSlices(current)).finally(
      () => (this.#building = undefined),
    );
    await this.#building;
  }

  async #buildInSlices(current: () => Readonly<StoreData>): Promise<void> {
    const { mappings: record, mappingRevision: revision } = current();
    const built = await runInSlices(indexSteps(record), this.#sliceMs);
    // A read that could not wait built it (or more) meanwhile, or the record was replaced again: leave that be.
    const readMeanwhile = this.#record === record && this.#revision >= revision;
    if (readMeanwhile || current().mappings !== record) return;
    this.#install(record, built);
    // Writes made while it was built: the next read catches up on them from the journal.
    this.#revision = revision;
  }

  /**
   * Refreshes the touched ids a slice at a time. A refresh is the same whenever it runs, so a read between two
   * slices, which catches up on all of them at once, leaves nothing wrong behind.
   */
  async #catchUpInSlices(data: Readonly<StoreData>, touched: readonly string[]): Promise<void> {
    const { mappings: record, mappingRevision: revision } = data;
    const from = this.#revision;
    const ids = [...new Set(touched)];
    await runInSlices(this.#refreshSteps(record, ids), this.#sliceMs);
    if (this.#record === record && this.#revision === from) this.#revision = revision;
  }

  *#refreshSteps(record: Readonly<Record<string, Mapping>>, ids: readonly string[]): Steps<void> {
    for (let i = 0; i < ids.length; i++) {
      // A rollback replaced the record: the next read rebuilds from the new one.
      if (this.#record !== record) return;
      this.#refresh(record, ids[i]);
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
  }

  #catchUp(data: Readonly<StoreData>): void {
    const record = data.mappings;
    if (record === this.#record && data.mappingRevision === this.#revision) return;
    const touched = record === this.#record ? touchedSince(data, this.#revision) : undefined;
    if (touched) for (const id of new Set(touched)) this.#refresh(record, id);
    else this.#install(record, runAtOnce(indexSteps(record)));
    this.#revision = data.mappingRevision;
  }

  #install(record: Readonly<Record<string, Mapping>>, built: Index): void {
    this.#byId = built.byId;
    this.#byOrganization = built.byOrganization;
    this.#byCustomer = built.byCustomer;
    this.#record = record;
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

interface Index {
  byId: Map<string, Mapping>;
  byOrganization: Map<string, Mapping[]>;
  byCustomer: Map<string, Mapping[]>;
}

/**
 * Every mapping of the record, indexed. Listing the keys is one step: a store-sized record is a hash table, and
 * listing it is what costs. A key gone by the time the walk reaches it is skipped; one added meanwhile is left to
 * the caller, who catches up from the journal.
 */
function* indexSteps(record: Readonly<Record<string, Mapping>>): Steps<Index> {
  const index: Index = { byId: new Map(), byOrganization: new Map(), byCustomer: new Map() };
  const ids = Object.keys(record);
  yield;
  for (let i = 0; i < ids.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const id = ids[i];
    if (!Object.hasOwn(record, id)) continue;
    const mapping = record[id];
    // Three tables of about one entry per mapping grow in step: each doubles in a slice of its own.
    if (aboutToGrow(index.byId, id)) yield PAUSE;
    index.byId.set(id, mapping);
    if (aboutToGrow(index.byOrganization, mapping.organizationId)) yield PAUSE;
    push(index.byOrganization, mapping.organizationId, mapping);
    const tenantId = mapping.customerTenantId.toLowerCase();
    if (aboutToGrow(index.byCustomer, tenantId)) yield PAUSE;
    push(index.byCustomer, tenantId, mapping);
  }
  let sorted = 0;
  for (const lists of [index.byOrganization, index.byCustomer])
    for (const list of lists.values()) {
      if (++sorted % STEP_ITEMS === 0) yield;
      if (list.length > 1) list.sort(byCreation);
    }
  return index;
}

/** ISO instants in one format sort as text: a plain comparison, where localeCompare costs far more. */
function byCreation(a: Mapping, b: Mapping): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
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
