// OData answers Graph gives: collections with $filter, $select, $count and $top paging by absolute, opaque nextLinks; single entities.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { jsonResponse, type SandboxResponse } from '../httpExchange.js';
import { badRequest } from './graphError.js';
import type { GraphContext, GraphRequest } from './graphRequest.js';
import { parseFilter } from './odataFilter.js';

type Json = Record<string, unknown>;

// What `@odata.context` names: a path in Graph's own $metadata, or in a workload's, as GDAP's under tenantRelationships/.
export type ContextPath = string | { workload: string; path: string };

function contextUrl(context: GraphContext, contextPath: ContextPath, suffix = ''): string {
  return typeof contextPath === 'string'
    ? `${context.graphBaseUrl}/$metadata#${contextPath}${suffix}`
    : `${context.graphBaseUrl}/${contextPath.workload}/$metadata#${contextPath.path}${suffix}`;
}

export interface CollectionSpec<T> {
  items: readonly T[];
  toJson: (item: T) => Json;
  contextPath: ContextPath;
  filterable: readonly string[];
  maxPageSize: number;
  defaultPageSize?: number;
}

const SUPPORTED_OPTIONS = ['$top', '$skiptoken', '$filter', '$select', '$count'];
// Signed so that a client building its own skip token fails, as Graph's guidance warns it would.
const skipTokenKey = randomBytes(32);

function sign(payload: string): string {
  return createHmac('sha256', skipTokenKey).update(payload).digest('base64url').slice(0, 22);
}

function encodeSkipToken(offset: number, queryKey: string): string {
  const payload = `${offset}.${queryKey}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload)}`;
}

function decodeSkipToken(token: string | null, queryKey: string): number {
  if (token === null) return 0;
  const [encoded, signature] = token.split('.');
  const payload = Buffer.from(encoded ?? '', 'base64url').toString('utf8');
  const [offset, key] = payload.split('.');
  if (signature !== sign(payload) || key !== queryKey)
    throw badRequest('The $skiptoken is invalid or does not belong to this query.');
  return Number(offset);
}

const resourceName = (contextPath: ContextPath) =>
  typeof contextPath === 'string' ? contextPath : contextPath.path;

function project(item: Json, select: string | null): Json {
  if (!select) return item;
  const wanted = select.split(',').map((field) => field.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => key.startsWith('@odata.') || wanted.includes(key.toLowerCase())),
  );
}

function pageSizeFor(request: GraphRequest, context: GraphContext, spec: CollectionSpec<unknown>): number {
  const top = request.url.searchParams.get('$top');
  if (top !== null && !/^\d+$/.test(top)) throw badRequest(`Invalid value '${top}' for $top.`);
  const serverPageSize = context.pageSize();
  const requested = top !== null ? Number(top) : (serverPageSize ?? spec.defaultPageSize ?? 100);
  // Like Graph's server-driven paging, a configured page size also caps $top: a page can hold fewer items than asked for.
  return Math.max(1, Math.min(requested, spec.maxPageSize, serverPageSize ?? Infinity));
}

export function collectionResponse<T>(
  request: GraphRequest,
  context: GraphContext,
  spec: CollectionSpec<T>,
): SandboxResponse {
  const query = request.url.searchParams;
  for (const key of query.keys()) {
    if (key.startsWith('$') && !SUPPORTED_OPTIONS.includes(key.toLowerCase()))
      throw badRequest(`Query option '${key}' is not supported on this resource.`);
  }
  const pageSize = pageSizeFor(request, context, spec as CollectionSpec<unknown>);
  const filterText = query.get('$filter');
  const select = query.get('$select');
  const queryKey = createHash('sha256')
    .update([request.url.pathname.toLowerCase(), filterText, select, pageSize].join('|'))
    .digest('base64url')
    .slice(0, 12);
  const offset = decodeSkipToken(query.get('$skiptoken'), queryKey);
  const rows = filterText
    ? spec.items
        .map(spec.toJson)
        .filter(parseFilter(filterText, resourceName(spec.contextPath), spec.filterable))
    : undefined;
  const total = rows ? rows.length : spec.items.length;
  const page = rows
    ? rows.slice(offset, offset + pageSize)
    : spec.items.slice(offset, offset + pageSize).map(spec.toJson);

  const body: Json = { '@odata.context': contextUrl(context, spec.contextPath) };
  if (query.get('$count') === 'true') body['@odata.count'] = total;
  if (offset + pageSize < total) {
    const params = [...query.entries()].filter(([key]) => key.toLowerCase() !== '$skiptoken');
    params.push(['$skiptoken', encodeSkipToken(offset + pageSize, queryKey)]);
    const search = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    body['@odata.nextLink'] = `${request.url.origin}${request.url.pathname}?${search}`;
  }
  body.value = page.map((item) => project(item, select));
  return jsonResponse(200, body);
}

export function entityResponse(
  request: GraphRequest,
  context: GraphContext,
  contextPath: ContextPath,
  entity: Json,
  status = 200,
  headers: Record<string, string> = {},
): SandboxResponse {
  // The GDAP docs' create examples (relationship, request, access assignment) name the collection, not an $entity.
  const suffix = typeof contextPath !== 'string' && status === 201 ? '' : '/$entity';
  const body = { '@odata.context': contextUrl(context, contextPath, suffix), ...entity };
  return jsonResponse(status, project(body, request.url.searchParams.get('$select')), headers);
}
