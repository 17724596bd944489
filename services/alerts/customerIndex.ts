// The synced customer list by lower-case tenant id, the way the detector looks customers up.
import type { CspCustomer } from '../customers/cspCustomer.js';
import { aboutToGrow, PAUSE, runAtOnce, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';

/** Keyed by lower-case tenant id. A caller may keep one per customer list: a sync replaces the list, never edits it. */
export type CustomerIndex = ReadonlyMap<string, CspCustomer>;

/** A tenant listed twice (which the sync never does) keeps its first entry. */
export function indexCustomers(customers: readonly CspCustomer[]): CustomerIndex {
  return runAtOnce(indexCustomerSteps(customers));
}

/** indexCustomers, pausing now and then (the list is the caller's and is never edited, only replaced). */
export function* indexCustomerSteps(customers: readonly CspCustomer[]): Steps<CustomerIndex> {
  const index = new Map<string, CspCustomer>();
  let done = 0;
  for (const customer of customers) {
    if (++done % STEP_ITEMS === 0) yield;
    const tenantId = customer.tenantId.toLowerCase();
    if (aboutToGrow(index, tenantId)) yield PAUSE;
    if (!index.has(tenantId)) index.set(tenantId, customer);
  }
  return index;
}
