// The mapping index kept up to date between detector runs: after a change, only the links that changed are redone.
import type { Mapping } from '../store/storeData.js';
import { aboutToGrow, PAUSE, runAtOnce, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';

/** One mapped customer tenant; the detector keeps its own per-tenant state on the same object. */
export interface TenantLinks {
  /** Lower case. */
  readonly tenantId: string;
  /** Sorted, distinct, never empty while the tenant is mapped. */
  organizationIds: string[];
  /** One organization id per mapping, repeats included (two spellings of a tenant are two mappings). */
  links: string[];
  /** Set once the last mapping to the tenant is gone; the object is then dropped. */
  unmapped: boolean;
}

export interface MappingChanges<T extends TenantLinks> {
  /** True when everything was indexed afresh (first run, or the store's record was replaced, as a rollback does). */
  rebuilt: boolean;
  /** Tenants whose organizations changed, the unmapped ones included. */
  tenants: Set<T>;
}

/**
 * Diffs the store's mappings against the previous run in one pass over their keys. A record keeps its keys in
 * insertion order, so after a few additions and deletions the two key lists line up but for those; whatever the
 * order, a key that does not line up is redone as removed and added, which is always right, only slower.
 */
export class MappingTracker<T extends TenantLinks> {
  readonly #newTenant: (tenantId: string) => T;
  readonly #tenants = new Map<string, T>();
  /** Organization id → the lower-case tenant id of each of its mappings, repeats included. */
  readonly #tenantsOf = new Map<string, string[]>();
  /** Organization id → its distinct tenants, sorted, for organizations linked to two or more. */
  readonly conflicts = new Map<string, string[]>();
  #record: Readonly<Record<string, Mapping>> | undefined;
  #keys: string[] = [];
  #values: Mapping[] = [];
  #lowerTenants: string[] = [];
  /** Each mapping as last indexed, by id, for catching up on a few named mappings without the walk. */
  readonly #byId = new Map<string, { value: Mapping; tenantId: string }>();
  /** The key lists above no longer match the record once named mappings were applied; the next walk starts over. */
  #listsStale = false;

  constructor(newTenant: (tenantId: string) => T) {
    this.#newTenant = newTenant;
  }

  get tenants(): ReadonlyMap<string, T> {
    return this.#tenants;
  }

  /**
   * `touched`, when given, names every mapping added, changed or removed since the last update: only those are
   * redone. Without it the keys are walked and diffed.
   */
  update(mappings: Readonly<Record<string, Mapping>>, touched?: readonly string[]): MappingChanges<T> {
    return runAtOnce(this.updateSteps(mappings, touched));
  }

  /**
   * update, pausing now and then. A mapping changed while paused may be seen before or after its change: the
   * caller applies the journal since the start afterwards, which puts right whatever the walk saw of it.
   * `keys`, when given, lists the record's keys as they are now: Object.keys on a store-sized record walks a hash
   * table in one go (tens of milliseconds at 100,000 mappings), where an index kept beside the store lists them
   * in a few.
   */
  *updateSteps(
    mappings: Readonly<Record<string, Mapping>>,
    touched?: readonly string[],
    keys?: () => readonly string[],
  ): Steps<MappingChanges<T>> {
    if (touched && mappings === this.#record) return this.#apply(mappings, touched);
    const rebuilt = mappings !== this.#record || this.#listsStale;
    if (rebuilt) this.#reset(mappings);
    const changedTenants = new Set<T>();
    const changedOrganizations = new Set<string>();
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const oldTenants = this.#lowerTenants;
    // A list of keys and one look-up per key: a for…in also checks that each key is still there.
    const listed = keys?.() ?? Object.keys(mappings);
    const seenKeys: string[] = [];
    const values: Mapping[] = [];
    const lowerTenants: string[] = [];
    let old = 0;
    for (let i = 0; i < listed.length; i++) {
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const key = listed[i];
      // Gone while the walk paused: as if it had never been listed.
      if (!Object.hasOwn(mappings, key)) continue;
      const value = mappings[key];
      seenKeys.push(key);
      values.push(value);
      while (old < oldKeys.length && oldKeys[old] !== key) {
        this.#unlink(oldValues[old].organizationId, oldTenants[old], changedTenants, changedOrganizations);
        old++;
      }
      if (old < oldKeys.length) {
        if (oldValues[old] === value) {
          lowerTenants.push(oldTenants[old++]);
          continue;
        }
        this.#unlink(oldValues[old].organizationId, oldTenants[old], changedTenants, changedOrganizations);
        old++;
      }
      const tenantId = value.customerTenantId.toLowerCase();
      lowerTenants.push(tenantId);
      // A cold walk fills three collections of about one entry per mapping in step: each doubles in a slice of
      // its own.
      if (aboutToGrow(this.#tenants, tenantId)) yield PAUSE;
      const tenant = this.#linkTenant(value.organizationId, tenantId);
      if (aboutToGrow(changedTenants, tenant)) yield PAUSE;
      changedTenants.add(tenant);
      if (aboutToGrow(this.#tenantsOf, value.organizationId)) yield PAUSE;
      this.#linkOrganization(value.organizationId, tenantId, changedOrganizations);
    }
    for (; old < oldKeys.length; old++)
      this.#unlink(oldValues[old].organizationId, oldTenants[old], changedTenants, changedOrganizations);
    this.#keys = seenKeys;
    this.#values = values;
    this.#lowerTenants = lowerTenants;
    this.#byId.clear();
    for (let i = 0; i < seenKeys.length; i++) {
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
      if (aboutToGrow(this.#byId, seenKeys[i])) yield PAUSE;
      this.#byId.set(seenKeys[i], { value: values[i], tenantId: lowerTenants[i] });
    }
    yield* this.#settle(changedTenants, changedOrganizations);
    return { rebuilt, tenants: changedTenants };
  }

  #apply(mappings: Readonly<Record<string, Mapping>>, touched: readonly string[]): MappingChanges<T> {
    const changedTenants = new Set<T>();
    const changedOrganizations = new Set<string>();
    for (const id of new Set(touched)) {
      const before = this.#byId.get(id);
      const after = Object.hasOwn(mappings, id) ? mappings[id] : undefined;
      if (before?.value === after) continue;
      this.#listsStale = true;
      if (before) {
        this.#unlink(before.value.organizationId, before.tenantId, changedTenants, changedOrganizations);
        this.#byId.delete(id);
      }
      if (after) {
        const tenantId = after.customerTenantId.toLowerCase();
        this.#link(after.organizationId, tenantId, changedTenants, changedOrganizations);
        this.#byId.set(id, { value: after, tenantId });
      }
    }
    runAtOnce(this.#settle(changedTenants, changedOrganizations));
    return { rebuilt: false, tenants: changedTenants };
  }

  #reset(mappings: Readonly<Record<string, Mapping>>): void {
    for (const tenant of this.#tenants.values()) tenant.unmapped = true;
    this.#tenants.clear();
    this.#tenantsOf.clear();
    this.conflicts.clear();
    this.#record = mappings;
    this.#listsStale = false;
    this.#keys = [];
    this.#values = [];
    this.#lowerTenants = [];
  }

  #link(organizationId: string, tenantId: string, tenants: Set<T>, organizations: Set<string>): void {
    tenants.add(this.#linkTenant(organizationId, tenantId));
    this.#linkOrganization(organizationId, tenantId, organizations);
  }

  #linkTenant(organizationId: string, tenantId: string): T {
    let tenant = this.#tenants.get(tenantId);
    if (!tenant) this.#tenants.set(tenantId, (tenant = this.#newTenant(tenantId)));
    tenant.links.push(organizationId);
    return tenant;
  }

  #linkOrganization(organizationId: string, tenantId: string, organizations: Set<string>): void {
    const tenantIds = this.#tenantsOf.get(organizationId);
    if (tenantIds) {
      tenantIds.push(tenantId);
      organizations.add(organizationId);
    } else this.#tenantsOf.set(organizationId, [tenantId]);
  }

  #unlink(organizationId: string, tenantId: string, tenants: Set<T>, organizations: Set<string>): void {
    const tenant = this.#tenants.get(tenantId);
    if (tenant) {
      removeOne(tenant.links, organizationId);
      tenants.add(tenant);
    }
    const tenantIds = this.#tenantsOf.get(organizationId);
    if (tenantIds) {
      removeOne(tenantIds, tenantId);
      organizations.add(organizationId);
    }
  }

  *#settle(tenants: Set<T>, organizations: Set<string>): Steps<void> {
    let done = 0;
    for (const tenant of tenants) {
      if (++done % STEP_ITEMS === 0) yield;
      if (tenant.links.length === 0) {
        tenant.unmapped = true;
        this.#tenants.delete(tenant.tenantId);
      } else tenant.organizationIds = distinctSorted(tenant.links);
    }
    for (const organizationId of organizations) {
      if (++done % STEP_ITEMS === 0) yield;
      const tenantIds = this.#tenantsOf.get(organizationId) ?? [];
      if (tenantIds.length === 0) this.#tenantsOf.delete(organizationId);
      const distinct = distinctSorted(tenantIds);
      if (distinct.length > 1) this.conflicts.set(organizationId, distinct);
      else this.conflicts.delete(organizationId);
    }
  }
}

function removeOne(list: string[], value: string): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
}

function distinctSorted(values: readonly string[]): string[] {
  if (values.length === 1) return [values[0]];
  return [...new Set(values)].sort();
}
