// GUID helpers: format checks and stable ids derived from other ids.
import { createHash } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
