// The Graph v1.0 subset the sandbox serves, as one route table.
import { route, type Route } from '../router.js';
import {
  createAccessAssignment,
  getAccessAssignment,
  listAccessAssignments,
} from './accessAssignmentRoutes.js';
import { getDelegatedAdminCustomer, listContracts, listDelegatedAdminCustomers } from './customerRoutes.js';
import { getMe, listMyMemberships, listOrganization } from './directoryRoutes.js';
import type { GraphHandler } from './graphRequest.js';
import { addGroupMember, createGroup, getGroup, listGroups } from './groupRoutes.js';
import {
  createRequest,
  getOperation,
  getRequest,
  listOperations,
  listRequests,
} from './relationshipRequestRoutes.js';
import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  listRelationships,
  updateRelationship,
} from './relationshipRoutes.js';
import { listUsers } from './userRoutes.js';

const RELATIONSHIPS = '/v1.0/tenantRelationships/delegatedAdminRelationships';

export const graphRoutes: readonly Route<GraphHandler>[] = [
  route('GET', '/v1.0/me', getMe),
  route('GET', '/v1.0/me/memberOf', listMyMemberships),
  route('GET', '/v1.0/organization', listOrganization),
  route('GET', '/v1.0/contracts', listContracts),
  route('GET', '/v1.0/tenantRelationships/delegatedAdminCustomers', listDelegatedAdminCustomers),
  route('GET', '/v1.0/tenantRelationships/delegatedAdminCustomers/:id', getDelegatedAdminCustomer),
  route('GET', RELATIONSHIPS, listRelationships),
  route('POST', RELATIONSHIPS, createRelationship),
  route('GET', `${RELATIONSHIPS}/:id`, getRelationship),
  route('PATCH', `${RELATIONSHIPS}/:id`, updateRelationship),
  route('DELETE', `${RELATIONSHIPS}/:id`, deleteRelationship),
  route('GET', `${RELATIONSHIPS}/:id/requests`, listRequests),
  route('POST', `${RELATIONSHIPS}/:id/requests`, createRequest),
  route('GET', `${RELATIONSHIPS}/:id/requests/:requestId`, getRequest),
  route('GET', `${RELATIONSHIPS}/:id/accessAssignments`, listAccessAssignments),
  route('POST', `${RELATIONSHIPS}/:id/accessAssignments`, createAccessAssignment),
  route('GET', `${RELATIONSHIPS}/:id/accessAssignments/:assignmentId`, getAccessAssignment),
  route('GET', `${RELATIONSHIPS}/:id/operations`, listOperations),
  route('GET', `${RELATIONSHIPS}/:id/operations/:operationId`, getOperation),
  route('GET', '/v1.0/groups', listGroups),
  route('POST', '/v1.0/groups', createGroup),
  route('GET', '/v1.0/groups/:id', getGroup),
  route('POST', '/v1.0/groups/:id/members/$ref', addGroupMember),
  route('GET', '/v1.0/users', listUsers),
];
