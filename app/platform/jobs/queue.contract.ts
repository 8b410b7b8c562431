/**
 * The behaviour every JobQueue driver must have, run against each driver by
 * db.test.ts and bullmq.test.ts. Each case uses its own job names and shops, so
 * cases sharing a database or a Redis cannot see each other's jobs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHandlers, JobQueue, RunningJob } from './types';

export interface QueueFactoryOptions {
  /** Backoff base in ms (tests use small ones). */
  backoffBaseMs: number;
}

export type QueueFactory = (options: QueueFactoryOptions) => Promise<JobQueue> | JobQueue;

export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let unique = 0;
/** A job name and shop no other case uses. */
export function fresh(label: string) {
  unique += 1;
  const tag = `${label}-${process.pid}-${unique}`;
  return { name: tag.replace(/[^a-z0-9-]/gi, '-'), shop: `${tag}.myshopify.com` };
}

/** Runs `handlers` on `queue` until `until` holds, then stops the worker and waits for it. */
export async function workUntil(
  queue: JobQueue,
  handlers: JobHandlers,
  until: () => Promise<boolean> | boolean,
  concurrency = 2,
) {
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency, signal: stop.signal });
  try {
    await waitFor(until, 'the jobs to finish');
  } finally {
    stop.abort();
    await working;
  }
}

export function describeJobQueue(driver: string, makeQueue: QueueFactory) {
  describe(`job queue contract: ${driver}`, () => {
    const opened: JobQueue[] = [];
    const open = async (options: QueueFactoryOptions = { backoffBaseMs: 5 }) => {
      const queue = await makeQueue(options);
      opened.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    it('runs an enqueued job once, with its payload and shop', async () => {
      const queue = await open();
      const { name, shop } = fresh('once');
      const seen: RunningJob[] = [];
      const id = await queue.enqueue(name, { productId: 42, title: 'Mug' }, { shop });
      await workUntil(
        queue,
        { [name]: async (job) => void seen.push(job) },
        async () => (await queue.stats(shop)).done === 1,
      );
      expect(seen.map(({ signal: _signal, ...job }) => job)).toEqual([
        { id, name, shop, payload: { productId: 42, title: 'Mug' }, attempt: 1 },
      ]);
      expect(await queue.get(shop, id)).toMatchObject({ id, shop, name, state: 'done', attempts: 1 });
      expect(await queue.get('other-shop.myshopify.com', id)).toBeNull();
    });

    it('tells a running job when its worker is stopping, and waits for it to end', async () => {
      const queue = await open();
      const { name, shop } = fresh('stopping');
      await queue.enqueue(name, {}, { shop });
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      let sawAbort = false;
      const stop = new AbortController();
      const working = queue.work({
        handlers: {
          [name]: async (job) => {
            started();
            await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve(), { once: true }));
            sawAbort = job.signal.aborted;
          },
        },
        concurrency: 1,
        signal: stop.signal,
      });
      await running;
      stop.abort();
      await working;
      expect(sawAbort).toBe(true);
      expect((await queue.stats(shop)).done).toBe(1);
    });

    it('does not queue a job twice while one with its dedupe key is queued, and does after it ran', async () => {
      const queue = await open();
      const { name, shop } = fresh('dedupe');
      const first = await queue.enqueue(name, { n: 1 }, { shop, dedupeKey: 'sync-products' });
      const second = await queue.enqueue(name, { n: 2 }, { shop, dedupeKey: 'sync-products' });
      const otherShop = await queue.enqueue(name, { n: 3 }, { shop: `x-${shop}`, dedupeKey: 'sync-products' });
      expect(second).toBe(first);
      expect(otherShop).not.toBe(first);
      expect((await queue.stats(shop)).queued).toBe(1);

      const runs: unknown[] = [];
      await workUntil(queue, { [name]: async (job) => void runs.push(job.payload) }, () => runs.length === 2);
      expect(runs).toContainEqual({ n: 1 });
      expect(runs).not.toContainEqual({ n: 2 });

      const third = await queue.enqueue(name, { n: 4 }, { shop, dedupeKey: 'sync-products' });
      expect(third).not.toBe(first);
      expect((await queue.stats(shop)).queued).toBe(1);
    });

    it('retries a failing job with growing delays, then dead-letters it with the last error', async () => {
      const base = 40;
      const queue = await open({ backoffBaseMs: base });
      const { name, shop } = fresh('retry');
      const tries: { attempt: number; at: number }[] = [];
      const id = await queue.enqueue(name, {}, { shop, maxAttempts: 4 });
      await workUntil(
        queue,
        {
          [name]: async (job) => {
            tries.push({ attempt: job.attempt, at: performance.now() });
            throw new Error(`boom on try ${job.attempt}`);
          },
        },
        async () => (await queue.stats(shop)).dead === 1,
      );
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3, 4]);
      // Lower bounds only (the delays base, 2·base, 4·base), with 5 ms for timestamp rounding.
      const gaps = tries.slice(1).map((t, i) => t.at - tries[i]!.at);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(base * 2 ** i - 5));
      const dead = await queue.get(shop, id);
      expect(dead).toMatchObject({ state: 'dead', attempts: 4 });
      expect(dead?.lastError).toContain('boom on try 4');
      expect(await queue.stats(shop)).toEqual({ queued: 0, running: 0, done: 0, dead: 1 });
    });

    it('never runs more jobs at once than its concurrency', async () => {
      const queue = await open();
      const { name, shop } = fresh('concurrency');
      for (let i = 0; i < 12; i++) await queue.enqueue(name, { i }, { shop });
      let inFlight = 0;
      let peak = 0;
      let finished = 0;
      await workUntil(
        queue,
        {
          [name]: async () => {
            inFlight += 1;
            peak = Math.max(peak, inFlight);
            await new Promise((resolve) => setTimeout(resolve, 15));
            inFlight -= 1;
            finished += 1;
          },
        },
        () => finished === 12,
        3,
      );
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    });

    it('keeps every shop’s counts apart', async () => {
      const queue = await open();
      const { name, shop } = fresh('stats');
      const other = `other-${shop}`;
      await queue.enqueue(name, {}, { shop });
      await queue.enqueue(name, {}, { shop });
      await queue.enqueue(name, {}, { shop: other });
      await queue.enqueue(name, {}, { shop: other, runAt: new Date(Date.now() + 3_600_000) });
      expect(await queue.stats(shop)).toEqual({ queued: 2, running: 0, done: 0, dead: 0 });
      expect(await queue.stats(other)).toEqual({ queued: 2, running: 0, done: 0, dead: 0 });
      await workUntil(
        queue,
        { [name]: async () => {} },
        async () => (await queue.stats(other)).done === 1 && (await queue.stats(shop)).done === 2,
      );
      expect(await queue.stats(shop)).toEqual({ queued: 0, running: 0, done: 2, dead: 0 });
      // The job due in an hour is still waiting.
      expect(await queue.stats(other)).toEqual({ queued: 1, running: 0, done: 1, dead: 0 });
      const all = await queue.stats();
      expect(all.done).toBeGreaterThanOrEqual(3);
    });
  });
}
