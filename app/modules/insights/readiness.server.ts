/**
 * Whether a shop's Insights have anything to show yet, for the pages' empty
 * states: before the first sync has brought orders in, a page explains that
 * Steward is still reading the store (or has not started) instead of showing
 * a wall of zeros; once orders are in, until their daily rollups are built,
 * it says the figures are being prepared. Reads by index, never counts.
 */
import type { PrismaClient } from '@prisma/client';
import { STALE_AFTER_MS } from '~/platform/sync/runs.server';

export interface InsightsReadiness {
  /** The rollups hold at least one day with an order. */
  hasSales: boolean;
  /** A sync run is queued or running (and not stale). */
  syncing: boolean;
  /** An orders sync has finished at least once. */
  ordersSynced: boolean;
  /** The rollups were never built, a rebuild is due, or orders wait to be rolled up. */
  rollupsPending: boolean;
  /** Every day is being recomputed (first build, full sync, time zone change): figures are partial meanwhile. */
  rebuilding: boolean;
}

export async function readInsightsReadiness(
  db: PrismaClient,
  shop: string,
  now: Date = new Date(),
): Promise<InsightsReadiness> {
  const [sales, active, synced, state, pending] = await Promise.all([
    db.insightsDaily.findFirst({ where: { shop, orders: { gt: 0 } }, select: { day: true } }),
    db.syncRun.findFirst({
      where: {
        shop,
        state: { in: ['queued', 'running'] },
        updatedAt: { gt: new Date(now.getTime() - STALE_AFTER_MS) },
      },
      select: { id: true },
    }),
    db.syncRun.findFirst({ where: { shop, resource: 'orders', state: 'done' }, select: { id: true } }),
    db.insightsRollupState.findUnique({ where: { shop }, select: { builtAt: true, rebuildRequestedAt: true } }),
    db.insightsPendingOrder.findFirst({ where: { shop }, select: { orderId: true } }),
  ]);
  return {
    hasSales: sales !== null,
    syncing: active !== null,
    ordersSynced: synced !== null,
    rollupsPending: !state?.builtAt || state.rebuildRequestedAt !== null || pending !== null,
    rebuilding: !state?.builtAt || state.rebuildRequestedAt !== null,
  };
}
