import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { addressKey, checkProxyLimits, hit, ipv6Prefix64 } from './rate-limit.server';

const headers = (forwardedFor: string | null) =>
  new Headers(forwardedFor === null ? {} : { 'X-Forwarded-For': forwardedFor });

describe('rate limits', () => {
  it('keys a visitor by a keyed hash of the first forwarded address, IPv6 by its /64', () => {
    expect(addressKey(headers('203.0.113.5'))).toBe(addressKey(headers(' 203.0.113.5 , 10.0.0.1')));
    expect(addressKey(headers('203.0.113.5'))).not.toBe(addressKey(headers('203.0.113.6')));
    expect(addressKey(headers('203.0.113.5'))).not.toContain('203');
    expect(addressKey(headers('2001:db8:1:2::1'))).toBe(addressKey(headers('2001:db8:1:2:ffff::9')));
    expect(addressKey(headers('2001:db8:1:3::1'))).not.toBe(addressKey(headers('2001:db8:1:2::1')));
    expect(addressKey(headers('not an address'))).toBe('unknown');
    expect(addressKey(headers(null))).toBe('unknown');
    expect(ipv6Prefix64('2001:DB8::1')).toBe('2001:db8:0:0');
    expect(addressKey(headers('::ffff:192.0.2.1'))).toBe(addressKey(headers('192.0.2.1')));
    expect(addressKey(headers('::ffff:192.0.2.1'))).not.toBe(addressKey(headers('::ffff:192.0.2.2')));
    expect(ipv6Prefix64('fe80:0000:0000:0001:0:0:0:1')).toBe('fe80:0:0:1');
  });

  it('allows up to the limit in a window, then weighs the previous window as it slides out', async () => {
    const shop = 'limits.myshopify.com';
    const limit = { limit: 3, windowSeconds: 60 };
    const start = new Date('2026-03-01T10:00:00.000Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const results = [];
    for (const second of [1, 2, 3, 4]) results.push((await hit(prisma, shop, 'k', limit, at(second))).allowed);
    expect(results).toEqual([true, true, true, false]);
    // 15 s into the next window, the previous 4 hits still weigh 4 × 0.75 = 3: one more is too many.
    expect(await hit(prisma, shop, 'k', limit, at(75))).toEqual({ allowed: false, retryAfter: 45 });
    // 50 s in: 4 × (10/60) + 2 ≈ 2.67 ≤ 3.
    expect((await hit(prisma, shop, 'k', limit, at(110))).allowed).toBe(true);
    // Other keys and shops count apart.
    expect((await hit(prisma, shop, 'other', limit, at(4))).allowed).toBe(true);
    expect((await hit(prisma, 'else.myshopify.com', 'k', limit, at(4))).allowed).toBe(true);
    // Two windows on, the old rows are pruned when a new window starts.
    await hit(prisma, shop, 'k', limit, at(300));
    const windows = await prisma.inboxRateBucket.findMany({ where: { shop, key: 'k' }, select: { windowStart: true } });
    expect(windows.map((row) => row.windowStart.toISOString())).toEqual([at(300 - (300 % 60)).toISOString()]);
  });

  it('refuses when either the visitor or the shop is over its limit', async () => {
    const shop = 'both.myshopify.com';
    const limits = { perAddress: { limit: 2, windowSeconds: 60 }, perShop: { limit: 3, windowSeconds: 60 } };
    const now = new Date('2026-03-01T10:00:30.000Z');
    const visit = (ip: string) => checkProxyLimits(prisma, shop, 'support', headers(ip), now, limits);
    expect((await visit('192.0.2.1')).allowed).toBe(true);
    expect((await visit('192.0.2.1')).allowed).toBe(true);
    expect(await visit('192.0.2.1')).toEqual({ allowed: false, retryAfter: 30 });
    // The shop has had 3: a new visitor is refused too.
    expect((await visit('192.0.2.2')).allowed).toBe(false);
  });
});
