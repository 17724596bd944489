// Joins the three Graph lists into CspCustomer records: contracts, customers with active GDAP, and relationships.
import type { ContractType, CspCustomer, CustomerRelationship } from './cspCustomer.js';

/** The fields read from GET /contracts. */
export interface GraphContract {
  customerId: string;
  contractType?: string;
  defaultDomainName?: string;
  displayName?: string;
}

/** The fields read from GET /tenantRelationships/delegatedAdminCustomers. */
export interface GraphDelegatedAdminCustomer {
  tenantId: string;
  displayName?: string;
}

/** The fields read from GET /tenantRelationships/delegatedAdminRelationships. */
export interface GraphRelationship {
  id: string;
  displayName?: string;
  status?: string;
  createdDateTime?: string | null;
  endDateTime?: string | null;
  autoExtendDuration?: string;
  /** Absent for an open invitation that any customer may accept: such a relationship belongs to no customer yet. */
  customer?: { tenantId?: string; displayName?: string } | null;
  accessDetails?: { unifiedRoles?: { roleDefinitionId: string }[] };
}

/** The three lists a sync reads. */
export type CustomerList = 'contracts' | 'gdapCustomers' | 'relationships';

const CONTRACT_TYPES: readonly string[] = ['SyndicationPartner', 'BreadthPartner', 'ResellerPartner'];

/**
 * Joins pages as they arrive, so nothing is left to do when the last page lands. Every tenant any list names
 * becomes one customer, so one with GDAP but no reseller contract is still listed. The result does not depend
 * on the order pages arrived in: contract customers in Graph's order, then GDAP customers, then the tenants
 * only relationships name. Tenant ids are compared without case; names come from the contract, else from GDAP.
 */
export class CustomerJoin {
  readonly #byTenant = new Map<string, CspCustomer>();
  readonly #order: Record<CustomerList, string[]> = {
    contracts: [],
    gdapCustomers: [],
    relationships: [],
  };

  /** Customers named so far, across the three lists. */
  get size(): number {
    return this.#byTenant.size;
  }

  addContracts(page: readonly GraphContract[]): void {
    for (const contract of page) {
      if (!contract.customerId) continue;
      const customer = this.#entry('contracts', contract.customerId, contract.displayName);
      customer.hasContract = true;
      customer.defaultDomainName = contract.defaultDomainName ?? '';
      if (contract.displayName) customer.displayName = contract.displayName;
      if (contract.contractType && CONTRACT_TYPES.includes(contract.contractType))
        customer.contractType = contract.contractType as ContractType;
    }
  }

  addGdapCustomers(page: readonly GraphDelegatedAdminCustomer[]): void {
    for (const gdap of page) {
      if (gdap.tenantId) this.#entry('gdapCustomers', gdap.tenantId, gdap.displayName).hasActiveGdap = true;
    }
  }

  addRelationships(page: readonly GraphRelationship[]): void {
    for (const relationship of page) {
      const tenantId = relationship.customer?.tenantId;
      if (!tenantId) continue;
      const customer = this.#entry('relationships', tenantId, relationship.customer?.displayName);
      customer.relationships.push(toRelationship(relationship));
    }
  }

  result(): CspCustomer[] {
    const keys = new Set([
      ...this.#order.contracts,
      ...this.#order.gdapCustomers,
      ...this.#order.relationships,
    ]);
    return [...keys].map((key) => this.#byTenant.get(key)!);
  }

  #entry(list: CustomerList, tenantId: string, displayName: string | undefined): CspCustomer {
    const key = tenantId.toLowerCase();
    let customer = this.#byTenant.get(key);
    if (!customer) {
      customer = {
        tenantId: key,
        displayName: displayName ?? '',
        defaultDomainName: '',
        hasContract: false,
        hasActiveGdap: false,
        relationships: [],
      };
      this.#byTenant.set(key, customer);
    } else if (!customer.displayName && displayName) {
      customer.displayName = displayName;
    }
    // A tenant named again (more relationships) keeps its first place: result() keeps the first of duplicates.
    this.#order[list].push(key);
    return customer;
  }
}

function toRelationship(relationship: GraphRelationship): CustomerRelationship {
  const result: CustomerRelationship = {
    id: relationship.id,
    displayName: relationship.displayName ?? '',
    status: relationship.status ?? 'unknown',
    roleIds: (relationship.accessDetails?.unifiedRoles ?? []).map((role) => role.roleDefinitionId),
  };
  if (relationship.createdDateTime) result.createdDateTime = relationship.createdDateTime;
  if (relationship.endDateTime) result.endDateTime = relationship.endDateTime;
  if (relationship.autoExtendDuration) result.autoExtendDuration = relationship.autoExtendDuration;
  return result;
}
