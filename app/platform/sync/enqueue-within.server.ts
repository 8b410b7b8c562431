/**
 * Enqueues a job from inside a caller's transaction (a webhook handler runs
 * in the processor's). With the database driver the job row is written
 * through that transaction, so it exists exactly when the transaction
 * commits, and no second connection is asked for while the transaction holds
 * the embedded database's only one. With BullMQ the job goes to Redis at
 * once: not atomic with the transaction, so what it asks for must be safe to
 * run again (every sync job is).
 */
import type { PrismaClient } from '@prisma/client';
import { DbJobQueue } from '../jobs/db.server';
import { jobQueue, jobQueueDriver } from '../jobs/index.server';
import type { EnqueueOptions, JobPayload } from '../jobs/types';
import type { Tx } from '../webhooks/types';

export function enqueueWithin(tx: Tx, name: string, payload: JobPayload, options: EnqueueOptions): Promise<string> {
  if (jobQueueDriver() === 'bullmq') return jobQueue().enqueue(name, payload, options);
  // DbJobQueue.enqueue needs only $queryRaw and job.findFirst, which a transaction client has.
  return new DbJobQueue(tx as unknown as PrismaClient).enqueue(name, payload, options);
}
