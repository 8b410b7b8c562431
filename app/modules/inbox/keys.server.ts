/**
 * The inbox's keys, derived from the app's client secret with HKDF-SHA256
 * (one derivation per purpose, so no new secret to manage and no key used
 * for two things). Rotating SHOPIFY_API_SECRET invalidates outstanding
 * satisfaction links and resets the rate limits' address hashes.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { env } from '~/env.server';

type Purpose = 'satisfaction-link' | 'client-address';

const keys = new Map<Purpose, Buffer>();

function keyFor(purpose: Purpose): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', env.SHOPIFY_API_SECRET, 'steward-inbox', `steward inbox ${purpose} v1`, 32));
    keys.set(purpose, key);
  }
  return key;
}

/** HMAC-SHA256 of `data` under the purpose's key. */
export function keyedHash(purpose: Purpose, data: string): Buffer {
  return createHmac('sha256', keyFor(purpose)).update(data, 'utf8').digest();
}
