// Checks that the account that signed in can act for the partner: right tenant, a member, an Admin Agent, with MFA.
import type { Client, PageCollection } from '@microsoft/microsoft-graph-client';
import { GLOBAL_ADMINISTRATOR } from '../settings/gdapRoles.js';
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
}

export type AccountVerification =
  { ok: true; account: VerifiedAccount } | { ok: false; problems: AccountProblem[] };

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
  if (!(await holdsPartnerAdminRole(graph))) problems.push(missingRole(upn));
  const amr = Array.isArray(accessTokenClaims.amr) ? accessTokenClaims.amr : [];
  if (!amr.includes('mfa')) problems.push(noMfa());
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, account: { oid: me.id, upn, displayName: me.displayName ?? upn, tenantId } };
}

async function holdsPartnerAdminRole(graph: Client): Promise<boolean> {
  let page = (await graph.api('/me/memberOf').get()) as PageCollection;
  for (;;) {
    const found = (page.value as DirectoryObject[]).some(
      (item) =>
        (item['@odata.type'] === '#microsoft.graph.group' && item.displayName === ADMIN_AGENTS_GROUP) ||
        (item['@odata.type'] === '#microsoft.graph.directoryRole' &&
          item.roleTemplateId === GLOBAL_ADMINISTRATOR),
    );
    const next = page['@odata.nextLink'];
    if (found || !next) return found;
    page = (await graph.api(next).get()) as PageCollection;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
