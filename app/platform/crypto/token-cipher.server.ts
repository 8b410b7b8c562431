/**
 * AES-256-GCM for secrets at rest (Shopify access and refresh tokens).
 * Ciphertext format: `enc:v1:<keyId>:<iv>.<tag>.<data>` (base64url parts), so
 * each value names the key that sealed it and keys can rotate: the first key
 * in TOKEN_ENCRYPTION_KEYS encrypts, every listed key decrypts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;

export class TokenCipherError extends Error {
  override name = 'TokenCipherError';
}

export interface TokenCipher {
  readonly currentKeyId: string;
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
}

/** Parses `id:base64key[,id:base64key…]` (validated by env.server.ts). */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',')) {
    const [id, encoded] = entry.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || key.length !== 32) throw new TokenCipherError(`Key "${id ?? ''}" must be 32 bytes of base64`);
    if (keys.has(id)) throw new TokenCipherError(`Key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  return keys;
}

export function createTokenCipher(spec: string): TokenCipher {
  const keys = parseKeyring(spec);
  const [currentKeyId] = keys.keys();
  if (!currentKeyId) throw new TokenCipherError('No encryption key configured');
  const currentKey = keys.get(currentKeyId) as Buffer;

  const split = (sealed: string) => {
    if (!sealed.startsWith(PREFIX)) throw new TokenCipherError('Value is not sealed by the token cipher');
    const [keyId, body] = sealed.slice(PREFIX.length).split(':');
    const [iv, tag, data] = (body ?? '').split('.');
    if (!keyId || !iv || !tag || data === undefined) throw new TokenCipherError('Malformed sealed value');
    return { keyId, iv, tag, data };
  };

  return {
    currentKeyId,
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(currentKeyId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
      return `${PREFIX}${currentKeyId}:${parts.join('.')}`;
    },
    decrypt(sealed) {
      const { keyId, iv, tag, data } = split(sealed);
      const key = keys.get(keyId);
      if (!key) throw new TokenCipherError(`Unknown encryption key "${keyId}": add it to TOKEN_ENCRYPTION_KEYS`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(keyId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError(`Sealed value failed authentication with key "${keyId}"`);
      }
    },
  };
}
