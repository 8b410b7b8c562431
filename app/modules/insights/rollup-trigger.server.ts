/**
 * How the pipeline tells Insights that the mirror changed. Rollups and
 * findings are recomputed by jobs (jobs.server.ts), never on page load.
 *
 * - `markOrdersChanged(db, shop, orderIds)` (outbox.server.ts): after
 *   applying orders or refunds (applyOrders, applyRefunds), through the
 *   transaction the mirror change ran in, so the mark commits with it. Then,
 *   once that transaction has committed, `scheduleRollups(shop)` (a job
 *   enqueued through another connection while the transaction is open would
 *   wait for it).
 * - `scheduleRollupRebuild(db, shop)`: after a full sync of orders, or when
 *   the shop's time zone changed: every day is recomputed.
 * - `markCatalogChanged(shop)`: after applying products or inventory levels
 *   outside the webhook processor; findings about stock and cost are
 *   recomputed.
 *
 * Jobs are deduplicated per shop and time window: every call in the same
 * window joins one job that starts only when the window has closed, so a
 * change is never swallowed by a job that already read the data, and a burst
 * of webhooks or sync batches costs one run per window.
 */
import type { PrismaClient } from '@prisma/client';
import { jobQueue } from '~/platform/jobs/index.server';
import { markOrdersChanged } from './outbox.server';

export { markOrdersChanged };

export const ROLLUP_JOB = 'insights.rollup';
export const FINDINGS_JOB = 'insights.findings';

/** How long changes are gathered before the rollup job runs. */
const ROLLUP_WINDOW_MS = 2_000;
/** How long rollup runs are gathered before findings are recomputed. */
const FINDINGS_WINDOW_MS = 15_000;

/** Enqueues `name` for the shop in the current window; calls in the same window share the job. */
async function enqueueWindowed(name: string, shop: string, windowMs: number, now: number): Promise<string> {
  const window = Math.floor(now / windowMs);
  return jobQueue().enqueue(
    name,
    {},
    { shop, dedupeKey: `${name}:${window}`, runAt: new Date((window + 1) * windowMs) },
  );
}

/** Schedules the rollup job, which recomputes marked orders' days (and a requested rebuild). */
export function scheduleRollups(shop: string, now: number = Date.now()): Promise<string> {
  return enqueueWindowed(ROLLUP_JOB, shop, ROLLUP_WINDOW_MS, now);
}

/** Schedules the findings job (after rollups, or when stock or costs changed). */
export function scheduleFindings(shop: string, now: number = Date.now()): Promise<string> {
  return enqueueWindowed(FINDINGS_JOB, shop, FINDINGS_WINDOW_MS, now);
}

/** Asks for every day of the shop to be recomputed (full sync done, time zone changed). */
export async function scheduleRollupRebuild(db: PrismaClient, shop: string): Promise<void> {
  // Without a state row the rollup job builds everything anyway.
  await db.insightsRollupState.updateMany({ where: { shop }, data: { rebuildRequestedAt: new Date() } });
  await scheduleRollups(shop);
}

/** Products, variants (unit costs) or inventory levels changed: stock and dead-stock findings are due. */
export async function markCatalogChanged(shop: string): Promise<void> {
  await scheduleFindings(shop);
}
