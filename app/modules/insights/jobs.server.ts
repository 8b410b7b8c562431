/**
 * The insights jobs (registered in app/platform/jobs/handlers.server.ts):
 * - insights.rollup: builds every day when the shop's rollups were never
 *   built, were cut in another time zone, or a rebuild was asked for;
 *   otherwise recomputes the days of the orders marked changed — unless a
 *   full sync of orders is under way (its end asks for a rebuild). Marks
 *   left over (renewed while it ran) get a run in the next window. Then the
 *   findings are scheduled.
 * - insights.findings: recomputes the findings as of the shop's today, and
 *   schedules itself again a few hours on, since "the last 28 days" moves
 *   with the calendar even when no order arrives.
 * Both are safe to run again: they recompute from the mirror.
 */
import prisma from '~/db.server';
import type { JobHandlers } from '~/platform/jobs/types';
import { jobQueue } from '~/platform/jobs/index.server';
import { logger } from '~/platform/logging/logger.server';
import { STALE_AFTER_MS } from '~/platform/sync/runs.server';
import { recomputeFindings } from './findings.server';
import { localDate } from './periods';
import { drainPendingOrders, rebuildRollups } from './rollup-build.server';
import { FINDINGS_JOB, ROLLUP_JOB, scheduleFindings, scheduleRollups } from './rollup-trigger.server';
import { requireShopSettings } from './shop-settings.server';

/** Findings are refreshed at least this often. */
const FINDINGS_REFRESH_MS = 6 * 60 * 60_000;

/** A full sync of orders is queued or running (a stale one, whose worker died, does not count). */
async function fullOrdersSyncRunning(shop: string): Promise<boolean> {
  const run = await prisma.syncRun.findFirst({
    where: {
      shop,
      resource: 'orders',
      mode: 'full',
      state: { in: ['queued', 'running'] },
      updatedAt: { gt: new Date(Date.now() - STALE_AFTER_MS) },
    },
    select: { id: true },
  });
  return run !== null;
}

export async function runRollupJob(shop: string, startedAt = new Date()): Promise<void> {
  if (await fullOrdersSyncRunning(shop)) {
    // Every order the sync writes is marked; its end asks for a rebuild, which covers the marks.
    logger.info({ shop }, 'Insights rollups wait for the full sync of orders');
    return;
  }
  const { timeZone } = await requireShopSettings(prisma, shop);
  const state = await prisma.insightsRollupState.findUnique({ where: { shop } });
  if (!state?.builtAt || state.timeZone !== timeZone || state.rebuildRequestedAt) {
    // Marks made before now are covered by the rebuild; later ones stay for the next run.
    await prisma.insightsPendingOrder.deleteMany({ where: { shop, markedAt: { lte: startedAt } } });
    const result = await rebuildRollups(prisma, shop, timeZone, startedAt);
    logger.info({ shop, ...result }, 'Insights rollups rebuilt');
  } else {
    const result = await drainPendingOrders(prisma, shop, timeZone);
    logger.info({ shop, ...result }, 'Insights rollups updated');
  }
  const [leftover, rebuild] = await Promise.all([
    prisma.insightsPendingOrder.count({ where: { shop } }),
    prisma.insightsRollupState.count({ where: { shop, rebuildRequestedAt: { not: null } } }),
  ]);
  // This job holds the current window's key while it runs: the next window's key is free.
  if (leftover > 0 || rebuild > 0) await scheduleRollups(shop);
  await scheduleFindings(shop);
}

export async function runFindingsJob(shop: string, now = new Date()): Promise<void> {
  const { timeZone } = await requireShopSettings(prisma, shop);
  const result = await recomputeFindings(prisma, shop, localDate(now, timeZone), now);
  logger.info({ shop, ...result }, 'Insights findings recomputed');
  const refresh = Math.floor(now.getTime() / FINDINGS_REFRESH_MS) + 1;
  await jobQueue().enqueue(
    FINDINGS_JOB,
    {},
    { shop, dedupeKey: `${FINDINGS_JOB}:refresh:${refresh}`, runAt: new Date(refresh * FINDINGS_REFRESH_MS) },
  );
}

export const INSIGHTS_JOB_HANDLERS: JobHandlers = {
  [ROLLUP_JOB]: (job) => runRollupJob(job.shop),
  [FINDINGS_JOB]: (job) => runFindingsJob(job.shop),
};
