/**
 * Runs Steward's background work in this process until `signal` aborts: the
 * job queue's worker with every registered job (handlers.server.ts), the
 * webhook pipeline's periodic housekeeping, the sync's catch-ups (at
 * start, closing gaps left by downtime, then every few hours), and the
 * pruning of the database queue's finished jobs. The app
 * process calls it through the server build (app/entry.server.tsx →
 * server.ts) when it runs the worker in-process; `npm run worker`
 * (scripts/worker.ts) calls it too. Resolves once the running jobs have
 * finished after the abort.
 */
import { runSyncSchedule } from '../sync/trigger.server';
import { runWebhookHousekeeping } from '../webhooks/housekeeping.server';
import { logger } from '../logging/logger.server';
import { JOB_HANDLERS } from './handlers.server';
import { runDonePruning } from './prune-done.server';
import { jobQueue, jobQueueDriver } from './index.server';

export interface BackgroundWorkOptions {
  signal: AbortSignal;
  /** Jobs run at once. */
  concurrency: number;
  /** Names this worker in the log ("in-process" or "worker"). */
  role: string;
}

export async function runBackgroundWork({ signal, concurrency, role }: BackgroundWorkOptions): Promise<void> {
  const queue = jobQueue();
  logger.info({ role, driver: jobQueueDriver(), concurrency, jobs: Object.keys(JOB_HANDLERS) }, 'Worker started');
  await Promise.all([
    queue.work({ handlers: JOB_HANDLERS, concurrency, signal }),
    runWebhookHousekeeping({ queue, signal }),
    runSyncSchedule({ queue, signal }),
    runDonePruning({ queue, signal }),
  ]);
  logger.info({ role }, 'Worker stopped');
}
