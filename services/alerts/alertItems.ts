// The words of each alert item, shared by the pure detector and the incremental one so the two cannot drift apart.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { Organization } from '../store/storeData.js';
import type { AccessFinding } from './accessRules.js';
import type { AlertItem } from './alertModel.js';
import type { CustomerIndex } from './customerIndex.js';

type Organizations = Readonly<Record<string, Organization>>;

// A card lists a few names; the rest are counted, so a long tail cannot swamp it.
const NAMES_SHOWN = 3;

export function organizationNames(organizations: Organizations, ids: readonly string[]): string {
  // The usual single organization, without the arrays listOf needs for several.
  if (ids.length === 1) return organizations[ids[0]]?.name ?? ids[0];
  return listOf(ids.map((id) => organizations[id]?.name ?? id));
}

/** `names` is organizationNames of `organizationIds` (sorted, distinct, never empty). */
export function missingItem(tenantId: string, organizationIds: readonly string[], names: string): AlertItem {
  return {
    key: tenantId,
    title: names,
    detail: `linked to customer tenant ${tenantId}, which is not in the CSP customer list`,
    organizationId: organizationIds[0],
    customerTenantId: tenantId,
  };
}

export function accessItem(
  tenantId: string,
  customer: CspCustomer,
  finding: AccessFinding,
  organizationIds: readonly string[],
  names: string,
): AlertItem {
  const linked = organizationIds.length > 1 ? 'organizations' : 'organization';
  return {
    key: tenantId,
    title: customer.displayName || tenantId,
    detail: `${finding.detail} (${linked}: ${names})`,
    organizationId: organizationIds[0],
    customerTenantId: customer.tenantId,
  };
}

/** `tenantIds` lower case, sorted, at least two. */
export function conflictItem(
  organizationId: string,
  tenantIds: readonly string[],
  organizations: Organizations,
  customers: CustomerIndex | undefined,
): AlertItem {
  const names = tenantIds.map((tenantId) => customers?.get(tenantId)?.displayName || tenantId);
  return {
    key: organizationId,
    title: organizations[organizationId]?.name ?? organizationId,
    detail: `linked to ${listOf(names)}`,
    organizationId,
  };
}

export const byKey = (a: AlertItem, b: AlertItem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** "A", "A and B", "A, B and C", "A, B, C and 2 more": sorted, so the words do not depend on storage order. */
function listOf(names: readonly string[]): string {
  const sorted = [...names].sort();
  if (sorted.length <= 1) return sorted.join('');
  if (sorted.length > NAMES_SHOWN) {
    return `${sorted.slice(0, NAMES_SHOWN).join(', ')} and ${sorted.length - NAMES_SHOWN} more`;
  }
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}
