// What a finished sign-in hands back, whichever flow produced it (code, silent refresh, or Teams SSO on-behalf-of).
import type { AuthenticationResult } from '@azure/msal-node';
import { decodeJwt } from 'jose';

export interface SignedInAccount {
  /** MSAL's key for the cached tokens: `<oid>.<tid>`. */
  homeAccountId: string;
  tenantId: string;
  username: string;
  name: string;
  oid: string;
}

export type Claims = Record<string, unknown>;

export interface SignInResult {
  account: SignedInAccount;
  /** The id token's claims (validated by MSAL). */
  claims: Claims;
  /** The access token's payload, decoded but NOT verified: only for reading scp, amr, tid, acct. */
  accessTokenClaims: Claims;
  accessToken: string;
  grantedScopes: string[];
}

export function toSignInResult(result: AuthenticationResult): SignInResult {
  const accessTokenClaims = decodeClaims(result.accessToken);
  const claims: Claims = { ...(result.idTokenClaims ?? {}) };
  const text = (name: string) => {
    const value = claims[name] ?? accessTokenClaims[name];
    return typeof value === 'string' ? value : '';
  };
  const oid = result.account?.localAccountId || text('oid');
  const tenantId = result.account?.tenantId || text('tid');
  return {
    account: {
      homeAccountId: result.account?.homeAccountId || `${oid}.${tenantId}`,
      tenantId,
      username: result.account?.username || text('preferred_username') || text('upn'),
      name: result.account?.name || text('name'),
      oid,
    },
    claims,
    accessTokenClaims,
    accessToken: result.accessToken,
    grantedScopes: result.scopes,
  };
}

// Tokens for Microsoft's own APIs are JWTs today, but Microsoft reserves the right to make them opaque.
function decodeClaims(token: string): Claims {
  try {
    return decodeJwt(token) as Claims;
  } catch {
    return {};
  }
}
