// The seed: the shape of the JSON that describes a partner tenant, and loading it from a file.
import { readFile } from 'node:fs/promises';
import { resolveSeedDates } from './seedDates.js';
import { validateSeed } from './seedValidation.js';
import type { AccessAssignmentStatus, RelationshipStatus } from './relationshipRules.js';

export type ContractType = 'SyndicationPartner' | 'BreadthPartner' | 'ResellerPartner';

export interface SeedTenant {
  id: string;
  displayName: string;
  defaultDomain: string;
}

export interface SeedApp {
  clientId: string;
  displayName: string;
  redirectUris: string[];
  delegatedScopes: string[];
  applicationPermissions: string[];
  apiScopes: string[];
}

export interface SeedUser {
  id: string;
  tenantId: string;
  displayName: string;
  userPrincipalName: string;
  userType: 'Member' | 'Guest';
  mfa: boolean;
  directoryRoleIds: string[];
  purpose?: string;
}

export interface SeedGroup {
  id: string;
  displayName: string;
  description?: string;
  memberIds: string[];
}

export interface SeedCustomer {
  tenantId: string;
  displayName: string;
  defaultDomainName: string;
  contract?: { id: string; contractType: ContractType };
}

export interface SeedAccessAssignment {
  id: string;
  securityGroupId: string;
  roleDefinitionIds: string[];
  status: AccessAssignmentStatus;
}

export interface SeedRelationship {
  id: string;
  displayName: string;
  customer?: { tenantId: string; displayName: string };
  duration: string;
  autoExtendDuration: string;
  status: RelationshipStatus;
  roleDefinitionIds: string[];
  createdDateTime: string;
  activatedDateTime?: string;
  endDateTime?: string;
  accessAssignments?: SeedAccessAssignment[];
}

// A Partner Center application consent: the app's delegated permissions granted in one customer tenant.
export interface SeedApplicationGrant {
  enterpriseApplicationId: string;
  // Comma-separated, as Partner Center takes it: "Directory.Read.All,User.Read.All".
  scope: string;
}

export interface SeedConsent {
  customerTenantId: string;
  applicationId: string;
  displayName?: string;
  applicationGrants: SeedApplicationGrant[];
  createdDateTime?: string;
}

export interface SandboxSeed {
  partnerTenant: SeedTenant;
  otherTenants: SeedTenant[];
  app: SeedApp;
  defaultUserId: string;
  users: SeedUser[];
  groups: SeedGroup[];
  customers: SeedCustomer[];
  relationships: SeedRelationship[];
  consents?: SeedConsent[];
}

// Partner Center roles are memberships of these well-known partner-tenant groups.
export const ADMIN_AGENTS_GROUP_NAME = 'AdminAgents';

export async function loadSeed(path: string): Promise<SandboxSeed> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed ${path}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    const seed = validateSeed(data);
    resolveSeedDates(seed);
    return seed;
  } catch (error) {
    throw new Error(`seed ${path}: ${(error as Error).message}`, { cause: error });
  }
}
