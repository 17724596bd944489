// Requests on a relationship (lockForApproval, terminate) and the long-running operations it records.
import { randomUUID } from 'node:crypto';
import { newEtag, type RelationshipRequestRecord } from '../sandboxState.js';
import { badRequest, notFound } from './graphError.js';
import { permissions, requireIfMatch, requirePartnerWriter, requirePermission } from './graphRequest.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { operationJson, requestJson } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';
import { findRelationship } from './relationshipRoutes.js';

const REQUESTS = { workload: 'tenantRelationships', path: 'requests' };
const OPERATIONS = { workload: 'tenantRelationships', path: 'operations' };

export function listRequests(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  return collectionResponse(request, context, {
    items: findRelationship(request, context).requests,
    toJson: requestJson,
    contextPath: REQUESTS,
    filterable: ['id', 'action', 'status'],
    maxPageSize: 300,
  });
}

export function getRequest(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  const found = findRelationship(request, context).requests.find(
    (item) => item.id === request.params.requestId,
  );
  if (!found) throw notFound(`The relationship request '${request.params.requestId}' was not found.`);
  return entityResponse(request, context, REQUESTS, requestJson(found));
}

// The partner locks a finished draft so the customer can approve it, or ends an active relationship.
export function createRequest(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapWrite);
  requirePartnerWriter(request.principal, context.state);
  const relationship = findRelationship(request, context);
  requireIfMatch(request, relationship.etag, false);
  const action = request.json.action;
  if (action === 'lockForApproval') {
    if (relationship.status !== 'created') {
      throw badRequest(
        `Only a relationship in the created status can be locked for approval; this one is ${relationship.status}.`,
      );
    }
    relationship.status = 'approvalPending';
  } else if (action === 'terminate') {
    if (!['active', 'expiring'].includes(relationship.status)) {
      throw badRequest(`Only an active relationship can be terminated; this one is ${relationship.status}.`);
    }
    relationship.status = 'terminationRequested';
  } else {
    throw badRequest(`action must be lockForApproval or terminate, got ${JSON.stringify(action)}.`);
  }
  const now = new Date().toISOString();
  relationship.lastModifiedDateTime = now;
  relationship.etag = newEtag();
  const created: RelationshipRequestRecord = {
    id: randomUUID(),
    action,
    status: 'succeeded',
    createdDateTime: now,
    lastModifiedDateTime: now,
    etag: newEtag(),
  };
  relationship.requests.push(created);
  // Graph answers with the request as it was queued (`created`); the sandbox carries it out at once, so reads show it done.
  return entityResponse(request, context, REQUESTS, requestJson({ ...created, status: 'created' }), 201, {
    location: `${context.graphBaseUrl}/tenantRelationships/delegatedAdminRelationships/${relationship.id}/requests/${created.id}`,
  });
}

export function listOperations(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  return collectionResponse(request, context, {
    items: findRelationship(request, context).operations,
    toJson: operationJson,
    contextPath: OPERATIONS,
    filterable: ['id', 'status', 'operationType'],
    maxPageSize: 300,
  });
}

export function getOperation(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  const found = findRelationship(request, context).operations.find(
    (item) => item.id === request.params.operationId,
  );
  if (!found) throw notFound(`The operation '${request.params.operationId}' was not found.`);
  return entityResponse(request, context, OPERATIONS, operationJson(found));
}
