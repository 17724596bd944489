// The revision rule shared by every organization and mapping write: refuse stale cards, bump once, audit.
import { AppError } from '../errors.js';
import { MAPPING_JOURNAL_SIZE, type AuditEntry, type StoreData } from '../store/storeData.js';

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
 * every mapping added or removed ([] for a change to organizations alone); without it readers walk them all.
 */
export function recordChange(
  data: StoreData,
  entry: { by: string; action: string; changes: AuditChanges; at: Date; mappingIds?: readonly string[] },
): number {
  data.mappingRevision += 1;
  const journal = (data.mappingJournal ??= []);
  journal.push({
    revision: data.mappingRevision,
    mappingIds: entry.mappingIds ? [...entry.mappingIds] : null,
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
  if (!Number.isInteger(revision) || data.mappingRevision <= revision) return undefined;
  const journal = data.mappingJournal ?? [];
  const wanted = data.mappingRevision - revision;
  const recent = journal.slice(-wanted);
  if (recent.length !== wanted || recent[0].revision !== revision + 1) return undefined;
  const touched: string[] = [];
  for (let i = 0; i < recent.length; i++) {
    const entry = recent[i];
    if (entry.revision !== revision + 1 + i || entry.mappingIds === null) return undefined;
    touched.push(...entry.mappingIds);
  }
  return touched;
}
