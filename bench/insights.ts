/**
 * `npm run bench:insights -- [orders]` (default 1,000,000): what the Insights
 * and Today pages cost at a million orders, read from the daily rollups,
 * against the same figures computed from the raw mirror in the same run.
 *
 * 1. Seeds the devstore's Maple & Thread (devstore/seed; orders/10 customers,
 *    200 products) and writes it to a fresh embedded database through the
 *    mirror's apply functions (bench/insights-seed.ts). The issue asks for the
 *    seed to go "through the devstore and sync"; the bulk sync is built in
 *    parallel, so the bench writes the same normalised records the sync
 *    produces straight through the same apply functions — the read side,
 *    which is what is measured, sees the same rows either way.
 * 2. Builds the rollups (a full rebuild), then times the incremental path as
 *    after a webhook: a new order today applied, marked and its day
 *    recomputed; and an existing order of any age re-marked (its days and
 *    its customer's later orders' days recomputed).
 * 3. Times the loaders' module calls, rollups against raw, and checks that
 *    both give the same figures:
 *    - Today: summary for today and for the last 7 days, the 7-day series,
 *      the top 5 findings;
 *    - Insights (last 30 and last 90 days): summary, series, top/bottom
 *      products, channels, 12 monthly cohorts, inventory at risk, findings.
 * It runs on a fresh embedded database (the default deployment's). BENCH_KEEP=1
 * keeps the seeded database for the next run
 * (BENCH_REBUILD=0 then also keeps its rollups); BENCH_RUNS / BENCH_RAW_RUNS
 * set the samples per loader (30 / 5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { DEFAULT_SHOPS, seedShop } from '../devstore/seed/index';
import { orderRecord } from '../devstore/test-support';
import { openEmbeddedDatabase } from '../app/platform/db/embedded.server';
import { applyOrders } from '../app/platform/mirror/apply.server';
import { readChannelSales } from '../app/modules/insights/channels.server';
import { readCohorts } from '../app/modules/insights/cohorts.server';
import { listFindings, recomputeFindings } from '../app/modules/insights/findings.server';
import { readInventoryRisk } from '../app/modules/insights/inventory-risk.server';
import { readSalesSummary } from '../app/modules/insights/metrics.server';
import { localDate, resolvePeriod, type Period } from '../app/modules/insights/periods';
import { readAllProductPerformance, readProductPerformance } from '../app/modules/insights/products.server';
import { drainPendingOrders, rebuildRollups } from '../app/modules/insights/rollup-build.server';
import { markOrdersChanged } from '../app/modules/insights/outbox.server';
import { readSalesSeries } from '../app/modules/insights/series.server';
import { migrationScripts } from '../tests/support/migrations';
import { rawChannels, rawCohorts, rawProducts, rawSeries, rawSummary, rawVelocity } from './insights-raw';
import { mirrorOrderOf, writeMirror } from './insights-seed';
import { percentile } from './support/stats';

const ORDERS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 5);
const NOW = new Date('2026-11-15T17:00:00Z');
const profile = DEFAULT_SHOPS[0];
if (!profile) throw new Error('no default shop');
const shop = profile.domain;
const timeZone = profile.ianaTimezone;

// BENCH_KEEP=1 keeps the seeded embedded database in node_modules/.cache and reuses it on the next run
// (seeding a million orders through the apply functions takes a quarter of an hour on this machine).
const keep = process.env.BENCH_KEEP === '1';
const dataDir = keep
  ? path.resolve(`node_modules/.cache/steward/bench-insights-${ORDERS}`)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-insights-'));
const reused = keep && fs.existsSync(path.join(dataDir, 'PG_VERSION'));
const embedded = await openEmbeddedDatabase({ dataDir });
// The migrations, each once (a kept database gets the ones added since it was seeded).
await embedded.db.exec('CREATE TABLE IF NOT EXISTS "_bench_migrations" (name text PRIMARY KEY)');
const applied = new Set(
  (await embedded.db.query<{ name: string }>('SELECT name FROM "_bench_migrations"')).rows.map((row) => row.name),
);
for (const { name, sql } of migrationScripts()) {
  if (applied.has(name)) continue;
  await embedded.db.exec(sql);
  await embedded.db.query('INSERT INTO "_bench_migrations" (name) VALUES ($1)', [name]);
}
// One connection: the embedded database serves one session.
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: embedded.url, max: 1 }) });

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const rss = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;

// ─── 1. Seed ─────────────────────────────────────────────────────────────────
let started = performance.now();
if ((await prisma.order.count({ where: { shop } })) >= ORDERS) {
  console.log(`reusing the seeded database in ${dataDir}`);
} else {
  const state = await seedShop({
    ...profile,
    seed: 11,
    orders: ORDERS,
    customers: Math.max(5_000, Math.round(ORDERS / 10)),
    products: 200,
    images: false,
    now: NOW,
  });
  console.log(
    `devstore seed: ${state.orders.size.toLocaleString('en')} orders in ${seconds(started)} s (rss ${rss()})`,
  );
  started = performance.now();
  const written = await writeMirror(prisma, state, (done) => {
    if (done % 100_000 === 0) console.log(`  mirror: ${done.toLocaleString('en')} orders (${seconds(started)} s)`);
  });
  console.log(`mirror written: ${written.toLocaleString('en')} orders in ${seconds(started)} s`);
  state.orders.clear();
  await prisma.shopSettings.create({
    data: { shop, name: profile.name, ianaTimezone: timeZone, currencyCode: profile.currencyCode },
  });
}
const sampleOrderIds = (
  await prisma.$queryRaw<{ id: bigint }[]>`SELECT id FROM "Order" WHERE shop = ${shop} ORDER BY random() LIMIT 200`
).map((row) => row.id);
const sampleCustomerIds = (
  await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT DISTINCT "customerId" AS id FROM "Order" WHERE shop = ${shop} AND "customerId" IS NOT NULL LIMIT 500`
).map((row) => row.id);

// ─── 2. Rollups ──────────────────────────────────────────────────────────────
started = performance.now();
if (reused && process.env.BENCH_REBUILD === '0') {
  console.log('rollups kept from the previous run (BENCH_REBUILD=0)');
} else {
  const built = await rebuildRollups(prisma, shop, timeZone);
  console.log(`rollups built: ${built.days} days (${built.first} … ${built.last}) in ${seconds(started)} s`);
}
const rows = await prisma.$queryRaw<{ table: string; rows: number }[]>`
  SELECT 'InsightsDaily' AS table, count(*)::int AS rows FROM "InsightsDaily"
  UNION ALL SELECT 'InsightsProductDaily', count(*)::int FROM "InsightsProductDaily"
  UNION ALL SELECT 'InsightsChannelDaily', count(*)::int FROM "InsightsChannelDaily"
  UNION ALL SELECT 'InsightsCustomerDaily', count(*)::int FROM "InsightsCustomerDaily"
  UNION ALL SELECT 'InsightsCohortDaily', count(*)::int FROM "InsightsCohortDaily"`;
console.log(`  ${rows.map((row) => `${row.table} ${row.rows.toLocaleString('en')}`).join(', ')}`);

async function sample(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

// A new order today, as orders/create brings it: applied and marked in one transaction, then drained.
const products = await prisma.productVariant.findMany({
  where: { shop },
  select: { id: true, productId: true, price: true },
});
let nextId = 9_000_000_000_000;
const newOrder = await sample(RUNS, async () => {
  const variant = products[nextId % products.length] as (typeof products)[number];
  const id = nextId++;
  const order = mirrorOrderOf(
    orderRecord(id, {
      createdAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
      customerId: Number(sampleCustomerIds[id % sampleCustomerIds.length]),
      lineItems: [
        {
          id,
          productId: Number(variant.productId),
          variantId: Number(variant.id),
          title: 'bench',
          variantTitle: null,
          sku: null,
          quantity: 2,
          unitPrice: variant.price.toString(),
          discount: '0.00',
        },
      ],
    }),
    profile.currencyCode,
  );
  await prisma.$transaction(async (tx) => {
    await applyOrders(tx, shop, [order]);
    await markOrdersChanged(tx, shop, [order.id]);
  });
  await drainPendingOrders(prisma, shop, timeZone);
});
console.log(
  `incremental, a new order today (orders/create): p50 ${newOrder.p50.toFixed(0)} ms, p95 ${newOrder.p95.toFixed(0)} ms`,
);
// An existing order of any age changed: its days, and its customer's later orders' days, recomputed.
const existing = await sample(Math.min(RUNS, sampleOrderIds.length - 1), async () => {
  const id = sampleOrderIds[Math.floor(Math.random() * sampleOrderIds.length)] as bigint;
  await prisma.$transaction((tx) => markOrdersChanged(tx, shop, [id]));
  await drainPendingOrders(prisma, shop, timeZone);
});
console.log(
  `incremental, an existing order of any age changed: p50 ${existing.p50.toFixed(0)} ms, p95 ${existing.p95.toFixed(0)} ms`,
);

const today = localDate(NOW, timeZone);
started = performance.now();
const findings = await recomputeFindings(prisma, shop, today, NOW);
console.log(`findings recomputed (job): ${findings.firing} firing, in ${seconds(started)} s`);

// ─── 3. Loaders ──────────────────────────────────────────────────────────────
const ctx = { db: prisma, shop, timeZone };
const todayPeriod = resolvePeriod('today', today);
const last7 = resolvePeriod('last7', today);

const loaders: { name: string; rollups: () => Promise<unknown>; raw: () => Promise<unknown> }[] = [
  {
    name: 'Today (today + 7 days + series + findings)',
    rollups: () =>
      Promise.all([
        readSalesSummary(prisma, shop, todayPeriod),
        readSalesSummary(prisma, shop, last7),
        readSalesSeries(prisma, shop, last7),
        listFindings(prisma, shop, { now: NOW, limit: 5 }),
      ]),
    raw: () => Promise.all([rawSummary(ctx, todayPeriod), rawSummary(ctx, last7), rawSeries(ctx, last7)]),
  },
  ...(['last30', 'last90'] as const).map((preset) => {
    const period = resolvePeriod(preset, today);
    return {
      name: `Insights, ${preset} (all sections)`,
      rollups: () =>
        Promise.all([
          readSalesSummary(prisma, shop, period),
          readSalesSeries(prisma, shop, period),
          readProductPerformance(prisma, shop, period),
          readChannelSales(prisma, shop, period),
          readCohorts(prisma, shop, today, { months: 12 }),
          readInventoryRisk(prisma, shop, today),
          listFindings(prisma, shop, { now: NOW }),
        ]),
      raw: () =>
        Promise.all([
          rawSummary(ctx, period),
          rawSeries(ctx, period),
          rawProducts(ctx, period),
          rawChannels(ctx, period),
          rawCohorts(ctx, today, 12),
          rawVelocity(ctx, today),
        ]),
    };
  }),
];

const last30 = resolvePeriod('last30', today);
const last90 = resolvePeriod('last90', today);
const sections: { name: string; run: () => Promise<unknown> }[] = [
  ...[
    ['last30', last30],
    ['last90', last90],
  ].flatMap(([name, period]) => [
    { name: `readSalesSummary(${name})`, run: () => readSalesSummary(prisma, shop, period as Period) },
    { name: `readSalesSeries(${name})`, run: () => readSalesSeries(prisma, shop, period as Period) },
    { name: `readProductPerformance(${name})`, run: () => readProductPerformance(prisma, shop, period as Period) },
    { name: `readChannelSales(${name})`, run: () => readChannelSales(prisma, shop, period as Period) },
  ]),
  { name: 'readCohorts(12 months)', run: () => readCohorts(prisma, shop, today, { months: 12 }) },
  { name: 'readInventoryRisk(today)', run: () => readInventoryRisk(prisma, shop, today) },
  { name: 'listFindings()', run: () => listFindings(prisma, shop, { now: NOW }) },
];

console.log(
  `\nloader p95 over ${RUNS} runs (rollups) and ${RAW_RUNS} runs (raw), ${ORDERS.toLocaleString('en')} orders:`,
);
console.log(
  `${'loader'.padEnd(44)} ${'rollups p50/p95 ms'.padStart(20)} ${'raw p50/p95 ms'.padStart(18)} ${'raw/rollups'.padStart(12)}`,
);
for (const loader of loaders) {
  const fast = await sample(RUNS, loader.rollups);
  const slow = await sample(RAW_RUNS, loader.raw);
  console.log(
    `${loader.name.padEnd(44)} ${`${fast.p50.toFixed(1)} / ${fast.p95.toFixed(1)}`.padStart(20)} ${`${slow.p50.toFixed(0)} / ${slow.p95.toFixed(0)}`.padStart(18)} ${`${(slow.p95 / fast.p95).toFixed(0)}×`.padStart(12)}`,
  );
}
console.log('\nsections (rollups), p50 / p95 ms:');
for (const section of sections) {
  const { p50, p95 } = await sample(RUNS, section.run);
  console.log(`  ${section.name.padEnd(34)} ${p50.toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)}`);
}

// ─── 4. Both sides agree ─────────────────────────────────────────────────────
async function agreement(period: Period): Promise<string[]> {
  const problems: string[] = [];
  const summary = await readSalesSummary(prisma, shop, period);
  const raw = await rawSummary(ctx, period);
  for (const side of ['current', 'previous'] as const) {
    const mine = summary[side];
    const theirs = raw[side];
    for (const key of Object.keys(theirs) as (keyof typeof theirs)[])
      if (mine[key] !== theirs[key])
        problems.push(`${period.start}…${period.end} ${side}.${key}: ${mine[key]} ≠ ${theirs[key]}`);
  }
  const series = (await readSalesSeries(prisma, shop, period)).map(({ day, netSales, orders }) => ({
    day,
    netSales,
    orders,
  }));
  if (!isDeepStrictEqual(series, await rawSeries(ctx, period)))
    problems.push(`${period.start}…${period.end} series differ`);
  const products = await readAllProductPerformance(prisma, shop, period);
  const rawByProduct = await rawProducts(ctx, period);
  for (const product of products) {
    const other = rawByProduct.get(product.productId);
    if (!other || other.netSales !== product.netSales || other.unitsSold !== product.unitsSold)
      problems.push(`product ${product.productId}: ${product.netSales} ≠ ${other?.netSales}`);
  }
  const rawByChannel = await rawChannels(ctx, period);
  for (const channel of await readChannelSales(prisma, shop, period)) {
    const other = rawByChannel.get(channel.key);
    if (channel.orders + Math.abs(channel.netSales) === 0) continue;
    if (!other || other.netSales !== channel.netSales || other.orders !== channel.orders)
      problems.push(`channel ${channel.key}: ${channel.netSales} ≠ ${other?.netSales}`);
  }
  return problems;
}
const problems = [...(await agreement(todayPeriod)), ...(await agreement(last7)), ...(await agreement(last30))];
if (!isDeepStrictEqual(await readCohorts(prisma, shop, today, { months: 12 }), await rawCohorts(ctx, today, 12)))
  problems.push('cohorts differ');
const velocity = await rawVelocity(ctx, today);
for (const risk of (await readInventoryRisk(prisma, shop, today)).atRisk)
  if (velocity.get(risk.productId)?.units_28 !== risk.unitsSold) problems.push(`velocity of ${risk.productId} differs`);
console.log(
  problems.length === 0
    ? '\nrollups and raw agree on every figure compared (summaries, series, products, channels, cohorts, velocity).'
    : `\nDISAGREEMENT:\n${problems.slice(0, 20).join('\n')}`,
);

await prisma.$disconnect();
await embedded.close();
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
if (problems.length > 0) process.exitCode = 1;
