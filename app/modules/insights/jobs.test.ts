/**
 * The whole trigger chain on the real job queue: stored webhooks are applied
 * by the webhook processing job, whose handlers mark the orders changed; the
 * rollup job it schedules builds the rollups (the first time in full, with
 * the shop's time zone read from Shopify — the devstore — through the
 * offline session), later incrementally; the findings job follows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../../devstore/test-support';
import prisma from '~/db.server';
import { JOB_HANDLERS } from '~/platform/jobs/handlers.server';
import { jobQueue } from '~/platform/jobs/index.server';
import { waitFor, workUntil } from '~/platform/jobs/queue.contract';
import { applyOrders, applyProducts } from '~/platform/mirror/apply.server';
import { orderFromWebhook } from '~/platform/mirror/from-webhook';
import { routeShopifyToDevstore } from '~/platform/shopify/devstore-routing.server';
import { enqueueProcessing } from '~/platform/webhooks/jobs.server';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { mirrorProduct, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { runFindingsJob, runRollupJob } from './jobs.server';
import { readSalesSummary } from './metrics.server';
import { FINDINGS_JOB, markOrdersChanged, scheduleRollupRebuild } from './rollup-trigger.server';

const shop = 'jobs-shop.myshopify.com';
const devstore = await startAppDevstore({
  shops: [emptyShop({ id: 1, domain: shop, name: 'Jobs Shop', currencyCode: 'EUR', ianaTimezone: 'Europe/Paris' })],
});
// The app's modules (and its environment) are loaded already: route the library's HTTP here directly.
routeShopifyToDevstore(devstore.url);
await installOn(devstore, [shop]);
afterAll(async () => {
  await jobQueue().close();
  await devstore.close();
});

const money = (amount: string) => ({ shop_money: { amount, currency_code: 'EUR' } });

/** An orders/create payload: `quantity` × 10.00 EUR of product 101. */
function orderPayload(id: number, processedAt: string, quantity: number) {
  const total = (quantity * 10).toFixed(2);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    created_at: processedAt,
    processed_at: processedAt,
    updated_at: processedAt,
    currency: 'EUR',
    subtotal_price_set: money(total),
    total_discounts_set: money('0.00'),
    total_shipping_price_set: money('0.00'),
    total_tax_set: money('0.00'),
    total_price_set: money(total),
    financial_status: 'paid',
    source_name: 'web',
    tags: '',
    line_items: [
      {
        id: id * 10,
        admin_graphql_api_id: `gid://shopify/LineItem/${id * 10}`,
        product_id: 101,
        variant_id: 1011,
        title: 'Mug',
        quantity,
        price: '10.00',
        price_set: money('10.00'),
      },
    ],
  };
}

let eventNumber = 0;
async function deliver(topic: string, payload: object) {
  eventNumber += 1;
  await prisma.webhookEvent.create({
    data: {
      shop,
      topic,
      eventId: `event-${eventNumber}`,
      webhookId: `webhook-${eventNumber}`,
      apiVersion: '2026-10',
      payload,
    },
  });
  await enqueueProcessing(jobQueue(), shop);
}

const day = (date: string) => readSalesSummary(prisma, shop, { start: date, end: date });

describe('the insights jobs', () => {
  it('roll up what the webhooks applied: first in full, then incrementally, then findings', async () => {
    await applyProducts(prisma, shop, [mirrorProduct(101, [mirrorVariant(1011, { price: '10.00' })])]);
    // 23:30 in Paris on 06-01 (UTC+2): the shop's 06-01, though 06-01 in UTC too; 22:30Z on 06-02 is 06-03 in Paris.
    await deliver('orders/create', orderPayload(1, '2026-06-01T21:30:00Z', 3));
    await deliver('orders/create', orderPayload(2, '2026-06-02T22:30:00Z', 1));
    await workUntil(jobQueue(), JOB_HANDLERS, async () => (await day('2026-06-01')).current.orders === 1, 1);
    // The first run built everything, in the time zone Shopify reported.
    expect(await prisma.shopSettings.findUnique({ where: { shop } })).toMatchObject({
      ianaTimezone: 'Europe/Paris',
      currencyCode: 'EUR',
    });
    expect(await prisma.insightsRollupState.findUnique({ where: { shop } })).toMatchObject({
      timeZone: 'Europe/Paris',
      builtAt: expect.any(Date),
      rebuildRequestedAt: null,
    });
    expect((await day('2026-06-03')).current).toMatchObject({ orders: 1, netSales: 10 });

    // A refund on 06-05 of two of order 1's three mugs: the incremental path.
    await deliver('refunds/create', {
      id: 77,
      admin_graphql_api_id: 'gid://shopify/Refund/77',
      order_id: 1,
      created_at: '2026-06-05T10:00:00Z',
      refund_line_items: [{ line_item_id: 10, quantity: 2, subtotal: '20.00', subtotal_set: money('20.00') }],
      transactions: [{ kind: 'refund', status: 'success', amount: '20.00', currency: 'EUR' }],
    });
    await workUntil(jobQueue(), JOB_HANDLERS, async () => (await day('2026-06-05')).current.returns === 20, 1);
    expect(await prisma.insightsPendingOrder.count({ where: { shop } })).toBe(0);
    // 06-01 keeps its sale (30); the return is on 06-05.
    expect((await day('2026-06-01')).current).toMatchObject({ netSales: 30, returns: 0 });
    expect((await day('2026-06-05')).current).toMatchObject({ netSales: -20, unitsReturned: 2, refunds: 1 });

    // The findings job is scheduled after the rollups, in its own window.
    await waitFor(
      async () => (await prisma.job.count({ where: { shop, name: FINDINGS_JOB, state: 'queued' } })) > 0,
      'the findings job to be queued',
    );
    await runFindingsJob(shop, new Date('2026-06-06T12:00:00Z'));
    // It keeps the findings fresh as the calendar moves: the next refresh is queued.
    const refreshes = await prisma.job.findMany({ where: { shop, name: FINDINGS_JOB, state: 'queued' } });
    expect(refreshes.some((job) => job.dedupeKey?.startsWith(`${FINDINGS_JOB}:refresh:`))).toBe(true);
  });

  it('waits while a full sync of orders runs, then rebuilds when the sync asks', async () => {
    const run = await prisma.syncRun.create({
      data: { shop, resource: 'orders', mode: 'full', state: 'running' },
    });
    // What the sync's writer does for each batch: the order applied and marked in one transaction.
    await prisma.$transaction(async (tx) => {
      await applyOrders(tx, shop, [orderFromWebhook(orderPayload(3, '2026-06-07T10:00:00Z', 2), 'orders/create')]);
      await markOrdersChanged(tx, shop, [3n]);
    });
    await runRollupJob(shop);
    expect((await day('2026-06-07')).current.orders).toBe(0);
    expect(await prisma.insightsPendingOrder.count({ where: { shop } })).toBe(1);

    // The sync finishes and asks for a rebuild: every day is recomputed and the marks are covered.
    await prisma.syncRun.update({ where: { id: run.id }, data: { state: 'done', finishedAt: new Date() } });
    await scheduleRollupRebuild(prisma, shop);
    await runRollupJob(shop);
    expect((await day('2026-06-07')).current).toMatchObject({ orders: 1, netSales: 20 });
    expect(await prisma.insightsPendingOrder.count({ where: { shop } })).toBe(0);
    expect(await prisma.insightsRollupState.findUnique({ where: { shop } })).toMatchObject({
      rebuildRequestedAt: null,
    });
  });
});
