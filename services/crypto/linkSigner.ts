// Short-lived signed links (e.g. the mappings CSV): an HMAC over purpose and expiry, keyed from the sealing key.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export class LinkSigner {
  readonly #key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, derived from the configured one, so a link never reveals anything about the sealing key.
    this.#key = Buffer.from(
      hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'csp-bot signed links', 32),
    );
  }

  /** Query parameters proving the link was made by the bot for `purpose`, valid for `ttlMs`. */
  sign(purpose: string, ttlMs: number): string {
    const expires = String(this.now() + ttlMs);
    return new URLSearchParams({ expires, sig: this.#mac(purpose, expires) }).toString();
  }

  verify(purpose: string, query: URLSearchParams): boolean {
    const expires = query.get('expires') ?? '';
    const sig = query.get('sig') ?? '';
    if (!/^\d+$/.test(expires) || Number(expires) < this.now()) return false;
    const expected = Buffer.from(this.#mac(purpose, expires));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(purpose: string, expires: string): string {
    return createHmac('sha256', this.#key).update(`${purpose}\n${expires}`).digest('base64url');
  }
}
