/**
 * The devstore's app proxy signs requests the way Shopify does, so the Shopify
 * library's own check (authenticate.public.appProxy, what Steward's proxy routes
 * call) accepts them, and refuses them once anything signed is changed.
 */
import '@shopify/shopify-app-remix/adapters/node';
import type http from 'node:http';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { shopifyApp } from '@shopify/shopify-app-remix/server';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, startServer, type TestServer } from '../../tests/support/http-server';
import { startDevstore, type Devstore } from '../index';
import { appProxyQuery, appProxySignature, readAppProxyConfig } from './app-proxy';

const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: ['read_products'] };
const SHOP = 'maple-thread.myshopify.com';

/** No shop has installed the app here: appProxy answers with an empty context, as for an uninstalled shop. */
const noSessions: SessionStorage = {
  storeSession: async () => true,
  loadSession: async () => undefined,
  deleteSession: async () => true,
  deleteSessions: async () => true,
  findSessionsByShop: async () => [],
};

let app: TestServer;
let devstore: Devstore;
const received: { url: string; method: string; headers: http.IncomingHttpHeaders; body: string; status: number }[] = [];

function shopifyFor(appUrl: string) {
  return shopifyApp({
    apiKey: APP.apiKey,
    apiSecretKey: APP.apiSecret,
    appUrl,
    apiVersion: ApiVersion.October26,
    scopes: APP.scopes,
    sessionStorage: noSessions,
    future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
    logger: { level: 0 },
  });
}

/** What the app's route does first: the library's check of the request Shopify forwarded. */
async function verdict(shopify: ReturnType<typeof shopifyFor>, url: string): Promise<number> {
  try {
    await shopify.authenticate.public.appProxy(new Request(url));
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

beforeAll(async () => {
  app = await startServer(async (req, res) => {
    const url = `${app.url}${req.url}`;
    const body = await readBody(req);
    const status = await verdict(shopifyFor(app.url), url);
    received.push({ url, method: req.method ?? '', headers: req.headers, body, status });
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: status === 200 }));
  });
  devstore = await startDevstore({ app: APP, appUrl: app.url, products: 5, customers: 10, orders: 20, images: false });
});

afterAll(async () => {
  await devstore?.close();
  await app?.close();
});

describe('app proxy signature', () => {
  it("is accepted by the library's authenticate.public.appProxy, and refused when tampered with", async () => {
    const customer = [...devstore.state.shop(SHOP)!.customers.keys()][0] as number;
    const login = await fetch(`${devstore.url}/shops/${SHOP}/?customer=${customer}`, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;

    const response = await fetch(`${devstore.url}/shops/${SHOP}/apps/steward/support?topic=order&b=2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: 'name=Ana&message=Hello',
    });
    expect(response.status).toBe(200);
    const forwarded = received.at(-1)!;
    expect(forwarded.status).toBe(200);
    expect(forwarded.method).toBe('POST');
    expect(forwarded.body).toBe('name=Ana&message=Hello');
    const url = new URL(forwarded.url);
    expect(url.pathname).toBe('/proxy/support');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      topic: 'order',
      b: '2',
      shop: SHOP,
      logged_in_customer_id: String(customer),
      path_prefix: '/apps/steward',
      timestamp: expect.stringMatching(/^\d{10}$/),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const shopify = shopifyFor(app.url);
    const tampered = (change: (params: URLSearchParams) => void) => {
      const copy = new URL(url);
      change(copy.searchParams);
      return verdict(shopify, copy.toString());
    };
    expect(await verdict(shopify, url.toString())).toBe(200);
    expect(await tampered((p) => p.set('logged_in_customer_id', '1'))).toBe(400);
    expect(await tampered((p) => p.set('shop', 'harbor-goods.myshopify.com'))).toBe(400);
    expect(await tampered((p) => p.set('topic', 'returns'))).toBe(400);
    expect(await tampered((p) => p.delete('signature'))).toBe(400);
    expect(await tampered((p) => p.set('signature', '0'.repeat(64)))).toBe(400);
    // Re-signed with the right secret but two minutes late: the library allows 90 seconds.
    expect(
      await tampered((p) => {
        p.set('timestamp', String(Math.floor(Date.now() / 1000) - 120));
        p.set('signature', appProxySignature(p, APP.apiSecret));
      }),
    ).toBe(400);
    expect(await tampered((p) => p.set('signature', appProxySignature(p, 'another-secret')))).toBe(400);
  });

  it('signs an anonymous visit with an empty logged_in_customer_id, and drops what the visitor tried to set', async () => {
    const before = received.length;
    await fetch(`${devstore.url}/shops/${SHOP}/apps/steward/rate?t=abc&shop=evil.myshopify.com&signature=x`);
    const url = new URL(received[before]!.url);
    expect(received[before]!.status).toBe(200);
    expect(url.searchParams.get('logged_in_customer_id')).toBe('');
    expect(url.searchParams.get('shop')).toBe(SHOP);
    expect(url.searchParams.getAll('signature')).toHaveLength(1);
    expect(url.searchParams.get('t')).toBe('abc');
  });

  it('agrees with the library for any query of lower-case keys (property)', async () => {
    const api = shopifyApi({
      apiKey: APP.apiKey,
      apiSecretKey: APP.apiSecret,
      hostName: 'app.test',
      apiVersion: ApiVersion.October26,
      isEmbeddedApp: true,
      logger: { level: 0 },
    });
    // The library leaves `hmac` out of what it signs (Shopify signs every parameter but `signature`).
    const key = fc.stringMatching(/^[a-z_]{1,10}$/).filter((k) => k !== 'signature' && k !== 'hmac');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, fc.string({ maxLength: 20 })), { maxLength: 8 }), async (pairs) => {
        const query = appProxyQuery({
          query: new URLSearchParams(pairs),
          shop: SHOP,
          customerId: pairs.length % 2 ? 42 : null,
          pathPrefix: '/apps/steward',
          secret: APP.apiSecret,
        });
        expect(await api.utils.validateHmac(query, { signator: 'appProxy' })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("reads the prefix and the app's proxy path from shopify.app.toml", () => {
    expect(readAppProxyConfig()).toEqual({ pathPrefix: '/apps/steward', appPath: '/proxy' });
  });
});
