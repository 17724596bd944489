// Finds the open problems in the mappings and the mapped customers' access: one Problem per kind that has any.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { AccessTestEntry, ConsentEntry, Mapping, Organization } from '../store/storeData.js';
import { AccessRules, type AccessRuleOptions } from './accessRules.js';
import { ALERT_KINDS, fingerprintOf, type AlertItem, type AlertKind, type Problem } from './alertModel.js';
import { indexCustomers, type CustomerIndex } from './customerIndex.js';
import { indexMappings, type MappingIndex } from './mappingIndex.js';

export interface DetectorInput {
  organizations: Readonly<Record<string, Organization>>;
  mappings: Readonly<Record<string, Mapping>>;
  /** The CSP customer list from the last successful sync; undefined when there has never been one. */
  customers: readonly CspCustomer[] | undefined;
  /** Both keyed by lower-case customer tenant id, as the store keeps them. */
  consents: Readonly<Record<string, ConsentEntry>>;
  accessTests: Readonly<Record<string, AccessTestEntry>>;
}

/** The same facts with the two big lists already indexed (see indexMappings and indexCustomers). */
export interface IndexedDetectorInput {
  mappings: MappingIndex;
  customers: CustomerIndex | undefined;
  consents: Readonly<Record<string, ConsentEntry>>;
  accessTests: Readonly<Record<string, AccessTestEntry>>;
}

export type DetectorOptions = AccessRuleOptions;

// A card lists a few names; the rest are counted, so a long tail cannot swamp it.
const NAMES_SHOWN = 3;

/**
 * Pure: the same data, options and `now` give the same problems, whatever order the store holds them in. Only
 * mapped customers are looked at, and without a customer list only conflicts. Item keys are organization ids
 * for conflicts and lower-case tenant ids otherwise. Each mapped customer lands in at most one kind: customer-
 * missing, or one access kind (AccessRules has their precedence).
 */
export function detectProblems(input: DetectorInput, options: DetectorOptions, now: Date): Problem[] {
  return detectIndexedProblems(
    {
      mappings: indexMappings(input.organizations, input.mappings),
      customers: input.customers && indexCustomers(input.customers),
      consents: input.consents,
      accessTests: input.accessTests,
    },
    options,
    now,
  );
}

/** detectProblems for a caller that keeps the indexes between runs; most of a run's time is building them. */
export function detectIndexedProblems(
  input: IndexedDetectorInput,
  options: DetectorOptions,
  now: Date,
): Problem[] {
  const { mappings, customers, consents, accessTests } = input;
  const found = new Map<AlertKind, AlertItem[]>();
  const add = (kind: AlertKind, item: AlertItem) => {
    const items = found.get(kind);
    if (items) items.push(item);
    else found.set(kind, [item]);
  };
  const organizationNames = (ids: readonly string[]) =>
    listOf(ids.map((id) => mappings.organizations[id]?.name ?? id));

  if (customers) {
    const rules = new AccessRules(options, now);
    for (const { tenantId, organizationIds } of mappings.tenants) {
      const customer = customers.get(tenantId);
      if (!customer) {
        add('customer-missing', {
          key: tenantId,
          title: organizationNames(organizationIds),
          detail: `linked to customer tenant ${tenantId}, which is not in the CSP customer list`,
          organizationId: organizationIds[0],
          customerTenantId: tenantId,
        });
        continue;
      }
      const finding = rules.problemOf(customer, consents[tenantId], accessTests[tenantId]);
      if (!finding) continue;
      const linked = organizationIds.length > 1 ? 'organizations' : 'organization';
      add(finding.kind, {
        key: tenantId,
        title: customer.displayName || tenantId,
        detail: `${finding.detail} (${linked}: ${organizationNames(organizationIds)})`,
        organizationId: organizationIds[0],
        customerTenantId: customer.tenantId,
      });
    }
  }
  for (const { organizationId, tenantIds } of mappings.conflicts) {
    const names = tenantIds.map((tenantId) => customers?.get(tenantId)?.displayName || tenantId);
    add('mapping-conflict', {
      key: organizationId,
      title: mappings.organizations[organizationId]?.name ?? organizationId,
      detail: `linked to ${listOf(names)}`,
      organizationId,
    });
  }

  const problems: Problem[] = [];
  for (const kind of ALERT_KINDS) {
    const items = found.get(kind);
    if (!items) continue;
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    problems.push({ kind, items, fingerprint: fingerprintOf(kind, items) });
  }
  return problems;
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more": sorted, so the words do not depend on storage order. */
function listOf(names: readonly string[]): string {
  const sorted = [...names].sort();
  if (sorted.length <= 1) return sorted.join('');
  if (sorted.length > NAMES_SHOWN) {
    return `${sorted.slice(0, NAMES_SHOWN).join(', ')} and ${sorted.length - NAMES_SHOWN} more`;
  }
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}
