// What can be wrong with the account an admin authorized with, each in plain words with its fix.

export type AccountProblemCode = 'WRONG_TENANT' | 'GUEST' | 'MISSING_ROLE' | 'NO_MFA';

export interface AccountProblem {
  code: AccountProblemCode;
  title: string;
  detail: string;
  fix: string;
}

export function wrongTenant(who: string, tenantId: string, partnerTenantId: string): AccountProblem {
  return {
    code: 'WRONG_TENANT',
    title: 'This account is not from your partner tenant',
    detail: `You signed in as ${who}, an account of tenant ${tenantId || 'unknown'}. The integration is set up for partner tenant ${partnerTenantId}.`,
    fix: 'Sign in again with an admin account of the partner tenant (the tenant your Partner Center account uses). If the browser picks the wrong account automatically, choose "Use another account".',
  };
}

export function guest(who: string): AccountProblem {
  return {
    code: 'GUEST',
    title: 'This account is a guest in the partner tenant',
    detail: `${who} is a guest: an account from another organisation invited into your partner tenant. Microsoft's partner APIs and GDAP do not accept guest accounts.`,
    fix: 'Sign in with a member account created in the partner tenant itself (usually name@yourcompany.onmicrosoft.com or your own domain) that has the Admin Agent role.',
  };
}

export function missingRole(who: string): AccountProblem {
  return {
    code: 'MISSING_ROLE',
    title: 'This account is not an Admin Agent',
    detail: `${who} is neither in the AdminAgents group nor a Global Administrator. Creating GDAP relationships and managing customers needs the Partner Center Admin Agent role.`,
    fix: 'In Partner Center > Account settings > User management, give this user the Admin Agent role (that adds them to the AdminAgents group), or sign in with an account that has it. Then sign in again.',
  };
}

export function noMfa(): AccountProblem {
  return {
    code: 'NO_MFA',
    title: 'The sign-in did not use multi-factor authentication',
    detail: "Your sign-in did not use multi-factor authentication. Microsoft's partner APIs require it.",
    fix: 'Turn on MFA for this account (Security defaults or a Conditional Access policy) and sign in again with MFA.',
  };
}
