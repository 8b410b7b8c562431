/**
 * Steward's job queue: one interface, two drivers (db.server.ts, the embedded
 * default; bullmq.server.ts when REDIS_URL is set). Every job carries its shop.
 * Delivery is at least once: a handler must be safe to run again for the same
 * job (a lease that expires mid-run is reclaimed by another worker).
 */

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export type JobPayload = Record<string, unknown>;

export interface EnqueueOptions {
  shop: string;
  /** While a job with this (shop, dedupeKey) is queued or running, enqueue returns its id instead. */
  dedupeKey?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Tries before the job is dead-lettered (default 8). */
  maxAttempts?: number;
}

export interface RunningJob {
  id: string;
  name: string;
  shop: string;
  payload: JobPayload;
  /** 1 on the first try. */
  attempt: number;
  /**
   * Aborted when this worker is stopping. A long job may end early at a safe
   * point (finishing normally); whatever it left is its own to pick up later.
   */
  signal: AbortSignal;
}

export type JobHandler = (job: RunningJob) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface WorkOptions {
  handlers: JobHandlers;
  /** Jobs run at once by this worker. */
  concurrency: number;
  /** Stops claiming when aborted; work() resolves once the running jobs have finished. */
  signal: AbortSignal;
}

export type JobStats = Record<JobState, number>;

export interface JobInfo {
  id: string;
  name: string;
  shop: string;
  state: JobState;
  attempts: number;
  lastError: string | null;
}

export interface JobQueue {
  /** Queues a job; returns its id (the existing one when deduplicated). */
  enqueue(name: string, payload: JobPayload, options: EnqueueOptions): Promise<string>;
  /** Claims and runs jobs named in `handlers` until `signal` is aborted. */
  work(options: WorkOptions): Promise<void>;
  /** Counts by state, of one shop or of all. */
  stats(shop?: string): Promise<JobStats>;
  /** One job of a shop, or null. */
  get(shop: string, id: string): Promise<JobInfo | null>;
  /** Stops this instance's workers and releases its connections. */
  close(): Promise<void>;
}

export interface BackoffOptions {
  /** Delay before the second try; each later try doubles it. */
  baseMs: number;
  /** Ceiling of one delay. */
  maxMs: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60 * 60_000 };

/** The wait after failed try `attempt` (1-based): base·2^(attempt−1), capped. */
export function backoffDelay(attempt: number, backoff: BackoffOptions): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(0, attempt - 1), backoff.maxMs);
}

export function emptyStats(): JobStats {
  return { queued: 0, running: 0, done: 0, dead: 0 };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
