// Encrypts secrets and token caches at rest with AES-256-GCM under a key from configuration.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

/** What is stored: never the plain text. */
export interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export class SecretBox {
  readonly #key: Buffer;

  /** `key` is 32 bytes, given as base64 or 64 hex characters. */
  constructor(key: string) {
    this.#key = parseKey(key);
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  static isValidKey(key: string): boolean {
    try {
      parseKey(key);
      return true;
    } catch {
      return false;
    }
  }

  seal(plain: string, context = ''): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    // The context (e.g. "tokenCache") is authenticated, so a sealed value cannot be moved to another field.
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  open(sealed: Sealed, context = ''): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch (cause) {
      throw new AppError(
        'SECRET_UNREADABLE',
        'A stored secret could not be decrypted (wrong TOKEN_ENCRYPTION_KEY?).',
        {
          cause,
        },
      );
    }
  }
}

function parseKey(key: string): Buffer {
  const trimmed = key.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32)
    throw new Error('secretBox: the key must be 32 bytes (base64 or 64 hex characters).');
  return bytes;
}
