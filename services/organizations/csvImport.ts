// CSV import of organizations (and their customer mappings): a preview of exactly what would change, then
// applying that preview all at once.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import {
  assertFresh,
  recordChange,
  type AuditChanges,
  type WriteOptions,
} from '../mappings/mappingRevision.js';
import type { AppStore } from '../store/appStore.js';
import type { Mapping, Organization, StoreData } from '../store/storeData.js';
import { runAtOnce, runInSlices, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';
import {
  readCsvRows,
  readCsvRowsInSlices,
  type CsvRejection,
  type CsvRow,
  type CsvRows,
  type IgnoredColumn,
} from './csvRows.js';
import {
  checkOrganization,
  externalIdKey,
  fieldChanges,
  nameKey,
  type OrganizationFields,
} from './organizationRules.js';

export interface ImportUpdate {
  id: string;
  line: number;
  before: OrganizationFields;
  after: OrganizationFields;
}

/** A row's organization linked to a CSP customer; `organizationId` is absent when the row also adds it. */
export interface ImportMapping {
  line: number;
  organizationId?: string;
  organizationName: string;
  customerTenantId: string;
  customerName: string;
}

/**
 * What the preview needs to know about customers and mappings, read at preview time: the organization store does
 * not own either. The conflict rule is the one of mapping by hand: one customer per organization.
 */
export interface MappingLookup {
  /** A synced CSP customer, or undefined for an id the customer list does not have. */
  customer: (tenantId: string) => { tenantId: string; displayName: string } | undefined;
  /** The customer tenant ids the organization is linked to now. */
  linksOf: (organizationId: string) => readonly string[];
}

const NO_CUSTOMERS: MappingLookup = { customer: () => undefined, linksOf: () => [] };

/** Plain data, so a dialog can keep it in its state between the preview card and the Apply click. */
export interface ImportPreview {
  id: string;
  /** The mapping revision the preview was computed at; applying at any other revision is refused. */
  revision: number;
  toAdd: (OrganizationFields & { line: number })[];
  toUpdate: ImportUpdate[];
  unchanged: number;
  rejected: CsvRejection[];
  ignoredColumns: IgnoredColumn[];
  /** True when the file has a customer tenant id column. */
  mapsCustomers: boolean;
  toMap: ImportMapping[];
  /** Rows whose organization is imported but whose mapping is not made: unknown customer, or a conflict. */
  mappingsRefused: CsvRejection[];
}

export interface ImportResult {
  added: number;
  updated: number;
  mapped: number;
  revision: number;
  /** True when this very preview had been applied before (a double click): nothing changed this time. */
  alreadyApplied: boolean;
}

/**
 * Matches each row to an existing organization by external id first, then by name. A blank external id or
 * domain keeps the current value; a second row for the same name, external id or organization is rejected.
 */
export function previewImport(
  csv: string | Uint8Array,
  current: readonly Organization[],
  revision: number,
  lookup: MappingLookup = NO_CUSTOMERS,
): ImportPreview {
  return runAtOnce(previewSteps(readCsvRows(csv), () => ({ current, revision }), lookup));
}

/**
 * previewImport, giving the event loop turns while a large file is read and matched. `against` is asked once the
 * file is read: the organizations and revision it answers are what the preview is drawn from, and a write after
 * that makes the preview stale, as any other.
 */
export async function previewImportInSlices(
  csv: string | Uint8Array,
  against: () => { current: readonly Organization[]; revision: number },
  lookup: MappingLookup = NO_CUSTOMERS,
): Promise<ImportPreview> {
  const read = await readCsvRowsInSlices(csv);
  return runInSlices(previewSteps(read, against, lookup));
}

function* previewSteps(
  { rows, rejected, ignoredColumns, mapsCustomers }: CsvRows,
  against: () => { current: readonly Organization[]; revision: number },
  lookup: MappingLookup,
): Steps<ImportPreview> {
  const { current, revision } = against();
  const preview: ImportPreview = {
    id: randomUUID(),
    revision,
    toAdd: [],
    toUpdate: [],
    unchanged: 0,
    rejected: [...rejected],
    ignoredColumns,
    mapsCustomers,
    toMap: [],
    mappingsRefused: [],
  };
  // `current` is a list taken at once: a write between two steps replaces objects in the store, never these.
  const index = { byExternalId: new Map<string, Organization>(), byName: new Map<string, Organization>() };
  for (let i = 0; i < current.length; i++) {
    const org = current[i];
    if (org.externalId) index.byExternalId.set(externalIdKey(org.externalId), org);
    index.byName.set(nameKey(org.name), org);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const seen: Seen = { names: new Map(), externalIds: new Map(), ids: new Map() };

  for (let i = 0; i < rows.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const row = rows[i];
    const checked = checkOrganization(row);
    if (!checked.ok) {
      preview.rejected.push(rejection(row, checked.reason));
      continue;
    }
    const fields = checked.value;
    const keys = {
      name: nameKey(fields.name),
      externalId: fields.externalId && externalIdKey(fields.externalId),
    };
    const byId = keys.externalId ? index.byExternalId.get(keys.externalId) : undefined;
    const byName = index.byName.get(keys.name);
    const target = byId ?? byName;
    const reason = refusal(keys, seen, target, byId, byName);
    if (reason) {
      preview.rejected.push(rejection(row, reason));
      continue;
    }
    seen.names.set(keys.name, row.line);
    if (keys.externalId) seen.externalIds.set(keys.externalId, row.line);
    if (!target) {
      preview.toAdd.push({ line: row.line, ...fields });
      planMapping(preview, row, lookup, { name: fields.name });
      continue;
    }
    seen.ids.set(target.id, row.line);
    const before = pick(target);
    // Matched by name, the names already denote the same organization; only an external-id match renames.
    const after = pick({
      name: byId ? fields.name : target.name,
      externalId: target.externalId ?? fields.externalId,
      domain: fields.domain ?? target.domain,
    });
    const changed = fieldChanges(target.id, before, after).length > 0;
    if (changed) preview.toUpdate.push({ id: target.id, line: row.line, before, after });
    const mapped = planMapping(preview, row, lookup, target);
    if (!changed && !mapped) preview.unchanged += 1;
  }
  preview.rejected.sort((a, b) => a.line - b.line);
  return preview;
}

/**
 * The row's mapping, under the rule of mapping by hand: an organization already linked to this customer is left
 * alone, one linked to another customer is a conflict the preview shows and the import does not apply.
 * True when a mapping is planned or refused, that is when the row does something besides its fields.
 */
function planMapping(
  preview: ImportPreview,
  row: CsvRow,
  lookup: MappingLookup,
  organization: { id?: string; name: string },
): boolean {
  const wanted = row.customerTenantId;
  if (!wanted) return false;
  const refuse = (reason: string) => {
    preview.mappingsRefused.push(rejection(row, reason));
    return true;
  };
  const customer = lookup.customer(wanted);
  if (!customer) {
    return refuse(
      `Not mapped: ${wanted} is not one of the synced CSP customers. Check the id, or sync customers first.`,
    );
  }
  const links = organization.id ? lookup.linksOf(organization.id) : [];
  const same = (tenantId: string) => tenantId.toLowerCase() === customer.tenantId.toLowerCase();
  if (links.some(same) && links.length === 1) return false;
  const others = links.filter((tenantId) => !same(tenantId));
  if (others.length > 0) {
    const linked = others.map((tenantId) => lookup.customer(tenantId)?.displayName ?? tenantId).join(' and ');
    return refuse(
      `Not mapped: “${organization.name}” is already linked to ${linked}, and an organization can be linked to ` +
        `only one customer. Change its mapping in the mappings list if it should move to ${customer.displayName}.`,
    );
  }
  preview.toMap.push({
    line: row.line,
    ...(organization.id ? { organizationId: organization.id } : {}),
    organizationName: organization.name,
    customerTenantId: customer.tenantId,
    customerName: customer.displayName,
  });
  return true;
}

interface Seen {
  names: Map<string, number>;
  externalIds: Map<string, number>;
  ids: Map<string, number>;
}

/** Why a valid row still cannot be imported: it repeats an earlier row, or clashes with another organization. */
function refusal(
  keys: { name: string; externalId?: string },
  seen: Seen,
  target: Organization | undefined,
  byId: Organization | undefined,
  byName: Organization | undefined,
): string | undefined {
  const earlier = (map: Map<string, number>, key: string | undefined) => (key ? map.get(key) : undefined);
  const sameName = earlier(seen.names, keys.name);
  if (sameName) return `Duplicate of line ${sameName}: the same name.`;
  const sameExternalId = earlier(seen.externalIds, keys.externalId);
  if (sameExternalId) return `Duplicate of line ${sameExternalId}: the same external id.`;
  const sameTarget = earlier(seen.ids, target?.id);
  if (sameTarget) return `Duplicate of line ${sameTarget}: both rows are “${target?.name}”.`;
  if (!byId && byName?.externalId && keys.externalId) {
    return `“${byName.name}” already exists with external id ${byName.externalId}.`;
  }
  if (byId && byName && byName.id !== byId.id) {
    return `The name is already used by another organization, “${byName.name}”.`;
  }
  return undefined;
}

/**
 * One store update for the whole preview: every row lands, or none does. The new records and the audit entry
 * are made first, a slice at a time; the update only checks that the preview is still current and puts them in,
 * so an import of 10,000 rows holds the event loop for a few milliseconds, not for the whole import.
 */
export async function applyImport(
  store: AppStore,
  preview: ImportPreview,
  opts: WriteOptions,
  now: () => Date = () => new Date(),
): Promise<ImportResult> {
  const at = now();
  const planned = await runInSlices(plannedRecords(preview, opts.by, at.toISOString()));
  return store.update((data) => {
    if (wasApplied(data, preview.id)) {
      return { added: 0, updated: 0, mapped: 0, revision: data.mappingRevision, alreadyApplied: true };
    }
    assertFresh(data, opts);
    const gone = planned.updated.find((update) => !Object.hasOwn(data.organizations, update.id));
    if (preview.revision !== data.mappingRevision || gone) {
      throw new AppError(
        'STALE',
        `import preview at revision ${preview.revision}, now ${data.mappingRevision}`,
      );
    }
    // The revision check above also covers mappings: every mapping change moves the same revision.
    const result = {
      added: planned.added.length,
      updated: planned.updated.length,
      mapped: planned.mappings.length,
      alreadyApplied: false,
    };
    if (result.added + result.updated + result.mapped === 0) {
      return { ...result, revision: data.mappingRevision };
    }
    for (const organization of planned.added) data.organizations[organization.id] = organization;
    for (const { id, fields, updatedAt } of planned.updated) {
      data.organizations[id] = { id, ...fields, createdAt: data.organizations[id].createdAt, updatedAt };
    }
    for (const mapping of planned.mappings) data.mappings[mapping.id] = mapping;
    // The journal names the new mappings and organizations, so the indexes pick them up without a walk.
    const revision = recordChange(data, {
      by: opts.by,
      action: 'organization.import',
      changes: planned.changes,
      at,
      mappingIds: planned.mappings.map((mapping) => mapping.id),
      organizationIds: [
        ...planned.added.map((organization) => organization.id),
        ...planned.updated.map(({ id }) => id),
      ],
    });
    return { ...result, revision };
  });
}

interface PlannedRecords {
  added: Organization[];
  updated: { id: string; fields: OrganizationFields; updatedAt: string }[];
  mappings: Mapping[];
  changes: AuditChanges;
}

/** The records and audit changes the preview stands for, made before the update that puts them in. */
function* plannedRecords(preview: ImportPreview, by: string, stamp: string): Steps<PlannedRecords> {
  const planned: PlannedRecords = {
    added: [],
    updated: [],
    mappings: [],
    changes: [
      {
        field: 'import',
        before: null,
        after: {
          id: preview.id,
          added: preview.toAdd.length,
          updated: preview.toUpdate.length,
          mapped: preview.toMap.length,
        },
      },
    ],
  };
  const addedIds = new Map<number, string>();
  let steps = 0;
  const step = () => ++steps % STEP_ITEMS === 0;
  for (const row of preview.toAdd) {
    const organization: Organization = { id: newKey(), ...pick(row), createdAt: stamp, updatedAt: stamp };
    planned.added.push(organization);
    addedIds.set(row.line, organization.id);
    planned.changes.push(...fieldChanges(organization.id, undefined, organization));
    if (step()) yield;
  }
  for (const update of preview.toUpdate) {
    planned.updated.push({ id: update.id, fields: pick(update.after), updatedAt: stamp });
    planned.changes.push(...fieldChanges(update.id, update.before, update.after));
    if (step()) yield;
  }
  for (const wanted of preview.toMap) {
    const organizationId = wanted.organizationId ?? addedIds.get(wanted.line);
    if (!organizationId) continue;
    planned.mappings.push({
      id: newKey(),
      organizationId,
      customerTenantId: wanted.customerTenantId,
      createdAt: stamp,
      createdBy: by,
    });
    // Only mappings with no link before are planned, so "before" is empty, as for a map by hand.
    planned.changes.push({
      field: `mappings.${organizationId}`,
      before: [],
      after: [wanted.customerTenantId],
    });
    if (step()) yield;
  }
  return planned;
}

// A string first used as a property name is interned then, a microsecond or two each: 15,000 new ids would spend
// that inside the update. Looking each up once while planning, between steps, interns it there instead.
const interned: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

/** A fresh record id, already interned, so putting it in the store's record is a quick insert. */
function newKey(): string {
  const id = randomUUID();
  void interned[id];
  return id;
}

/** The audit entry of an applied import names its preview, so a repeated Apply is recognised. */
function wasApplied(data: StoreData, previewId: string): boolean {
  return data.audit.some(
    (entry) =>
      entry.action === 'organization.import' &&
      (entry.changes[0]?.after as { id?: string } | null)?.id === previewId,
  );
}

function pick(fields: OrganizationFields): OrganizationFields {
  return {
    name: fields.name,
    ...(fields.externalId ? { externalId: fields.externalId } : {}),
    ...(fields.domain ? { domain: fields.domain } : {}),
  };
}

function rejection(row: CsvRow, reason: string): CsvRejection {
  return { line: row.line, raw: row.raw, reason };
}
