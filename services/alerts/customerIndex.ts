// The synced customer list by lower-case tenant id, the way the detector looks customers up.
import type { CspCustomer } from '../customers/cspCustomer.js';

/** Keyed by lower-case tenant id. A caller may keep one per customer list: a sync replaces the list, never edits it. */
export type CustomerIndex = ReadonlyMap<string, CspCustomer>;

/** A tenant listed twice (which the sync never does) keeps its first entry. */
export function indexCustomers(customers: readonly CspCustomer[]): CustomerIndex {
  const index = new Map<string, CspCustomer>();
  for (const customer of customers) {
    const tenantId = customer.tenantId.toLowerCase();
    if (!index.has(tenantId)) index.set(tenantId, customer);
  }
  return index;
}
