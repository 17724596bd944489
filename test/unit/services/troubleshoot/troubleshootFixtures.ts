// Fixtures for the troubleshoot tests: settings as setup leaves them (an Admin Agent, signed in) and a relationship.
import { randomUUID } from 'node:crypto';
import type { GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { GRAPH_SIGN_IN_SCOPES } from '../../../../services/settings/permissionCatalog.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { PARTNER_DOMAIN, PARTNER_TENANT_ID } from '../../../fakes/fakeAuth.js';

export const HOME_ACCOUNT_ID = `aa11bb22-cc33-4d44-8e55-ff6677889900.${PARTNER_TENANT_ID}`;
export const ADMIN_UPN = 'megan.bowen@contosoit.onmicrosoft.com';

export function authorizedSettings(
  account: Partial<IntegrationSettings['authorizedAccount']> = {},
): IntegrationSettings {
  return {
    integrations: ['csp'],
    appRegistration: { kind: 'product' },
    partnerTenant: { input: PARTNER_DOMAIN, tenantId: PARTNER_TENANT_ID },
    gdap: {
      duration: 'P730D',
      autoExtend: 'P180D',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
      groupPrefix: 'GDAP',
    },
    alerts: { conversationId: 'conv-1', label: 'Personal chat' },
    authorizedAccount: {
      oid: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
      upn: ADMIN_UPN,
      displayName: 'Megan Bowen',
      tenantId: PARTNER_TENANT_ID,
      authorizedAt: '2026-11-02T09:30:00.000Z',
      homeAccountId: HOME_ACCOUNT_ID,
      grantedScopes: [...GRAPH_SIGN_IN_SCOPES],
      adminRole: 'Admin Agent',
      ...account,
    },
    updatedAt: '2026-11-02T09:30:00.000Z',
    updatedBy: 'setup',
  };
}

/** A relationship in `status` with these roles, ending in 600 days and auto-extending. */
export function relationship(status: string, roleIds = [...DEFAULT_GDAP_ROLE_IDS]): GdapRelationship {
  return {
    id: randomUUID(),
    displayName: `GDAP-${status}`,
    status,
    roleIds,
    endDateTime: new Date(Date.now() + 600 * 86_400_000).toISOString(),
    autoExtendDuration: 'P180D',
  };
}
