// GET /sandbox/info: what a developer or test needs to drive the sandbox, and never the client secret.
import { ADMIN_AGENTS_GROUP_NAME } from './seed.js';
import { roleNames } from './roles.js';
import type { SandboxState } from './sandboxState.js';
import { partnerCenterBaseUrl, sandboxApprovalLinkBase } from './sandboxUrls.js';

export function sandboxInfo(
  state: SandboxState,
  baseUrl: string,
  signInBaseUrl: string,
): Record<string, unknown> {
  const { partnerTenant } = state;
  return {
    partnerTenant: {
      id: partnerTenant.id,
      displayName: partnerTenant.displayName,
      defaultDomain: partnerTenant.defaultDomain,
    },
    users: state.users.map((user) => ({
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      roles: [
        ...user.directoryRoleIds.map((roleId) => roleNames.get(roleId) ?? roleId),
        ...(state.isAdminAgent(user.id) ? ['Admin Agent'] : []),
      ],
      adminAgent: state.isAdminAgent(user.id),
      mfa: user.mfa,
      userType: user.userType,
      tenantId: user.tenantId,
      isDefault: user.id === state.defaultUserId,
      purpose: user.purpose ?? null,
    })),
    customers: state.customers.length,
    consents: state.consents.length,
    graphBaseUrl: `${baseUrl}/v1.0`,
    authorityHost: baseUrl,
    signInBaseUrl,
    approvalLinkBase: sandboxApprovalLinkBase(baseUrl),
    partnerCenterBaseUrl: partnerCenterBaseUrl(baseUrl),
    appClientId: state.app.clientId,
    adminAgentsGroup: ADMIN_AGENTS_GROUP_NAME,
  };
}
