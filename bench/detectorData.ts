// Made-up partner data at scale for the detector bench: organizations, mappings, customers, consents, tests.
import type { CspCustomer, CustomerRelationship } from '../services/customers/cspCustomer.js';
import type { DetectorOptions } from '../services/alerts/detector.js';
import { GDAP_ROLES } from '../services/settings/gdapRoles.js';
import type { AccessTestEntry, ConsentEntry, Mapping, Organization } from '../services/store/storeData.js';
import { seededRandom } from '../test/fixtures/nearMissCustomers.js';
import type { DetectorInput } from '../test/reference/detector.js';

const DAY_MS = 86_400_000;

export const BENCH_NOW = new Date('2026-06-01T12:00:00.000Z');

export const BENCH_OPTIONS: DetectorOptions = {
  roleIds: GDAP_ROLES.slice(0, 6).map((role) => role.id),
  applicationId: '5b1f3c2e-8a4d-4e6f-9c0b-1d2e3f405162',
  consentScopes: ['Directory.Read.All', 'User.Read.All', 'Organization.Read.All'],
};

/** The share of customers set up with each problem; the rest work. */
export const PROBLEM_SHARES = {
  ended: 0.02,
  rolesMissing: 0.02,
  approvalPending: 0.02,
  expiring: 0.02,
  consentMissing: 0.02,
} as const;

/**
 * `mappings` links, nearly all one organization to one customer, a few percent of them problems: organizations
 * linked to a second customer (conflicts), customers shared by two organizations, tenants absent from the list,
 * tenant ids in upper case. Customers hold one or two relationships (an ended one beside the current one).
 */
export function detectorBenchData(mappings: number, seed = 20_260_601): DetectorInput {
  const random = seededRandom(seed);
  const hex = (digits: number) =>
    Math.floor(random() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(6)}${hex(6)}`;
  const iso = (offsetDays: number) => new Date(BENCH_NOW.getTime() + offsetDays * DAY_MS).toISOString();
  const roles = [...BENCH_OPTIONS.roleIds, GDAP_ROLES[8].id];
  const organizations: Record<string, Organization> = {};
  const links: Record<string, Mapping> = {};
  const customers: CspCustomer[] = [];
  const consents: Record<string, ConsentEntry> = {};
  const accessTests: Record<string, AccessTestEntry> = {};

  const relationship = (status: string, roleIds: string[], created: number, end?: number) => {
    const made: CustomerRelationship = {
      id: guid(),
      displayName: `GDAP ${customers.length}`,
      status,
      createdDateTime: iso(created),
      autoExtendDuration: 'P180D',
      roleIds,
    };
    if (end !== undefined) made.endDateTime = iso(end);
    return made;
  };
  const addCustomer = (): CspCustomer => {
    const tenantId = guid();
    const pick = random();
    const shares = Object.values(PROBLEM_SHARES);
    const bucket = shares.findIndex((_, i) => pick < shares.slice(0, i + 1).reduce((a, b) => a + b, 0));
    const relationships: CustomerRelationship[] = [];
    if (random() < 0.4) relationships.push(relationship('expired', roles, -1_000, -270));
    if (bucket === 0) relationships.push(relationship('terminated', roles, -400, -20));
    else if (bucket === 1) relationships.push(relationship('active', roles.slice(2), -200, 530));
    else if (bucket === 2) relationships.push(relationship('approvalPending', roles, -10 - random() * 60));
    else if (bucket === 3) {
      const ending = relationship('active', roles, -700, 5 + random() * 20);
      ending.autoExtendDuration = 'PT0S';
      relationships.push(ending);
    } else relationships.push(relationship('active', roles, -300, 430));
    const customer: CspCustomer = {
      tenantId,
      displayName: `Customer ${customers.length}`,
      defaultDomainName: `customer${customers.length}.onmicrosoft.com`,
      hasContract: true,
      hasActiveGdap: bucket !== 0,
      relationships,
    };
    customers.push(customer);
    const scopes = [...BENCH_OPTIONS.consentScopes];
    if (bucket !== 4) {
      consents[tenantId] = { appId: BENCH_OPTIONS.applicationId, scopes, consentedAt: iso(-100) };
      accessTests[tenantId] = { testedAt: iso(-99), ok: true, organizationName: customer.displayName };
    } else if (random() < 0.5) {
      consents[tenantId] = {
        appId: BENCH_OPTIONS.applicationId,
        scopes: scopes.slice(1),
        consentedAt: iso(-100),
      };
    }
    return customer;
  };
  const link = (organizationId: string, tenantId: string) => {
    const id = guid();
    links[id] = { id, organizationId, customerTenantId: tenantId, createdAt: iso(-400), createdBy: 'bench' };
  };

  let previous: CspCustomer | undefined;
  for (let made = 0; made < mappings;) {
    const organization: Organization = {
      id: guid(),
      name: `Organization ${made}`,
      createdAt: iso(-500),
      updatedAt: iso(-500),
    };
    organizations[organization.id] = organization;
    const kind = random();
    if (kind < 0.01) {
      link(organization.id, guid()); // a tenant the list does not have
      made++;
      continue;
    }
    // Shares the previous organization's customer: allowed, and no alert.
    const customer = kind < 0.02 && previous ? previous : addCustomer();
    link(organization.id, kind < 0.05 ? customer.tenantId.toUpperCase() : customer.tenantId);
    made++;
    if (kind > 0.99 && made < mappings) {
      link(organization.id, addCustomer().tenantId); // a second customer: a conflict
      made++;
    }
    previous = customer;
  }
  // Customers nobody mapped: the list is larger than the mapped part of it.
  for (let i = 0; i < mappings / 20; i++) addCustomer();
  return { organizations, mappings: links, customers, consents, accessTests };
}
