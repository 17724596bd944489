// Validates a parsed seed document: shapes, id formats and the references between tenants, users, groups and relationships.
import {
  accessAssignmentStatuses,
  relationshipStatuses,
  relationshipTermProblems,
} from './relationshipRules.js';
import { roleNames } from './roles.js';
import type { SandboxSeed } from './seed.js';
import { SeedChecker, type JsonObject } from './seedChecker.js';
import { checkConsents } from './seedConsentValidation.js';

const contractTypes = ['SyndicationPartner', 'BreadthPartner', 'ResellerPartner'] as const;

// Ids seen so far, so later sections can check their references.
interface Known {
  check: SeedChecker;
  tenantIds: Set<string>;
  domains: Set<string>;
  userIds: Set<string>;
  groupIds: Set<string>;
  customerIds: Set<string>;
  userPrincipalNames: Set<string>;
  relationshipIds: Set<string>;
}

export function validateSeed(data: unknown): SandboxSeed {
  const check = new SeedChecker();
  const root = check.object('seed', data) ?? {};
  const known: Known = {
    check,
    tenantIds: new Set(),
    domains: new Set(),
    userIds: new Set(),
    groupIds: new Set(),
    customerIds: new Set(),
    userPrincipalNames: new Set(),
    relationshipIds: new Set(),
  };
  checkTenant(known, 'partnerTenant', root.partnerTenant);
  check
    .array('otherTenants', root.otherTenants)
    .forEach((tenant, i) => checkTenant(known, `otherTenants[${i}]`, tenant));
  checkApp(check, root.app);
  const users = check.array('users', root.users).map((user, i) => checkUser(known, `users[${i}]`, user));
  const defaultUser = users.find((user) => user.id === root.defaultUserId);
  if (!defaultUser) check.problem('defaultUserId', 'must be the id of one of users');
  else if (defaultUser.tenantId !== (root.partnerTenant as JsonObject | undefined)?.id) {
    check.problem('defaultUserId', 'must be a partner-tenant user');
  }
  check.array('groups', root.groups).forEach((group, i) => checkGroup(known, `groups[${i}]`, group));
  const contractIds = new Set<string>();
  check
    .array('customers', root.customers)
    .forEach((customer, i) => checkCustomer(known, `customers[${i}]`, customer, contractIds));
  const names = new Set<string>();
  check
    .array('relationships', root.relationships)
    .forEach((item, i) => checkRelationship(known, `relationships[${i}]`, item, names));
  checkConsents(check, root.consents, known.customerIds);

  if (check.problems.length > 0) check.fail('invalid seed:');
  return data as SandboxSeed;
}

function checkTenant({ check, tenantIds, domains }: Known, path: string, value: unknown): void {
  const tenant = check.object(path, value) ?? {};
  check.unique(`${path}.id`, check.guid(`${path}.id`, tenant.id), tenantIds, 'tenant id');
  check.text(`${path}.displayName`, tenant.displayName);
  check.unique(
    `${path}.defaultDomain`,
    check.text(`${path}.defaultDomain`, tenant.defaultDomain),
    domains,
    'domain',
  );
}

function checkApp(check: SeedChecker, value: unknown): void {
  const app = check.object('app', value) ?? {};
  check.guid('app.clientId', app.clientId);
  check.text('app.displayName', app.displayName);
  for (const list of ['redirectUris', 'delegatedScopes', 'applicationPermissions', 'apiScopes']) {
    check.strings(`app.${list}`, app[list]);
  }
}

function checkUser(
  { check, tenantIds, userIds, userPrincipalNames }: Known,
  path: string,
  value: unknown,
): JsonObject {
  const user = check.object(path, value) ?? {};
  check.unique(`${path}.id`, check.guid(`${path}.id`, user.id), userIds, 'user id');
  const tenantId = check.guid(`${path}.tenantId`, user.tenantId);
  if (tenantId && !tenantIds.has(tenantId))
    check.problem(`${path}.tenantId`, 'is not partnerTenant or otherTenants');
  check.text(`${path}.displayName`, user.displayName);
  const upn = check.text(`${path}.userPrincipalName`, user.userPrincipalName);
  if (upn && !upn.includes('@')) check.problem(`${path}.userPrincipalName`, 'must contain @');
  check.unique(`${path}.userPrincipalName`, upn, userPrincipalNames, 'userPrincipalName');
  check.oneOf(`${path}.userType`, user.userType, ['Member', 'Guest']);
  check.boolean(`${path}.mfa`, user.mfa);
  checkRoles(check, `${path}.directoryRoleIds`, user.directoryRoleIds, false);
  check.optionalText(`${path}.purpose`, user.purpose);
  return user;
}

function checkGroup({ check, groupIds, userIds }: Known, path: string, value: unknown): void {
  const group = check.object(path, value) ?? {};
  check.unique(`${path}.id`, check.guid(`${path}.id`, group.id), groupIds, 'group id');
  check.text(`${path}.displayName`, group.displayName);
  check.optionalText(`${path}.description`, group.description);
  check.guids(`${path}.memberIds`, group.memberIds).forEach((id, m) => {
    if (!userIds.has(id)) check.problem(`${path}.memberIds[${m}]`, 'is not a user id');
  });
}

function checkCustomer(known: Known, path: string, value: unknown, contractIds: Set<string>): void {
  const { check, tenantIds, customerIds, domains } = known;
  const customer = check.object(path, value) ?? {};
  const tenantId = check.guid(`${path}.tenantId`, customer.tenantId);
  if (tenantId && tenantIds.has(tenantId)) check.problem(`${path}.tenantId`, 'is already a tenant');
  check.unique(`${path}.tenantId`, tenantId, customerIds, 'customer tenant');
  check.text(`${path}.displayName`, customer.displayName);
  const domain = check.text(`${path}.defaultDomainName`, customer.defaultDomainName);
  check.unique(`${path}.defaultDomainName`, domain, domains, 'domain');
  if (customer.contract === undefined) return;
  const contract = check.object(`${path}.contract`, customer.contract) ?? {};
  check.unique(
    `${path}.contract.id`,
    check.guid(`${path}.contract.id`, contract.id),
    contractIds,
    'contract id',
  );
  check.oneOf(`${path}.contract.contractType`, contract.contractType, contractTypes);
}

function checkRelationship(known: Known, path: string, value: unknown, names: Set<string>): void {
  const { check, customerIds, groupIds, relationshipIds } = known;
  const relationship = check.object(path, value) ?? {};
  check.unique(
    `${path}.id`,
    check.relationshipId(`${path}.id`, relationship.id),
    relationshipIds,
    'relationship id',
  );
  const roleIds = checkRoles(check, `${path}.roleDefinitionIds`, relationship.roleDefinitionIds, true);
  const { displayName, duration, autoExtendDuration } = relationship;
  const terms = { displayName, duration, autoExtendDuration, roleDefinitionIds: roleIds };
  relationshipTermProblems(terms).forEach((problem) => check.problem(path, problem));
  if (typeof displayName === 'string')
    check.unique(`${path}.displayName`, displayName, names, 'relationship name');
  if (relationship.customer !== undefined) {
    const customer = check.object(`${path}.customer`, relationship.customer) ?? {};
    const tenantId = check.guid(`${path}.customer.tenantId`, customer.tenantId);
    if (tenantId && !customerIds.has(tenantId))
      check.problem(`${path}.customer.tenantId`, 'is not a customer');
    check.text(`${path}.customer.displayName`, customer.displayName);
  }
  check.oneOf(`${path}.status`, relationship.status, relationshipStatuses);
  check.dateTime(`${path}.createdDateTime`, relationship.createdDateTime);
  check.dateTime(`${path}.activatedDateTime`, relationship.activatedDateTime, true);
  check.dateTime(`${path}.endDateTime`, relationship.endDateTime, true);
  if (relationship.accessAssignments === undefined) return;
  check.array(`${path}.accessAssignments`, relationship.accessAssignments).forEach((item, a) => {
    const itemPath = `${path}.accessAssignments[${a}]`;
    const assignment = check.object(itemPath, item) ?? {};
    check.guid(`${itemPath}.id`, assignment.id);
    const groupId = check.guid(`${itemPath}.securityGroupId`, assignment.securityGroupId);
    if (groupId && !groupIds.has(groupId)) check.problem(`${itemPath}.securityGroupId`, 'is not a group id');
    for (const roleId of checkRoles(
      check,
      `${itemPath}.roleDefinitionIds`,
      assignment.roleDefinitionIds,
      true,
    )) {
      if (!roleIds.includes(roleId))
        check.problem(`${itemPath}.roleDefinitionIds`, `${roleId} is not a role of the relationship`);
    }
    check.oneOf(`${itemPath}.status`, assignment.status, accessAssignmentStatuses);
  });
}

function checkRoles(check: SeedChecker, path: string, value: unknown, required: boolean): string[] {
  const ids = check.guids(path, value);
  if (required && Array.isArray(value) && value.length === 0)
    check.problem(path, 'must list at least one role');
  ids.forEach((id, i) => {
    if (!roleNames.has(id.toLowerCase())) check.problem(`${path}[${i}]`, `unknown role id ${id}`);
  });
  return ids;
}
