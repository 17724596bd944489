// The detector the AlertCenter keeps for the life of the process: every open problem, redoing only what changed.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { AccessTestEntry, ConsentEntry, Organization, StoreData } from '../store/storeData.js';
import { AccessRules, type AccessFinding } from './accessRules.js';
import { accessItem, byKey, conflictItem, missingItem, organizationNames } from './alertItems.js';
import { ALERT_KINDS, fingerprintSteps, type AlertItem, type AlertKind, type Problem } from './alertModel.js';
import { indexCustomerSteps, type CustomerIndex } from './customerIndex.js';
import type { DetectorOptions } from './detector.js';
import { findingWindow } from './findingWindow.js';
import { MappingTracker, type MappingChanges, type TenantLinks } from './mappingTracker.js';
import { runAtOnce, runInSlices, SLICE_MS, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';
import { touchedSince } from '../mappings/mappingRevision.js';
import { mapInSteps, sortInSteps } from '../sliced/sortInSteps.js';

/** A mapped tenant with what it was last judged on; the detector reuses its item while none of that changed. */
interface Tenant extends TenantLinks {
  looked: boolean;
  consent: ConsentEntry | undefined;
  test: AccessTestEntry | undefined;
  customerGeneration: number;
  customer: CspCustomer | undefined;
  /** What `finding` was judged on, and the instants it holds for. */
  judged:
    { customer: CspCustomer; consent?: ConsentEntry; test?: AccessTestEntry; options: number } | undefined;
  from: number;
  until: number;
  finding: AccessFinding | undefined;
  names: { ids: string[]; generation: number; text: string } | undefined;
  kind: AlertKind | undefined;
  item: AlertItem | undefined;
}

const newTenant = (tenantId: string): Tenant => ({
  tenantId,
  organizationIds: [],
  links: [],
  unmapped: false,
  looked: false,
  consent: undefined,
  test: undefined,
  customerGeneration: -1,
  customer: undefined,
  judged: undefined,
  from: 0,
  until: 0,
  finding: undefined,
  names: undefined,
  kind: undefined,
  item: undefined,
});

/**
 * Returns what detecting from scratch returns for the same inputs (test/reference/detector.ts is that reference).
 * It relies on what the store guarantees: mappingRevision goes up with every change to organizations or mappings,
 * accessRevision (with its journal) with every change to consents or accessTests, a consent or test entry is
 * replaced rather than edited, and a customer sync brings a new list rather than editing the old one. A replaced record (a rollback, a reload) is seen as new.
 * The problems returned are shared with later runs: read them, do not change them.
 */
export class AlertDetector {
  readonly #tracker = new MappingTracker<Tenant>(newTenant);
  #revision = Number.NaN;
  #organizations: Readonly<Record<string, Organization>> | undefined;
  /** Goes up whenever organization names may have changed. */
  #namesGeneration = 0;
  #customers: readonly CspCustomer[] | undefined | null = null;
  #customerIndex: CustomerIndex | undefined;
  #customerGeneration = 0;
  #options: DetectorOptions | undefined;
  #optionsGeneration = 0;
  #consents: Readonly<Record<string, ConsentEntry>> | undefined;
  #accessTests: Readonly<Record<string, AccessTestEntry>> | undefined;
  #accessRevision = 0;
  /** Every judged finding holds from #from until #until; outside them every tenant's window is looked at. */
  #from = 0;
  #until = 0;
  readonly #items = new Map<AlertKind, Map<string, AlertItem>>(ALERT_KINDS.map((kind) => [kind, new Map()]));
  readonly #withItems = new Set<Tenant>();
  readonly #dirty = new Set<AlertKind>();
  readonly #problems = new Map<AlertKind, Problem>();

  #busy: Promise<unknown> | undefined;
  readonly #sliceMs: number;

  readonly #mappingIds: ((data: Readonly<StoreData>) => readonly string[]) | undefined;

  /**
   * `sliceMs`: how long detectInSlices works before it gives way (0: at every chance, as tests want).
   * `mappingIds`: the ids of `data.mappings` as they are now, from an index kept beside the store; without it the
   * record's keys are listed, which holds the event loop for tens of milliseconds at 100,000 mappings.
   */
  constructor(
    options: { sliceMs?: number; mappingIds?: (data: Readonly<StoreData>) => readonly string[] } = {},
  ) {
    this.#sliceMs = options.sliceMs ?? SLICE_MS;
    this.#mappingIds = options.mappingIds;
  }

  detect(
    data: Readonly<StoreData>,
    customers: readonly CspCustomer[] | undefined,
    options: DetectorOptions,
    now: Date,
  ): Problem[] {
    if (this.#busy) throw new Error('AlertDetector: a detection in slices is still running');
    return runAtOnce(this.#steps(data, customers, options, now));
  }

  /**
   * detect, giving the event loop a turn every few milliseconds: a cold run over 100,000 mappings takes most of
   * a second. Changes made meanwhile are seen by this run or the next, as they are by detect.
   */
  detectInSlices(
    data: Readonly<StoreData>,
    customers: readonly CspCustomer[] | undefined,
    options: DetectorOptions,
    now: Date,
  ): Promise<Problem[]> {
    const run = (this.#busy ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => runInSlices(this.#steps(data, customers, options, now), this.#sliceMs));
    const settled = run.finally(() => {
      if (this.#busy === settled) this.#busy = undefined;
    });
    this.#busy = settled;
    return run;
  }

  *#steps(
    data: Readonly<StoreData>,
    customers: readonly CspCustomer[] | undefined,
    options: DetectorOptions,
    now: Date,
  ): Steps<Problem[]> {
    const time = now.getTime();
    const optionsMoved = !sameOptions(this.#options, options);
    if (optionsMoved) {
      this.#options = {
        ...options,
        roleIds: [...options.roleIds],
        consentScopes: [...options.consentScopes],
      };
      this.#optionsGeneration++;
    }
    const mappingsMoved =
      data.mappingRevision !== this.#revision || data.organizations !== this.#organizations;
    let changes: MappingChanges<Tenant> | undefined;
    if (mappingsMoved) {
      let seen = data.mappingRevision;
      const mappingIds = this.#mappingIds;
      const keys = mappingIds && (() => mappingIds(data));
      changes = yield* this.#tracker.updateSteps(data.mappings, touchedSince(data, this.#revision), keys);
      // Writes made while the walk paused: the journal names their mappings; without it, walk again.
      while (data.mappingRevision !== seen) {
        const touched = touchedSince(data, seen);
        seen = data.mappingRevision;
        const more = touched
          ? this.#tracker.update(data.mappings, touched)
          : yield* this.#tracker.updateSteps(data.mappings, undefined, keys);
        for (const tenant of more.tenants) changes.tenants.add(tenant);
        changes.rebuilt ||= more.rebuilt;
      }
      this.#revision = seen;
      this.#organizations = data.organizations;
      this.#namesGeneration++;
      if (changes.rebuilt) this.#forgetItems();
    }
    const customersMoved = customers !== this.#customers;
    if (customersMoved) {
      this.#customers = customers;
      this.#customerIndex = customers && (yield* indexCustomerSteps(customers));
      this.#customerGeneration++;
    }
    const accessChanged = this.#accessChanges(data);

    let rules: AccessRules | undefined;
    const visit = (tenant: Tenant, lookUp: boolean) => {
      if (tenant.unmapped) return this.#place(tenant, undefined, undefined);
      if (lookUp || !tenant.looked) {
        tenant.consent = data.consents[tenant.tenantId];
        tenant.test = data.accessTests[tenant.tenantId];
        tenant.looked = true;
      }
      const index = this.#customerIndex;
      if (!index) return this.#place(tenant, undefined, undefined);
      if (tenant.customerGeneration !== this.#customerGeneration) {
        tenant.customer = index.get(tenant.tenantId);
        tenant.customerGeneration = this.#customerGeneration;
      }
      const customer = tenant.customer;
      if (!customer) return this.#place(tenant, 'customer-missing', data.organizations);
      const judged = tenant.judged;
      if (
        judged?.customer !== customer ||
        judged.consent !== tenant.consent ||
        judged.test !== tenant.test ||
        judged.options !== this.#optionsGeneration ||
        time < tenant.from ||
        time >= tenant.until
      ) {
        rules ??= new AccessRules(options, now);
        const finding = rules.problemOf(customer, tenant.consent, tenant.test);
        // The same words keep the same object, so the item built from it is kept too.
        if (finding?.kind !== tenant.finding?.kind || finding?.detail !== tenant.finding?.detail)
          tenant.finding = finding;
        ({ from: tenant.from, until: tenant.until } = findingWindow(customer, options, time));
        const { consent, test } = tenant;
        tenant.judged = { customer, consent, test, options: this.#optionsGeneration };
        this.#from = Math.max(this.#from, tenant.from);
        this.#until = Math.min(this.#until, tenant.until);
      }
      this.#place(tenant, tenant.finding?.kind, data.organizations);
    };

    const everyone =
      optionsMoved ||
      customersMoved ||
      accessChanged === 'all' ||
      changes?.rebuilt === true ||
      time < this.#from ||
      time >= this.#until;
    if (everyone) {
      this.#from = Number.NEGATIVE_INFINITY;
      this.#until = Number.POSITIVE_INFINITY;
      let visited = 0;
      for (const tenant of this.#tracker.tenants.values()) {
        if (++visited % STEP_ITEMS === 0) yield;
        visit(tenant, accessChanged === 'all');
        if (tenant.judged) {
          this.#from = Math.max(this.#from, tenant.from);
          this.#until = Math.min(this.#until, tenant.until);
        }
      }
    }
    let done = 0;
    if (changes) {
      for (const tenant of changes.tenants) {
        if (++done % STEP_ITEMS === 0) yield;
        if (!everyone || tenant.unmapped) visit(tenant, false);
      }
    }
    if (!everyone) {
      for (const tenantId of accessChanged) {
        const tenant = this.#tracker.tenants.get(tenantId);
        if (tenant) visit(tenant, true);
      }
    }
    // A rename moves no link but may change the words of any item that names organizations.
    if (mappingsMoved) {
      for (const tenant of [...this.#withItems]) {
        if (++done % STEP_ITEMS === 0) yield;
        visit(tenant, false);
      }
    }
    if (mappingsMoved || customersMoved) yield* this.#conflicts(data.organizations);
    return yield* this.#assemble();
  }

  /** The tenants whose consent or test changed since the last run: from the journal when it covers them all. */
  #accessChanges(data: Readonly<StoreData>): readonly string[] | 'all' {
    const revision = data.accessRevision ?? 0;
    const journal = data.accessJournal ?? [];
    const behind = revision - this.#accessRevision;
    const sameRecords = data.consents === this.#consents && data.accessTests === this.#accessTests;
    this.#consents = data.consents;
    this.#accessTests = data.accessTests;
    this.#accessRevision = revision;
    if (!sameRecords || behind < 0 || behind > journal.length) return 'all';
    return journal.slice(journal.length - behind);
  }

  /** Puts the tenant's item under `kind` (none: no item), rebuilding it only when what it says changed. */
  #place(
    tenant: Tenant,
    kind: AlertKind | undefined,
    organizations?: Readonly<Record<string, Organization>>,
  ) {
    let item: AlertItem | undefined;
    if (kind && organizations) {
      const ids = tenant.organizationIds;
      let names = tenant.names;
      if (names?.ids !== ids || names.generation !== this.#namesGeneration) {
        const text = organizationNames(organizations, ids);
        tenant.names = names = { ids, generation: this.#namesGeneration, text };
      }
      const { customer, finding } = tenant;
      item =
        customer && finding
          ? accessItem(tenant.tenantId, customer, finding, ids, names.text)
          : missingItem(tenant.tenantId, ids, names.text);
      if (tenant.item && tenant.kind === kind && sameItem(tenant.item, item)) return;
    }
    if (tenant.kind === kind && tenant.item === item) return;
    if (tenant.kind) {
      this.#items.get(tenant.kind)?.delete(tenant.tenantId);
      this.#dirty.add(tenant.kind);
    }
    if (kind && item) {
      this.#items.get(kind)?.set(tenant.tenantId, item);
      this.#dirty.add(kind);
      this.#withItems.add(tenant);
    } else this.#withItems.delete(tenant);
    tenant.kind = kind;
    tenant.item = item;
  }

  #forgetItems(): void {
    for (const items of this.#items.values()) items.clear();
    this.#withItems.clear();
    for (const kind of ALERT_KINDS) this.#dirty.add(kind);
  }

  // Both below build lists as long as the tenants: they pause like the walks above. Only this run changes the
  // tracker and the items (runs are serialized), so what they read stays put while they pause.
  *#conflicts(organizations: Readonly<Record<string, Organization>>): Steps<void> {
    const conflicts = [...this.#tracker.conflicts];
    const items = yield* mapInSteps(conflicts, ([organizationId, tenantIds]) =>
      conflictItem(organizationId, tenantIds, organizations, this.#customerIndex),
    );
    yield* sortInSteps(items, byKey);
    const kept = this.#problems.get('mapping-conflict')?.items ?? [];
    if (items.length === kept.length && items.every((item, i) => sameItem(item, kept[i]))) return;
    if (items.length === 0) this.#problems.delete('mapping-conflict');
    else
      this.#problems.set('mapping-conflict', {
        kind: 'mapping-conflict',
        items,
        fingerprint: yield* fingerprintSteps('mapping-conflict', items),
      });
  }

  *#assemble(): Steps<Problem[]> {
    for (const kind of this.#dirty) {
      if (kind === 'mapping-conflict') continue;
      const items = yield* sortInSteps([...(this.#items.get(kind)?.values() ?? [])], byKey);
      if (items.length === 0) this.#problems.delete(kind);
      else this.#problems.set(kind, { kind, items, fingerprint: yield* fingerprintSteps(kind, items) });
    }
    this.#dirty.clear();
    const problems: Problem[] = [];
    for (const kind of ALERT_KINDS) {
      const problem = this.#problems.get(kind);
      if (problem) problems.push(problem);
    }
    return problems;
  }
}

function sameItem(a: AlertItem, b: AlertItem): boolean {
  return (
    a.key === b.key &&
    a.title === b.title &&
    a.detail === b.detail &&
    a.organizationId === b.organizationId &&
    a.customerTenantId === b.customerTenantId
  );
}

function sameOptions(kept: DetectorOptions | undefined, options: DetectorOptions): boolean {
  const sameList = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((value, i) => value === b[i]);
  return (
    kept !== undefined &&
    kept.applicationId === options.applicationId &&
    kept.expiringSoonDays === options.expiringSoonDays &&
    kept.approvalPendingDays === options.approvalPendingDays &&
    sameList(kept.roleIds, options.roleIds) &&
    sameList(kept.consentScopes, options.consentScopes)
  );
}
