/**
 * Keeps the database queue's table from growing without bound: every hour,
 * `done` jobs finished more than a day ago are deleted (dead letters stay for
 * a person to read). BullMQ removes its own done jobs (a day, bullmq.server.ts).
 */
import { logger } from '../logging/logger.server';
import { DbJobQueue } from './db.server';
import { runEvery } from './every.server';
import type { JobQueue } from './types';

const log = logger.child({ component: 'job-pruning' });

export const KEEP_DONE_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export function runDonePruning({ queue, signal }: { queue: JobQueue; signal: AbortSignal }): Promise<void> {
  if (!(queue instanceof DbJobQueue)) return Promise.resolve();
  return runEvery(
    PRUNE_EVERY_MS,
    signal,
    async () => {
      const pruned = await queue.pruneDone(new Date(Date.now() - KEEP_DONE_MS));
      if (pruned > 0) log.info({ pruned }, 'Finished jobs pruned');
    },
    (error) => log.error({ err: error }, 'Pruning finished jobs failed'),
  );
}
