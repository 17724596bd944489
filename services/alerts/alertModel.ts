// The problems the bot alerts on: their kinds, what each lists, and the fingerprint that tells a changed one apart.
import { createHash } from 'node:crypto';
import { runAtOnce, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';

/** In the order the `conflicts` card lists them: mapping problems first, then access. */
export const ALERT_KINDS = [
  'mapping-conflict',
  'customer-missing',
  'relationship-ended',
  'relationship-expiring',
  'approval-pending',
  'roles-missing',
  'consent-missing',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One affected organization or client, in words a card can show as they are. */
export interface AlertItem {
  /** Stable within its kind: the organization id for a conflict, the customer tenant id (lower case) otherwise. */
  key: string;
  /** The organization or client name. */
  title: string;
  /** What is wrong with it: "linked to Fabrikam and Northwind Traders", "ends in 12 days (2026-12-08)". */
  detail: string;
  organizationId?: string;
  customerTenantId?: string;
}

export interface Problem {
  kind: AlertKind;
  /** Sorted by key, never empty. */
  items: AlertItem[];
  fingerprint: string;
}

export function isAlertKind(value: unknown): value is AlertKind {
  return typeof value === 'string' && (ALERT_KINDS as readonly string[]).includes(value);
}

/** Same items (keys and details) → same fingerprint; the order they were found in does not matter. */
export function fingerprintOf(kind: AlertKind, items: readonly AlertItem[]): string {
  return runAtOnce(fingerprintSteps(kind, items));
}

/** fingerprintOf, pausing now and then: a kind can hold tens of thousands of items. */
export function* fingerprintSteps(kind: AlertKind, items: readonly AlertItem[]): Steps<string> {
  const hash = createHash('sha256').update(kind);
  const sorted = inKeyOrder(items) ? items : [...items].sort(byItemKey);
  for (let i = 0; i < sorted.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    hash.update(`\u0000${sorted[i].key}\u0001${sorted[i].detail}`);
  }
  return hash.digest('base64url').slice(0, 22);
}

const byItemKey = (a: AlertItem, b: AlertItem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The detectors hand over items already sorted by key: no copy and no second sort for them. */
function inKeyOrder(items: readonly AlertItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i - 1].key > items[i].key) return false;
  return true;
}
