// The unit consent all counts and works on: each CSP customer once, with every organization mapped to it.
import type { FlowCustomer } from './flowStep.js';
import type { Organization } from '../store/storeData.js';

/** An organization mapped to exactly one customer that is in the synced list. */
export interface MappedClient {
  organization: Organization;
  customer: FlowCustomer;
}

export interface MappedCustomer {
  customer: FlowCustomer;
  /** Names of the organizations mapped to this customer, in the order they were listed. */
  organizations: string[];
}

/**
 * Several organizations may map to one customer; access is per customer tenant, so that customer is run (and
 * counted) once and its row names all of them.
 */
export function mappedCustomers(clients: readonly MappedClient[]): MappedCustomer[] {
  const byTenant = new Map<string, MappedCustomer>();
  for (const { organization, customer } of clients) {
    const key = customer.tenantId.toLowerCase();
    const known = byTenant.get(key);
    if (known) known.organizations.push(organization.name);
    else byTenant.set(key, { customer, organizations: [organization.name] });
  }
  return [...byTenant.values()];
}

/** A row's title on the preview and results cards: the organizations, or the customer when none has a name. */
function customerLabel(mapped: MappedCustomer): string {
  return mapped.organizations.filter(Boolean).join(', ') || mapped.customer.displayName;
}

/** Finds a result's or preview's row by its customer's tenant, whatever the case of the id. */
export function labelsByTenant(
  customers: readonly MappedCustomer[],
): (tenantId: string) => string | undefined {
  const labels = new Map(
    customers.map((mapped) => [mapped.customer.tenantId.toLowerCase(), customerLabel(mapped)]),
  );
  return (tenantId) => labels.get(tenantId.toLowerCase());
}
