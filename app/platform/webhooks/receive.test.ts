/**
 * The webhook inbox over real HTTP, mounted as server.ts mounts it: what is
 * stored, what is answered, and that no 200 goes out before its row is
 * committed.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import prisma, { sqlPool } from '~/db.server';
import { webhookRequest } from '../../../tests/support/shopify-requests';
import { post, startWebhookEndpoint } from '../../../tests/support/webhook-endpoint';
import { jobQueue } from '../jobs/index.server';
import { InboxFullError, WebhookInbox, type InboxRow } from './inbox.server';
import { drainInbox } from './receive.server';

const endpoint = await startWebhookEndpoint();
afterAll(() => endpoint.close());

const SHOP = 'inbox.myshopify.com';
const order = (id: number) => ({ id, name: `#${id}`, updated_at: '2026-11-27T10:00:00Z', total_price: '10.00' });
/** A verified delivery as the inbox takes it. */
const inboxRow = (eventId: string, payload: string | Buffer = '{}'): InboxRow => ({
  shop: SHOP,
  topic: 'orders/updated',
  eventId,
  webhookId: eventId,
  apiVersion: '2026-10',
  triggeredAt: null,
  payload,
});

beforeEach(async () => {
  await drainInbox();
  await prisma.webhookEvent.deleteMany({});
  await prisma.job.deleteMany({});
});

describe('the webhook inbox', () => {
  it('stores a delivery once with its headers, and answers 200 to its duplicate without storing it again', async () => {
    const first = webhookRequest('orders/updated', SHOP, order(1), { eventId: 'evt-1', webhookId: 'wh-1' });
    const again = webhookRequest('orders/updated', SHOP, order(1), { eventId: 'evt-1', webhookId: 'wh-2' });
    expect(await post(endpoint, first)).toBe(200);
    expect(await post(endpoint, again)).toBe(200);
    const rows = await prisma.webhookEvent.findMany({ where: { shop: SHOP } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      topic: 'orders/updated',
      eventId: 'evt-1',
      webhookId: 'wh-1',
      apiVersion: '2026-10',
      payload: order(1),
      processedAt: null,
      attempts: 0,
    });
    expect(rows[0]!.triggeredAt).toBeInstanceOf(Date);
  });

  it('asks for the shop’s processing job after the commit', async () => {
    expect(await post(endpoint, webhookRequest('orders/create', SHOP, order(2)))).toBe(200);
    await drainInbox();
    const jobs = await prisma.job.findMany({ where: { shop: SHOP } });
    expect(jobs.map((job) => [job.name, job.state, job.dedupeKey])).toEqual([
      ['webhooks.process', 'queued', 'webhooks.process'],
    ]);
  });

  it.each([
    ['a wrong HMAC', { hmac: 'dGhpcyBpcyBub3QgdGhlIGhtYWM=' }],
    ['no HMAC at all', { hmac: null }],
  ])('answers 401 to %s and stores nothing', async (_label, options) => {
    expect(await post(endpoint, webhookRequest('orders/updated', SHOP, order(3), options))).toBe(401);
    expect(await prisma.webhookEvent.count()).toBe(0);
  });

  it('answers 401 to an unsigned request without Shopify’s headers (as CI’s smoke test sends)', async () => {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(401);
  });

  it('stores a NUL character’s string without it (jsonb cannot hold one)', async () => {
    const request = webhookRequest('customers/update', SHOP, { id: 4, note: 'a\u0000b' }, { eventId: 'evt-nul' });
    expect(await post(endpoint, request)).toBe(200);
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop: SHOP, eventId: 'evt-nul' } });
    expect(row.payload).toEqual({ id: 4, note: 'ab' });
  });

  it('keeps the body exactly as Shopify sent it: key order, spacing and 64-bit numbers', async () => {
    const text = '{"id":  9007199254740993 , "b":1,"a":{"z":"é","y":[1.50,2e3]}}';
    const request = webhookRequest('orders/updated', SHOP, null, { eventId: 'evt-raw', rawBody: Buffer.from(text) });
    expect(await post(endpoint, request)).toBe(200);
    const [row] = await prisma.$queryRaw<{ text: string }[]>`
      SELECT payload::text AS text FROM "WebhookEvent" WHERE shop = ${SHOP} AND "eventId" = 'evt-raw'`;
    expect(row!.text).toBe(text);
  });

  it.each([
    ['is not JSON', Buffer.from('{"id": 1,')],
    ['is not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['escapes NUL and is not JSON', Buffer.from('{"note": "a\\u0000b"')],
  ])(
    'answers 400 to a signed body that %s, stores it not, and stores the deliveries that came with it',
    async (_label, rawBody) => {
      const requests = [
        ...Array.from({ length: 10 }, (_, i) => webhookRequest('orders/updated', SHOP, order(i))),
        webhookRequest('orders/updated', SHOP, null, { eventId: 'evt-bad', rawBody }),
      ];
      const statuses = await Promise.all(requests.map((request) => post(endpoint, request)));
      expect(statuses).toEqual([...Array(10).fill(200), 400]);
      expect(await prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(10);
      expect(await prisma.webhookEvent.count({ where: { shop: SHOP, eventId: 'evt-bad' } })).toBe(0);
    },
  );

  it('stores 200 concurrent deliveries, duplicates among them, each exactly once', async () => {
    const requests = Array.from({ length: 200 }, (_, i) =>
      webhookRequest('orders/updated', `shop-${i % 3}.myshopify.com`, order(i), { eventId: `evt-${i % 150}` }),
    );
    const statuses = await Promise.all(requests.map((request) => post(endpoint, request)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // Event ids 0–149, each for the shop of its first delivery; 50 repeats fall on another shop.
    const expected = new Set(requests.map((_, i) => `shop-${i % 3}.myshopify.com ${i % 150}`));
    expect(await prisma.webhookEvent.count()).toBe(expected.size);
  });

  it('answers nothing before the row is committed', async () => {
    const answered: number[] = [];
    // Hold a lock that the INSERT needs until we have looked at what was answered meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lock = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE "WebhookEvent" IN EXCLUSIVE MODE`;
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deliveries = Array.from({ length: 20 }, (_, i) =>
      post(endpoint, webhookRequest('orders/paid', SHOP, order(i))).then((status) => answered.push(status)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toEqual([]);
    release();
    await lock;
    await Promise.all(deliveries);
    expect(answered).toEqual(Array(20).fill(200));
    expect(await prisma.webhookEvent.count({ where: { shop: SHOP, topic: 'orders/paid' } })).toBe(20);
  });

  it('answers 500 to a delivery the database refuses, and still stores the ones written with it', async () => {
    await prisma.$executeRawUnsafe(
      `ALTER TABLE "WebhookEvent" ADD CONSTRAINT refuse_test_topic CHECK (topic <> 'test/refused')`,
    );
    try {
      const requests = [
        ...Array.from({ length: 10 }, (_, i) => webhookRequest('orders/updated', SHOP, order(i))),
        webhookRequest('test/refused', SHOP, order(99)),
      ];
      const statuses = await Promise.all(requests.map((request) => post(endpoint, request)));
      expect(statuses).toEqual([...Array(10).fill(200), 500]);
      expect(await prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(10);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "WebhookEvent" DROP CONSTRAINT refuse_test_topic`);
    }
  });

  it('refuses at once when its buffer is full, and stores what it accepted', async () => {
    const inbox = new WebhookInbox(sqlPool, { maxPendingRows: 3 });
    const accepted = ['a', 'b', 'c'].map((id) => inbox.accept(inboxRow(id)));
    await expect(inbox.accept(inboxRow('d'))).rejects.toBeInstanceOf(InboxFullError);
    expect(await Promise.all(accepted)).toEqual([true, true, true]);
    expect(await inbox.accept(inboxRow('d'))).toBe(true);
    expect(await prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(4);
  });

  it('with two writes in flight, stores every row once and flush() waits for both', async () => {
    let inFlight = 0;
    let most = 0;
    const counting = {
      async query<R>(text: string, values: unknown[]) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await sqlPool.query<R & pg.QueryResultRow>(text, values);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const inbox = new WebhookInbox(counting, { maxConcurrentWrites: 2, maxBatchRows: 5 });
    const payload = Buffer.from(JSON.stringify(order(1)));
    const accepted = Array.from({ length: 40 }, (_, i) => inbox.accept(inboxRow(`c-${i % 30}`, payload)));
    await inbox.flush();
    expect(most).toBe(2);
    expect((await Promise.all(accepted)).filter(Boolean)).toHaveLength(30);
    expect(await prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(30);
  });

  it('enqueues one processing job per shop however many deliveries arrive', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(endpoint, webhookRequest('orders/updated', SHOP, order(i)))),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    await drainInbox();
    expect(await jobQueue().stats(SHOP)).toMatchObject({ queued: 1 });
  });
});
