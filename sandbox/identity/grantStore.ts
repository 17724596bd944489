// Authorization codes and refresh tokens the sandbox handed out, with Entra's lifetimes and single use of codes.
import { randomBytes } from 'node:crypto';

export interface AuthorizationCodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  tenantId: string;
  scope: string;
  nonce?: string;
}

export interface RefreshGrant {
  clientId: string;
  userId: string;
  tenantId: string;
}

export type CodeRedemption =
  { kind: 'ok'; grant: AuthorizationCodeGrant } | { kind: 'unknown' | 'redeemed' | 'expired' };

const CODE_LIFETIME_MS = 10 * 60_000;
const REFRESH_LIFETIME_MS = 90 * 86_400_000;

function opaqueToken(prefix: string): string {
  return `${prefix}.${randomBytes(48).toString('base64url')}`;
}

export class GrantStore {
  private readonly codes = new Map<
    string,
    { grant: AuthorizationCodeGrant; expiresAt: number; redeemed: boolean }
  >();
  private readonly refreshTokens = new Map<string, { grant: RefreshGrant; expiresAt: number }>();

  issueCode(grant: AuthorizationCodeGrant, now = Date.now()): string {
    this.forgetExpired(now);
    const code = opaqueToken('1.AS');
    this.codes.set(code, { grant, expiresAt: now + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  redeemCode(code: string, now = Date.now()): CodeRedemption {
    const entry = this.codes.get(code);
    if (!entry) return { kind: 'unknown' };
    if (entry.redeemed) return { kind: 'redeemed' };
    if (now > entry.expiresAt) return { kind: 'expired' };
    entry.redeemed = true;
    return { kind: 'ok', grant: entry.grant };
  }

  issueRefreshToken(grant: RefreshGrant, now = Date.now()): string {
    const token = opaqueToken('1.AR');
    this.refreshTokens.set(token, { grant, expiresAt: now + REFRESH_LIFETIME_MS });
    return token;
  }

  findRefreshToken(token: string, now = Date.now()): RefreshGrant | undefined {
    const entry = this.refreshTokens.get(token);
    return entry && now <= entry.expiresAt ? entry.grant : undefined;
  }

  // Test hook: makes every refresh token invalid, as when an admin revokes a user's sessions.
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private forgetExpired(now: number): void {
    for (const [code, entry] of this.codes) {
      if (now > entry.expiresAt + CODE_LIFETIME_MS) this.codes.delete(code);
    }
  }
}
