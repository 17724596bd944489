// The mappings turned around for the reference detector: which organizations each customer tenant has, and the conflicts.
import type { Mapping, Organization } from '../../services/store/storeData.js';

export interface MappedTenant {
  /** Lower case: mappings may spell one tenant in more than one case. */
  tenantId: string;
  /** Sorted, distinct; never empty. */
  organizationIds: string[];
}

export interface OrganizationConflict {
  organizationId: string;
  /** Lower case, sorted, at least two. */
  tenantIds: string[];
}

/**
 * Depends on organizations and mappings only, so a caller may keep one while the store's mappingRevision stays
 * the same (it goes up with every change to either) and spare each detector run the walk over every mapping.
 */
export interface MappingIndex {
  tenants: readonly MappedTenant[];
  conflicts: readonly OrganizationConflict[];
  organizations: Readonly<Record<string, Organization>>;
}

export function indexMappings(
  organizations: Readonly<Record<string, Organization>>,
  mappings: Readonly<Record<string, Mapping>>,
): MappingIndex {
  const tenantOf = new Map<string, string>();
  const conflicted = new Map<string, Set<string>>();
  const byTenant = new Map<string, MappedTenant>();
  // for…in, not Object.values: a store-sized record is a hash table, and values() is several times slower on one.
  for (const id in mappings) {
    const mapping = mappings[id];
    const organizationId = mapping.organizationId;
    const tenantId = mapping.customerTenantId.toLowerCase();
    const known = tenantOf.get(organizationId);
    if (known === undefined) tenantOf.set(organizationId, tenantId);
    else if (known !== tenantId) {
      const tenantIds = conflicted.get(organizationId);
      if (tenantIds) tenantIds.add(tenantId);
      else conflicted.set(organizationId, new Set([known, tenantId]));
    }
    const mapped = byTenant.get(tenantId);
    if (!mapped) byTenant.set(tenantId, { tenantId, organizationIds: [organizationId] });
    else if (!mapped.organizationIds.includes(organizationId)) mapped.organizationIds.push(organizationId);
  }
  const tenants = [...byTenant.values()];
  // Sorted here so that results never depend on the order the store happens to hold mappings in.
  for (const mapped of tenants) if (mapped.organizationIds.length > 1) mapped.organizationIds.sort();
  const conflicts = [...conflicted].map(([organizationId, tenantIds]) => ({
    organizationId,
    tenantIds: [...tenantIds].sort(),
  }));
  return { tenants, conflicts, organizations };
}
