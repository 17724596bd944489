// Which of MSAL's per-tenant views of one signed-in account is the partner's own: its home tenant.
import type { AccountInfo } from '@azure/msal-node';

/**
 * The account as it is in its home tenant. MSAL lists the account once per tenant it holds tokens for, in the
 * order the tenant profiles were saved; the partner tenant's work (GDAP, Partner Center) must never go to the
 * authority of whichever customer tenant happens to be listed first.
 */
export function homeTenantAccount(
  accounts: readonly AccountInfo[],
  homeAccountId: string,
): AccountInfo | undefined {
  const own = accounts.filter((account) => account.homeAccountId === homeAccountId);
  return own.find((account) => account.tenantId === homeTenantOf(account)) ?? own[0];
}

// An Entra home account id is "<object id>.<home tenant id>": it names the tenant even when the cache lost its profile.
export function homeTenantOf(account: AccountInfo): string {
  return account.homeAccountId.split('.')[1] || account.tenantId;
}
