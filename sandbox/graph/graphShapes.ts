// The JSON Graph v1.0 uses for each resource the sandbox serves.
import { derivedGuid } from '../guid.js';
import { roleNames } from '../roles.js';
import type {
  AccessAssignmentRecord,
  GroupRecord,
  OperationRecord,
  RelationshipRecord,
  RelationshipRequestRecord,
  TenantRecord,
} from '../sandboxState.js';
import type { SeedCustomer, SeedUser } from '../seed.js';

type Json = Record<string, unknown>;

const unifiedRoles = (ids: string[]) => ids.map((roleDefinitionId) => ({ roleDefinitionId }));

export function userJson(user: SeedUser): Json {
  const [givenName, ...rest] = user.displayName.split(' ');
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName,
    jobTitle: user.directoryRoleIds.length > 0 ? 'IT Administrator' : null,
    mail: user.userType === 'Guest' ? null : user.userPrincipalName,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: rest.join(' ') || null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    userType: user.userType,
  };
}

export function directoryRoleJson(tenantId: string, roleTemplateId: string): Json {
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: derivedGuid('directoryRole', tenantId, roleTemplateId),
    deletedDateTime: null,
    description: null,
    displayName: roleNames.get(roleTemplateId) ?? null,
    roleTemplateId,
  };
}

// Entra's SID of a cloud group: S-1-12-1- and the id's 16 bytes, in .NET Guid byte order, as four little-endian numbers.
export function securityIdentifierOf(id: string): string {
  const hex = id.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  const ordered = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8),
  ]);
  const parts = [0, 4, 8, 12].map((offset) => ordered.readUInt32LE(offset));
  return `S-1-12-1-${parts.join('-')}`;
}

// A security group's default property set, as the group create and list docs show it.
export function groupJson(group: GroupRecord, withType = false): Json {
  return {
    ...(withType ? { '@odata.type': '#microsoft.graph.group' } : {}),
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    description: group.description,
    displayName: group.displayName,
    expirationDateTime: null,
    groupTypes: [],
    isAssignableToRole: null,
    mail: null,
    mailEnabled: false,
    mailNickname: group.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: [],
    renewedDateTime: group.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: true,
    securityIdentifier: securityIdentifierOf(group.id),
    theme: null,
    visibility: null,
    onPremisesProvisioningErrors: [],
  };
}

export function organizationJson(tenant: TenantRecord): Json {
  return {
    id: tenant.id,
    deletedDateTime: null,
    displayName: tenant.displayName,
    tenantType: 'AAD',
    countryLetterCode: 'US',
    createdDateTime: '2019-04-01T08:00:00Z',
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: true,
        name: tenant.defaultDomain,
        type: 'Managed',
      },
    ],
  };
}

export function contractJson(customer: SeedCustomer): Json {
  return {
    id: customer.contract?.id,
    deletedDateTime: null,
    contractType: customer.contract?.contractType,
    customerId: customer.tenantId,
    defaultDomainName: customer.defaultDomainName,
    displayName: customer.displayName,
  };
}

export function relationshipJson(relationship: RelationshipRecord): Json {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': relationship.etag,
    id: relationship.id,
    displayName: relationship.displayName,
    duration: relationship.duration,
    customer: relationship.customer,
    accessDetails: { unifiedRoles: unifiedRoles(relationship.roleDefinitionIds) },
    status: relationship.status,
    autoExtendDuration: relationship.autoExtendDuration,
    createdDateTime: relationship.createdDateTime,
    lastModifiedDateTime: relationship.lastModifiedDateTime,
    activatedDateTime: relationship.activatedDateTime,
    endDateTime: relationship.endDateTime,
  };
}

const accessContainer = (assignment: AccessAssignmentRecord) => ({
  accessContainerId: assignment.securityGroupId,
  accessContainerType: 'securityGroup',
});

export function accessAssignmentJson(assignment: AccessAssignmentRecord): Json {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
    '@odata.etag': assignment.etag,
    id: assignment.id,
    status: assignment.status,
    createdDateTime: assignment.createdDateTime,
    lastModifiedDateTime: assignment.lastModifiedDateTime,
    accessContainer: accessContainer(assignment),
    accessDetails: { unifiedRoles: unifiedRoles(assignment.roleDefinitionIds) },
  };
}

// An access assignment operation's `data` is the assignment it changed, serialized, as the operation docs show it.
export function accessAssignmentOperationData(assignment: AccessAssignmentRecord): string {
  return JSON.stringify({
    id: assignment.id,
    accessContainer: accessContainer(assignment),
    accessDetails: { unifiedRoles: unifiedRoles(assignment.roleDefinitionIds) },
    status: assignment.status,
  });
}

export function requestJson(request: RelationshipRequestRecord): Json {
  const { etag, ...rest } = request;
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
    '@odata.etag': etag,
    ...rest,
  };
}

export function operationJson(operation: OperationRecord): Json {
  const { etag, ...rest } = operation;
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation',
    '@odata.etag': etag,
    ...rest,
  };
}
