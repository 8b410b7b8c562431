/**
 * The whole path of an embedded page: a real session token, the library's
 * verification, the encrypted session storage, the gateway over HTTP to an
 * Admin API executing Shopify's schema, and the loader's data.
 */
import { Session } from '@shopify/shopify-api';
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_SHOP, startFakeAdminApi } from '../../tests/support/fake-admin-api';
import { bearerRequest, call, documentRequest, sessionToken } from '../../tests/support/shopify-requests';

const REVOKED_SHOP = 'revoked-shop.myshopify.com';
const api = await startFakeAdminApi({
  [TEST_SHOP]: { accessToken: 'shpat_today_token', shop: SEEDED_SHOP },
  [REVOKED_SHOP]: { accessToken: 'shpat_issued_later', shop: { ...SEEDED_SHOP, myshopifyDomain: REVOKED_SHOP } },
});
process.env.DEVSTORE_URL = api.url;
const { loader } = await import('./app._index');
const { sessionStorage } = await import('~/shopify.server');
const { SCOPES } = process.env;

beforeAll(async () => {
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${TEST_SHOP}`,
      shop: TEST_SHOP,
      state: 'installed',
      isOnline: false,
      scope: SCOPES,
      accessToken: 'shpat_today_token',
    }),
  );
});
afterAll(() => api.close());

describe('Today loader', () => {
  it('answers a fetch with a valid session token with the shop read through the gateway', async () => {
    const result = await call(loader, bearerRequest('/app', await sessionToken(TEST_SHOP)));
    expect(result).not.toBeInstanceOf(Response);
    expect((result as Exclude<typeof result, Response>).profile).toEqual({
      name: 'Maple & Thread',
      currencyCode: 'CAD',
      timeZone: 'America/Toronto',
      plan: 'Advanced',
      primaryDomain: { host: 'maplethread.example', sslEnabled: true },
    });
  });

  it('answers a document load from Shopify admin (id_token in the URL)', async () => {
    const result = await call(loader, documentRequest('/app', TEST_SHOP, await sessionToken(TEST_SHOP)));
    expect(result).not.toBeInstanceOf(Response);
    expect((result as Exclude<typeof result, Response>).profile.name).toBe('Maple & Thread');
  });

  it('forgets a token Shopify refuses and asks App Bridge to retry with a fresh one', async () => {
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${REVOKED_SHOP}`,
        shop: REVOKED_SHOP,
        state: 'installed',
        isOnline: false,
        scope: SCOPES,
        accessToken: 'shpat_revoked',
      }),
    );
    const result = await call(loader, bearerRequest('/app', await sessionToken(REVOKED_SHOP)));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
    expect((result as Response).headers.get('X-Shopify-Retry-Invalid-Session-Request')).toBe('1');
    expect(await sessionStorage.loadSession(`offline_${REVOKED_SHOP}`)).toBeUndefined();
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const result = await call(loader, bearerRequest('/app', forged));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
    expect((result as Response).headers.get('X-Shopify-Retry-Invalid-Session-Request')).toBe('1');
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const expired = await sessionToken(TEST_SHOP, { overrides: { exp: past, nbf: past - 60, iat: past - 60 } });
    const result = await call(loader, bearerRequest('/app', expired));
    expect((result as Response).status).toBe(401);
  });

  it('refuses a token for another shop and never serves this shop to it', async () => {
    const otherShop = await sessionToken('other-shop.myshopify.com');
    const result = await call(loader, bearerRequest(`/app?shop=${TEST_SHOP}`, otherShop));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
    // The token named the other shop: Steward asked Shopify for that shop's access, which was refused.
    expect(api.requests).toContain('/shops/other-shop.myshopify.com/admin/oauth/access_token');
  });

  it('sends a document load with a bad token to the bounce page for a fresh one', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const result = await call(loader, documentRequest('/app', TEST_SHOP, forged));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get('Location')).toMatch(/^\/auth\/session-token\?/);
  });
});
