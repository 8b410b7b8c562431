/**
 * The devstore's storefront over HTTP: product pages rendering Steward's theme
 * app extension (with and without it, in English and French, signed in or
 * not), the extension's assets, and the app proxy in front of a stand-in app
 * (what reaches the app, what comes back).
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, startServer, type TestServer } from '../../tests/support/http-server';
import { startDevstore, type Devstore } from '../index';
import { emptyShop } from '../test-support';

const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: ['read_products'] };
const MAPLE = 'maple-thread.myshopify.com';
const HARBOR = 'harbor-goods.myshopify.com';

interface Received {
  path: string;
  query: URLSearchParams;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let app: TestServer;
let devstore: Devstore;
const received: Received[] = [];

/** A stand-in for Steward's /proxy routes: records each request and answers by path. */
async function fakeApp(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://app.test');
  received.push({
    path: url.pathname,
    query: url.searchParams,
    method: req.method ?? '',
    headers: req.headers,
    body: await readBody(req),
  });
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Set-Cookie': 'app_session=1', ...headers });
    res.end(JSON.stringify(body));
  };
  switch (url.pathname) {
    case '/proxy/support':
      if (req.headers.accept === 'application/json') return json(201, { ok: true, ticket: 7 });
      res.writeHead(303, { Location: '/fr/products/shirt?steward_support=sent#steward-support-sent' });
      return res.end();
    case '/proxy/limited':
      return json(429, { ok: false, error: 'rate_limited' }, { 'Retry-After': '30' });
    case '/proxy/away':
      res.writeHead(302, { Location: 'https://example.com/elsewhere' });
      return res.end();
    case '/proxy/home':
      res.writeHead(302, { Location: `https://${MAPLE}/products/mug?x=1` });
      return res.end();
    case '/proxy/rate':
      res.writeHead(200, { 'Content-Type': 'application/liquid' });
      return res.end('<h1>Rate your answer from {{ shop.name }}</h1>');
    case '/proxy/bare':
      res.writeHead(200, { 'Content-Type': 'application/liquid; charset=utf-8' });
      return res.end('{% layout none %}<p>Only this</p>');
    default:
      return json(404, { ok: false });
  }
}

beforeAll(async () => {
  app = await startServer((req, res) => void fakeApp(req, res));
  devstore = await startDevstore({ app: APP, appUrl: app.url, products: 6, customers: 10, orders: 20, images: false });
});

afterAll(async () => {
  await devstore?.close();
  await app?.close();
});

const productOf = (shop: string) =>
  [...devstore.state.shop(shop)!.products.values()].find((product) => product.status === 'ACTIVE')!;

async function page(path: string, init: RequestInit = {}) {
  const response = await fetch(`${devstore.url}${path}`, { redirect: 'manual', ...init });
  return { response, html: await response.text() };
}

describe('storefront pages', () => {
  it("renders a product with Steward's support form, feedback block and help launcher embed", async () => {
    const product = productOf(MAPLE);
    const { response, html } = await page(`/shops/${MAPLE}/products/${product.handle}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<h1>${product.title.replace(/&/g, '&amp;')}</h1>`);
    // The two app blocks and the embed, as Shopify wraps them.
    expect(html).toContain('<div id="shopify-block-steward_support_form" class="shopify-block shopify-app-block">');
    expect(html).toContain('<div id="shopify-block-steward_feedback" class="shopify-block shopify-app-block">');
    expect(html).toMatch(/<dialog class="steward-dialog" id="steward-help-\d+"/);
    expect(html).toContain('action="/apps/steward/support"');
    expect(html).toContain('action="/apps/steward/feedback"');
    expect(html).toContain(`name="return_to" value="/products/${product.handle}#steward-support"`);
    expect(html).toContain(
      '<h2 class="steward-heading" id="steward-support-steward_support_form-heading">Contact us</h2>',
    );
    expect(html).toMatch(
      /<script src="\/extensions\/steward-theme\/assets\/steward\.js\?v=[0-9a-f]{12}" defer><\/script>/,
    );
    expect(html).toMatch(
      /<link href="\/extensions\/steward-theme\/assets\/steward\.css\?v=[0-9a-f]{12}" rel="stylesheet"/,
    );
    // Every setting has its default and every string its translation.
    expect(html).toContain('<option value="returns">Returns and exchanges</option>');
    expect(html).toContain('style="--steward-accent: #1f5199; --steward-on-accent: #ffffff;"');
    expect(html).not.toContain('translation missing');
    expect(response.headers.get('set-cookie')).toBe(
      `devstore_storefront=${encodeURIComponent(MAPLE)}; Path=/; SameSite=Lax`,
    );
  });

  it('renders the French storefront under /fr with the French translations', async () => {
    const product = productOf(MAPLE);
    const { response, html } = await page(`/shops/${MAPLE}/fr/products/${product.handle}`);
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Nous contacter');
    expect(html).toContain('Votre avis compte');
    expect(html).toContain(`value="/fr/products/${product.handle}#steward-support"`);
    expect(html.match(/<input type="hidden" name="locale" value="fr">/g)).toHaveLength(3);
    expect(html).toContain(`href="/shops/${MAPLE}/products/${product.handle}"`);
    expect(html).not.toContain('translation missing');
  });

  it('renders the same page without any of Steward with ?steward=0', async () => {
    const product = productOf(MAPLE);
    const { html } = await page(`/shops/${MAPLE}/products/${product.handle}?steward=0`);
    expect(html).toContain(`<h1>${product.title.replace(/&/g, '&amp;')}</h1>`);
    expect(html).not.toMatch(/steward-|shopify-block|\/apps\/steward|\/extensions\//);
  });

  it('leaves the embed out where the published theme has it off (Harbor Goods)', async () => {
    const { html } = await page(`/shops/${HARBOR}/products/${productOf(HARBOR).handle}`);
    expect(html).toContain('shopify-block-steward_support_form');
    expect(html).not.toContain('<dialog');
  });

  it('answers 404 for a product that does not exist, and lists products at the shop root', async () => {
    const missing = await page(`/shops/${MAPLE}/products/no-such-thing`);
    expect(missing.response.status).toBe(404);
    expect(missing.html).toContain('No product “no-such-thing”.');
    const home = await page(`/shops/${MAPLE}/`);
    expect(home.response.status).toBe(200);
    expect(home.html).toContain(`href="/shops/${MAPLE}/products/${productOf(MAPLE).handle}"`);
  });

  it('signs a customer in with ?customer=<id> and out with ?customer=; the form is filled in for them', async () => {
    const product = productOf(MAPLE);
    const customer = [...devstore.state.shop(MAPLE)!.customers.values()][0]!;
    const path = `/shops/${MAPLE}/products/${product.handle}`;
    const signIn = await page(`${path}?customer=${customer.id}&steward=1`);
    expect(signIn.response.status).toBe(303);
    expect(signIn.response.headers.get('location')).toBe(`${path}?steward=1`);
    const cookie = signIn.response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^devstore_customer_maple_thread=\d+; Path=\/; HttpOnly; SameSite=Lax$/);

    const { html } = await page(path, { headers: { Cookie: cookie.split(';')[0] as string } });
    const name = `${customer.firstName} ${customer.lastName}`;
    expect(html).toContain(`value="${name.replace(/'/g, '&#39;')}"`);
    expect(html).toContain(`value="${customer.email}"`);

    const signOut = await page(`${path}?customer=`);
    expect(signOut.response.headers.get('set-cookie')).toContain('Max-Age=0');
  });
});

describe('extension assets', () => {
  it('serves the script and stylesheet as files, versioned, immutable, gzipped on request', async () => {
    const { html } = await page(`/shops/${MAPLE}/products/${productOf(MAPLE).handle}`);
    const src = /src="(\/extensions\/steward-theme\/assets\/steward\.js\?v=\w+)"/.exec(html)![1] as string;
    const response = await fetch(`${devstore.url}${src}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe(fs.readFileSync('extensions/steward-theme/assets/steward.js', 'utf8'));

    const raw = await new Promise<Buffer>((resolve, reject) => {
      // Node's fetch decodes gzip; read the bytes as they travel to compare sizes.
      import('node:http').then(({ get }) =>
        get(`${devstore.url}${src}`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(zlib.gunzipSync(raw).toString()).toBe(fs.readFileSync('extensions/steward-theme/assets/steward.js', 'utf8'));

    const stale = await fetch(`${devstore.url}/extensions/steward-theme/assets/steward.css?v=old`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${devstore.url}/extensions/steward-theme/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${devstore.url}/extensions/steward-theme/assets/..%2Fshopify.extension.toml`)).status).toBe(
      404,
    );
  });
});

describe('app proxy', () => {
  it('forwards a form post from the page (root /apps/steward, shop from the Referer) and rewrites the redirect', async () => {
    const product = productOf(HARBOR);
    const before = received.length;
    const response = await fetch(`${devstore.url}/apps/steward/support`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Referer: `${devstore.url}/shops/${HARBOR}/products/${product.handle}`,
        // The last storefront visited was another shop: the Referer wins.
        Cookie: `devstore_storefront=${MAPLE}; other=1`,
      },
      body: 'name=Ana+Lima&email=ana%40example.com&topic=order&message=O%C3%B9+est+ma+commande+%3F&website=',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/shops/${HARBOR}/fr/products/shirt?steward_support=sent#steward-support-sent`,
    );
    expect(received).toHaveLength(before + 1);
    const forwarded = received[before]!;
    expect(forwarded.method).toBe('POST');
    expect(forwarded.path).toBe('/proxy/support');
    expect(forwarded.query.get('shop')).toBe(HARBOR);
    expect(forwarded.query.get('path_prefix')).toBe('/apps/steward');
    expect(new URLSearchParams(forwarded.body).get('message')).toBe('Où est ma commande ?');
    expect(forwarded.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(forwarded.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(forwarded.headers.cookie).toBeUndefined();
  });

  it("passes the app's JSON answers back (status, Retry-After), without its cookies", async () => {
    const created = await fetch(`${devstore.url}/shops/${MAPLE}/apps/steward/support`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Ana',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ok: true, ticket: 7 });
    expect(created.headers.get('set-cookie')).toBeNull();

    const limited = await fetch(`${devstore.url}/shops/${MAPLE}/apps/steward/limited`, { method: 'POST', body: '' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
  });

  it('finds the shop from the storefront cookie without a Referer, and refuses a root request with neither', async () => {
    const before = received.length;
    const withCookie = await fetch(`${devstore.url}/apps/steward/limited`, {
      method: 'POST',
      headers: { Cookie: `devstore_storefront=${encodeURIComponent(MAPLE)}` },
    });
    expect(withCookie.status).toBe(429);
    expect(received[before]!.query.get('shop')).toBe(MAPLE);

    const neither = await fetch(`${devstore.url}/apps/steward/limited`, { method: 'POST' });
    expect(neither.status).toBe(404);
    expect(received).toHaveLength(before + 1);
  });

  it("rewrites redirects to the shop's own pages, and leaves other sites' alone", async () => {
    const home = await fetch(`${devstore.url}/shops/${MAPLE}/apps/steward/home`, { redirect: 'manual' });
    expect(home.headers.get('location')).toBe(`/shops/${MAPLE}/products/mug?x=1`);
    const away = await fetch(`${devstore.url}/shops/${MAPLE}/apps/steward/away`, { redirect: 'manual' });
    expect(away.headers.get('location')).toBe('https://example.com/elsewhere');
  });

  it('renders an application/liquid answer inside the theme, or alone with {% layout none %}', async () => {
    const rate = await page(`/shops/${MAPLE}/apps/steward/rate?t=token`);
    expect(rate.response.status).toBe(200);
    expect(rate.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(rate.html).toContain('<h1>Rate your answer from Maple & Thread</h1>');
    expect(rate.html).toContain('<header class="header">');
    expect(rate.html).toContain('<html lang="en">');
    const french = await page(`/shops/${MAPLE}/fr/apps/steward/rate?t=token`);
    expect(french.html).toContain('<html lang="fr">');
    expect(received.at(-1)!.query.get('t')).toBe('token');

    const bare = await page(`/shops/${MAPLE}/apps/steward/bare`);
    expect(bare.html).toBe('<p>Only this</p>');
  });

  it('answers 502 when the app does not answer, and 503 when the devstore has no app', async () => {
    const down = await startDevstore({ app: APP, appUrl: 'http://127.0.0.1:9', shops: [emptyShop()] });
    const noApp = await startDevstore({ app: APP, shops: [emptyShop()] });
    try {
      const refused = await fetch(`${down.url}/shops/test-shop.myshopify.com/apps/steward/support`, { method: 'POST' });
      expect(refused.status).toBe(502);
      expect(await refused.text()).toContain('The app did not answer at http://127.0.0.1:9');
      const none = await fetch(`${noApp.url}/shops/test-shop.myshopify.com/apps/steward/support`, { method: 'POST' });
      expect(none.status).toBe(503);
    } finally {
      await down.close();
      await noApp.close();
    }
  });
});
