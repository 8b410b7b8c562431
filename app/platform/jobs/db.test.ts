import { describe, expect, it } from 'vitest';
// The app's client: one connection on the embedded database, a pool of ten on
// PostgreSQL (npm run test:postgres), where the workers below really race.
import prisma from '~/db.server';
import { DbJobQueue } from './db.server';
import { KEEP_DONE_MS, runDonePruning } from './prune-done.server';
import { describeJobQueue, fresh, waitFor, workUntil } from './queue.contract';

describeJobQueue(
  'db',
  ({ backoffBaseMs }) => new DbJobQueue(prisma, { pollIntervalMs: 5, backoff: { baseMs: backoffBaseMs } }),
);

describe('db job queue', () => {
  it('reclaims a job whose worker died mid-run (lease expired) and completes it exactly once', async () => {
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 5 });
    const { name, shop } = fresh('reclaim');
    const id = await queue.enqueue(name, { step: 'import' }, { shop });
    // What a worker killed mid-job leaves behind: running, claimed once, lease expired.
    await prisma.job.updateMany({
      where: { shop, id },
      data: { state: 'running', attempts: 1, lockedBy: 'dead-worker', lockedUntil: new Date(Date.now() - 1_000) },
    });
    const runs: number[] = [];
    await workUntil(
      queue,
      { [name]: async (job) => void runs.push(job.attempt) },
      async () => (await queue.stats(shop)).done === 1,
    );
    expect(runs).toEqual([2]);
    expect(await prisma.job.findFirst({ where: { shop, id } })).toMatchObject({
      state: 'done',
      attempts: 2,
      lockedBy: null,
    });
    await queue.close();
  });

  it('does not take a job whose lease still holds', async () => {
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 5 });
    const { name, shop } = fresh('leased');
    const id = await queue.enqueue(name, {}, { shop });
    await prisma.job.updateMany({
      where: { shop, id },
      data: { state: 'running', attempts: 1, lockedBy: 'live-worker', lockedUntil: new Date(Date.now() + 60_000) },
    });
    const other = await queue.enqueue(name, {}, { shop });
    const runs: string[] = [];
    await workUntil(queue, { [name]: async (job) => void runs.push(job.id) }, () => runs.length === 1);
    expect(runs).toEqual([other]);
    expect(await queue.get(shop, id)).toMatchObject({ state: 'running', attempts: 1 });
    await queue.close();
  });

  it('two workers on one queue never run the same job twice', async () => {
    const workers = [
      new DbJobQueue(prisma, { pollIntervalMs: 5, workerId: 'worker-a' }),
      new DbJobQueue(prisma, { pollIntervalMs: 5, workerId: 'worker-b' }),
    ];
    const { name, shop } = fresh('two-workers');
    for (let i = 0; i < 200; i++) await workers[0]!.enqueue(name, { i }, { shop });
    const runs = new Map<string, number>();
    const byWorker = [0, 0];
    const stop = new AbortController();
    const working = workers.map((queue, w) =>
      queue.work({
        handlers: {
          [name]: async (job) => {
            runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
            byWorker[w]! += 1;
            await new Promise((resolve) => setImmediate(resolve));
          },
        },
        concurrency: 4,
        signal: stop.signal,
      }),
    );
    await waitFor(async () => (await workers[0]!.stats(shop)).done === 200, '200 jobs done');
    stop.abort();
    await Promise.all(working);
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(byWorker[0]! + byWorker[1]!).toBe(200);
    await Promise.all(workers.map((queue) => queue.close()));
  });

  it('prunes done jobs older than a date and keeps the rest', async () => {
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 5 });
    const { name, shop } = fresh('prune');
    await queue.enqueue(name, {}, { shop });
    await queue.enqueue(name, {}, { shop, runAt: new Date(Date.now() + 3_600_000) });
    await workUntil(queue, { [name]: async () => {} }, async () => (await queue.stats(shop)).done === 1);
    expect(await queue.pruneDone(new Date(Date.now() - 60_000))).toBe(0);
    await queue.pruneDone(new Date(Date.now() + 60_000));
    expect(await queue.stats(shop)).toEqual({ queued: 1, running: 0, done: 0, dead: 0 });
    await queue.close();
  });

  it('prunes, in the background work, done jobs finished more than a day ago', async () => {
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 5 });
    const { name, shop } = fresh('background-prune');
    const [old, recent] = [await queue.enqueue(name, {}, { shop }), await queue.enqueue(name, {}, { shop })];
    await workUntil(queue, { [name]: async () => {} }, async () => (await queue.stats(shop)).done === 2);
    await prisma.job.updateMany({
      where: { shop, id: old },
      data: { updatedAt: new Date(Date.now() - KEEP_DONE_MS - 60_000) },
    });
    const stop = new AbortController();
    const pruning = runDonePruning({ queue, signal: stop.signal });
    stop.abort(); // the first run has started; the schedule ends after it
    await pruning;
    expect((await prisma.job.findMany({ where: { shop }, select: { id: true } })).map((job) => job.id)).toEqual([
      recent,
    ]);
    await queue.close();
  });
});
