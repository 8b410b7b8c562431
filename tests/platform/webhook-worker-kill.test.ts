/**
 * Reliability: a real worker process is killed with SIGKILL in the middle of
 * applying a shop's webhook events, then started again. Every event ends up
 * applied exactly once in effect: each processed once (what was marked
 * processed before the kill is untouched after it), one activity entry per
 * event, and the mirror in the state in-order delivery gives.
 * On PostgreSQL (`npm run test:postgres`) the worker is `npm run worker`'s
 * script on this test file's database; on the embedded database it is a
 * process owning a database directory of its own (tests/support/embedded-worker.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import appPrisma from '~/db.server';
import { liveOwner, openEmbeddedDatabase, EMBEDDED_APPLICATION_NAME } from '~/platform/db/embedded.server';
import { WebhookInbox } from '~/platform/webhooks/inbox.server';
import { enqueueProcessing } from '~/platform/webhooks/jobs.server';
import { DbJobQueue } from '~/platform/jobs/db.server';
import { seedShop } from '../../devstore/seed';
import { buildPayload } from '../../devstore/webhooks/payloads';
import { TEST_ENV } from '../support/test-env';

const SHOP = 'kill-test.myshopify.com';
const PRODUCTS = 30;
const VERSIONS = 12;
const onPostgres = Boolean(process.env.TEST_POSTGRES_TEMPLATE_URL);
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-kill-')), 'pglite');
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/**
 * The database the worker works on, seen from this test: this file's own
 * (PostgreSQL), or the worker's directory: through the running worker's
 * socket, or opened here while no worker runs (`running`: wait for one).
 */
async function workerDatabase(running: boolean): Promise<{ prisma: PrismaClient; close(): Promise<void> }> {
  if (onPostgres) return { prisma: appPrisma, close: async () => {} };
  let owner = liveOwner(dataDir);
  // A worker that is starting takes the directory, then publishes its port.
  while ((running && !owner) || (owner && !owner.port)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    owner = liveOwner(dataDir);
  }
  if (owner?.port) {
    const url = `postgresql://postgres@127.0.0.1:${owner.port}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`;
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
    return { prisma, close: () => prisma.$disconnect() };
  }
  const opened = await openEmbeddedDatabase({ dataDir });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: opened.url, max: 1 }) });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await opened.close();
    },
  };
}

async function withWorkerDatabase<T>(work: (prisma: PrismaClient) => Promise<T>, running = false): Promise<T> {
  const database = await workerDatabase(running);
  try {
    return await work(database.prisma);
  } finally {
    await database.close();
  }
}

function startWorker(): ChildProcess {
  const script = onPostgres ? 'scripts/worker.ts' : 'tests/support/embedded-worker.ts';
  const env = onPostgres
    ? { ...process.env, ...TEST_ENV, DATABASE_URL: process.env.DATABASE_URL }
    : { ...process.env, ...TEST_ENV, DATABASE_URL: '', PGLITE_DATA_DIR: dataDir };
  // vite-node itself, not npm: SIGKILL must reach the process doing the work.
  const child = spawn(process.execPath, ['node_modules/vite-node/vite-node.mjs', script], {
    env: { ...env, LOG_LEVEL: process.env.KILL_TEST_LOG ?? 'silent' },
    stdio: ['ignore', process.env.KILL_TEST_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stores VERSIONS products/update events for each of PRODUCTS products, interleaved; returns the last title of each. */
async function storeEvents(prisma: PrismaClient): Promise<Map<string, string>> {
  const state = await seedShop({
    domain: SHOP,
    name: 'Kill test',
    currencyCode: 'USD',
    ianaTimezone: 'UTC',
    plan: 'Basic',
    seed: 5,
    products: PRODUCTS,
    customers: 5,
    orders: 5,
    months: 1,
    images: false,
    now: new Date('2026-11-01T00:00:00Z'),
  });
  const inbox = new WebhookInbox({
    query: async <R>(text: string, values: unknown[]) => ({ rows: await prisma.$queryRawUnsafe<R[]>(text, ...values) }),
  });
  const last = new Map<string, string>();
  const context = { baseUrl: 'https://devstore.invalid', sequence: 1, at: '2026-11-01T00:00:00Z' };
  let sequence = 0;
  for (let version = 1; version <= VERSIONS; version++) {
    for (const productId of state.products.keys()) {
      const payload = buildPayload({ topic: 'products/update', shop: SHOP, productId }, state, context)!;
      const title = `${String(payload.title)} v${version}`;
      const updatedAt = new Date(Date.UTC(2026, 10, 2, 0, 0, ++sequence)).toISOString();
      await inbox.accept({
        shop: SHOP,
        topic: 'products/update',
        eventId: `kill-${sequence}`,
        webhookId: `wh-${sequence}`,
        apiVersion: '2026-10',
        triggeredAt: new Date(updatedAt),
        payload: JSON.stringify({ ...payload, title, updated_at: updatedAt }),
      });
      last.set(String(productId), title);
    }
  }
  await enqueueProcessing(new DbJobQueue(prisma), SHOP);
  return last;
}

const processedAt = (prisma: PrismaClient) =>
  prisma.webhookEvent.findMany({
    where: { shop: SHOP, processedAt: { not: null } },
    select: { eventId: true, processedAt: true },
  });

describe(`a worker killed mid-batch (${onPostgres ? 'npm run worker on PostgreSQL' : 'embedded database'})`, () => {
  it('applies every event exactly once in effect after a restart', { timeout: 180_000 }, async () => {
    const total = PRODUCTS * VERSIONS;
    if (!onPostgres) {
      // The worker's directory starts as a copy of the migrated test database.
      const seeded = await openEmbeddedDatabase({
        dataDir,
        loadDataDir: new Blob([fs.readFileSync(inject('testDatabaseDump'))]),
      });
      await seeded.close();
    }
    const lastTitles = await withWorkerDatabase(storeEvents);

    const first = startWorker();
    const before = await waitFor(
      'the worker to be part-way through',
      () => withWorkerDatabase(processedAt, true),
      (rows) => rows.length >= 40,
      90_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const atKill = await withWorkerDatabase(processedAt);
    expect(atKill.length).toBeGreaterThanOrEqual(before.length);
    expect(atKill.length).toBeLessThan(total);

    const second = startWorker();
    // The dead worker's job is taken over once its lease (30 s) has expired.
    await waitFor(
      'every event to be processed after the restart',
      () =>
        withWorkerDatabase((prisma) => prisma.webhookEvent.count({ where: { shop: SHOP, processedAt: null } }), true),
      (left) => left === 0,
      120_000,
    );

    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    await withWorkerDatabase(async (prisma) => {
      // Processed before the kill: untouched since.
      const after = new Map((await processedAt(prisma)).map((row) => [row.eventId, row.processedAt!.getTime()]));
      expect(after.size).toBe(total);
      for (const row of atKill) expect(after.get(row.eventId)).toBe(row.processedAt!.getTime());
      // One activity entry per event.
      const entries = await prisma.activityEntry.findMany({ where: { shop: SHOP }, select: { sourceKey: true } });
      expect(entries).toHaveLength(total);
      expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(total);
      // The mirror holds each product's last version, as in-order delivery leaves it.
      const products = await prisma.product.findMany({ where: { shop: SHOP }, select: { id: true, title: true } });
      expect(new Map(products.map((product) => [String(product.id), product.title]))).toEqual(lastTitles);
      // The job that was running at the kill was claimed again.
      expect(
        await prisma.job.count({ where: { shop: SHOP, name: 'webhooks.process', attempts: { gte: 2 } } }),
      ).toBeGreaterThanOrEqual(1);
    });
  });
});
