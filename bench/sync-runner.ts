/**
 * One measured sync of a shop's orders for bench/sync.ts, in a process of its
 * own so its peak RSS is the sync's alone (the database runs in the parent,
 * the devstore in another process). SYNC_BENCH_MODE:
 * - `bulk`: Steward's full sync of the orders resource, exactly as the jobs
 *   run it (bulk operation, polled; JSONL downloaded and read backwards;
 *   applyOrders in batches; then the refund lines through paged reads);
 * - `paged`: the baseline, the same orders through paged reads (Steward's
 *   catch-up reader from the beginning of time: 6 orders a page, the most
 *   Shopify's 1,000-point query limit allows with their lines, discounts and
 *   refunds), written by the same applyOrders; it stops after
 *   SYNC_BENCH_SECONDS (0: no limit).
 * Prints one JSON line: seconds, orders written, phases, RSS at rest and at its peak.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from '@shopify/shopify-api';
import prisma from '../app/db.server';
import { DbJobQueue } from '../app/platform/jobs/db.server';
import { CATCH_UP_READERS } from '../app/platform/sync/catchup.server';
import { gatewayForShop } from '../app/platform/sync/gateway-for-shop.server';
import { stepKey, SYNC_JOBS } from '../app/platform/sync/job-names';
import { createSyncJobHandlers } from '../app/platform/sync/jobs.server';
import { MIRROR_WRITERS } from '../app/platform/sync/mirror-writers.server';
import { planRuns } from '../app/platform/sync/runs.server';
import { sessionStorage } from '../app/shopify.server';

const mode = process.env.SYNC_BENCH_MODE;
const shop = process.env.SYNC_BENCH_SHOP as string;
const budgetMs = Number(process.env.SYNC_BENCH_SECONDS ?? 0) * 1000;

let peakRss = 0;
/** The highest RSS seen in each phase of the bulk sync. */
const phaseRss: Record<string, number> = {};
let phase = 'start';
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  phaseRss[phase] = Math.max(phaseRss[phase] ?? 0, rss);
}, 100);

await sessionStorage.storeSession(
  new Session({
    id: `offline_${shop}`,
    shop,
    state: 'installed',
    isOnline: false,
    scope: process.env.SCOPES,
    accessToken: process.env.SYNC_BENCH_TOKEN,
  }),
);

/**
 * The process before any sync work, once Node, the app's modules, Prisma's
 * query compiler (loaded by the first query) and Shopify's library are up.
 */
const restingRss = process.memoryUsage().rss;
const started = Date.now();
const seconds = () => (Date.now() - started) / 1000;
const phases: Record<string, number> = {};
let orders = 0;

if (mode === 'bulk') {
  const [run] = await planRuns(prisma, shop, 'full', ['orders']);
  if (!run) throw new Error('an orders sync is already running');
  const queue = new DbJobQueue(prisma, { pollIntervalMs: 50, backoff: { baseMs: 200, maxMs: 5_000 } });
  const handlers = createSyncJobHandlers({
    pollFirstMs: 1_000,
    pollMaxMs: 1_000,
    sliceMs: 60_000,
    workDir: path.join(os.tmpdir(), 'steward-bench-sync'),
  });
  await queue.enqueue(SYNC_JOBS.bulkStart, { runId: run.id }, { shop, dedupeKey: stepKey(run.id, 'bulk-start') });
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency: 1, signal: stop.signal });
  for (;;) {
    const now = await prisma.syncRun.findFirst({ where: { shop, id: run.id } });
    if (!now || now.state === 'failed') throw new Error(`the sync failed: ${now?.error}`);
    phase = now.objectsTotal === null ? 'export' : now.objectsDone < now.objectsTotal ? 'apply' : 'refunds';
    if (now.objectsTotal !== null) phases.exported ??= seconds();
    if (now.objectsTotal !== null && now.objectsDone >= now.objectsTotal) phases.applied ??= seconds();
    if (now.state === 'done') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  phases.done = seconds();
  stop.abort();
  await working;
  orders = await prisma.order.count({ where: { shop } });
} else if (mode === 'paged') {
  const gateway = await gatewayForShop(shop);
  for await (const page of CATCH_UP_READERS.orders.pages(gateway, new Date(0))) {
    const write = MIRROR_WRITERS.orders.prepare(page.records);
    await prisma.$transaction((tx) => write(tx, shop), { timeout: 120_000 });
    orders += page.records.length;
    if (budgetMs > 0 && Date.now() - started > budgetMs) break;
  }
  phases.done = seconds();
} else {
  throw new Error('SYNC_BENCH_MODE must be bulk or paged');
}

clearInterval(sampler);
/**
 * The kernel's high-water mark of this program's RSS (VmHWM), which catches
 * what sampling misses. Not resourceUsage().maxRSS: Linux carries that over
 * from the parent across fork and exec, so a child of a large parent reports
 * the parent's size.
 */
function highWaterMark(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmHWM:'));
  return line ? Number(/(\d+)/.exec(line)?.[1]) * 1024 : 0;
}
const maxRssBytes = highWaterMark();
console.log(
  JSON.stringify({
    mode,
    seconds: seconds(),
    orders,
    phases,
    restingRss,
    phaseRss,
    peakRss: Math.max(peakRss, maxRssBytes),
  }),
);
await prisma.$disconnect();
process.exit(0);
