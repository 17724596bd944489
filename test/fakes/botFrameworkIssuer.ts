// Plays the Bot Connector's token issuer: OpenID metadata, a JWKS with endorsements, and signed channel tokens.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  /** Sign with a key the metadata does not publish. */
  unknownKey?: boolean;
  expiresInSeconds?: number;
  /** Leave the exp claim out altogether. */
  noExpiry?: boolean;
  issuer?: string;
}

export class BotFrameworkIssuer {
  private server?: Server;
  private known!: { privateKey: CryptoKey; jwk: JWK };
  private unknown!: { privateKey: CryptoKey };
  metadataUrl = '';

  async start(): Promise<void> {
    const known = await generateKeyPair('RS256', { extractable: true });
    this.known = { privateKey: known.privateKey, jwk: await exportJWK(known.publicKey) };
    this.unknown = { privateKey: (await generateKeyPair('RS256')).privateKey };
    this.server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(
          JSON.stringify({
            issuer: BOT_FRAMEWORK_ISSUER,
            jwks_uri: `${base}/v1/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url === '/v1/keys') {
        res.end(
          JSON.stringify({
            keys: [
              { ...this.known.jwk, kid: 'known-key', use: 'sig', alg: 'RS256', endorsements: ['msteams'] },
            ],
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  async token(options: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expires = now + (options.expiresInSeconds ?? 3600);
    const jwt = new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'known-key', typ: 'JWT' })
      .setIssuer(options.issuer ?? BOT_FRAMEWORK_ISSUER)
      .setAudience(options.audience)
      .setIssuedAt(Math.min(now, expires - 60))
      .setNotBefore(Math.min(now, expires - 60));
    if (!options.noExpiry) jwt.setExpirationTime(expires);
    return jwt.sign(options.unknownKey ? this.unknown.privateKey : this.known.privateKey);
  }
}

/** A token whose header says alg "none": must never be accepted. */
export function unsignedToken(audience: string, serviceUrl: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT', kid: 'known-key' })}.${encode({ iss: BOT_FRAMEWORK_ISSUER, aud: audience, serviceurl: serviceUrl, iat: now, nbf: now, exp: now + 3600 })}.`;
}
