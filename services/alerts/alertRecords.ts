// The alert records the check keeps: the latest of each kind raised, open or resolved, changed in one write.
import type { AlertRecord } from '../store/storeData.js';
import type { AlertKind, Problem } from './alertModel.js';

/** What one check found against the records: written together or not at all. */
export interface AlertChanges {
  /** ISO 8601: when the check ran, stamped on every record it touches. */
  at: string;
  /** Raised anew, or again after being resolved: opened at `at`. */
  opened: readonly Problem[];
  /** Still open with other items: keeps when it was opened. */
  changed: readonly Problem[];
  resolved: readonly AlertKind[];
}

/** The port the alert center uses; the lowdb-backed file store implements it (services/store/file/alerts.ts). */
export interface AlertRecords {
  /** The latest record of a kind; undefined for a kind never raised (or any other text). */
  get(kind: string): AlertRecord | undefined;
  /** Every kind ever raised, in the order first raised. Callers must not mutate them. */
  all(): AlertRecord[];
  save(changes: AlertChanges): Promise<void>;
}

/** What the check watches: told after a saved change to anything the detector reads besides the clock. */
export interface AlertInputs {
  /** Not for bot state or the alert records themselves, which change on every turn. Returns unsubscribe. */
  onChange(listener: () => void): () => void;
}
