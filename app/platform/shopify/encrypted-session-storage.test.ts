import { Session } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { createTokenCipher, TokenCipherError } from '../crypto/token-cipher.server';
import { sessionStorage } from '~/shopify.server';

const ACCESS_TOKEN = 'shpat_access_0123456789abcdef';
const REFRESH_TOKEN = 'shprt_refresh_0123456789abcdef';

function offlineSession(shop: string) {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: 'state',
    isOnline: false,
    scope: 'read_products',
    accessToken: ACCESS_TOKEN,
    refreshToken: REFRESH_TOKEN,
    expires: new Date(Date.now() + 3_600_000),
    refreshTokenExpires: new Date(Date.now() + 86_400_000),
  });
}

describe('sessions at rest', () => {
  it('keeps no access or refresh token in clear in the table, and gives them back on load', async () => {
    const shop = 'sealed-shop.myshopify.com';
    await sessionStorage.storeSession(offlineSession(shop));

    const rows = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Session" WHERE shop = ${shop}`;
    expect(rows).toHaveLength(1);
    const everything = JSON.stringify(rows, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(everything).not.toContain(ACCESS_TOKEN);
    expect(everything).not.toContain(REFRESH_TOKEN);
    expect(rows[0]?.accessToken).toMatch(/^enc:v1:test2:/);
    expect(rows[0]?.refreshToken).toMatch(/^enc:v1:test2:/);

    const loaded = await sessionStorage.loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe(ACCESS_TOKEN);
    expect(loaded?.refreshToken).toBe(REFRESH_TOKEN);
    const [found] = await sessionStorage.findSessionsByShop(shop);
    expect(found?.accessToken).toBe(ACCESS_TOKEN);
  });

  it('opens values sealed with an older key and re-seals them with the current one', async () => {
    const shop = 'rotated-shop.myshopify.com';
    const oldKeyOnly = createTokenCipher(`test1:${Buffer.alloc(32, 1).toString('base64')}`);
    await prisma.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: 's',
        isOnline: false,
        scope: 'read_products',
        accessToken: oldKeyOnly.encrypt(ACCESS_TOKEN),
      },
    });
    const loaded = await sessionStorage.loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe(ACCESS_TOKEN);
    await sessionStorage.storeSession(loaded as Session);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(row.accessToken).toMatch(/^enc:v1:test2:/);
  });

  it('refuses a tampered or unknown-key value instead of returning garbage', () => {
    const cipher = createTokenCipher(`test2:${Buffer.alloc(32, 2).toString('base64')}`);
    const sealed = cipher.encrypt(ACCESS_TOKEN);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(tampered)).toThrow(TokenCipherError);
    const other = createTokenCipher(`other:${Buffer.alloc(32, 9).toString('base64')}`);
    expect(() => other.decrypt(sealed)).toThrow(/Unknown encryption key "test2"/);
    // The same plaintext seals differently each time (random IV).
    expect(cipher.encrypt(ACCESS_TOKEN)).not.toBe(sealed);
  });
});
