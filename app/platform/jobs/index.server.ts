/**
 * The process's job queue: BullMQ when REDIS_URL is set, otherwise the
 * embedded database driver. Enqueue from anywhere with `jobQueue().enqueue(…)`;
 * jobs run wherever runBackgroundWork runs (background.server.ts): the app
 * process, `npm run worker` processes (scripts/worker.ts), or both.
 */
import prisma from '~/db.server';
import { env } from '~/env.server';
import { BullJobQueue } from './bullmq.server';
import { DbJobQueue } from './db.server';
import type { JobQueue } from './types';

export type { JobQueue } from './types';

// One queue per process, surviving Vite's module reloads in development.
const QUEUE_KEY = Symbol.for('steward.jobQueue');
type WithQueue = typeof globalThis & { [QUEUE_KEY]?: JobQueue };
const holder = globalThis as WithQueue;

export function jobQueue(): JobQueue {
  return (holder[QUEUE_KEY] ??= env.REDIS_URL ? new BullJobQueue({ url: env.REDIS_URL }) : new DbJobQueue(prisma));
}

/** Which driver jobQueue() uses, for logs. */
export function jobQueueDriver(): 'bullmq' | 'db' {
  return env.REDIS_URL ? 'bullmq' : 'db';
}
