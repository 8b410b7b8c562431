/**
 * `npm run bench:mirror`: how fast the store mirror takes orders, as the sync
 * pushes them. Writes BENCH_MIRROR_ORDERS orders (default 20,000; 3 lines,
 * a discount application and a journey each, a refund on every tenth) with
 * applyOrders in batches of 500, then the same batches again (every version
 * already stored: the replay a resumed sync or duplicate webhooks cause), into
 * a fresh embedded database on disk (or the PostgreSQL server in
 * BENCH_DATABASE_URL, in a schema of its own). Baseline, in the same run:
 * the same kind of orders written one by one with Prisma's model API (find,
 * compare updatedAt, upsert, replace children), on a sample of 1,000.
 * Prints orders/s and the ratio.
 */
import { applyOrders } from '../app/platform/mirror/apply.server';
import { bulkOrder } from '../app/platform/mirror/fixtures';
import type { MirrorOrder } from '../app/platform/mirror/types';
import { openBenchDatabase } from './support/database';

const ORDERS = Number(process.env.BENCH_MIRROR_ORDERS ?? 20_000);
const BASELINE_ORDERS = Math.min(1_000, ORDERS);
const BATCH = 500;
const SHOP = 'bench-mirror.myshopify.com';

const database = await openBenchDatabase({ name: 'mirror', serverUrl: process.env.BENCH_DATABASE_URL });
const { prisma } = database;

function orderAt(index: number): MirrorOrder {
  return bulkOrder(BigInt(5_000_000 + index), { refunded: index % 10 === 0 });
}

/** The baseline: one order at a time through Prisma's model API, in a transaction each. */
async function writeOneByOne(shop: string, record: MirrorOrder): Promise<void> {
  const { lineItems, refunds, discountApplications, journey: visit, ...fields } = record;
  await prisma.$transaction(async (tx) => {
    const stored = await tx.order.findUnique({
      where: { shop_id: { shop, id: fields.id } },
      select: { updatedAt: true },
    });
    if (stored && stored.updatedAt > fields.updatedAt) return;
    await tx.order.upsert({
      where: { shop_id: { shop, id: fields.id } },
      create: { shop, ...fields },
      update: fields,
    });
    await tx.orderLineItem.deleteMany({ where: { shop, orderId: fields.id } });
    await tx.orderLineItem.createMany({ data: lineItems.map((line) => ({ shop, orderId: fields.id, ...line })) });
    await tx.discountApplication.deleteMany({ where: { shop, orderId: fields.id } });
    await tx.discountApplication.createMany({
      data: discountApplications.map((application, index) => ({ shop, orderId: fields.id, index, ...application })),
    });
    if (visit !== undefined) {
      await tx.customerJourney.deleteMany({ where: { shop, orderId: fields.id } });
      if (visit) await tx.customerJourney.create({ data: { shop, orderId: fields.id, ...visit } });
    }
    for (const { lines, ...refundFields } of refunds) {
      await tx.refund.upsert({
        where: { shop_id: { shop, id: refundFields.id } },
        create: { shop, orderId: fields.id, ...refundFields },
        update: {},
      });
      for (const line of lines) {
        await tx.refundLineItem.upsert({
          where: { shop_refundId_lineItemId: { shop, refundId: refundFields.id, lineItemId: line.lineItemId } },
          create: { shop, refundId: refundFields.id, orderId: fields.id, ...line },
          update: {},
        });
      }
    }
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const records = Array.from({ length: ORDERS }, (_, index) => orderAt(index));
const batches = Array.from({ length: Math.ceil(ORDERS / BATCH) }, (_, index) =>
  records.slice(index * BATCH, (index + 1) * BATCH),
);

const baselineSeconds = await timed(async () => {
  for (const record of records.slice(0, BASELINE_ORDERS)) await writeOneByOne('bench-baseline.myshopify.com', record);
});
const batchedSeconds = await timed(async () => {
  for (const batch of batches) await applyOrders(prisma, SHOP, batch);
});
const replaySeconds = await timed(async () => {
  for (const batch of batches) await applyOrders(prisma, SHOP, batch);
});
const stored = await prisma.orderLineItem.count({ where: { shop: SHOP } });
if (stored !== ORDERS * 3) throw new Error(`expected ${ORDERS * 3} lines, found ${stored}`);

const rate = (count: number, seconds: number) => Math.round(count / seconds);
const baselineRate = rate(BASELINE_ORDERS, baselineSeconds);
const batchedRate = rate(ORDERS, batchedSeconds);
const replayRate = rate(ORDERS, replaySeconds);
console.log(
  `mirror: ${ORDERS.toLocaleString('en')} orders (3 lines each) on ${database.embedded ? 'embedded PGlite' : 'PostgreSQL server'}`,
);
console.log(`  baseline, one by one (Prisma model API), ${BASELINE_ORDERS} orders: ${baselineRate} orders/s`);
console.log(
  `  applyOrders, batches of ${BATCH}: ${batchedRate} orders/s (${(batchedRate / baselineRate).toFixed(1)}× baseline)`,
);
console.log(
  `  replay of the same batches (all stored): ${replayRate} orders/s (${(replayRate / baselineRate).toFixed(1)}× baseline)`,
);

await database.close();
