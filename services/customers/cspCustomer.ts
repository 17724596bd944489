// A CSP customer as the bot knows it after a sync: the contract joined with its GDAP state.

export type ContractType = 'SyndicationPartner' | 'BreadthPartner' | 'ResellerPartner';

export interface CustomerRelationship {
  id: string;
  displayName: string;
  status: string;
  /** When the partner created it; how long a request has waited for the customer's approval. */
  createdDateTime?: string;
  endDateTime?: string;
  autoExtendDuration?: string;
  roleIds: string[];
}

export interface CspCustomer {
  tenantId: string;
  displayName: string;
  defaultDomainName: string;
  /** Missing when the customer has GDAP but no reseller contract (it is then absent from /contracts). */
  contractType?: ContractType;
  hasContract: boolean;
  /** Listed by /tenantRelationships/delegatedAdminCustomers: at least one active relationship. */
  hasActiveGdap: boolean;
  relationships: CustomerRelationship[];
}
