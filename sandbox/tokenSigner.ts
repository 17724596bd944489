// The sandbox's signing key: issues RS256 JWTs with a `kid` and verifies the ones it issued.
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { GenerateKeyPairResult, JWK, JWTPayload } from 'jose';

export class TokenSigner {
  private constructor(
    private readonly keys: GenerateKeyPairResult,
    private readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<TokenSigner> {
    const keys = await generateKeyPair('RS256');
    const jwk = await exportJWK(keys.publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new TokenSigner(keys, { ...jwk, kid, use: 'sig', alg: 'RS256', kty: 'RSA' });
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ nbf: now - 5, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid })
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.keys.privateKey);
  }

  // Signature, lifetime and audience; the caller checks the issuer against the tenant in `tid`.
  async verify(token: string, audience: string | string[]): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.keys.publicKey, { audience, algorithms: ['RS256'] });
    return payload;
  }
}
