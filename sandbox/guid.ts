// GUID helpers: format checks, stable ids derived from other ids, and GDAP relationship ids.
import { createHash, randomUUID } from 'node:crypto';

const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GUID = new RegExp(`^${GUID_SOURCE}$`, 'i');
const RELATIONSHIP_ID = new RegExp(`^${GUID_SOURCE}-${GUID_SOURCE}$`, 'i');

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

export function formatGuid(hex32: string): string {
  const h = hex32.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Directory objects the seed does not list (directoryRole instances, service principals) still need ids that stay the same across restarts.
export function derivedGuid(...parts: string[]): string {
  return formatGuid(createHash('sha256').update(parts.join('|')).digest('hex'));
}

// Graph's GDAP relationship ids are 73 characters: a GUID of the relationship, '-', then one the partner's relationships
// share (the docs' examples end in the same GUID for every customer). Clients must treat them as opaque strings.
export function relationshipId(partnerTenantId: string, ownGuid: string = randomUUID()): string {
  return `${ownGuid}-${partnerTenantId}`;
}

export function isRelationshipId(value: unknown): value is string {
  return typeof value === 'string' && RELATIONSHIP_ID.test(value);
}
