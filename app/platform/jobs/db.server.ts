/**
 * The embedded job queue driver: jobs are rows of the app database (the Job
 * model), so it needs nothing beyond PGlite or PostgreSQL.
 *
 * - Claiming is one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED):
 *   any number of workers, in any number of processes, never claim the same
 *   job while its lease holds.
 * - The claim sets a lease (lockedUntil); a running worker renews it. A job
 *   whose lease has expired (its worker died) is claimed again, so a process
 *   killed mid-job loses nothing; delivery is therefore at least once.
 * - A failed try is retried after base·2^(attempt−1) (capped); after
 *   maxAttempts the job is dead-lettered (state dead, lastError kept).
 * - Finished jobs stay as `done` until pruneDone().
 *
 * Times are compared on the database clock (UTC, as Prisma stores them), so
 * the clocks of several worker machines do not matter.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient } from '@prisma/client';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  emptyStats,
  errorMessage,
  type BackoffOptions,
  type EnqueueOptions,
  type JobInfo,
  type JobPayload,
  type JobQueue,
  type JobStats,
  type RunningJob,
  type WorkOptions,
} from './types';

export interface DbJobQueueOptions {
  /** How often an idle worker looks for due jobs (default 250 ms). */
  pollIntervalMs?: number;
  /** How long a claim holds before another worker may take the job (default 30 s). */
  leaseMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Names this process in lockedBy (default host:pid:random). */
  workerId?: string;
}

interface ClaimedRow {
  id: string;
  name: string;
  shop: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** Resolves after `ms`, or at once when aborted; never keeps the process alive. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });
}

export class DbJobQueue implements JobQueue {
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffOptions;
  private readonly workerId: string;
  private readonly stopping = new AbortController();
  private readonly loops = new Set<Promise<void>>();
  private readonly prisma: PrismaClient;

  constructor(prisma: PrismaClient, options: DbJobQueueOptions = {}) {
    this.prisma = prisma;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions): Promise<string> {
    const { shop, dedupeKey = null, runAt = null, maxAttempts = DEFAULT_MAX_ATTEMPTS } = options;
    // The partial unique index on (shop, dedupeKey) for queued/running jobs
    // makes the dedupe atomic; on a conflict, return the job that holds the key.
    // The loop covers that job finishing between the two statements.
    for (;;) {
      const inserted = await this.prisma.$queryRaw<{ id: string }[]>`
        INSERT INTO "Job" (id, shop, name, payload, "maxAttempts", "runAt", "dedupeKey", "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${shop}, ${name}, ${JSON.stringify(payload)}::jsonb, ${maxAttempts}::int,
                COALESCE(${runAt}::timestamp, now() AT TIME ZONE 'UTC'), ${dedupeKey},
                now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
        ON CONFLICT (shop, "dedupeKey") WHERE "dedupeKey" IS NOT NULL AND "state" IN ('queued', 'running')
        DO NOTHING
        RETURNING id`;
      if (inserted[0]) return inserted[0].id;
      const holder = await this.prisma.job.findFirst({
        where: { shop, dedupeKey, state: { in: ['queued', 'running'] } },
        select: { id: true },
      });
      if (holder) return holder.id;
    }
  }

  work(options: WorkOptions): Promise<void> {
    const loop = this.runLoop(options).finally(() => this.loops.delete(loop));
    this.loops.add(loop);
    return loop;
  }

  private async runLoop({ handlers, concurrency, signal }: WorkOptions): Promise<void> {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new RangeError('concurrency must be a positive integer');
    const stop = AbortSignal.any([signal, this.stopping.signal]);
    const names = Object.keys(handlers);
    const running = new Map<string, Promise<void>>();
    let wake = new AbortController();
    const renewal = setInterval(() => void this.renewLeases([...running.keys()]), Math.max(1, this.leaseMs / 3));
    renewal.unref();
    try {
      while (!stop.aborted) {
        const free = concurrency - running.size;
        const claimed = free > 0 ? await this.claim(names, free) : [];
        for (const job of claimed) {
          const run = this.run(job, handlers, stop).finally(() => {
            running.delete(job.id);
            wake.abort();
          });
          running.set(job.id, run);
        }
        // Either every slot is busy or nothing more is due: wait for a slot to
        // free up (a finishing job wakes the loop) or for the next poll.
        await sleep(this.pollIntervalMs, AbortSignal.any([stop, wake.signal]));
        wake = new AbortController();
      }
      await Promise.all(running.values());
    } finally {
      clearInterval(renewal);
    }
  }

  /** The one claiming statement (see the module comment). */
  private async claim(names: string[], limit: number): Promise<ClaimedRow[]> {
    return this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "Job"
      SET "state" = 'running',
          "lockedUntil" = now() AT TIME ZONE 'UTC' + ${this.leaseMs}::int * interval '1 millisecond',
          "lockedBy" = ${this.workerId},
          attempts = attempts + 1,
          "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE id IN (
        SELECT id FROM "Job"
        WHERE name = ANY(${names}::text[])
          AND (("state" = 'queued' AND "runAt" <= now() AT TIME ZONE 'UTC')
            OR ("state" = 'running' AND "lockedUntil" < now() AT TIME ZONE 'UTC'))
        ORDER BY "runAt"
        LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, name, shop, payload, attempts, "maxAttempts"`;
  }

  private async run(row: ClaimedRow, handlers: WorkOptions['handlers'], signal: AbortSignal): Promise<void> {
    const job: RunningJob = {
      id: row.id,
      name: row.name,
      shop: row.shop,
      payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as JobPayload,
      attempt: row.attempts,
      signal,
    };
    // Only this claim may settle the job: not a worker whose lease was taken over.
    const mine = {
      id: row.id,
      shop: row.shop,
      lockedBy: this.workerId,
      attempts: row.attempts,
      state: 'running' as const,
    };
    try {
      await handlers[row.name]!(job);
    } catch (error) {
      const lastError = errorMessage(error).slice(0, 10_000);
      if (row.attempts >= row.maxAttempts) {
        await this.prisma.job.updateMany({
          where: mine,
          data: { state: 'dead', lockedUntil: null, lockedBy: null, lastError },
        });
      } else {
        const delayMs = backoffDelay(row.attempts, this.backoff);
        await this.prisma.$executeRaw`
          UPDATE "Job"
          SET "state" = 'queued', "lockedUntil" = NULL, "lockedBy" = NULL, "lastError" = ${lastError},
              "runAt" = now() AT TIME ZONE 'UTC' + ${delayMs}::int * interval '1 millisecond',
              "updatedAt" = now() AT TIME ZONE 'UTC'
          WHERE id = ${row.id} AND shop = ${row.shop} AND "lockedBy" = ${this.workerId}
            AND attempts = ${row.attempts}::int AND "state" = 'running'`;
      }
      return;
    }
    await this.prisma.job.updateMany({ where: mine, data: { state: 'done', lockedUntil: null, lockedBy: null } });
  }

  private async renewLeases(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "lockedUntil" = now() AT TIME ZONE 'UTC' + ${this.leaseMs}::int * interval '1 millisecond'
      WHERE id = ANY(${ids}::text[]) AND "lockedBy" = ${this.workerId} AND "state" = 'running'`.catch(() => {
      // A missed renewal only shortens the lease; the next one retries.
    });
  }

  async stats(shop?: string): Promise<JobStats> {
    const groups = await this.prisma.job.groupBy({
      by: ['state'],
      where: shop ? { shop } : {},
      _count: { _all: true },
    });
    const stats = emptyStats();
    for (const group of groups) stats[group.state] = group._count._all;
    return stats;
  }

  async get(shop: string, id: string): Promise<JobInfo | null> {
    return this.prisma.job.findFirst({
      where: { shop, id },
      select: { id: true, name: true, shop: true, state: true, attempts: true, lastError: true },
    });
  }

  /** Deletes `done` jobs last touched before `olderThan`, across shops (housekeeping); returns how many. */
  async pruneDone(olderThan: Date): Promise<number> {
    return (await this.prisma.job.deleteMany({ where: { state: 'done', updatedAt: { lt: olderThan } } })).count;
  }

  /** Stops this instance's workers (running jobs finish); the Prisma client stays open, it is shared. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.loops]);
  }
}
