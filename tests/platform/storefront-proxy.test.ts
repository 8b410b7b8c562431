/**
 * The storefront's whole path, locally and over HTTP: the devstore renders a
 * product page with Steward's blocks; its forms are posted as a browser posts
 * them (to /apps/steward/… on the shop, with the page as Referer); the
 * devstore's app proxy signs them as Shopify does and forwards them to
 * Steward's real /proxy routes; the ticket lands in the database and the
 * answer comes back through the proxy (the no-JS redirect rewritten to the
 * storefront, with the status in the fragment the block shows).
 */
import type http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/http-server';
import { installOn, startAppDevstore } from '../support/installed-app';
import type * as SupportRoute from '~/routes/proxy.support';

const SHOP = 'maple-thread.myshopify.com';

type RouteModule = Pick<typeof SupportRoute, 'loader' | 'action'>;
const routes = new Map<string, RouteModule>();

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Steward's /proxy routes behind a plain HTTP server, as Remix would call them. */
const app = await startServer(async (req, res) => {
  const url = new URL(req.url ?? '/', app.url);
  const route = routes.get(url.pathname);
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readAll(req));
  const request = new Request(url, { method, headers, body });
  let response: Response;
  try {
    response = await (method === 'GET' ? route.loader : route.action)({ request, params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
const devstore = await startAppDevstore({ appUrl: app.url, products: 5, customers: 10, orders: 20, images: false });
const { default: prisma } = await import('~/db.server');
routes.set('/proxy/support', await import('~/routes/proxy.support'));
routes.set('/proxy/feedback', await import('~/routes/proxy.feedback'));
await installOn(devstore, [SHOP]);

afterAll(async () => {
  await devstore.close();
  await app.close();
});

const product = [...devstore.state.shop(SHOP)!.products.values()].find((item) => item.status === 'ACTIVE')!;
const pageUrl = (prefix = '') => `${devstore.url}/shops/${SHOP}${prefix}/products/${product.handle}`;

/** The hidden fields a block rendered into its form. */
async function hiddenFields(url: string, action: string, cookie?: string): Promise<Record<string, string>> {
  const html = await (await fetch(url, { headers: cookie ? { Cookie: cookie } : {} })).text();
  const form = new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?</form>`).exec(html)?.[0];
  expect(form, `a form posting to ${action}`).toBeDefined();
  return Object.fromEntries(
    [...form!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((match) => [match[1], match[2]]),
  );
}

function post(path: string, referer: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${devstore.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Referer: referer, ...headers },
    body: new URLSearchParams(fields),
  });
}

describe('storefront → app proxy → Steward', () => {
  it('a support form posted without JavaScript opens a ticket, and the visitor is sent back to the note that says so', async () => {
    const hidden = await hiddenFields(pageUrl(), '/apps/steward/support');
    expect(hidden).toEqual({ return_to: `/products/${product.handle}#steward-support`, locale: 'en' });
    const email = `no-js.${Date.now()}@example.com`;
    const response = await post('/apps/steward/support', pageUrl(), {
      ...hidden,
      name: 'Ana Lima',
      email,
      topic: 'order',
      message: 'Where is my parcel?',
      website: '',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/shops/${SHOP}/products/${product.handle}?steward_support=sent#steward-support-sent`,
    );
    const ticket = await prisma.inboxTicket.findFirst({ where: { shop: SHOP, customerEmail: email } });
    expect(ticket).toMatchObject({
      channel: 'form',
      topic: 'order',
      customerName: 'Ana Lima',
      customerId: null,
      locale: 'en',
    });
  });

  it("a signed-in customer's post from the French page (as the script sends it) is linked to them, in French", async () => {
    const customer = [...devstore.state.shop(SHOP)!.customers.values()][0]!;
    const signIn = await fetch(`${pageUrl('/fr')}?customer=${customer.id}`, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0] as string;
    const hidden = await hiddenFields(pageUrl('/fr'), '/apps/steward/support', cookie);
    expect(hidden.locale).toBe('fr');
    const response = await post(
      '/apps/steward/support',
      pageUrl('/fr'),
      { ...hidden, name: 'Chloé Petit', email: 'chloe@example.com', topic: 'shipping', message: 'Livrez-vous ?' },
      { Accept: 'application/json', Cookie: cookie },
    );
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { ok: boolean; ticket: number };
    expect(answer.ok).toBe(true);
    const ticket = await prisma.inboxTicket.findUniqueOrThrow({
      where: { shop_number: { shop: SHOP, number: answer.ticket } },
    });
    expect(ticket).toMatchObject({ customerId: BigInt(customer.id), locale: 'fr', topic: 'shipping' });
  });

  it('an invalid post stores nothing and comes back to the "invalid" note, naming the fields', async () => {
    const before = await prisma.inboxTicket.count({ where: { shop: SHOP } });
    const hidden = await hiddenFields(pageUrl(), '/apps/steward/support');
    const response = await post('/apps/steward/support', pageUrl(), {
      ...hidden,
      name: 'Ana',
      email: 'ana@example.com',
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, devstore.url);
    expect(location.pathname).toBe(`/shops/${SHOP}/products/${product.handle}`);
    expect(location.searchParams.get('steward_support')).toBe('invalid');
    expect(location.searchParams.get('steward_errors')?.split(',')).toContain('message');
    expect(location.hash).toBe('#steward-support-invalid');
    expect(await prisma.inboxTicket.count({ where: { shop: SHOP } })).toBe(before);
  });

  it('the feedback block stores a rating with the page it was given on', async () => {
    const hidden = await hiddenFields(pageUrl(), '/apps/steward/feedback');
    expect(hidden).toEqual({
      return_to: `/products/${product.handle}#steward-feedback`,
      page: `/products/${product.handle}`,
      locale: 'en',
    });
    const response = await post(
      '/apps/steward/feedback',
      pageUrl(),
      { ...hidden, rating: '4', website: '' },
      { Accept: 'application/json' },
    );
    expect(response.status).toBe(201);
    expect(await prisma.inboxFeedback.findFirst({ where: { shop: SHOP, page: hidden.page } })).toMatchObject({
      rating: 4,
      comment: null,
    });
  });
});
