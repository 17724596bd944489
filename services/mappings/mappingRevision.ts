// The revision rule shared by every organization and mapping write: refuse stale cards, bump once, audit.
import { AppError } from '../errors.js';
import {
  JOURNAL_ORGANIZATIONS_KEPT,
  MAPPING_JOURNAL_SIZE,
  type AuditEntry,
  type StoreData,
} from '../store/storeData.js';

/** Who is writing, and (from a card) the revision the card was drawn at. */
export interface WriteOptions {
  /** Entra object id of the admin. */
  by: string;
  expectedRevision?: number;
}

export type AuditChanges = AuditEntry['changes'];

/** Throws STALE when the caller saw an older revision: a stale card or a second admin editing at once. */
export function assertFresh(data: StoreData, opts: WriteOptions): void {
  if (opts.expectedRevision !== undefined && opts.expectedRevision !== data.mappingRevision) {
    throw new AppError(
      'STALE',
      `expected mapping revision ${opts.expectedRevision}, current is ${data.mappingRevision}`,
    );
  }
}

/**
 * Records one change: the revision goes up by exactly one and the audit log gets one entry. `mappingIds` names
 * every mapping added or removed ([] for a change to organizations alone), `organizationIds` every organization
 * added, renamed or removed ([] for a change to mappings alone); without them readers walk them all.
 */
export function recordChange(
  data: StoreData,
  entry: {
    by: string;
    action: string;
    changes: AuditChanges;
    at: Date;
    mappingIds?: readonly string[];
    organizationIds?: readonly string[];
  },
): number {
  data.mappingRevision += 1;
  const journal = (data.mappingJournal ??= []);
  const organizationIds = entry.organizationIds;
  journal.push({
    revision: data.mappingRevision,
    mappingIds: entry.mappingIds ? [...entry.mappingIds] : null,
    organizationIds: !organizationIds
      ? null
      : organizationIds.length > JOURNAL_ORGANIZATIONS_KEPT
        ? 'many'
        : [...organizationIds],
  });
  if (journal.length > MAPPING_JOURNAL_SIZE) journal.splice(0, journal.length - MAPPING_JOURNAL_SIZE);
  data.audit.push({ at: entry.at.toISOString(), by: entry.by, action: entry.action, changes: entry.changes });
  return data.mappingRevision;
}

/**
 * The mappings touched since `revision`, when the store's journal accounts for every revision after it (each
 * with known ids); otherwise undefined, and the reader walks them all. A revision moved by anything but
 * recordChange leaves a gap in the journal, which is caught here.
 */
export function touchedSince(data: Readonly<StoreData>, revision: number): string[] | undefined {
  const recent = journalSince(data, revision);
  if (!recent) return undefined;
  const touched: string[] = [];
  for (const entry of recent) {
    if (entry.mappingIds === null) return undefined;
    touched.push(...entry.mappingIds);
  }
  return touched;
}

/**
 * The organizations added, renamed or removed since `revision`, as touchedSince finds the mappings: their ids,
 * 'many' when a change touched more than the journal keeps, undefined when the journal cannot say.
 */
export function organizationsTouchedSince(
  data: Readonly<StoreData>,
  revision: number,
): string[] | 'many' | undefined {
  const recent = journalSince(data, revision);
  if (!recent) return undefined;
  const touched: string[] = [];
  let many = false;
  for (const entry of recent) {
    const ids = entry.organizationIds;
    if (ids === null || ids === undefined) return undefined;
    if (ids === 'many') many = true;
    else touched.push(...ids);
  }
  return many ? 'many' : touched;
}

type JournalEntry = NonNullable<StoreData['mappingJournal']>[number];

/** The journal's entries after `revision`, when it holds every one of them in order. */
function journalSince(data: Readonly<StoreData>, revision: number): JournalEntry[] | undefined {
  if (!Number.isInteger(revision) || data.mappingRevision <= revision) return undefined;
  const journal = data.mappingJournal ?? [];
  const wanted = data.mappingRevision - revision;
  const recent = journal.slice(-wanted);
  if (recent.length !== wanted) return undefined;
  for (let i = 0; i < recent.length; i++) if (recent[i].revision !== revision + 1 + i) return undefined;
  return recent;
}
