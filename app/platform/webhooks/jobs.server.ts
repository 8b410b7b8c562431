/**
 * The webhook pipeline's jobs, registered in app/platform/jobs/handlers.server.ts:
 * - `webhooks.process`: applies a shop's stored events (processor.server.ts).
 *   One per shop at a time: the dedupe key makes every enqueue while one is
 *   queued or running return that one.
 * - `webhooks.prune`: deletes a shop's handled events older than 7 days
 *   (payloads hold personal data), a thousand rows per statement so the
 *   embedded database's one connection is never held for long.
 */
import prisma from '~/db.server';
import { env } from '~/env.server';
import { scheduleRollups } from '~/modules/insights/rollup-trigger.server';
import type { JobHandlers, JobQueue } from '../jobs/types';
import { isEmbeddedSocketUrl } from '../db/embedded.server';
import { logger } from '../logging/logger.server';
import { WEBHOOK_HANDLERS } from './handlers.server';
import { yieldToDeliveries } from './ingest-pressure.server';
import { MAX_EVENT_ATTEMPTS, processShopEvents } from './processor.server';

export const PROCESS_JOB = 'webhooks.process';
export const PRUNE_JOB = 'webhooks.prune';
export const RETENTION_DAYS = 7;
const PRUNE_CHUNK = 1_000;

export function enqueueProcessing(queue: JobQueue, shop: string): Promise<string> {
  return queue.enqueue(PROCESS_JOB, {}, { shop, dedupeKey: PROCESS_JOB });
}

export function enqueuePrune(queue: JobQueue, shop: string): Promise<string> {
  return queue.enqueue(PRUNE_JOB, {}, { shop, dedupeKey: PRUNE_JOB });
}

/** The cut-off: events received before it are pruned once processed (or dead). */
export function retentionCutoff(now = new Date()): Date {
  return new Date(now.getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000);
}

/** Deletes the shop's processed and dead events received before `cutoff`; returns how many. */
export async function pruneShopEvents(shop: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE id IN (
        SELECT id FROM "WebhookEvent"
        WHERE shop = ${shop} AND "receivedAt" < ${cutoff}
          AND ("processedAt" IS NOT NULL OR attempts >= ${MAX_EVENT_ATTEMPTS}::int)
        LIMIT ${PRUNE_CHUNK}::int
      )`;
    total += deleted;
    if (deleted < PRUNE_CHUNK) return total;
  }
}

// Only the embedded database makes the inbox and the processor share one
// thread and one connection; on PostgreSQL they do not compete.
const pace = isEmbeddedSocketUrl(env.DATABASE_URL) ? yieldToDeliveries : undefined;

export const WEBHOOK_JOB_HANDLERS: JobHandlers = {
  async [PROCESS_JOB]({ shop, signal }) {
    const { applied, dead } = await processShopEvents(prisma, shop, {
      handlers: WEBHOOK_HANDLERS,
      pace,
      signal,
    });
    // Insights: orders marked changed by the handlers get their rollups (and findings) recomputed.
    if (applied > 0) await scheduleRollups(shop);
    if (applied > 0 || dead > 0) logger.debug({ shop, applied, dead }, 'Webhook processing run finished');
  },

  async [PRUNE_JOB]({ shop }) {
    const pruned = await pruneShopEvents(shop, retentionCutoff());
    if (pruned > 0) logger.info({ shop, pruned }, 'Old webhook events pruned');
  },
};
