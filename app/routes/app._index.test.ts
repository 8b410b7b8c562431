/**
 * The whole path of an embedded page: a real session token, the library's
 * verification and token exchange, the encrypted session storage, the gateway
 * over HTTP to the devstore (Shopify's schema, executed), and the loader's data.
 */
import { Session } from '@shopify/shopify-api';
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevstore } from '../../devstore/index';
import { seedDefaultShops } from '../../devstore/seed';
import { emptyShop } from '../../devstore/test-support';
import { bearerRequest, call, documentRequest, sessionToken } from '../../tests/support/shopify-requests';

const REVOKED_SHOP = 'revoked-shop.myshopify.com';
const NEW_SHOP = 'new-install.myshopify.com';
const SCOPES = process.env.SCOPES as string;
const mapleThread = {
  name: 'Maple & Thread',
  currencyCode: 'CAD',
  ianaTimezone: 'America/Toronto',
  plan: { publicDisplayName: 'Advanced', partnerDevelopment: false, shopifyPlus: false },
  primaryDomain: { host: 'maplethread.example', sslEnabled: true },
};
const seeded = await seedDefaultShops({ seed: 1, products: 10, customers: 20, orders: 50, images: false });
const devstore = await startDevstore({
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: SCOPES.split(',') },
  shops: [
    ...seeded,
    emptyShop({ id: 1, domain: TEST_SHOP, ...mapleThread }),
    emptyShop({ id: 2, domain: REVOKED_SHOP }),
    emptyShop({ id: 3, domain: NEW_SHOP, name: 'Brand New Shop', currencyCode: 'EUR', ianaTimezone: 'Europe/Paris' }),
  ],
});
process.env.DEVSTORE_URL = devstore.url;
const { loader } = await import('./app._index');
const { sessionStorage } = await import('~/shopify.server');
const { default: prisma } = await import('~/db.server');
const { openTicket } = await import('~/modules/inbox/tickets.server');

const install = (shop: string, accessToken: string) =>
  sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, scope: SCOPES, accessToken }),
  );
await install(TEST_SHOP, devstore.grantToken(TEST_SHOP, 'shpat_today_token'));
afterAll(() => devstore.close());

type Loaded = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

describe('Today loader', () => {
  it('answers a fetch with a valid session token with the shop read through the gateway', async () => {
    const result = await call(loader, bearerRequest('/app', await sessionToken(TEST_SHOP)));
    expect(result).not.toBeInstanceOf(Response);
    expect((result as Loaded).profile).toEqual({
      name: 'Maple & Thread',
      currencyCode: 'CAD',
      timeZone: 'America/Toronto',
      plan: 'Advanced',
      primaryDomain: { host: 'maplethread.example', sslEnabled: true },
    });
  });

  it('shows each seeded devstore shop as Shopify describes it', async () => {
    for (const [shop, expected] of [
      [
        'maple-thread.myshopify.com',
        {
          name: 'Maple & Thread',
          currencyCode: 'CAD',
          timeZone: 'America/Toronto',
          plan: 'Advanced',
          primaryDomain: { host: 'maplethread.example', sslEnabled: true },
        },
      ],
      [
        'harbor-goods.myshopify.com',
        {
          name: 'Harbor Goods',
          currencyCode: 'EUR',
          timeZone: 'Europe/Paris',
          plan: 'Basic',
          primaryDomain: { host: 'harborgoods.example', sslEnabled: false },
        },
      ],
    ] as const) {
      // First visit: no session yet, so the library exchanges the session token with the devstore.
      const result = await call(loader, bearerRequest('/app', await sessionToken(shop)));
      expect((result as Loaded).profile).toEqual(expected);
    }
  });

  it('answers a document load from Shopify admin (id_token in the URL)', async () => {
    const result = await call(loader, documentRequest('/app', TEST_SHOP, await sessionToken(TEST_SHOP)));
    expect((result as Loaded).profile.name).toBe('Maple & Thread');
  });

  it('installs a new shop: exchanges the session token and stores the offline token sealed', async () => {
    const result = await call(loader, bearerRequest('/app', await sessionToken(NEW_SHOP)));
    expect((result as Loaded).profile).toMatchObject({
      name: 'Brand New Shop',
      currencyCode: 'EUR',
      timeZone: 'Europe/Paris',
    });
    const session = await sessionStorage.loadSession(`offline_${NEW_SHOP}`);
    expect(session?.accessToken).toMatch(/^shpat_/);
    expect(session?.refreshToken).toMatch(/^shprt_/);
    expect(session?.scope).toBe(SCOPES);
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

  it('refuses a token for a shop that has not installed Steward, whatever the URL says', async () => {
    const otherShop = await sessionToken('other-shop.myshopify.com');
    const result = await call(loader, bearerRequest(`/app?shop=${TEST_SHOP}`, otherShop));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
    expect(await sessionStorage.findSessionsByShop('other-shop.myshopify.com')).toEqual([]);
  });

  it('sends a document load with a bad token to the bounce page for a fresh one', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const result = await call(loader, documentRequest('/app', TEST_SHOP, forged));
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get('Location')).toMatch(/^\/auth\/session-token\?/);
  });

  it('forgets a token Shopify refuses and asks App Bridge to retry with a fresh one', async () => {
    await install(REVOKED_SHOP, 'shpat_revoked');
    const result = await call(loader, bearerRequest('/app', await sessionToken(REVOKED_SHOP)));
    expect((result as Response).status).toBe(401);
    expect((result as Response).headers.get('X-Shopify-Retry-Invalid-Session-Request')).toBe('1');
    expect(await sessionStorage.loadSession(`offline_${REVOKED_SHOP}`)).toBeUndefined();
    // The retry App Bridge makes exchanges the session token for a fresh access token.
    const retried = await call(loader, bearerRequest('/app', await sessionToken(REVOKED_SHOP)));
    expect((retried as Loaded).profile.name).toBe('Test Shop');
  });

  it('lists the tickets waiting past their first-reply target, most overdue first, and only the shop’s own', async () => {
    const hour = 3_600_000;
    const open = (shop: string, message: string, hoursAgo: number) =>
      openTicket(
        prisma,
        shop,
        {
          channel: 'form',
          topic: 'other',
          message,
          customer: { id: null, name: 'Jo Guest', email: 'jo@example.com' },
          orderRef: null,
          locale: 'en',
        },
        null,
        new Date(Date.now() - hoursAgo * hour),
      );
    const empty = await call(loader, bearerRequest('/app', await sessionToken(TEST_SHOP)));
    expect((empty as Loaded).overdueTickets).toEqual({ count: 0, tickets: [] });
    // Normal priority: a first reply is due 24 hours after the ticket opened.
    const late = await open(TEST_SHOP, 'Where is my parcel?', 30);
    const later = await open(TEST_SHOP, 'Wrong size', 50);
    await open(TEST_SHOP, 'Just arrived', 1);
    await open(NEW_SHOP, 'Not Maple & Thread’s', 80);
    const result = (await call(loader, bearerRequest('/app', await sessionToken(TEST_SHOP)))) as Loaded;
    expect(result.overdueTickets.count).toBe(2);
    expect(result.overdueTickets.tickets.map((ticket) => [ticket.number, ticket.subject, ticket.sla.state])).toEqual([
      [later.number, 'Wrong size', 'overdue'],
      [late.number, 'Where is my parcel?', 'overdue'],
    ]);
  });
});
