/**
 * The Redis job queue driver (chosen when REDIS_URL is set): the JobQueue
 * interface on BullMQ, for any number of `npm run worker` processes.
 *
 * - One BullMQ queue per Steward job name, under the `steward` key prefix.
 * - Dedupe: BullMQ's deduplication id `<shop>|<dedupeKey>` holds while the job
 *   is waiting, delayed or active, and frees when it completes or fails, which
 *   is exactly "not queued twice while queued or running".
 * - Retries: `attempts` = maxAttempts with capped exponential backoff; a job
 *   that fails its last try stays in BullMQ's failed set (the dead letters).
 * - A worker that dies mid-job: BullMQ's stalled-job check moves the job back.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  emptyStats,
  type BackoffOptions,
  type EnqueueOptions,
  type JobInfo,
  type JobPayload,
  type JobQueue,
  type JobState,
  type JobStats,
  type WorkOptions,
} from './types';

export interface BullJobQueueOptions {
  /** A redis:// URL. */
  url: string;
  /** Key prefix in Redis (default "steward"). */
  prefix?: string;
  backoff?: Partial<BackoffOptions>;
  /** Completed jobs kept for stats and inspection (default: a day, at most 10,000 per queue). */
  keepDone?: { age: number; count: number };
}

interface JobData {
  shop: string;
  payload: JobPayload;
}

const BULL_STATES: Record<
  JobState,
  ('waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'active' | 'completed' | 'failed')[]
> = {
  queued: ['waiting', 'delayed', 'prioritized', 'waiting-children'],
  running: ['active'],
  done: ['completed'],
  dead: ['failed'],
};

/** Steward job ids name their BullMQ queue: `<job name>/<id>`. */
function jobId(name: string, id: string): string {
  return `${name}/${id}`;
}

export class BullJobQueue implements JobQueue {
  private readonly connection: ConnectionOptions;
  private readonly prefix: string;
  private readonly backoff: BackoffOptions;
  private readonly keepDone: { age: number; count: number };
  private readonly queues = new Map<string, Queue<JobData>>();
  private readonly workers = new Set<Worker<JobData>>();
  private readonly stopping = new AbortController();
  private readonly loops = new Set<Promise<void>>();
  private admin?: Queue;

  constructor(options: BullJobQueueOptions) {
    this.connection = { url: options.url, maxRetriesPerRequest: null };
    this.prefix = options.prefix ?? 'steward';
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.keepDone = options.keepDone ?? { age: 24 * 3600, count: 10_000 };
  }

  private queue(name: string): Queue<JobData> {
    if (name.includes(':') || name.includes('/')) throw new Error(`Job names cannot contain ":" or "/": ${name}`);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<JobData>(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions): Promise<string> {
    const { shop, dedupeKey, runAt, maxAttempts = DEFAULT_MAX_ATTEMPTS } = options;
    const job = await this.queue(name).add(
      name,
      { shop, payload },
      {
        jobId: randomUUID(),
        deduplication: dedupeKey ? { id: `${shop}|${dedupeKey}` } : undefined,
        delay: runAt ? Math.max(0, runAt.getTime() - Date.now()) : undefined,
        attempts: maxAttempts,
        backoff: { type: 'steward' },
        removeOnComplete: this.keepDone,
        removeOnFail: false,
      },
    );
    return jobId(name, job.id!);
  }

  work(options: WorkOptions): Promise<void> {
    const loop = this.runWorkers(options).finally(() => this.loops.delete(loop));
    this.loops.add(loop);
    return loop;
  }

  private async runWorkers({ handlers, concurrency, signal }: WorkOptions): Promise<void> {
    const stop = AbortSignal.any([signal, this.stopping.signal]);
    if (stop.aborted) return;
    // One BullMQ worker per job name, sharing the concurrency budget through a semaphore.
    const slots = new Semaphore(concurrency);
    const workers = Object.entries(handlers).map(
      ([name, handler]) =>
        new Worker<JobData>(
          name,
          async (job: Job<JobData>) => {
            await slots.acquire();
            try {
              await handler({
                id: jobId(name, job.id!),
                name,
                shop: job.data.shop,
                payload: job.data.payload,
                attempt: job.attemptsMade + 1,
                signal: stop,
              });
            } finally {
              slots.release();
            }
          },
          {
            connection: this.connection,
            prefix: this.prefix,
            concurrency,
            settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.backoff) },
          },
        ),
    );
    for (const worker of workers) this.workers.add(worker);
    await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
    // close() waits for the active jobs to finish.
    await Promise.all(workers.map((worker) => worker.close()));
    for (const worker of workers) this.workers.delete(worker);
  }

  async stats(shop?: string): Promise<JobStats> {
    const stats = emptyStats();
    for (const queue of await this.knownQueues()) {
      for (const [state, bullStates] of Object.entries(BULL_STATES) as [JobState, (typeof BULL_STATES)[JobState]][]) {
        if (!shop) {
          const counts = await queue.getJobCounts(...bullStates);
          stats[state] += Object.values(counts).reduce((sum, n) => sum + n, 0);
        } else {
          // BullMQ keeps no per-shop counts: scan the jobs (fine for inspection, not a hot path).
          const jobs = await queue.getJobs(bullStates);
          stats[state] += jobs.filter((job) => job?.data.shop === shop).length;
        }
      }
    }
    return stats;
  }

  async get(shop: string, id: string): Promise<JobInfo | null> {
    const slash = id.indexOf('/');
    if (slash < 0) return null;
    const name = id.slice(0, slash);
    const job = await this.queue(name).getJob(id.slice(slash + 1));
    if (!job || job.data.shop !== shop) return null;
    const bullState = await job.getState();
    const state = (Object.keys(BULL_STATES) as JobState[]).find((s) =>
      (BULL_STATES[s] as string[]).includes(bullState),
    );
    return {
      id,
      name,
      shop,
      state: state ?? 'queued',
      attempts: job.attemptsMade,
      lastError: job.stacktrace?.at(-1) ?? job.failedReason ?? null,
    };
  }

  /** The queues this instance has used plus those that exist in Redis under the prefix. */
  private async knownQueues(): Promise<Queue<JobData>[]> {
    // Any Queue's client will do for the scan; "_admin" never holds jobs.
    this.admin ??= new Queue('_admin', { connection: this.connection, prefix: this.prefix });
    const client = await this.admin.client;
    const names = new Set(this.queues.keys());
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, { MATCH: `${this.prefix}:*:meta`, COUNT: 1000 });
      cursor = next;
      for (const key of keys) names.add(key.slice(this.prefix.length + 1, -':meta'.length));
    } while (cursor !== '0');
    names.delete('_admin');
    return [...names].map((name) => this.queue(name));
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.loops]);
    await Promise.all([...this.queues.values(), ...(this.admin ? [this.admin] : [])].map((queue) => queue.close()));
    this.queues.clear();
    this.admin = undefined;
  }
}

/** Shares one concurrency budget among the per-name BullMQ workers. */
class Semaphore {
  private readonly waiting: (() => void)[] = [];
  private free: number;

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
