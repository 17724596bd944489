// Checks that the account that signed in can act for the partner: right tenant, a member, an Admin Agent, with MFA.
import type { Client, PageCollection } from '@microsoft/microsoft-graph-client';
import { GLOBAL_ADMINISTRATOR } from '../settings/gdapRoles.js';
import type { PartnerAdminRole } from '../settings/integrationSettings.js';
import { guest, missingRole, noMfa, wrongTenant, type AccountProblem } from './accountProblems.js';
import type { Claims } from './signInResult.js';

export interface VerifyPartnerAccountInput {
  accessTokenClaims: Claims;
  idTokenClaims: Claims;
  partnerTenantId: string;
  /** A Graph client acting as the signed-in account. */
  graph: Client;
}

export interface VerifiedAccount {
  oid: string;
  upn: string;
  displayName: string;
  tenantId: string;
  adminRole: PartnerAdminRole;
}

export type AccountVerification =
  | {
      ok: true;
      account: VerifiedAccount;
      /** The partner tenant's name in Entra (Graph's /organization), to sign messages for customers with. */
      partnerTenantName?: string;
    }
  | { ok: false; problems: AccountProblem[] };

// Partner Center puts every user with the Admin Agent role into this security group of the partner tenant.
const ADMIN_AGENTS_GROUP = 'AdminAgents';

interface MeResponse {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  userType?: string;
}

interface DirectoryObject {
  '@odata.type'?: string;
  displayName?: string;
  roleTemplateId?: string;
}

export async function verifyPartnerAccount(input: VerifyPartnerAccountInput): Promise<AccountVerification> {
  const { accessTokenClaims, idTokenClaims, partnerTenantId, graph } = input;
  const claim = (name: string) => text(accessTokenClaims[name]) || text(idTokenClaims[name]);
  const tenantId = claim('tid').toLowerCase();
  // Another tenant's directory says nothing about the partner tenant, so Graph is not asked at all.
  if (tenantId !== partnerTenantId.toLowerCase()) {
    const who = claim('upn') || claim('preferred_username') || 'this account';
    return { ok: false, problems: [wrongTenant(who, tenantId, partnerTenantId)] };
  }

  const me = (await graph
    .api('/me')
    .select(['userType', 'displayName', 'userPrincipalName', 'id'])
    .get()) as MeResponse;
  const upn = me.userPrincipalName ?? claim('upn');
  const problems: AccountProblem[] = [];
  if (me.userType === 'Guest' || accessTokenClaims.acct === 1) problems.push(guest(upn));
  const adminRole = await partnerAdminRole(graph);
  if (!adminRole) problems.push(missingRole(upn));
  const amr = Array.isArray(accessTokenClaims.amr) ? accessTokenClaims.amr : [];
  if (!amr.includes('mfa')) problems.push(noMfa());
  if (problems.length > 0 || !adminRole) return { ok: false, problems };
  const account = { oid: me.id, upn, displayName: me.displayName ?? upn, tenantId, adminRole };
  const partnerTenantName = await organizationName(graph);
  return { ok: true, account, ...(partnerTenantName ? { partnerTenantName } : {}) };
}

/**
 * The signed-in tenant's display name. Only messages for customers use it, and they have a fallback, so a failed
 * read does not fail the sign-in.
 */
async function organizationName(graph: Client): Promise<string | undefined> {
  try {
    const page = (await graph.api('/organization').select(['displayName']).get()) as {
      value?: { displayName?: unknown }[];
    };
    const name = page.value?.[0]?.displayName;
    return typeof name === 'string' && name.trim() ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Admin Agent when the account is in the AdminAgents group, else Global Administrator when it holds that role. */
async function partnerAdminRole(graph: Client): Promise<PartnerAdminRole | undefined> {
  let globalAdministrator = false;
  let page = (await graph.api('/me/memberOf').get()) as PageCollection;
  for (;;) {
    const items = page.value as DirectoryObject[];
    if (
      items.some(
        (item) => item['@odata.type'] === '#microsoft.graph.group' && item.displayName === ADMIN_AGENTS_GROUP,
      )
    )
      return 'Admin Agent';
    globalAdministrator ||= items.some(
      (item) =>
        item['@odata.type'] === '#microsoft.graph.directoryRole' &&
        item.roleTemplateId === GLOBAL_ADMINISTRATOR,
    );
    const next = page['@odata.nextLink'];
    if (!next) return globalAdministrator ? 'Global Administrator' : undefined;
    page = (await graph.api(next).get()) as PageCollection;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
