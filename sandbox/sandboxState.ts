// The live in-memory partner tenant built from a seed: tenants, users, groups, customers and GDAP relationships.
import { randomBytes } from 'node:crypto';
import { durationInDays, type AccessAssignmentStatus, type RelationshipStatus } from './relationshipRules.js';
import { ADMIN_AGENTS_GROUP_NAME } from './seed.js';
import type { SandboxSeed, SeedApp, SeedConsent, SeedCustomer, SeedTenant, SeedUser } from './seed.js';

export interface TenantRecord extends SeedTenant {
  kind: 'partner' | 'customer' | 'other';
}

export interface GroupRecord {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  memberIds: string[];
  createdDateTime: string;
}

export interface AccessAssignmentRecord {
  id: string;
  securityGroupId: string;
  roleDefinitionIds: string[];
  status: AccessAssignmentStatus;
  createdDateTime: string;
  lastModifiedDateTime: string;
  etag: string;
}

export interface RelationshipRequestRecord {
  id: string;
  action: 'lockForApproval' | 'terminate';
  status: 'created' | 'pending' | 'succeeded' | 'failed';
  createdDateTime: string;
  lastModifiedDateTime: string;
  etag: string;
}

export interface OperationRecord {
  id: string;
  operationType: 'delegatedAdminAccessAssignmentUpdate' | 'delegatedAdminRelationshipUpdate';
  data: string;
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  createdDateTime: string;
  lastModifiedDateTime: string;
  etag: string;
}

export type ConsentRecord = SeedConsent & { createdDateTime: string };

export interface RelationshipRecord {
  id: string;
  displayName: string;
  customer: { tenantId: string; displayName: string } | null;
  duration: string;
  autoExtendDuration: string;
  status: RelationshipStatus;
  roleDefinitionIds: string[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
  etag: string;
  accessAssignments: AccessAssignmentRecord[];
  requests: RelationshipRequestRecord[];
  operations: OperationRecord[];
}

const etagPrefix = randomBytes(6).toString('hex');
let etagCounter = 0;

// Graph etags are opaque weak validators; a fresh one on every change is all clients may rely on.
export function newEtag(): string {
  etagCounter += 1;
  return `W/"${Buffer.from(`"${etagPrefix}-${etagCounter.toString(16).padStart(8, '0')}"`).toString('base64')}"`;
}

export class SandboxState {
  readonly partnerTenant: SeedTenant;
  readonly app: SeedApp;
  readonly users: SeedUser[];
  readonly customers: SeedCustomer[];
  readonly groups: GroupRecord[];
  readonly relationships: RelationshipRecord[];
  // Partner Center application consents: which apps a customer tenant lets partner users act through.
  readonly consents: ConsentRecord[];
  // Tenants where an admin consented to the app: only these can issue app-only (client credentials) tokens.
  readonly appConsentTenantIds: Set<string>;
  readonly defaultUserId: string;
  private readonly tenantsByKey = new Map<string, TenantRecord>();
  private readonly relationshipsById = new Map<string, RelationshipRecord>();

  // Takes the seed's objects without a deep copy (cloning a 50,000-customer seed costs seconds); it never changes them.
  constructor(seed: SandboxSeed) {
    this.partnerTenant = { ...seed.partnerTenant };
    this.app = { ...seed.app };
    this.users = [...seed.users];
    this.customers = [...seed.customers];
    this.defaultUserId = seed.defaultUserId;
    this.appConsentTenantIds = new Set([seed.partnerTenant.id]);
    this.addTenant({ ...seed.partnerTenant, kind: 'partner' });
    seed.otherTenants.forEach((tenant) => this.addTenant({ ...tenant, kind: 'other' }));
    seed.customers.forEach((customer) =>
      this.addTenant({
        id: customer.tenantId,
        displayName: customer.displayName,
        defaultDomain: customer.defaultDomainName,
        kind: 'customer',
      }),
    );
    this.groups = seed.groups.map((group) => ({
      id: group.id,
      displayName: group.displayName,
      description: group.description ?? null,
      mailNickname: group.displayName.replace(/[^A-Za-z0-9]/g, ''),
      memberIds: [...group.memberIds],
      createdDateTime: '2023-01-09T10:00:00Z',
    }));
    this.consents = (seed.consents ?? []).map((consent) => ({
      ...consent,
      customerTenantId: consent.customerTenantId.toLowerCase(),
      createdDateTime: consent.createdDateTime ?? '2025-01-01T00:00:00Z',
    }));
    this.relationships = [];
    seed.relationships.forEach((relationship) =>
      this.addRelationship({
        id: relationship.id,
        displayName: relationship.displayName,
        customer: relationship.customer ?? null,
        duration: relationship.duration,
        autoExtendDuration: relationship.autoExtendDuration,
        status: relationship.status,
        roleDefinitionIds: [...relationship.roleDefinitionIds],
        createdDateTime: relationship.createdDateTime,
        lastModifiedDateTime: relationship.activatedDateTime ?? relationship.createdDateTime,
        activatedDateTime: relationship.activatedDateTime ?? null,
        endDateTime: relationship.endDateTime ?? null,
        etag: newEtag(),
        accessAssignments: (relationship.accessAssignments ?? []).map((assignment) => ({
          ...assignment,
          createdDateTime: relationship.activatedDateTime ?? relationship.createdDateTime,
          lastModifiedDateTime: relationship.activatedDateTime ?? relationship.createdDateTime,
          etag: newEtag(),
        })),
        requests: [],
        operations: [],
      }),
    );
  }

  addRelationship(relationship: RelationshipRecord): void {
    this.relationships.push(relationship);
    this.relationshipsById.set(relationship.id.toLowerCase(), relationship);
  }

  removeRelationship(id: string): void {
    const relationship = this.relationship(id);
    if (!relationship) return;
    this.relationships.splice(this.relationships.indexOf(relationship), 1);
    this.relationshipsById.delete(id.toLowerCase());
  }

  get defaultUser(): SeedUser {
    return this.user(this.defaultUserId) as SeedUser;
  }

  // Sign-in URLs name a tenant by id or by any of its domains.
  tenant(idOrDomain: string): TenantRecord | undefined {
    return this.tenantsByKey.get(idOrDomain.toLowerCase());
  }

  user(id: string): SeedUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  userByPrincipalName(upn: string): SeedUser | undefined {
    const wanted = upn.toLowerCase();
    return this.users.find((user) => user.userPrincipalName.toLowerCase() === wanted);
  }

  groupsOf(userId: string): GroupRecord[] {
    return this.groups.filter((group) => group.memberIds.includes(userId));
  }

  isAdminAgent(userId: string): boolean {
    return this.groupsOf(userId).some((group) => group.displayName === ADMIN_AGENTS_GROUP_NAME);
  }

  relationship(id: string): RelationshipRecord | undefined {
    return this.relationshipsById.get(id.toLowerCase());
  }

  // Plays the customer's side (approving, expiring, terminating) so tests can move a relationship along.
  setRelationshipStatus(id: string, status: RelationshipStatus, now = new Date()): RelationshipRecord {
    const relationship = this.relationship(id);
    if (!relationship) throw new Error(`sandbox: no relationship ${id}`);
    relationship.status = status;
    relationship.lastModifiedDateTime = now.toISOString();
    if (status === 'active' && relationship.activatedDateTime === null) {
      relationship.activatedDateTime = now.toISOString();
      const days = durationInDays(relationship.duration) ?? 730;
      relationship.endDateTime = new Date(now.getTime() + days * 86_400_000).toISOString();
    }
    relationship.etag = newEtag();
    return relationship;
  }

  private addTenant(tenant: TenantRecord): void {
    this.tenantsByKey.set(tenant.id.toLowerCase(), tenant);
    this.tenantsByKey.set(tenant.defaultDomain.toLowerCase(), tenant);
  }
}
