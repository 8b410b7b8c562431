/**
 * The whole sync over real HTTP: Steward's jobs, on the database job queue,
 * read a seeded devstore shop through the Admin API gateway (token from the
 * shop's stored offline session, as in production), run Shopify-style bulk
 * operations, download and apply their JSONL, and end with the mirror
 * holding exactly what the devstore holds. Then the same with 5xx, 429 and
 * THROTTLED answers injected; a catch-up after live changes; the
 * bulk_operations/finish webhook delivered by the devstore to Steward's
 * endpoint doing the waking instead of polling; an expired result link; and
 * two triggers at once starting one sync.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedShop } from '../../../devstore/seed';
import type { ShopState } from '../../../devstore/state/shop-state';
import { emptyShop } from '../../../devstore/test-support';
import { startTraffic } from '../../../devstore/traffic';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { DbJobQueue } from '../jobs/db.server';
import type { JobHandlers } from '../jobs/types';

const NOW = new Date('2026-10-01T12:00:00Z');
const profile = (index: number) => DEFAULT_SHOPS[index] as (typeof DEFAULT_SHOPS)[number];
const seedOptions = { products: 14, customers: 80, orders: 600, images: false, now: NOW };
const MAPLE = profile(0).domain;
const HARBOR = profile(1).domain;
const THIRD = 'third-shop.myshopify.com';
const EMPTY = 'empty-shop.myshopify.com';

// Steward's webhook endpoint needs the app's modules, which read DEVSTORE_URL when they load: the
// devstore starts first, told the port the endpoint will take.
const webhookPort = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});
const devstore = await startAppDevstore({
  shops: [
    await seedShop({ ...profile(0), seed: 11, ...seedOptions }),
    await seedShop({ ...profile(1), seed: 12, ...seedOptions }),
    await seedShop({ ...profile(0), domain: THIRD, name: 'Third', seed: 13, ...seedOptions }),
    emptyShop({ id: 4, domain: EMPTY }),
  ],
  appUrl: `http://127.0.0.1:${webhookPort}`,
  webhookRetryBaseMs: 50,
});

const { default: prisma } = await import('~/db.server');
const { startWebhookEndpoint } = await import('../../../tests/support/webhook-endpoint');
const endpoint = await startWebhookEndpoint(webhookPort);
const { createSyncJobHandlers } = await import('./jobs.server');
const { requestSync } = await import('./trigger.server');
const { WEBHOOK_JOB_HANDLERS } = await import('../webhooks/jobs.server');

await installOn(devstore, [MAPLE, HARBOR, THIRD, EMPTY]);

const workDir = await mkdtemp(path.join(os.tmpdir(), 'steward-sync-test-'));
const queue = new DbJobQueue(prisma, { pollIntervalMs: 20, backoff: { baseMs: 50, maxMs: 1_000 } });
// The sync's jobs, and the inbox's processing of the webhooks the devstore delivers meanwhile.
const quickPolls: JobHandlers = {
  ...createSyncJobHandlers({ pollFirstMs: 50, pollMaxMs: 400, sliceMs: 1_000, workDir }),
  ...WEBHOOK_JOB_HANDLERS,
};

afterAll(async () => {
  await queue.close();
  await devstore.close();
  await endpoint.close();
  await rm(workDir, { recursive: true, force: true });
});

/** The shop's sync and webhook jobs still to run (other areas queue their own work on mirror writes). */
const pending = (shop: string) =>
  prisma.job.findMany({
    where: {
      shop,
      state: { in: ['queued', 'running'] },
      OR: [{ name: { startsWith: 'sync.' } }, { name: { startsWith: 'webhooks.' } }],
    },
    select: { name: true, state: true, attempts: true, lastError: true, runAt: true },
  });

/** Runs the queue's jobs until none of the shop's sync and webhook jobs is left queued or running. */
async function runJobs(shop: string, handlers: JobHandlers = quickPolls, timeoutMs = 90_000) {
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency: 2, signal: stop.signal });
  const deadline = Date.now() + timeoutMs;
  try {
    for (let left = await pending(shop); left.length > 0; left = await pending(shop)) {
      if (Date.now() > deadline)
        throw new Error(`the sync of ${shop} did not finish: ${JSON.stringify(left, null, 1)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    stop.abort();
    await working;
  }
}

function devstoreCounts(state: ShopState) {
  const orders = [...state.orders.values()];
  const activeLevels = [...state.inventoryLevels.values()].filter(
    (level) => state.locations.get(level.locationId)?.isActive,
  );
  return {
    products: state.products.size,
    variants: state.variants.size,
    customers: state.customers.size,
    orders: orders.length,
    lineItems: orders.reduce((sum, order) => sum + order.lineItems.length, 0),
    refunds: orders.reduce((sum, order) => sum + order.refunds.length, 0),
    refundLines: orders.reduce(
      (sum, order) =>
        sum + order.refunds.reduce((n, refund) => n + new Set(refund.lines.map((line) => line.lineItemId)).size, 0),
      0,
    ),
    discountApplications: orders.reduce((sum, order) => sum + order.discountApplications.length, 0),
    journeys: orders.filter((order) => order.journey).length,
    inventoryLevels: activeLevels.length,
  };
}

async function mirrorCounts(shop: string) {
  const where = { shop };
  return {
    products: await prisma.product.count({ where: { shop, deletedAt: null } }),
    variants: await prisma.productVariant.count({ where: { shop, deletedAt: null } }),
    customers: await prisma.customer.count({ where: { shop, deletedAt: null } }),
    orders: await prisma.order.count({ where }),
    lineItems: await prisma.orderLineItem.count({ where }),
    refunds: await prisma.refund.count({ where }),
    refundLines: await prisma.refundLineItem.count({ where }),
    discountApplications: await prisma.discountApplication.count({ where }),
    journeys: await prisma.customerJourney.count({ where }),
    inventoryLevels: await prisma.inventoryLevel.count({ where }),
  };
}

const stateOf = (shop: string) => devstore.state.shop(shop) as ShopState;
const runsOf = (shop: string) => prisma.syncRun.findMany({ where: { shop }, orderBy: { startedAt: 'asc' } });

describe('full sync through bulk operations', () => {
  it('ends with the mirror holding exactly the devstore shop’s records', { timeout: 120_000 }, async () => {
    await requestSync(MAPLE, 'full', queue);
    await runJobs(MAPLE);

    const counts = devstoreCounts(stateOf(MAPLE));
    expect(counts.refundLines).toBeGreaterThan(0);
    expect(await mirrorCounts(MAPLE)).toEqual(counts);
    const runs = await runsOf(MAPLE);
    expect(runs.map((run) => [run.resource, run.mode, run.state]).sort()).toEqual([
      ['customers', 'full', 'done'],
      ['inventory', 'full', 'done'],
      ['orders', 'full', 'done'],
      ['products', 'full', 'done'],
    ]);
    for (const run of runs) {
      expect(run.objectsDone).toBe(run.objectsTotal);
      expect(run.linesDone).toBe(run.objectsTotal);
      expect(run.highWater).toBeInstanceOf(Date);
      expect(run.bulkOperationId).toMatch(/^gid:\/\/shopify\/BulkOperation\/\d+$/);
    }
    // Nothing of another shop was touched, and the result files are gone.
    expect(await prisma.order.count({ where: { shop: HARBOR } })).toBe(0);
    expect(await readdir(path.join(workDir, MAPLE))).toEqual([]);
  });

  it(
    'completes with the right counts while the devstore answers 5xx, 429 and THROTTLED',
    { timeout: 150_000 },
    async () => {
      // Every request THROTTLED until the gateway gives up and the queue has to try a job again;
      // all along, a quarter of the requests answered 502/503 and some 429.
      devstore.faults.update({ errorRate5xx: 0.25, errorRate429: 0.05, forceThrottled: true });
      let throttledJobFailed = false;
      const throttledUntilRetried = (async () => {
        const where = { shop: HARBOR, lastError: { contains: 'THROTTLED' } };
        while ((await prisma.job.count({ where })) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        throttledJobFailed = true;
        devstore.faults.update({ forceThrottled: false });
      })();
      try {
        await requestSync(HARBOR, 'full', queue);
        await runJobs(HARBOR, quickPolls, 140_000);
        await throttledUntilRetried;
      } finally {
        devstore.faults.update({ errorRate5xx: 0, errorRate429: 0, forceThrottled: false });
      }
      expect(await mirrorCounts(HARBOR)).toEqual(devstoreCounts(stateOf(HARBOR)));
      expect((await runsOf(HARBOR)).every((run) => run.state === 'done')).toBe(true);
      // The faults were met: the queue tried jobs again after the gateway's own retries ran out.
      expect(throttledJobFailed).toBe(true);
      const retried = await prisma.job.findMany({
        where: { shop: HARBOR, name: { startsWith: 'sync.' }, attempts: { gt: 1 } },
      });
      expect(retried.length).toBeGreaterThan(0);
      for (const job of retried) expect(job.lastError).toMatch(/THROTTLED|HTTP 50[23]|HTTP 429/);
    },
  );

  it('catches up with the changes made after the sync, reading only them', { timeout: 120_000 }, async () => {
    const traffic = startTraffic(devstore.state, { perSecond: 0, seed: 5, shops: [MAPLE] });
    const changes = traffic.tick(120);
    traffic.stop();
    expect(new Set(changes.map((change) => change.kind))).toEqual(
      new Set(['order', 'customer', 'refund', 'cancellation', 'inventory', 'product']),
    );
    const edited = changes.flatMap((change) => change.events).find((event) => event.topic === 'products/update');
    await requestSync(MAPLE, 'catchup', queue);
    await runJobs(MAPLE);

    expect(await mirrorCounts(MAPLE)).toEqual(devstoreCounts(stateOf(MAPLE)));
    const catchUps = (await runsOf(MAPLE)).filter((run) => run.mode === 'catchup');
    expect(catchUps).toHaveLength(4);
    for (const run of catchUps) {
      expect(run.state).toBe('done');
      const full = (await runsOf(MAPLE)).find((other) => other.resource === run.resource && other.mode === 'full');
      expect(run.since).toEqual(full?.highWater);
      // Only what changed was read.
      expect(run.objectsDone).toBeLessThan(full?.objectsDone ?? 0);
    }
    const orders = catchUps.find((run) => run.resource === 'orders');
    expect(orders?.objectsDone).toBeGreaterThan(0);
    if (edited?.topic !== 'products/update') throw new Error('the traffic edited no product');
    const product = stateOf(MAPLE).products.get(edited.productId);
    const stored = await prisma.product.findUnique({
      where: { shop_id: { shop: MAPLE, id: BigInt(edited.productId) } },
    });
    expect(stored?.title).toBe(product?.title);
    expect(stored?.updatedAt.toISOString()).toBe(new Date(product?.updatedAt as string).toISOString());
  });

  it('is woken by the bulk_operations/finish webhook, without polling', { timeout: 120_000 }, async () => {
    // Polls far in the future: only the webhook, through Steward's inbox and processor, can start the downloads.
    const webhookOnly = {
      ...createSyncJobHandlers({ pollFirstMs: 600_000, sliceMs: 1_000, workDir }),
      ...WEBHOOK_JOB_HANDLERS,
    };
    await requestSync(THIRD, 'full', queue);
    const stop = new AbortController();
    const working = queue.work({ handlers: webhookOnly, concurrency: 2, signal: stop.signal });
    try {
      const deadline = Date.now() + 60_000;
      while ((await prisma.syncRun.count({ where: { shop: THIRD, state: 'done' } })) < 4) {
        if (Date.now() > deadline) throw new Error(`runs: ${JSON.stringify(await runsOf(THIRD))}`);
        // Steward's sweeper would queue the inbox's processing; here the test does.
        if ((await prisma.webhookEvent.count({ where: { shop: THIRD, processedAt: null } })) > 0)
          await queue.enqueue('webhooks.process', {}, { shop: THIRD, dedupeKey: 'webhooks.process' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      stop.abort();
      await working;
    }
    expect(await mirrorCounts(THIRD)).toEqual(devstoreCounts(stateOf(THIRD)));
    const finishes = await prisma.webhookEvent.findMany({ where: { shop: THIRD, topic: 'bulk_operations/finish' } });
    expect(finishes.length).toBeGreaterThanOrEqual(4);
    expect(await prisma.job.count({ where: { shop: THIRD, name: 'sync.bulk-poll', state: 'done' } })).toBe(0);
  });

  it('runs the bulk query again when its result link has expired', { timeout: 120_000 }, async () => {
    // Shopify's links expire; deleting the devstore's result files has the same effect.
    const shop = stateOf(MAPLE);
    const before = shop.bulkOperations.size;
    await requestSync(MAPLE, 'full', queue);
    const expire = setInterval(() => {
      for (const key of shop.files.keys()) if (key.startsWith('bulk/')) shop.files.delete(key);
    }, 2);
    const stop = new AbortController();
    const working = queue.work({ handlers: quickPolls, concurrency: 2, signal: stop.signal });
    try {
      const deadline = Date.now() + 60_000;
      // Four operations, and at least one more: a run found its result gone and started again.
      while (shop.bulkOperations.size < before + 5) {
        if (Date.now() > deadline) throw new Error('no run started its bulk operation again');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      clearInterval(expire);
      stop.abort();
      await working;
    }
    await runJobs(MAPLE);
    expect(await mirrorCounts(MAPLE)).toEqual(devstoreCounts(shop));
    const latest = (await runsOf(MAPLE)).slice(-4);
    expect(latest.map((run) => [run.mode, run.state])).toEqual(Array(4).fill(['full', 'done']));
    expect(latest.every((run) => run.objectsDone === run.objectsTotal)).toBe(true);
  });

  it('finishes at once for a shop with nothing to read (Shopify gives no file)', { timeout: 60_000 }, async () => {
    await requestSync(EMPTY, 'full', queue);
    await runJobs(EMPTY);
    const runs = await runsOf(EMPTY);
    expect(runs.map((run) => [run.state, run.objectsDone, run.objectsTotal])).toEqual(Array(4).fill(['done', 0, 0]));
    expect(await mirrorCounts(EMPTY)).toEqual(devstoreCounts(stateOf(EMPTY)));
  });

  it('starts one sync when asked twice at once, and none while one runs', { timeout: 60_000 }, async () => {
    const before = await prisma.syncRun.count({ where: { shop: HARBOR } });
    await Promise.all([requestSync(HARBOR, 'full', queue), requestSync(HARBOR, 'full', queue)]);
    const stop = new AbortController();
    const working = queue.work({ handlers: quickPolls, concurrency: 2, signal: stop.signal });
    try {
      while ((await prisma.syncRun.count({ where: { shop: HARBOR } })) < before + 4)
        await new Promise((resolve) => setTimeout(resolve, 10));
      // A request while those run plans nothing more.
      await requestSync(HARBOR, 'full', queue);
    } finally {
      stop.abort();
      await working;
    }
    await runJobs(HARBOR);
    expect(await prisma.syncRun.count({ where: { shop: HARBOR } })).toBe(before + 4);
    expect(await mirrorCounts(HARBOR)).toEqual(devstoreCounts(stateOf(HARBOR)));
  });
});
