// The partner side of a generated seed: tenants, the five sign-in users, the app registration and the security groups.
import { GLOBAL_ADMINISTRATOR_ROLE_ID, referenceIntegrationRoleIds, roleNames } from './roles.js';
import { ADMIN_AGENTS_GROUP_NAME, type SandboxSeed, type SeedUser } from './seed.js';

export type GeneratedPartner = Omit<SandboxSeed, 'customers' | 'relationships'>;

// Same people and roles as the shipped seed.json, so tests read the same at any scale.
export function generatePartner(guid: () => string): GeneratedPartner {
  const partnerTenant = {
    id: guid(),
    displayName: 'Contoso IT Services',
    defaultDomain: 'contosoit.onmicrosoft.com',
  };
  const foreignTenant = {
    id: guid(),
    displayName: 'Fabrikam Solutions',
    defaultDomain: 'fabrikamsolutions.onmicrosoft.com',
  };
  const users = generateUsers(guid, partnerTenant.id, foreignTenant.id);
  const admins = [users[0].id, users[1].id];
  const roleGroups = referenceIntegrationRoleIds.map((roleId) => ({
    id: guid(),
    displayName: `GDAP - ${roleNames.get(roleId)}`,
    memberIds: admins,
  }));
  return {
    partnerTenant,
    otherTenants: [foreignTenant],
    app: {
      clientId: guid(),
      displayName: 'CSP Integration Bot',
      redirectUris: ['https://token.botframework.com/.auth/web/redirect'],
      delegatedScopes: [
        'User.Read',
        'Directory.Read.All',
        'DelegatedAdminRelationship.ReadWrite.All',
        'Group.ReadWrite.All',
      ],
      applicationPermissions: [
        'Directory.Read.All',
        'DelegatedAdminRelationship.ReadWrite.All',
        'Group.ReadWrite.All',
      ],
      apiScopes: ['access_as_user'],
    },
    defaultUserId: users[0].id,
    users,
    groups: [{ id: guid(), displayName: ADMIN_AGENTS_GROUP_NAME, memberIds: admins }, ...roleGroups],
  };
}

function generateUsers(guid: () => string, partnerId: string, foreignId: string): SeedUser[] {
  const partnerUser = (displayName: string, login: string, extra: Partial<SeedUser>): SeedUser => ({
    id: guid(),
    tenantId: partnerId,
    displayName,
    userPrincipalName: `${login}@contosoit.onmicrosoft.com`,
    userType: 'Member',
    mfa: true,
    directoryRoleIds: [],
    ...extra,
  });
  return [
    partnerUser('Megan Bowen', 'megan.bowen', { directoryRoleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID] }),
    partnerUser('Alex Wilber', 'alex.wilber', {
      directoryRoleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      mfa: false,
    }),
    partnerUser('Diego Siciliani', 'diego.siciliani_fabrikam.com#EXT#', { userType: 'Guest' }),
    partnerUser('Lee Gu', 'lee.gu', {}),
    {
      id: guid(),
      tenantId: foreignId,
      displayName: 'Pradeep Gupta',
      userPrincipalName: 'pradeep.gupta@fabrikamsolutions.onmicrosoft.com',
      userType: 'Member',
      mfa: true,
      directoryRoleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID],
    },
  ];
}
