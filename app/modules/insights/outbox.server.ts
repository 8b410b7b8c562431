/**
 * The rollup outbox: orders whose rollup days must be recomputed, written in
 * the same transaction as the mirror change that affects them, so a change
 * and its mark commit together. The insights.rollup job drains it
 * (rollup-build.server.ts); scheduling that job is rollup-trigger.server.ts's
 * business, after the transaction has committed.
 */
import type { Prisma, PrismaClient } from '@prisma/client';

/**
 * Marks orders changed (new, updated, cancelled or refunded) through `db`:
 * the Prisma client, or the transaction the mirror change runs in. Ids the
 * mirror does not hold are ignored by the job. A mark already there is
 * renewed, so a job that read it before keeps it for its next run.
 */
export async function markOrdersChanged(
  db: PrismaClient | Prisma.TransactionClient,
  shop: string,
  orderIds: readonly bigint[],
): Promise<void> {
  if (orderIds.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "InsightsPendingOrder" (shop, "orderId", "markedAt")
    SELECT ${shop}, id, clock_timestamp() AT TIME ZONE 'UTC'
    FROM unnest(${[...new Set(orderIds)].map(String)}::text[]::bigint[]) AS id
    ON CONFLICT (shop, "orderId") DO UPDATE SET "markedAt" = EXCLUDED."markedAt"`;
}
