/**
 * The activity log in real Chromium, inside the devstore admin: `npm run dev`
 * with its own database, a store's history recorded through describeWebhook
 * from the devstore's own webhook payloads (thousands of entries), then the
 * page: a full first page, search, Older/Newer by cursor, the CSV export the
 * title bar's action downloads, French, and a store with an empty log.
 * Screenshots go to test-results/activity-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveOwner } from '../../app/platform/db/embedded.server';
import { describeWebhook } from '../../app/modules/activity/describe-webhook';
import type { ActivityInput } from '../../app/modules/activity/record.server';
import { seedDefaultShops } from '../../devstore/seed';
import type { ShopState } from '../../devstore/state/shop-state';
import type { DevstoreEvent } from '../../devstore/webhooks/events';
import { buildPayload } from '../../devstore/webhooks/payloads';
import { DevApp, hydrated, RESULTS } from './support/dev-app';

/** A navigation runs a loader that asks the devstore for the shop: give it time on a busy machine. */
const WAIT = { timeout: 20_000 };
const ORDERS = 3000;
const MAPLE = 'maple-thread.myshopify.com';
const HARBOR = 'harbor-goods.myshopify.com';

const dev = new DevApp({
  name: 'activity',
  port: process.env.E2E_ACTIVITY_PORT ?? '3318',
  devstorePort: process.env.E2E_ACTIVITY_DEVSTORE_PORT ?? '4318',
  env: {
    DEVSTORE_ORDERS: String(ORDERS),
    // No live traffic: the log holds what this test records (and what the first sync reports).
    DEVSTORE_TRAFFIC: '0',
  },
});
beforeAll(() => dev.start(), 240_000);
afterAll(() => dev.stop());

/** A short connection to the dev server's embedded database, through its socket. */
async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const owner = liveOwner(dev.databaseDir);
  if (!owner?.port) throw new Error('the dev server does not serve its database');
  const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${owner.port}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The store's history as the devstore's webhooks tell it, described as the processor does. */
function history(state: ShopState): ActivityInput[] {
  const events: { at: string; event: DevstoreEvent }[] = [];
  const shop = state.shop.domain;
  for (const product of state.products.values()) {
    events.push({ at: product.createdAt, event: { topic: 'products/create', shop, productId: product.id } });
    events.push({ at: product.updatedAt, event: { topic: 'products/update', shop, productId: product.id } });
  }
  for (const customer of state.customers.values())
    events.push({ at: customer.createdAt, event: { topic: 'customers/create', shop, customerId: customer.id } });
  for (const order of state.orders.values()) {
    events.push({ at: order.createdAt, event: { topic: 'orders/create', shop, orderId: order.id } });
    if (order.financialStatus !== 'PENDING')
      events.push({ at: order.processedAt, event: { topic: 'orders/paid', shop, orderId: order.id } });
    if (order.cancelledAt)
      events.push({ at: order.cancelledAt, event: { topic: 'orders/cancelled', shop, orderId: order.id } });
    for (const refund of order.refunds)
      events.push({
        at: refund.createdAt,
        event: { topic: 'refunds/create', shop, orderId: order.id, refundId: refund.id },
      });
  }
  for (const theme of state.themes.values())
    if (theme.role === 'MAIN')
      events.push({ at: theme.updatedAt, event: { topic: 'themes/publish', shop, themeId: theme.id } });
  return events.flatMap(({ at, event }, index) => {
    const payload = buildPayload(event, state, { baseUrl: 'http://devstore.test', sequence: index, at });
    const entry = describeWebhook({
      id: BigInt(index + 1),
      shop,
      topic: event.topic,
      eventId: `e2e-${index}`,
      webhookId: `e2e-${index}`,
      apiVersion: '2026-10',
      triggeredAt: new Date(at),
      receivedAt: new Date(at),
      payload: JSON.parse(JSON.stringify(payload)),
    });
    return entry ? [entry] : [];
  });
}

const COLUMNS = [
  'shop',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'verb',
  'resourceType',
  'resourceId',
  'resourceTitle',
  'summary',
  'link',
  'source',
  'sourceKey',
  'customerId',
  'details',
];

async function insert(client: pg.Client, entries: ActivityInput[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    const batch = entries.slice(start, start + 500);
    const values = batch.flatMap((entry) => [
      entry.shop,
      entry.occurredAt,
      entry.actor.type,
      entry.actor.id ?? null,
      entry.actor.name ?? null,
      entry.verb,
      entry.resource.type,
      entry.resource.id ?? null,
      entry.resource.title ?? null,
      entry.summary,
      entry.link ?? null,
      entry.source,
      entry.sourceKey,
      entry.customerId ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    ]);
    const rows = batch.map(
      (_, row) => `(${COLUMNS.map((__, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
    );
    await client.query(
      `INSERT INTO "ActivityEntry" (${COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}

const appFrame = (page: Page) => {
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname.startsWith('/app'));
  if (!frame) throw new Error('the app frame did not load');
  return frame;
};

describe('Activity page', () => {
  let entries: ActivityInput[] = [];

  it('lists thousands of entries a page at a time, searches, pages by cursor and exports CSV', async () => {
    const [maple] = await seedDefaultShops({ orders: ORDERS, images: false });
    entries = history(maple as ShopState);
    expect(entries.length).toBeGreaterThan(ORDERS * 2);
    await withDatabase((client) => insert(client, entries));

    const page = await dev.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    const watched = dev.watch(page);
    await page.goto(`${dev.shellUrl}/activity`);
    const app = page.frameLocator('#app-frame');
    const rows = app.locator('tbody tr');
    // Vite compiles on first load in development: allow it time.
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(50);
    await expect.poll(() => page.locator('#title-bar').textContent(), WAIT).toBe('Activity');
    await expect.poll(() => page.locator('#app-nav a').allTextContents(), WAIT).toContain('Activity');
    await hydrated(app);
    await page.screenshot({ path: path.join(RESULTS, 'activity-list.png'), fullPage: true });
    const firstTimes = await app
      .locator('tbody tr time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));

    // Search: a product's title, by the start of its words.
    const product = entries.find((entry) => entry.resource.type === 'product' && entry.resource.title);
    const title = product?.resource.title as string;
    const words = title.split(' ').map((word) => word.slice(0, Math.max(3, word.length - 2)));
    await app.getByPlaceholder('Search by order, product').fill(words.join(' ').toLowerCase());
    await expect
      .poll(() => new URL(appFrame(page).url()).searchParams.get('q'), { timeout: 30_000 })
      .toBe(words.join(' ').toLowerCase());
    await expect
      .poll(async () => (await rows.allTextContents()).every((text) => text.includes(title)), WAIT)
      .toBe(true);
    await expect.poll(() => app.locator('[class*="LoadingPanelEntered"]').count(), WAIT).toBe(0);
    const found = await rows.count();
    expect(found).toBeGreaterThanOrEqual(2); // created and updated
    await page.screenshot({ path: path.join(RESULTS, 'activity-search.png'), fullPage: true });

    // The export of the filtered set, from the title bar's action.
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await appFrame(page).evaluate(() => (document.querySelector('ui-title-bar button') as HTMLButtonElement).click());
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect((await download).suggestedFilename()).toMatch(/^activity-maple-thread-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.startsWith('\uFEFFTime (UTC),Time (shop time zone),Who,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(found + 1);
    expect(lines.slice(1).every((line) => line.includes(title))).toBe(true);
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Export downloaded');

    // Clear the search, then Older and Newer by cursor. Rows are told apart by their time
    // and position: meanwhile the first sync may add its own entries on top, and fill the
    // store mirror that names refunds' orders.
    const times = () =>
      app.locator('tbody tr time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));
    await app.getByRole('button', { name: 'Clear' }).first().click();
    await expect.poll(() => new URL(appFrame(page).url()).searchParams.has('q'), WAIT).toBe(false);
    await expect
      .poll(async () => (await times()).filter((time) => firstTimes.includes(time)).length, WAIT)
      .toBeGreaterThan(40);
    const top = await times();
    await app.getByRole('link', { name: 'Older' }).click();
    await expect.poll(() => new URL(appFrame(page).url()).searchParams.get('after'), WAIT).toMatch(/^\d+_\d+$/);
    await expect.poll(async () => (await times()).length, WAIT).toBe(50);
    const older = await times();
    expect(older.every((time) => (time as string) <= (top.at(-1) as string))).toBe(true);
    expect(older).not.toEqual(top);
    await app.getByRole('link', { name: 'Newer' }).click();
    await expect.poll(() => times(), WAIT).toEqual(top);

    // A date range, picked in the calendar, is a range of days in the shop's time zone.
    const newest = entries.reduce(
      (latest, entry) => (entry.occurredAt > latest ? entry.occurredAt : latest),
      new Date(0),
    );
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(newest);
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const label = new Date(year, month - 1, date).toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    await app.getByRole('button', { name: 'Date' }).first().click();
    const dayButton = app.getByRole('button', { name: label.replace(/,/g, '') });
    await dayButton.click();
    await dayButton.click();
    await expect.poll(() => new URL(appFrame(page).url()).searchParams.get('from'), WAIT).toBe(day);
    expect(new URL(appFrame(page).url()).searchParams.get('to')).toBe(day);
    await page.screenshot({ path: path.join(RESULTS, 'activity-dates.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => {
        const times = await app
          .locator('tbody tr time')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));
        return (
          times.length > 0 &&
          times.every(
            (time) =>
              new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date(time as string)) ===
              day,
          )
        );
      }, WAIT)
      .toBe(true);

    expect(watched.problems).toEqual([]);
    expect(watched.errors()).toEqual([]);
  }, 240_000);

  it('speaks French when the merchant’s admin does', async () => {
    const page = await dev.newPage({ viewport: { width: 1280, height: 1000 } });
    const watched = dev.watch(page);
    await page.goto(`${dev.shellUrl}/activity?locale=fr`);
    const app = page.frameLocator('#app-frame');
    await expect.poll(() => app.locator('tbody tr').count(), { timeout: 60_000 }).toBe(50);
    await expect.poll(() => page.locator('#title-bar').textContent(), WAIT).toBe('Activité');
    await expect.poll(() => app.getByText(/^Commande #\d+ (payée|passée)/).count(), WAIT).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS, 'activity-fr.png'), fullPage: true });
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it('shows a store with no activity an empty state, not an empty table (in its owner’s French)', async () => {
    const page = await dev.newPage({ viewport: { width: 1280, height: 860 } });
    const watched = dev.watch(page);
    const harborUrl = dev.shellUrl.replace('/store/maple-thread/', '/store/harbor-goods/');
    // The first visit installs Steward there, whose first sync reports to the log; empty it afterwards.
    await page.goto(`${harborUrl}/activity`);
    const app = page.frameLocator('#app-frame');
    await expect.poll(() => page.locator('#title-bar').textContent(), { timeout: 60_000 }).toBe('Activité');
    await expect
      .poll(
        async () => {
          await withDatabase((client) => client.query('DELETE FROM "ActivityEntry" WHERE "shop" = $1', [HARBOR]));
          await page.reload();
          const empty = app.getByText('Aucune activité pour l’instant');
          await empty.waitFor({ timeout: 20_000 }).catch(() => {});
          return empty.isVisible();
        },
        { timeout: 120_000, interval: 3_000 },
      )
      .toBe(true);
    expect(await app.locator('table').count()).toBe(0);
    await expect
      .poll(
        () => app.locator('img[role="presentation"]').evaluate((img) => (img as HTMLImageElement).naturalWidth),
        WAIT,
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS, 'activity-empty.png'), fullPage: true });
    // Maple & Thread's log is still there: scoped by shop.
    const remaining = await withDatabase((client) =>
      client.query<{ count: string }>('SELECT count(*) FROM "ActivityEntry" WHERE "shop" = $1', [MAPLE]),
    );
    expect(Number(remaining.rows[0]?.count)).toBeGreaterThanOrEqual(entries.length);
    expect(watched.problems).toEqual([]);
  }, 180_000);
});
