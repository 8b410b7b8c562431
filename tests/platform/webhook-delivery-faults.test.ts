/**
 * End to end under Shopify's delivery faults: the devstore delivers every
 * change twice now and then (same event id, new webhook id) and holds some
 * back behind the next one (out of order), over HTTP into Steward's webhook
 * endpoint, and Steward's worker processes what is stored. The mirror ends in
 * the state in-order delivery gives (the devstore's own records), each event
 * is stored and processed once, and one activity entry is written per event.
 */
import { afterAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { startDevstore } from '../../devstore/index';
import { seedShop } from '../../devstore/seed';
import { startBackgroundWork, startWebhookEndpoint, waitFor, waitForProcessed } from '../support/webhook-endpoint';

const SHOP = 'faulty-delivery.myshopify.com';
const ROUNDS = 6;

const endpoint = await startWebhookEndpoint();
const worker = startBackgroundWork();
const state = await seedShop({
  domain: SHOP,
  name: 'Faulty delivery',
  currencyCode: 'EUR',
  ianaTimezone: 'Europe/Paris',
  plan: 'Advanced',
  seed: 21,
  products: 8,
  customers: 8,
  orders: 10,
  images: false,
  now: new Date('2026-10-01T12:00:00Z'),
});
const devstore = await startDevstore({
  shops: [state],
  appUrl: endpoint.url.replace(/\/webhooks$/, ''),
  webhookRetryBaseMs: 5,
  webhookFaults: { duplicateRate: 0.3, outOfOrderRate: 0.3 },
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: (process.env.SCOPES as string).split(',') },
});
afterAll(async () => {
  await devstore.close();
  await worker.stop();
  await endpoint.close();
});

describe('duplicate and out-of-order delivery', () => {
  it('ends in the in-order state, each event processed once', async () => {
    const products = [...state.products.values()];
    const customers = [...state.customers.values()];
    let clock = Date.parse('2026-10-02T00:00:00Z');
    for (let round = 1; round <= ROUNDS; round++) {
      for (const product of products) {
        product.title = `${product.title.replace(/ \(r\d+\)$/, '')} (r${round})`;
        product.updatedAt = new Date((clock += 1_000)).toISOString();
        devstore.state.publish({ topic: 'products/update', shop: SHOP, productId: product.id });
      }
      for (const customer of customers) {
        customer.firstName = `${customer.firstName.replace(/ r\d+$/, '')} r${round}`;
        customer.updatedAt = new Date((clock += 1_000)).toISOString();
        devstore.state.publish({ topic: 'customers/update', shop: SHOP, customerId: customer.id });
      }
    }
    const events = ROUNDS * (products.length + customers.length);

    await waitFor(
      'every delivery to be answered 200',
      async () => {
        const log = devstore.webhooks.log().filter((entry) => entry.shop === SHOP);
        return log.length > events && log.every((entry) => entry.state === 'delivered');
      },
      30_000,
    );
    await waitForProcessed(SHOP, 30_000);

    const log = devstore.webhooks.log().filter((entry) => entry.shop === SHOP);
    expect(log.filter((entry) => entry.duplicate).length).toBeGreaterThan(0);
    const stored = await prisma.webhookEvent.findMany({ where: { shop: SHOP }, orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(events);
    // Arrival order differs from the order of the changes somewhere: some were held back.
    const happened = stored.map((row) => Date.parse((row.payload as { updated_at: string }).updated_at));
    expect(happened.some((time, i) => i > 0 && time < happened[i - 1]!)).toBe(true);

    const mirroredProducts = await prisma.product.findMany({ where: { shop: SHOP } });
    expect(new Map(mirroredProducts.map((row) => [Number(row.id), row.title]))).toEqual(
      new Map(products.map((product) => [product.id, product.title])),
    );
    const mirroredCustomers = await prisma.customer.findMany({ where: { shop: SHOP } });
    expect(new Map(mirroredCustomers.map((row) => [Number(row.id), row.firstName]))).toEqual(
      new Map(customers.map((customer) => [customer.id, customer.firstName])),
    );

    const entries = await prisma.activityEntry.findMany({ where: { shop: SHOP }, select: { sourceKey: true } });
    expect(entries).toHaveLength(events);
    expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(events);
  });
});
