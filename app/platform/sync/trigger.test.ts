/**
 * How syncs are asked for and planned, on a real database: the afterAuth
 * task queues one request however often the hook runs; planning leaves a
 * resource with a run going alone, turns a catch-up of a resource never
 * synced into a full sync, starts a catch-up where the last run stopped, and
 * gives up on a run silent for hours; the schedule asks for catch-ups of the
 * installed shops that have synced, and of no others.
 */
import { Session } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { runAfterAuth } from '../shopify/after-auth.server';
import { planRuns, STALE_AFTER_MS } from './runs.server';
import { runSyncSchedule, scheduleCatchUps } from './trigger.server';

const session = (shop: string) =>
  new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, accessToken: 'shpat_test' });

const startJobs = (shop: string) =>
  prisma.job.findMany({ where: { shop, name: 'sync.start' }, select: { payload: true, state: true } });

describe('asking for a sync', () => {
  it('after install queues one request, however often the hook runs', async () => {
    const shop = 'installed-once.myshopify.com';
    await runAfterAuth(session(shop));
    await runAfterAuth(session(shop));
    expect(await startJobs(shop)).toEqual([{ payload: { mode: 'catchup' }, state: 'queued' }]);
  });

  it('plans a full sync of what was never synced, and a catch-up from where the last run stopped', async () => {
    const shop = 'planned.myshopify.com';
    const first = await planRuns(prisma, shop, 'catchup');
    expect(first.map((run) => [run.resource, run.mode, run.since])).toEqual([
      ['products', 'full', null],
      ['customers', 'full', null],
      ['orders', 'full', null],
      ['inventory', 'full', null],
    ]);
    // While those run, nothing more is planned.
    expect(await planRuns(prisma, shop, 'full')).toEqual([]);

    const highWater = new Date('2026-11-01T10:00:00Z');
    await prisma.syncRun.updateMany({ where: { shop }, data: { state: 'done', finishedAt: new Date(), highWater } });
    await prisma.syncRun.updateMany({
      where: { shop, resource: 'orders' },
      data: { state: 'failed', highWater: null },
    });
    const next = await planRuns(prisma, shop, 'catchup');
    expect(next.map((run) => [run.resource, run.mode, run.since])).toEqual([
      ['products', 'catchup', highWater],
      ['customers', 'catchup', highWater],
      ['orders', 'full', null],
      ['inventory', 'catchup', highWater],
    ]);
  });

  it('gives up on a run silent for longer than STALE_AFTER_MS, and plans a new one', async () => {
    const shop = 'stale.myshopify.com';
    const [run] = await planRuns(prisma, shop, 'full', ['orders']);
    await prisma.$executeRaw`UPDATE "SyncRun" SET "updatedAt" = ${new Date(Date.now() - STALE_AFTER_MS - 60_000)}
      WHERE shop = ${shop} AND id = ${run?.id}`;
    const [replacement] = await planRuns(prisma, shop, 'full', ['orders']);
    expect(replacement?.id).not.toBe(run?.id);
    expect(await prisma.syncRun.findFirst({ where: { shop, id: run?.id } })).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('no progress'),
    });
  });

  it('schedules catch-ups for installed shops that have synced, and stops when told', async () => {
    const { sessionStorage } = await import('~/shopify.server');
    const synced = 'synced.myshopify.com';
    const neverSynced = 'never-synced.myshopify.com';
    const uninstalled = 'uninstalled.myshopify.com';
    await sessionStorage.storeSession(session(synced));
    await sessionStorage.storeSession(session(neverSynced));
    await planRuns(prisma, synced, 'full', ['products']);
    await planRuns(prisma, uninstalled, 'full', ['products']);

    const { DbJobQueue } = await import('../jobs/db.server');
    const queue = new DbJobQueue(prisma);
    expect(await scheduleCatchUps(queue)).toContain(synced);
    expect(await scheduleCatchUps(queue)).not.toContain(neverSynced);
    expect(await startJobs(synced)).toEqual([{ payload: { mode: 'catchup' }, state: 'queued' }]);
    expect(await startJobs(neverSynced)).toEqual([]);
    expect(await startJobs(uninstalled)).toEqual([]);

    const stop = new AbortController();
    const running = runSyncSchedule({ queue, signal: stop.signal, everyMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await running;
    // Asked again and again, still one request waiting.
    expect(await startJobs(synced)).toHaveLength(1);
  });
});
