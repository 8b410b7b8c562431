/**
 * End to end: the devstore delivers webhooks over HTTP to a tiny server that
 * hands each request to Steward's real webhook route (app/routes/webhooks),
 * so Steward's HMAC check, header parsing and handlers accept what the
 * devstore sends — app/scopes_update, app/uninstalled and the three compliance topics.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from '@shopify/shopify-api';
import { afterAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { sessionStorage } from '~/shopify.server';
import { startDevstore } from '../../devstore/index';
import { seedShop } from '../../devstore/seed';
import type { DevstoreEvent } from '../../devstore/webhooks/events';
import { action } from '../../app/routes/webhooks';

const SHOP = 'webhook-e2e.myshopify.com';

interface Answered {
  topic: string;
  eventId: string;
  status: number;
}

/** Steward behind node:http: each delivery becomes a Request for the route's action. */
async function startSteward() {
  const answered: Answered[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      action({ request, params: {}, context: {} })
        .catch((thrown: unknown) =>
          thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 }),
        )
        .then((response) => {
          answered.push({
            topic: headers.get('x-shopify-topic') ?? '',
            eventId: headers.get('x-shopify-event-id') ?? '',
            status: response.status,
          });
          res.writeHead(response.status).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const steward = await startSteward();
const state = await seedShop({
  domain: SHOP,
  name: 'Webhook E2E',
  currencyCode: 'CAD',
  ianaTimezone: 'America/Toronto',
  plan: 'Advanced',
  seed: 11,
  products: 3,
  customers: 10,
  orders: 20,
  images: false,
  now: new Date('2026-10-01T12:00:00Z'),
});
const devstore = await startDevstore({
  shops: [state],
  appUrl: steward.url,
  webhookRetryBaseMs: 5,
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: (process.env.SCOPES as string).split(',') },
});
afterAll(async () => {
  await devstore.close();
  await steward.close();
});

async function deliver(event: DevstoreEvent): Promise<Answered> {
  devstore.state.publish(event);
  const eventId = devstore.webhooks.eventIdOf(event);
  expect(eventId).toBeDefined();
  const end = Date.now() + 10_000;
  for (;;) {
    const answer = steward.answered.find((candidate) => candidate.eventId === eventId);
    if (answer) return answer;
    if (Date.now() > end) throw new Error(`${event.topic} never reached Steward`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Steward accepts the devstore’s webhooks', () => {
  it('app/scopes_update: 200, and the session records the shop’s current scopes', async () => {
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: 'installed',
        isOnline: false,
        scope: 'read_products',
        accessToken: 'shpat_e2e',
      }),
    );
    state.grantedScopes = ['read_products', 'read_orders'];
    const answer = await deliver({ topic: 'app/scopes_update', shop: SHOP, previousScopes: ['read_products'] });
    expect(answer).toMatchObject({ topic: 'app/scopes_update', status: 200 });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    expect(session.scope).toBe('read_products,read_orders');
  });

  it('customers/data_request and customers/redact: 200, carried out for that customer', async () => {
    const customer = [...state.customers.values()][0] as { id: number };
    const request = await deliver({ topic: 'customers/data_request', shop: SHOP, customerId: customer.id });
    const redact = await deliver({ topic: 'customers/redact', shop: SHOP, customerId: customer.id });
    expect([request.status, redact.status]).toEqual([200, 200]);
    const done = await prisma.complianceRequest.findMany({ where: { shop: SHOP }, orderBy: { topic: 'asc' } });
    expect(done.map((row) => [row.topic, row.customerId, Boolean(row.completedAt)])).toEqual([
      ['customers/data_request', String(customer.id), true],
      ['customers/redact', String(customer.id), true],
    ]);
  });

  it('app/uninstalled: 200, and the shop’s sessions are gone', async () => {
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: 'installed',
        isOnline: false,
        scope: 'read_products',
        accessToken: 'shpat_e2e',
      }),
    );
    const answer = await deliver({ topic: 'app/uninstalled', shop: SHOP });
    expect(answer).toMatchObject({ topic: 'app/uninstalled', status: 200 });
    expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
  });

  it('shop/redact: 200, and the shop’s rows are gone', async () => {
    const answer = await deliver({ topic: 'shop/redact', shop: SHOP });
    expect(answer).toMatchObject({ topic: 'shop/redact', status: 200 });
    expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shop: SHOP } })).toBe(0);
  });
});
