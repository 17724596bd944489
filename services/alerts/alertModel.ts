// The problems the bot alerts on: their kinds, what each lists, and the fingerprint that tells a changed one apart.
import { createHash } from 'node:crypto';

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
  const hash = createHash('sha256').update(kind);
  for (const item of [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
    hash.update(`\u0000${item.key}\u0001${item.detail}`);
  return hash.digest('base64url').slice(0, 22);
}
