// Deterministic large seeds (thousands of customers) for scale tests and benchmarks.
import { domainPrefix, uniqueCompanyName, type Random } from './companyNames.js';
import { generatePartner } from './generatedPartner.js';
import { formatGuid, relationshipId } from './guid.js';
import { GRAPH_APP_ID } from './identity/resourceScopes.js';
import type { RelationshipStatus } from './relationshipRules.js';
import { microsoftLedTransitionRoleIds, referenceIntegrationRoleIds } from './roles.js';
import type { ContractType, SandboxSeed, SeedConsent, SeedCustomer, SeedRelationship } from './seed.js';

export interface GenerateSeedOptions {
  customers: number;
  seed?: number;
}

// mulberry32: tiny, fast and good enough to spread names and statuses.
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);

// Weighted so that most customers look like a healthy MSP book and every status still shows up at scale.
const statusWeights: [RelationshipStatus | 'none', number][] = [
  ['active', 0.64],
  ['expiring', 0.05],
  ['approvalPending', 0.06],
  ['created', 0.03],
  ['expired', 0.03],
  ['terminated', 0.03],
  ['approved', 0.01],
  ['activating', 0.01],
  ['terminationRequested', 0.01],
  ['terminating', 0.01],
  ['none', 0.12],
];

export function generateSeed(options: GenerateSeedOptions): SandboxSeed {
  const random = seededRandom(options.seed ?? 1);
  const guid = () => formatGuid(Array.from({ length: 4 }, () => hex8(random())).join(''));
  const partner = generatePartner(guid);
  const ownId = (relationshipGuid: string) => relationshipId(partner.partnerTenant.id, relationshipGuid);
  const roleGroups = partner.groups.filter((group) => group.displayName.startsWith('GDAP - '));
  const names = new Set<string>();
  const domains = new Set<string>();
  const domainSuffixes = new Map<string, number>();
  const customers: SeedCustomer[] = [];
  const relationships: SeedRelationship[] = [];
  const consents: SeedConsent[] = [];
  for (let i = 0; i < options.customers; i++) {
    const displayName = uniqueCompanyName(random, names);
    const base = domainPrefix(displayName) || 'tenant';
    let prefix = base;
    let suffix = domainSuffixes.get(base) ?? 1;
    while (domains.has(prefix)) prefix = `${base.slice(0, 20)}${++suffix}`;
    domainSuffixes.set(base, suffix);
    domains.add(prefix);
    const customer: SeedCustomer = {
      tenantId: guid(),
      displayName,
      defaultDomainName: `${prefix}.onmicrosoft.com`,
    };
    if (random() < 0.97) customer.contract = { id: guid(), contractType: contractType(random()) };
    customers.push(customer);

    const status = weighted(random());
    if (status !== 'none') {
      const relationship = relationshipFor(customer, status, `CIT-${prefix}`, () => ownId(guid()), random);
      if (status === 'active' && random() < 0.8) {
        relationship.accessAssignments = roleGroups.slice(0, 4).map((group, g) => ({
          id: guid(),
          securityGroupId: group.id,
          roleDefinitionIds: [referenceIntegrationRoleIds[g]],
          status: 'active',
        }));
        // Chosen by position, not by `random`, so adding consents left every other generated value as it was.
        if (i % 4 !== 0) consents.push(consentFor(customer, partner.app));
      }
      relationships.push(relationship);
    }
    if (random() < 0.1) {
      const mltGuid = guid();
      const mlt = relationshipFor(customer, 'active', `MLT_${mltGuid}`, () => ownId(mltGuid), random);
      mlt.roleDefinitionIds = [...microsoftLedTransitionRoleIds];
      relationships.push(mlt);
    }
  }
  return { ...partner, customers, relationships, consents };
}

function consentFor(customer: SeedCustomer, app: SandboxSeed['app']): SeedConsent {
  return {
    customerTenantId: customer.tenantId,
    applicationId: app.clientId,
    displayName: app.displayName,
    applicationGrants: [{ enterpriseApplicationId: GRAPH_APP_ID, scope: 'Directory.Read.All,User.Read.All' }],
  };
}

function hex8(fraction: number): string {
  return Math.floor(fraction * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
}

function relationshipFor(
  customer: SeedCustomer,
  status: RelationshipStatus,
  displayName: string,
  newId: () => string,
  random: Random,
): SeedRelationship {
  const created = EPOCH + Math.floor(random() * 700) * DAY_MS;
  const relationship: SeedRelationship = {
    id: newId(),
    displayName,
    customer: { tenantId: customer.tenantId, displayName: customer.displayName },
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    status,
    roleDefinitionIds: [...referenceIntegrationRoleIds],
    createdDateTime: new Date(created).toISOString(),
  };
  if (!['created', 'approvalPending', 'approved', 'activating'].includes(status)) {
    const activated = created + (1 + Math.floor(random() * 10)) * DAY_MS;
    relationship.activatedDateTime = new Date(activated).toISOString();
    relationship.endDateTime = new Date(activated + 730 * DAY_MS).toISOString();
  }
  return relationship;
}

function contractType(roll: number): ContractType {
  if (roll < 0.8) return 'ResellerPartner';
  return roll < 0.92 ? 'BreadthPartner' : 'SyndicationPartner';
}

function weighted(roll: number): RelationshipStatus | 'none' {
  let total = 0;
  for (const [status, weight] of statusWeights) {
    total += weight;
    if (roll < total) return status;
  }
  return 'none';
}
