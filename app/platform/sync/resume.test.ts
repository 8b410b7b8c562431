/**
 * An interrupted sync resumes: a worker process applying an orders file is
 * killed with SIGKILL mid-file; its job's lease runs out, another worker
 * takes the job again, skips the lines already applied (SyncRun.linesDone)
 * and finishes. The proof it skipped them: objectsDone ends exactly at the
 * file's object count (applying them again would count them twice), and the
 * mirror holds exactly the devstore's records (the batch being written when
 * the process died was rolled back, not half-kept).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedShop } from '../../../devstore/seed';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { DbJobQueue } from '../jobs/db.server';

const profile = DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number];
const SHOP = profile.domain;
const state = await seedShop({
  ...profile,
  seed: 21,
  products: 10,
  customers: 200,
  orders: 4_000,
  images: false,
  now: new Date('2026-10-01T12:00:00Z'),
});
const devstore = await startAppDevstore({ shops: [state] });

const { default: prisma } = await import('~/db.server');
const { createSyncJobHandlers } = await import('./jobs.server');
const { requestSync } = await import('./trigger.server');

await installOn(devstore, [SHOP]);
const workDir = await mkdtemp(path.join(os.tmpdir(), 'steward-resume-test-'));
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await devstore.close();
  await rm(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ordersRun = () => prisma.syncRun.findFirst({ where: { shop: SHOP, resource: 'orders' } });

describe('an interrupted sync', () => {
  it('resumes after its worker is killed mid-file, applying each line once', { timeout: 180_000 }, async () => {
    child = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', 'tests/support/sync-worker.ts'], {
      env: { ...process.env, SYNC_WORK_DIR: workDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child?.once('exit', (_code, signal) => resolve(signal)),
    );
    await requestSync(SHOP, 'full');

    // Kill it once some of the orders file is applied and some is not.
    let atKill: Awaited<ReturnType<typeof ordersRun>> = null;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const run = await ordersRun();
      if (run?.objectsTotal && run.objectsDone > 0 && run.objectsDone < run.objectsTotal) {
        child.kill('SIGKILL');
        atKill = run;
        break;
      }
      if (run?.state === 'done') throw new Error('the orders file was applied before the worker could be killed');
      if (Date.now() > deadline) throw new Error(`the orders run never started applying: ${JSON.stringify(run)}`);
      await sleep(5);
    }
    expect(await exited).toBe('SIGKILL');
    const killed = await ordersRun();
    expect(killed?.state).toBe('running');
    expect(killed?.linesDone).toBeGreaterThan(0);
    expect(killed?.linesDone).toBeLessThan(killed?.objectsTotal ?? 0);
    expect(killed?.objectsDone).toBeGreaterThanOrEqual(atKill?.objectsDone ?? 0);

    // Another worker: the killed job comes back once its lease runs out.
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 20, backoff: { baseMs: 50, maxMs: 500 } });
    const stop = new AbortController();
    const working = queue.work({
      handlers: createSyncJobHandlers({ pollFirstMs: 50, pollMaxMs: 200, workDir }),
      concurrency: 2,
      signal: stop.signal,
    });
    try {
      while ((await prisma.syncRun.count({ where: { shop: SHOP, state: 'done' } })) < 4) {
        if (Date.now() > deadline + 30_000) throw new Error('the sync did not finish after the restart');
        await sleep(50);
      }
    } finally {
      stop.abort();
      await working;
      await queue.close();
    }

    const done = await ordersRun();
    expect(done?.state).toBe('done');
    expect(done?.objectsDone).toBe(done?.objectsTotal);
    expect(done?.linesDone).toBe(done?.objectsTotal);
    const applyJobs = await prisma.job.findMany({ where: { shop: SHOP, name: 'sync.bulk-apply' } });
    expect(Math.max(...applyJobs.map((job) => job.attempts))).toBeGreaterThanOrEqual(2);

    const orders = [...state.orders.values()];
    expect(await prisma.order.count({ where: { shop: SHOP } })).toBe(orders.length);
    expect(await prisma.orderLineItem.count({ where: { shop: SHOP } })).toBe(
      orders.reduce((sum, order) => sum + order.lineItems.length, 0),
    );
    expect(await prisma.discountApplication.count({ where: { shop: SHOP } })).toBe(
      orders.reduce((sum, order) => sum + order.discountApplications.length, 0),
    );
    expect(await prisma.customer.count({ where: { shop: SHOP } })).toBe(state.customers.size);
  });
});
