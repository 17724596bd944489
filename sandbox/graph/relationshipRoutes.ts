// GDAP relationships: list, read, create, update and delete while still in the `created` status.
import { relationshipId } from '../guid.js';
import { jsonResponse } from '../httpExchange.js';
import { newEtag, type RelationshipRecord } from '../sandboxState.js';
import { badRequest, notFound } from './graphError.js';
import {
  isPartnerCaller,
  permissions,
  requireIfMatch,
  requirePartnerWriter,
  requirePermission,
} from './graphRequest.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { relationshipJson } from './graphShapes.js';
import { collectionResponse, entityResponse } from './odataResponses.js';
import { readRelationshipInput } from './relationshipInput.js';

const CONTEXT = { workload: 'tenantRelationships', path: 'delegatedAdminRelationships' };

export function findRelationship(request: GraphRequest, context: GraphContext): RelationshipRecord {
  const relationship = isPartnerCaller(request.principal, context.state)
    ? context.state.relationship(request.params.id)
    : undefined;
  if (!relationship) throw notFound(`The delegated admin relationship '${request.params.id}' was not found.`);
  return relationship;
}

function writableRelationship(request: GraphRequest, context: GraphContext): RelationshipRecord {
  requirePermission(request.principal, permissions.gdapWrite);
  requirePartnerWriter(request.principal, context.state);
  const relationship = findRelationship(request, context);
  requireIfMatch(request, relationship.etag);
  if (relationship.status !== 'created') {
    throw badRequest(
      `Only a relationship in the created status can be changed; this one is ${relationship.status}.`,
    );
  }
  return relationship;
}

export function listRelationships(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  context.lifecycle.expireUnapproved();
  return collectionResponse(request, context, {
    items: isPartnerCaller(request.principal, context.state) ? context.state.relationships : [],
    toJson: relationshipJson,
    contextPath: CONTEXT,
    filterable: ['id', 'displayName', 'status', 'customer/tenantId', 'customer/displayName'],
    maxPageSize: 300,
  });
}

export function getRelationship(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapRead);
  context.lifecycle.expireUnapproved();
  const relationship = findRelationship(request, context);
  return entityResponse(request, context, CONTEXT, relationshipJson(relationship), 200, {
    etag: relationship.etag,
  });
}

export function createRelationship(request: GraphRequest, context: GraphContext) {
  requirePermission(request.principal, permissions.gdapWrite);
  requirePartnerWriter(request.principal, context.state);
  const input = readRelationshipInput(request.json, context.state);
  const now = new Date().toISOString();
  const relationship: RelationshipRecord = {
    id: relationshipId(context.state.partnerTenant.id),
    ...input,
    status: 'created',
    createdDateTime: now,
    lastModifiedDateTime: now,
    activatedDateTime: null,
    endDateTime: null,
    etag: newEtag(),
    accessAssignments: [],
    requests: [],
    operations: [],
  };
  context.state.addRelationship(relationship);
  return entityResponse(request, context, CONTEXT, relationshipJson(relationship), 201, {
    location: `${context.graphBaseUrl}/tenantRelationships/delegatedAdminRelationships/${relationship.id}`,
    etag: relationship.etag,
  });
}

export function updateRelationship(request: GraphRequest, context: GraphContext) {
  const relationship = writableRelationship(request, context);
  Object.assign(relationship, readRelationshipInput(request.json, context.state, relationship), {
    lastModifiedDateTime: new Date().toISOString(),
    etag: newEtag(),
  });
  return entityResponse(request, context, CONTEXT, relationshipJson(relationship), 200, {
    etag: relationship.etag,
  });
}

export function deleteRelationship(request: GraphRequest, context: GraphContext) {
  const relationship = writableRelationship(request, context);
  context.state.removeRelationship(relationship.id);
  return jsonResponse(204, undefined);
}
