// The reference detector: the alert rules in one plain pass over the whole input. The bot runs AlertDetector
// (services/alerts/incrementalDetector.ts), which keeps its work between runs; its tests and the detector bench
// hold it to this simple version, so it lives with them and not in the bot.
import type { CspCustomer } from '../../services/customers/cspCustomer.js';
import type { AccessTestEntry, ConsentEntry, Mapping, Organization } from '../../services/store/storeData.js';
import { AccessRules } from '../../services/alerts/accessRules.js';
import {
  accessItem,
  byKey,
  conflictItem,
  missingItem,
  organizationNames,
} from '../../services/alerts/alertItems.js';
import {
  ALERT_KINDS,
  fingerprintOf,
  type AlertItem,
  type AlertKind,
  type Problem,
} from '../../services/alerts/alertModel.js';
import { indexCustomers, type CustomerIndex } from '../../services/alerts/customerIndex.js';
import type { DetectorOptions } from '../../services/alerts/detector.js';
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
  const { organizations } = mappings;

  if (customers) {
    const rules = new AccessRules(options, now);
    for (const { tenantId, organizationIds } of mappings.tenants) {
      const customer = customers.get(tenantId);
      if (!customer) {
        add(
          'customer-missing',
          missingItem(tenantId, organizationIds, organizationNames(organizations, organizationIds)),
        );
        continue;
      }
      const finding = rules.problemOf(customer, consents[tenantId], accessTests[tenantId]);
      if (!finding) continue;
      const names = organizationNames(organizations, organizationIds);
      add(finding.kind, accessItem(tenantId, customer, finding, organizationIds, names));
    }
  }
  for (const { organizationId, tenantIds } of mappings.conflicts)
    add('mapping-conflict', conflictItem(organizationId, tenantIds, organizations, customers));

  const problems: Problem[] = [];
  for (const kind of ALERT_KINDS) {
    const items = found.get(kind);
    if (!items) continue;
    items.sort(byKey);
    problems.push({ kind, items, fingerprint: fingerprintOf(kind, items) });
  }
  return problems;
}
