/**
 * Asking for a sync: after install (the afterAuth task), from the Sync page
 * ("Sync now") and on a schedule. A request only queues `sync.start`; the
 * job plans the runs, leaving alone any resource whose run is still going,
 * so asking twice never syncs twice at once.
 *
 * - full: every resource again through bulk operations.
 * - catchup: what changed since the last finished run, through paged reads;
 *   a resource never synced gets its full sync instead.
 */
import { runEvery } from '../jobs/every.server';
import type { JobQueue } from '../jobs/types';
import { jobQueue } from '../jobs/index.server';
import { logger } from '../logging/logger.server';
import type { AfterAuthTask } from '../shopify/after-auth.server';
import prisma from '../../db.server';
import { startKey, SYNC_JOBS, SYNC_MAX_ATTEMPTS } from './job-names';
import type { SyncMode } from './resources';

/** Queues a sync of the shop; returns the job's id (the pending one when a request is already queued). */
export function requestSync(shop: string, mode: SyncMode, queue: JobQueue = jobQueue()): Promise<string> {
  return queue.enqueue(SYNC_JOBS.start, { mode }, { shop, dedupeKey: startKey(mode), maxAttempts: SYNC_MAX_ATTEMPTS });
}

/**
 * After install or re-install: the first full sync, or a catch-up over the
 * time Steward was away. Idempotent: a sync already running is left alone.
 */
export const FIRST_SYNC_TASK: AfterAuthTask = {
  name: 'sync',
  async run(session) {
    await requestSync(session.shop, 'catchup');
  },
};

/** How often every installed shop gets a catch-up (besides one when a worker starts). */
export const CATCH_UP_EVERY_MS = 6 * 60 * 60_000;

/**
 * Queues a catch-up for every installed shop (an offline session) that has
 * synced before, or tried to; returns those shops. A shop never synced gets
 * its first sync after install; one whose first sync failed gets it again
 * here (a catch-up of a resource never finished is a full sync).
 */
export async function scheduleCatchUps(queue: JobQueue = jobQueue()): Promise<string[]> {
  // Across shops on purpose: it only finds which shops to ask for; each job names its shop.
  const synced = await prisma.syncRun.findMany({ distinct: ['shop'], select: { shop: true } });
  const installed = await prisma.session.findMany({
    where: { isOnline: false, shop: { in: synced.map((run) => run.shop) } },
    distinct: ['shop'],
    select: { shop: true },
  });
  for (const { shop } of installed) await requestSync(shop, 'catchup', queue);
  return installed.map((row) => row.shop);
}

/**
 * Queues catch-ups now (closing gaps after downtime) and then every
 * `everyMs`, until `signal` aborts. Run by every process that runs a worker;
 * several doing it at once queue one request per shop (the dedupe key).
 */
export function runSyncSchedule(options: { queue: JobQueue; signal: AbortSignal; everyMs?: number }): Promise<void> {
  const { queue, signal, everyMs = CATCH_UP_EVERY_MS } = options;
  const log = logger.child({ component: 'sync-schedule' });
  return runEvery(
    everyMs,
    signal,
    () => scheduleCatchUps(queue),
    (error) => log.warn({ err: error }, 'Scheduling catch-ups failed; will retry'),
  );
}
