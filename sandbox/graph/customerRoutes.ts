// The partner's customer lists: /contracts and /tenantRelationships/delegatedAdminCustomers.
import { createHash } from 'node:crypto';
import { ACCESS_GRANTING_STATUSES } from '../gdapAccess.js';
import type { SandboxState } from '../sandboxState.js';
import type { SeedCustomer } from '../seed.js';
import { notFound } from './graphError.js';
import {
  isPartnerCaller,
  permissions,
  requirePermission,
  type GraphContext,
  type GraphRequest,
} from './graphRequest.js';
import { contractJson } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';

// A customer appears here only while one of its relationships still grants access.
function delegatedAdminCustomers(state: SandboxState): SeedCustomer[] {
  const tenantIds = new Set<string>();
  for (const relationship of state.relationships) {
    if (relationship.customer && ACCESS_GRANTING_STATUSES.includes(relationship.status))
      tenantIds.add(relationship.customer.tenantId);
  }
  return state.customers.filter((customer) => tenantIds.has(customer.tenantId));
}

// The sandbox never changes a delegated admin customer, so its etag is the same on every read.
function stableEtag(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24);
  return `W/"${Buffer.from(`"${digest}"`).toString('base64')}"`;
}

const DELEGATED_ADMIN_CUSTOMERS = { workload: 'tenantRelationships', path: 'delegatedAdminCustomers' };

const delegatedAdminCustomerJson = (customer: SeedCustomer) => ({
  '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
  '@odata.etag': stableEtag('delegatedAdminCustomer', customer.tenantId),
  id: customer.tenantId,
  tenantId: customer.tenantId,
  displayName: customer.displayName,
});

export function listContracts(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.contracts);
  const { state } = context;
  return collectionResponse(request, context, {
    items: isPartnerCaller(request.principal, state)
      ? state.customers.filter((customer) => customer.contract)
      : [],
    toJson: contractJson,
    contextPath: 'contracts',
    // The contract docs: "Filtering is supported for customerId, defaultDomainName, and displayName."
    filterable: ['customerId', 'defaultDomainName', 'displayName'],
    maxPageSize: 999,
  });
}

export function listDelegatedAdminCustomers(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  const { state } = context;
  return collectionResponse(request, context, {
    items: isPartnerCaller(request.principal, state) ? delegatedAdminCustomers(state) : [],
    toJson: delegatedAdminCustomerJson,
    contextPath: DELEGATED_ADMIN_CUSTOMERS,
    filterable: ['id', 'tenantId', 'displayName'],
    maxPageSize: 300,
  });
}

export function getDelegatedAdminCustomer(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  const { state } = context;
  const customers = isPartnerCaller(request.principal, state) ? delegatedAdminCustomers(state) : [];
  const customer = customers.find((candidate) => candidate.tenantId === request.params.id.toLowerCase());
  if (!customer) throw notFound(`The delegated admin customer '${request.params.id}' was not found.`);
  return entityResponse(request, context, DELEGATED_ADMIN_CUSTOMERS, delegatedAdminCustomerJson(customer));
}
