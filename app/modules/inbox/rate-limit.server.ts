/**
 * Rate limits of the storefront endpoints, per visitor address and per shop,
 * counted in the database (InboxRateBucket) so that every app process and
 * worker shares them. Each key counts hits in fixed windows; a hit is allowed
 * while the sliding estimate — the previous window's count weighted by how
 * much of it still overlaps the last `windowSeconds`, plus the current
 * window's count — stays within the limit. Refused hits count too, so a
 * flood stays refused until it stops.
 *
 * Addresses are never stored: the key holds an HMAC of the address (keys.server.ts),
 * IPv6 addresses cut to their /64 (what one subscriber usually holds).
 */
import { isIP } from 'node:net';
import { Prisma } from '@prisma/client';
import type { Db } from '~/platform/mirror/batch.server';
import { keyedHash } from './keys.server';

export interface Limit {
  limit: number;
  windowSeconds: number;
}

export interface EndpointLimits {
  perAddress: Limit;
  perShop: Limit;
}

export type ProxyEndpoint = 'support' | 'feedback' | 'rate';

/**
 * A person writes a handful of support requests an hour, not five in ten
 * minutes; a shop under a flood keeps taking requests up to the per-shop
 * ceiling, far above any real shop's traffic.
 */
export const PROXY_LIMITS: Record<ProxyEndpoint, EndpointLimits> = {
  support: { perAddress: { limit: 5, windowSeconds: 600 }, perShop: { limit: 300, windowSeconds: 3600 } },
  feedback: { perAddress: { limit: 10, windowSeconds: 600 }, perShop: { limit: 1000, windowSeconds: 3600 } },
  rate: { perAddress: { limit: 20, windowSeconds: 600 }, perShop: { limit: 1000, windowSeconds: 3600 } },
};

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the current window ends (for Retry-After) when refused. */
  retryAfter: number;
}

/** The visitor's address as the key part: the first X-Forwarded-For hop (Shopify's proxy sets it), hashed. */
export function addressKey(headers: Headers): string {
  const given = headers.get('X-Forwarded-For')?.split(',')[0]?.trim() ?? '';
  // An IPv4 address written as IPv6 ("::ffff:192.0.2.1") is that IPv4 address.
  const first = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(given) ? given.slice(7) : given;
  const family = isIP(first);
  if (family === 0) return 'unknown';
  const address = family === 6 ? ipv6Prefix64(first) : first;
  return keyedHash('client-address', address).toString('base64url').slice(0, 22);
}

/** The first four groups of an IPv6 address, expanded ("2001:db8::1" → "2001:db8:0:0"). */
export function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  // An embedded IPv4 tail ("::ffff:1.2.3.4") counts as two groups.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const missing = tail === undefined ? 0 : 8 - width(headGroups) - width(tailGroups);
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':');
}

/** Counts a hit on one key and says whether it is within the limit. */
export async function hit(db: Db, shop: string, key: string, { limit, windowSeconds }: Limit, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const current = new Date(start);
  const previous = new Date(start - windowMs);
  const expiresAt = new Date(start + 2 * windowMs);
  const [row] = await db.$queryRaw<{ current: number; previous: number | null }[]>(Prisma.sql`
    WITH bumped AS (
      INSERT INTO "InboxRateBucket" (shop, key, "windowStart", count, "expiresAt")
      VALUES (${shop}, ${key}, ${current}, 1, ${expiresAt})
      ON CONFLICT (shop, key, "windowStart") DO UPDATE SET count = "InboxRateBucket".count + 1
      RETURNING count
    )
    SELECT (SELECT count FROM bumped) AS current,
           (SELECT count FROM "InboxRateBucket" WHERE shop = ${shop} AND key = ${key} AND "windowStart" = ${previous}) AS previous`);
  const count = Number(row?.current ?? 1);
  if (count === 1) {
    // A window's first hit: a good moment to drop the shop's buckets nothing reads any more.
    await db.inboxRateBucket.deleteMany({ where: { shop, expiresAt: { lt: now } } });
  }
  const overlap = 1 - (now.getTime() - start) / windowMs;
  const estimate = Number(row?.previous ?? 0) * overlap + count;
  return { allowed: estimate <= limit, retryAfter: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)) };
}

/** Counts one request to an endpoint against its visitor's and its shop's limits. */
export async function checkProxyLimits(
  db: Db,
  shop: string,
  endpoint: ProxyEndpoint,
  headers: Headers,
  now = new Date(),
  limits: EndpointLimits = PROXY_LIMITS[endpoint],
): Promise<LimitDecision> {
  const byAddress = await hit(db, shop, `${endpoint}:ip:${addressKey(headers)}`, limits.perAddress, now);
  const byShop = await hit(db, shop, `${endpoint}:shop`, limits.perShop, now);
  const refused = [byAddress, byShop].filter((decision) => !decision.allowed);
  return {
    allowed: refused.length === 0,
    retryAfter: Math.max(0, ...refused.map((decision) => decision.retryAfter)),
  };
}
