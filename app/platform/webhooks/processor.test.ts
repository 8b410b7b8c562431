/**
 * The webhook processor on a real database: order, atomicity, retries with
 * the job queue's backoff, dead events, the race between a commit and a
 * finishing job (and the sweeper that closes it), and pruning.
 */
import { Session } from '@shopify/shopify-api';
import { beforeEach, describe, expect, it } from 'vitest';
import prisma, { sqlPool } from '~/db.server';
import { sessionStorage } from '~/shopify.server';
import { DbJobQueue } from '../jobs/db.server';
import type { JobHandlers } from '../jobs/types';
import { WEBHOOK_HANDLERS } from './handlers.server';
import { runWebhookHousekeeping, schedulePrune, sweepUnprocessed } from './housekeeping.server';
import { WebhookInbox } from './inbox.server';
import { enqueueProcessing, PROCESS_JOB, pruneShopEvents, retentionCutoff } from './jobs.server';
import { EventFailedError, MAX_EVENT_ATTEMPTS, processShopEvents } from './processor.server';
import type { InboxEvent, WebhookHandler } from './types';

const SHOP = 'processor.myshopify.com';
const inbox = new WebhookInbox(sqlPool);

let sequence = 0;
async function store(topic: string, payload: unknown, options: { shop?: string; triggeredAt?: Date } = {}) {
  const eventId = `evt-${++sequence}`;
  await inbox.accept({
    shop: options.shop ?? SHOP,
    topic,
    eventId,
    webhookId: `wh-${sequence}`,
    apiVersion: '2026-10',
    triggeredAt: options.triggeredAt ?? new Date(),
    payload: JSON.stringify(payload),
  });
  return eventId;
}

function recorder() {
  const seen: string[] = [];
  const handler: WebhookHandler = async (_tx, event) => {
    seen.push(event.eventId);
  };
  return { seen, handler };
}

async function install(shop: string, scope = 'read_products') {
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, scope, accessToken: 'shpat_x' }),
  );
}

function queueWith(handlers: JobHandlers) {
  const queue = new DbJobQueue(prisma, { pollIntervalMs: 10, backoff: { baseMs: 20, maxMs: 100 } });
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency: 2, signal: stop.signal });
  return {
    queue,
    async close() {
      stop.abort();
      await working;
      await queue.close();
    },
  };
}

async function waitUntil(check: () => Promise<boolean>, what: string) {
  const end = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const unprocessed = (shop = SHOP) => prisma.webhookEvent.count({ where: { shop, processedAt: null } });

beforeEach(async () => {
  await prisma.webhookEvent.deleteMany({});
  await prisma.job.deleteMany({});
  await prisma.activityEntry.deleteMany({});
  await prisma.session.deleteMany({});
});

describe('processShopEvents', () => {
  it('applies the shop’s events in order of arrival, across batches, each once', async () => {
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await store('orders/updated', { id: i }));
    await store('orders/updated', { id: 'other' }, { shop: 'other.myshopify.com' });
    const { seen, handler } = recorder();
    const options = { handlers: { 'orders/updated': [handler] }, describe: () => null, batchSize: 7 };

    expect(await processShopEvents(prisma, SHOP, options)).toEqual({ applied: 30, dead: 0 });
    expect(seen).toEqual(ids);
    expect(await unprocessed()).toBe(0);
    expect(await unprocessed('other.myshopify.com')).toBe(1);
    // A second run finds nothing to do.
    expect(await processShopEvents(prisma, SHOP, options)).toEqual({ applied: 0, dead: 0 });
    expect(seen).toHaveLength(30);
  });

  it('takes the defaults for options given as undefined (the job passes no pace on PostgreSQL)', async () => {
    await store('orders/updated', { id: 1 });
    const { seen, handler } = recorder();
    const options = {
      handlers: { 'orders/updated': [handler] },
      describe: undefined,
      batchSize: undefined,
      pace: undefined,
    };

    expect(await processShopEvents(prisma, SHOP, options)).toEqual({ applied: 1, dead: 0 });
    expect(seen).toHaveLength(1);
  });

  it('records each event’s activity entry in the same transaction, through the real registry', async () => {
    await install(SHOP);
    const eventId = await store('app/scopes_update', { id: 1, previous: ['read_products'], current: ['read_orders'] });
    await processShopEvents(prisma, SHOP, { handlers: WEBHOOK_HANDLERS });
    const entries = await prisma.activityEntry.findMany({ where: { shop: SHOP } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: 'webhook', sourceKey: expect.stringContaining(eventId) });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    expect(session.scope).toBe('read_orders');
  });

  it('keeps nothing of a failed try: the handler’s writes roll back with it', async () => {
    await store('app/uninstalled', { id: 1 });
    const failing: WebhookHandler = async (tx, event) => {
      await tx.session.create({
        data: { id: 'half-done', shop: event.shop, state: 'x', accessToken: 'enc:v1:none', isOnline: false },
      });
      throw new Error('the handler died half-way');
    };
    await expect(processShopEvents(prisma, SHOP, { handlers: { 'app/uninstalled': [failing] } })).rejects.toThrow(
      EventFailedError,
    );
    expect(await prisma.session.count({ where: { id: 'half-done' } })).toBe(0);
    expect(await prisma.activityEntry.count()).toBe(0);
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop: SHOP } });
    expect(row).toMatchObject({ processedAt: null, attempts: 1 });
    expect(row.lastError).toContain('the handler died half-way');
  });

  it('retries a failing event with the queue’s backoff and holds the shop’s later events until it passes', async () => {
    const first = await store('orders/paid', { id: 1 });
    const flaky = await store('orders/paid', { id: 2 });
    const last = await store('orders/paid', { id: 3 });
    const seen: string[] = [];
    let failures = 0;
    const handler: WebhookHandler = async (_tx, event: InboxEvent) => {
      if (event.eventId === flaky && failures < 2) {
        failures += 1;
        throw new Error(`transient failure ${failures}`);
      }
      seen.push(event.eventId);
    };
    const worker = queueWith({
      [PROCESS_JOB]: async ({ shop }) => {
        await processShopEvents(prisma, shop, { handlers: { 'orders/paid': [handler] }, describe: () => null });
      },
    });
    try {
      await enqueueProcessing(worker.queue, SHOP);
      await waitUntil(async () => (await unprocessed()) === 0, 'the events to be processed');
    } finally {
      await worker.close();
    }
    expect(seen).toEqual([first, flaky, last]);
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop: SHOP, eventId: flaky } });
    expect(row.attempts).toBe(2);
    expect(row.lastError).toContain('transient failure 2');
    const job = await prisma.job.findFirstOrThrow({ where: { shop: SHOP, name: PROCESS_JOB } });
    expect(job).toMatchObject({ state: 'done', attempts: 3 });
  });

  it('leaves an event that keeps failing dead with its error, and goes on with the shop’s later events', async () => {
    await install(SHOP);
    const broken = await store('app/scopes_update', { id: 1, previous: [] }); // no `current`: never valid
    await store('app/scopes_update', { id: 2, previous: [], current: ['read_orders'] });
    const worker = queueWith({
      [PROCESS_JOB]: async ({ shop }) => {
        await processShopEvents(prisma, shop, { handlers: WEBHOOK_HANDLERS });
      },
    });
    try {
      await enqueueProcessing(worker.queue, SHOP);
      await waitUntil(async () => (await unprocessed()) === 1, 'the later event to be processed');
    } finally {
      await worker.close();
    }
    const dead = await prisma.webhookEvent.findFirstOrThrow({ where: { shop: SHOP, eventId: broken } });
    expect(dead).toMatchObject({ processedAt: null, attempts: MAX_EVENT_ATTEMPTS });
    expect(dead.lastError).toMatch(/current/);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).scope).toBe('read_orders');
    // Dead events are not swept up again.
    const queue = new DbJobQueue(prisma);
    expect(await sweepUnprocessed(queue)).toEqual([]);
  });

  it('makes an event of a topic without a handler dead at once, without holding up the rest', async () => {
    const orphan = await store('carts/create', { id: 1 });
    await store('orders/create', { id: 2 });
    const { seen, handler } = recorder();
    const result = await processShopEvents(prisma, SHOP, {
      handlers: { 'orders/create': [handler] },
      describe: () => null,
    });
    expect(result).toEqual({ applied: 1, dead: 1 });
    expect(seen).toHaveLength(1);
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop: SHOP, eventId: orphan } });
    expect(row).toMatchObject({ processedAt: null, attempts: MAX_EVENT_ATTEMPTS });
    expect(row.lastError).toContain('No handler for webhook topic carts/create');
  });

  it('survives shop/redact erasing the shop’s events, its own included', async () => {
    await install(SHOP);
    await store('app/scopes_update', { id: 1, previous: [], current: ['read_orders'] });
    await store('shop/redact', { shop_id: 1, shop_domain: SHOP });
    await store('app/scopes_update', { id: 3, previous: [], current: ['read_products'] });
    const result = await processShopEvents(prisma, SHOP, { handlers: WEBHOOK_HANDLERS });
    expect(result).toEqual({ applied: 2, dead: 0 });
    expect(await prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
  });
});

describe('the sweeper', () => {
  it('finds every shop with due events, and no shop whose events are all applied or dead', async () => {
    const shops = ['d.myshopify.com', 'c.myshopify.com', 'b.myshopify.com', 'a.myshopify.com'];
    for (const shop of shops) for (let i = 0; i < 3; i++) await store('orders/create', { id: i }, { shop });
    // b: every event applied; c: every event dead; a and d: one event still due.
    await prisma.webhookEvent.updateMany({ where: { shop: 'b.myshopify.com' }, data: { processedAt: new Date() } });
    await prisma.webhookEvent.updateMany({
      where: { shop: 'c.myshopify.com' },
      data: { attempts: MAX_EVENT_ATTEMPTS },
    });
    for (const shop of ['a.myshopify.com', 'd.myshopify.com']) {
      const [first, second] = await prisma.webhookEvent.findMany({ where: { shop }, orderBy: { id: 'asc' } });
      await prisma.webhookEvent.update({ where: { id: first!.id }, data: { processedAt: new Date() } });
      await prisma.webhookEvent.update({ where: { id: second!.id }, data: { attempts: MAX_EVENT_ATTEMPTS } });
    }
    const queue = new DbJobQueue(prisma);
    expect(await sweepUnprocessed(queue)).toEqual(['a.myshopify.com', 'd.myshopify.com']);
    for (const shop of ['a.myshopify.com', 'd.myshopify.com'])
      expect(await queue.stats(shop)).toMatchObject({ queued: 1 });
    expect(await queue.stats('c.myshopify.com')).toMatchObject({ queued: 0 });
  });
});

describe('the race between a commit and a finishing job', () => {
  it('is real without the sweeper, and the sweeper closes it', async () => {
    const { seen, handler } = recorder();
    let finishing!: () => void;
    const reachedEnd = new Promise<void>((resolve) => (finishing = resolve));
    let letFinish!: () => void;
    const mayFinish = new Promise<void>((resolve) => (letFinish = resolve));
    let runs = 0;
    const worker = queueWith({
      [PROCESS_JOB]: async ({ shop }) => {
        await processShopEvents(prisma, shop, { handlers: { 'orders/create': [handler] }, describe: () => null });
        // The first run pauses after its last read, where a run is about to be marked done.
        if (++runs === 1) {
          finishing();
          await mayFinish;
        }
      },
    });
    try {
      await store('orders/create', { id: 1 });
      const running = await enqueueProcessing(worker.queue, SHOP);
      await reachedEnd;
      // An event committed now: its enqueue is deduplicated into the finishing job.
      const late = await store('orders/create', { id: 2 });
      expect(await enqueueProcessing(worker.queue, SHOP)).toBe(running);
      letFinish();
      await waitUntil(async () => (await worker.queue.get(SHOP, running))?.state === 'done', 'the first job to end');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toHaveLength(1);
      expect(await unprocessed()).toBe(1);

      // The sweeper finds the shop's due event and queues a run that applies it.
      const stop = new AbortController();
      const housekeeping = runWebhookHousekeeping({ queue: worker.queue, signal: stop.signal, sweepEveryMs: 50 });
      await waitUntil(async () => (await unprocessed()) === 0, 'the sweeper to get the late event applied');
      stop.abort();
      await housekeeping;
      expect(seen.at(-1)).toBe(late);
    } finally {
      letFinish();
      await worker.close();
    }
  });
});

describe('pruning', () => {
  it('deletes handled events past retention, shop by shop, and keeps the rest', async () => {
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    for (let i = 0; i < 5; i++) await store('orders/create', { id: i });
    const ids = (await prisma.webhookEvent.findMany({ where: { shop: SHOP }, orderBy: { id: 'asc' } })).map(
      (row) => row.id,
    );
    // 0: old, processed → pruned; 1: old, dead → pruned; 2: old, pending → kept;
    // 3: recent, processed → kept; 4: recent, pending → kept.
    await prisma.webhookEvent.updateMany({
      where: { shop: SHOP, id: { in: ids.slice(0, 3) } },
      data: { receivedAt: old },
    });
    await prisma.webhookEvent.updateMany({
      where: { shop: SHOP, id: { in: [ids[0]!, ids[3]!] } },
      data: { processedAt: new Date() },
    });
    await prisma.webhookEvent.updateMany({
      where: { shop: SHOP, id: ids[1]! },
      data: { attempts: MAX_EVENT_ATTEMPTS },
    });
    await store('orders/create', { id: 'other' }, { shop: 'other.myshopify.com' });
    await prisma.webhookEvent.updateMany({
      where: { shop: 'other.myshopify.com' },
      data: { receivedAt: old, processedAt: new Date() },
    });

    const queue = new DbJobQueue(prisma);
    expect((await schedulePrune(queue)).sort()).toEqual(['other.myshopify.com', SHOP]);
    expect(await pruneShopEvents(SHOP, retentionCutoff())).toBe(2);
    const left = await prisma.webhookEvent.findMany({ where: { shop: SHOP }, orderBy: { id: 'asc' } });
    expect(left.map((row) => row.id)).toEqual(ids.slice(2));
    expect(await prisma.webhookEvent.count({ where: { shop: 'other.myshopify.com' } })).toBe(1);
    expect(await schedulePrune(queue)).toEqual(['other.myshopify.com']);
  });
});
