// The organizations in reading order, kept sorted across changes instead of sorted afresh for every card.
import { aboutToGrow, PAUSE, runAtOnce, runInSlices, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';
import { sortInSteps } from '../sliced/sortInSteps.js';
import type { Organization, StoreData } from '../store/storeData.js';
import { organizationsTouchedSince } from '../mappings/mappingRevision.js';
import { nameKey } from './organizationRules.js';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The order people read lists in: case and accents aside, "Client 2" before "Client 10". */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

// Past this share of changed organizations (an import), sorting everything beats placing each one.
const RESORT_SHARE = 1 / 8;

/** What one sort of a record holds; installed whole, so a reader never sees half of it. */
interface Built {
  record: Readonly<Record<string, Organization>>;
  revision: number;
  sorted: Organization[];
  byId: Map<string, Organization>;
  byKey: Map<string, Organization[]>;
}

/**
 * Relies on the store's rule that mappingRevision goes up with every change to organizations, and that a
 * change replaces an organization's object rather than editing it. A replaced record (a rolled-back write, a
 * reload) is sorted afresh. The array handed out is the order's own: read it, do not change it.
 */
export class OrganizationOrder {
  #record: Readonly<Record<string, Organization>> | undefined;
  #revision = Number.NaN;
  #sorted: Organization[] = [];
  #byId = new Map<string, Organization>();
  /** Organizations by name key ("contoso" for "Contoso Ltd."); older data may hold two under one key. */
  #byKey = new Map<string, Organization[]>();
  #building: Promise<void> | undefined;

  sorted(data: Readonly<StoreData>): readonly Organization[] {
    if (this.#current(data)) return this.#sorted;
    if (!this.#catchUp(data)) {
      this.#install(runAtOnce(sortSteps(data)));
    }
    this.#record = data.organizations;
    this.#revision = data.mappingRevision;
    return this.#sorted;
  }

  /**
   * Resolves once the order matches `current()` (the store's data as it is now). A few changes are placed at
   * once; a new record (start, a rollback) or thousands of changes (an import) are sorted a slice at a time, so
   * the read that follows is a look-up and no other turn waits behind one long sort.
   */
  async ready(current: () => Readonly<StoreData>): Promise<void> {
    for (;;) {
      if (this.#building) {
        await this.#building;
        continue;
      }
      const data = current();
      if (this.#current(data)) return;
      if (this.#catchUp(data)) {
        this.#revision = data.mappingRevision;
        return;
      }
      this.#building = this.#sortInSlices(data).finally(() => (this.#building = undefined));
    }
  }

  async #sortInSlices(data: Readonly<StoreData>): Promise<void> {
    const built = await runInSlices(sortSteps(data));
    // A read that could not wait sorted a newer state meanwhile: keep that one.
    if (built.record === this.#record && built.revision <= this.#revision) return;
    // Changes made meanwhile replaced objects in the record: the next read places them from here.
    this.#install(built);
  }

  #current(data: Readonly<StoreData>): boolean {
    return data.organizations === this.#record && data.mappingRevision === this.#revision;
  }

  /** The organization with this name key, as `map <name>` finds it, without reading every name. */
  withKey(data: Readonly<StoreData>, key: string): Organization | undefined {
    return this.namedLike(data, key)[0];
  }

  /** Every organization with this name key: older data may hold two, and a rename must clash with neither. */
  namedLike(data: Readonly<StoreData>, key: string): readonly Organization[] {
    this.sorted(data);
    return this.#byKey.get(key) ?? [];
  }

  #install(built: Built): void {
    this.#record = built.record;
    this.#revision = built.revision;
    this.#sorted = built.sorted;
    this.#byId = built.byId;
    this.#byKey = built.byKey;
  }

  #addKey(organization: Organization): void {
    addKey(this.#byKey, organization);
  }

  #dropKey(organization: Organization): void {
    const key = nameKey(organization.name);
    const list = this.#byKey.get(key)?.filter((other) => other !== organization) ?? [];
    if (list.length > 0) this.#byKey.set(key, list);
    else this.#byKey.delete(key);
  }

  /**
   * Places what was added, replaced or removed since the last sort into the order; false when it is not the same
   * record, or so much changed that a sort is cheaper. The journal names what changed; without it, one pass over
   * the record finds it.
   */
  #catchUp(data: Readonly<StoreData>): boolean {
    const record = data.organizations;
    if (record !== this.#record) return false;
    const most = this.#sorted.length * RESORT_SHARE + 16;
    const touched = organizationsTouchedSince(data, this.#revision);
    if (touched === 'many') return false;
    const changes = touched ? this.#changesOf(record, touched, most) : this.#changesByWalk(record, most);
    if (!changes || changes.added.length + changes.dropped.size > most) return false;
    this.#place(changes);
    return true;
  }

  #changesOf(
    record: Readonly<Record<string, Organization>>,
    ids: readonly string[],
    most: number,
  ): Changes | undefined {
    if (ids.length > 2 * most) return undefined;
    const changes: Changes = { added: [], dropped: new Set() };
    for (const id of new Set(ids)) {
      const before = this.#byId.get(id);
      const now = Object.hasOwn(record, id) ? record[id] : undefined;
      if (before === now) continue;
      if (before) changes.dropped.add(before);
      if (now) changes.added.push(now);
    }
    return changes;
  }

  #changesByWalk(record: Readonly<Record<string, Organization>>, most: number): Changes | undefined {
    const changes: Changes = { added: [], dropped: new Set() };
    let kept = 0;
    for (const id in record) {
      const now = record[id];
      const before = this.#byId.get(id);
      if (before) kept++;
      if (before === now) continue;
      if (before) changes.dropped.add(before);
      changes.added.push(now);
      if (changes.added.length > most) return undefined;
    }
    if (kept < this.#byId.size) {
      for (const [id, before] of this.#byId) if (!Object.hasOwn(record, id)) changes.dropped.add(before);
    }
    return changes;
  }

  #place({ added, dropped }: Changes): void {
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
  }
}

interface Changes {
  added: Organization[];
  /** The objects replaced or removed, as the order holds them. */
  dropped: Set<Organization>;
}

/** Every organization of the record as it is at the start, indexed and sorted by name, pausing between steps. */
function* sortSteps(data: Readonly<StoreData>): Steps<Built> {
  const record = data.organizations;
  const revision = data.mappingRevision;
  // Taken at once: a write between two steps replaces objects in the record, never these.
  const all = Object.values(record);
  const byId = new Map<string, Organization>();
  const byKey = new Map<string, Organization[]>();
  for (let i = 0; i < all.length; i++) {
    if (aboutToGrow(byId, all[i].id)) yield PAUSE;
    byId.set(all[i].id, all[i]);
    addKey(byKey, all[i]);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const sorted = yield* sortInSteps(all, byName);
  return { record, revision, sorted, byId, byKey };
}

function addKey(byKey: Map<string, Organization[]>, organization: Organization): void {
  const key = nameKey(organization.name);
  const list = byKey.get(key);
  if (list) list.push(organization);
  else byKey.set(key, [organization]);
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
