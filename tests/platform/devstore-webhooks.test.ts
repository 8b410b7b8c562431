/**
 * End to end: the devstore delivers webhooks over HTTP to Steward's real
 * webhook endpoint (mounted as server.ts mounts it), and Steward's background
 * worker processes them: the HMAC check, the inbox and the handlers accept
 * what the devstore sends — app/scopes_update, app/uninstalled and the three
 * compliance topics.
 */
import { afterAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { sessionStorage } from '~/shopify.server';
import { startDevstore } from '../../devstore/index';
import { seedShop } from '../../devstore/seed';
import type { DevstoreEvent } from '../../devstore/webhooks/events';
import { offlineSession } from '../support/installed-app';
import { startBackgroundWork, startWebhookEndpoint, waitFor } from '../support/webhook-endpoint';

const SHOP = 'webhook-e2e.myshopify.com';

const endpoint = await startWebhookEndpoint();
const worker = startBackgroundWork();
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
  appUrl: endpoint.url.replace(/\/webhooks$/, ''),
  webhookRetryBaseMs: 5,
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: (process.env.SCOPES as string).split(',') },
});
afterAll(async () => {
  await devstore.close();
  await worker.stop();
  await endpoint.close();
});

interface Answered {
  topic: string;
  status: number | null;
}

/** Publishes the event, waits for Steward's answer to its delivery and, when it was a 200, for its processing. */
async function deliver(event: DevstoreEvent): Promise<Answered> {
  devstore.state.publish(event);
  const eventId = devstore.webhooks.eventIdOf(event);
  expect(eventId).toBeDefined();
  const delivery = () => devstore.webhooks.log().find((entry) => entry.eventId === eventId);
  await waitFor(`${event.topic} to reach Steward`, async () => (delivery()?.lastStatus ?? null) !== null);
  const answer = { topic: event.topic, status: delivery()!.lastStatus };
  if (answer.status === 200) {
    // shop/redact erases its own event row; every other event stays, marked processed.
    await waitFor(`${event.topic} to be processed`, async () => {
      const row = await prisma.webhookEvent.findFirst({ where: { shop: SHOP, eventId } });
      return row === null || row.processedAt !== null;
    });
  }
  return answer;
}

describe('Steward accepts the devstore’s webhooks', () => {
  it('app/scopes_update: 200, and the session records the shop’s current scopes', async () => {
    await sessionStorage.storeSession(offlineSession(SHOP, 'shpat_e2e', 'read_products'));
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
    await sessionStorage.storeSession(offlineSession(SHOP, 'shpat_e2e', 'read_products'));
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
