/**
 * The inbox end to end in real Chromium: `npm run dev` with its own database
 * and its local mail sink. The merchant opens the empty inbox and writes a
 * reply template; a customer, signed in on the devstore's storefront, sends
 * the support form the theme block renders (through the signed app proxy);
 * the ticket appears in the inbox; the agent fills the template for this
 * customer, previews it and sends it, marking the ticket solved; the reply
 * and then the satisfaction request reach the mail sink; the customer opens
 * the rating link from the mail and rates; the ticket shows the rating and
 * the inbox the average. Then a large inbox (hundreds of tickets written
 * into the database), its pages, Today's overdue card, and French.
 * Screenshots go to test-results/inbox-*.png.
 */
import path from 'node:path';
import pg from 'pg';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveOwner } from '../../app/platform/db/embedded.server';
import { DevApp, RESULTS } from './support/dev-app';

/** A navigation runs loaders that ask the devstore: give them time on a busy machine. */
const WAIT = { timeout: 30_000 };
/** Mail goes out from a job: the worker polls, then the SMTP exchange. */
const MAIL = { timeout: 60_000, interval: 1_000 };
/** The first sync of the seeded shop's 400 orders. */
const SYNC = { timeout: 120_000, interval: 2_000 };
const SHOP = 'maple-thread.myshopify.com';
const DEVSTORE_PORT = process.env.E2E_INBOX_DEVSTORE_PORT ?? '4321';
const SINK_PORT = process.env.E2E_INBOX_MAIL_SINK_PORT ?? '4323';
const DEVSTORE = `http://localhost:${DEVSTORE_PORT}`;
const SINK = `http://localhost:${SINK_PORT}`;

const dev = new DevApp({
  name: 'inbox',
  port: process.env.E2E_INBOX_PORT ?? '3321',
  devstorePort: DEVSTORE_PORT,
  env: {
    DEVSTORE_ORDERS: '400',
    DEVSTORE_TRAFFIC: '0',
    SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_INBOX_SMTP_PORT ?? '4322'}`,
    MAIL_SINK_PORT: SINK_PORT,
  },
});
beforeAll(() => dev.start(), 240_000);
afterAll(() => dev.stop());

interface SunkMail {
  to: string[];
  subject: string;
  text: string;
}

interface Shell {
  page: Page;
  app: FrameLocator;
  problems: string[];
}

async function openShell(url: string): Promise<Shell> {
  const page = await dev.newPage({ viewport: { width: 1280, height: 1100 } });
  const problems: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    consoleLines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  dev.onFailureShow(consoleLines);
  await page.goto(url);
  return { page, app: page.frameLocator('#app-frame'), problems };
}

/**
 * The inbox list once React has taken over the page: Polaris measures the
 * tabs in the browser, so they show only after hydration. Acting before
 * that would use the server's HTML alone (a link followed natively, a
 * checkbox React does not know about).
 */
const listReady = (app: FrameLocator) =>
  expect.poll(() => app.getByRole('tab', { name: /^All/ }).isVisible(), WAIT).toBe(true);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(RESULTS, `inbox-${name}.png`), fullPage: true });

async function mails(): Promise<SunkMail[]> {
  const response = await fetch(`${SINK}/messages.json`);
  return (await response.json()) as SunkMail[];
}

/** The last order of a customer with an e-mail address, from the store mirror once the first sync has written it. */
async function lastOrderOfACustomer(): Promise<{ customerId: string; order: string }> {
  let found: { customerId: string; order: string } | undefined;
  await expect
    .poll(async () => {
      const { rows } = await withDatabase((client) =>
        client.query<{ customerId: string; order: string }>(
          `SELECT o."customerId"::text AS "customerId", o.name AS "order"
           FROM "Order" o JOIN "Customer" c ON c.shop = o.shop AND c.id = o."customerId" AND c.email IS NOT NULL
           WHERE o.shop = $1 AND o."cancelledAt" IS NULL AND NOT o.test AND o."deletedAt" IS NULL
           ORDER BY o."processedAt" DESC NULLS LAST LIMIT 1`,
          [SHOP],
        ),
      );
      found = rows[0];
      return found !== undefined;
    }, SYNC)
    .toBe(true);
  return found as { customerId: string; order: string };
}

/** The first mail in the sink `match` accepts, once it has arrived. */
async function waitForMail(match: (mail: SunkMail) => boolean): Promise<SunkMail> {
  let found: SunkMail | undefined;
  await expect.poll(async () => (found = (await mails()).find(match)) !== undefined, MAIL).toBe(true);
  return found as SunkMail;
}

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

/**
 * Writes `count` tickets from customers into the shop, as the storefront would
 * have opened them over the last days (half of them past their
 * first-reply target), each with the customer's message.
 */
async function seedTickets(count: number): Promise<void> {
  await withDatabase(async (client) => {
    const { rows } = await client.query<{ lastNumber: number }>(
      `INSERT INTO "InboxSequence" (shop, "lastNumber") VALUES ($1, $2)
       ON CONFLICT (shop) DO UPDATE SET "lastNumber" = "InboxSequence"."lastNumber" + $2 RETURNING "lastNumber"`,
      [SHOP, count],
    );
    const first = (rows[0]?.lastNumber ?? count) - count + 1;
    await client.query(
      `WITH seeded AS (
         SELECT n, $2::int + $3::int - 1 - n AS number, now() - (n * interval '37 minutes') AS opened,
                (ARRAY['low','normal','high','urgent'])[1 + n % 4]::"InboxPriority" AS priority,
                (ARRAY['open','open','pending','solved','closed'])[1 + n % 5]::"InboxTicketStatus" AS status,
                (ARRAY['order','product','shipping','returns','other'])[1 + n % 5] AS topic
         FROM generate_series(0, $3::int - 1) AS n
       ), tickets AS (
         INSERT INTO "InboxTicket" (id, shop, number, status, priority, tags, channel, topic, subject, "customerName",
           "customerEmail", locale, "slaDueAt", "lastMessageAt", "createdAt", "updatedAt", "firstRespondedAt")
         SELECT 'seed-' || number, $1, number, status, priority,
                CASE WHEN n % 3 = 0 THEN ARRAY['vip'] WHEN n % 7 = 0 THEN ARRAY['returns', 'damaged'] ELSE ARRAY[]::text[] END,
                'form', topic,
                'Question ' || number || ' about my ' || topic || CASE WHEN n % 9 = 0 THEN ' — it has been a while and I would like to hear back soon, please' ELSE '' END,
                'Customer ' || n, 'customer' || n || '@example.com', 'en',
                CASE WHEN n % 6 IN (0, 1, 3) THEN now() - interval '2 hours' ELSE now() + interval '20 hours' END,
                opened, opened, opened,
                CASE WHEN status IN ('solved', 'closed') THEN opened + interval '1 hour' END
         FROM seeded RETURNING id, shop, "createdAt", subject
       )
       INSERT INTO "InboxMessage" (id, shop, "ticketId", direction, "authorType", "authorName", body, "createdAt")
       SELECT 'seed-msg-' || id, shop, id, 'in', 'customer', NULL, subject || E'\\nThank you.', "createdAt" FROM tickets`,
      [SHOP, first, count],
    );
  });
}

describe('Inbox', () => {
  it('a customer writes from the storefront, the agent replies with a template, the mail goes out, the customer rates', async () => {
    const shell = await openShell(`${dev.shellUrl}/inbox`);
    const { page, app } = shell;
    // The first visit installs Steward; the inbox is empty.
    await expect.poll(() => app.getByText('No tickets yet').isVisible(), { timeout: 120_000 }).toBe(true);
    await expect.poll(() => page.locator('#title-bar').textContent()).toBe('Inbox');
    await shot(page, 'empty');

    // Settings: e-mail is set up (the sink); write a reply template.
    await app.getByRole('link', { name: 'Set up templates and rules' }).click();
    await expect.poll(() => app.getByText(/^E-mail is set up/).isVisible(), WAIT).toBe(true);
    await app.getByRole('link', { name: 'Add template' }).click();
    // A new template's page opens with the save bar (once React runs it).
    await expect.poll(() => page.locator('#save-bar').isVisible(), WAIT).toBe(true);
    await app.getByRole('textbox', { name: 'Name' }).fill('Order on its way');
    await app
      .getByLabel('Text', { exact: true })
      .fill(
        'Hello {{customer.first_name}},\n\nthank you for writing to {{shop.name}} (ticket #{{ticket.number}}). Your order {{order.name}} is {{order.fulfillment_status}}.\n\nWarm regards',
      );
    await app.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Template saved');
    await expect.poll(() => app.getByRole('link', { name: 'Edit Order on its way' }).isVisible(), WAIT).toBe(true);
    await shot(page, 'settings');

    // A customer who has ordered (the first sync mirrored the orders), signed in on the storefront,
    // sends the support form on a product page about their last order.
    const buyer = await lastOrderOfACustomer();
    const store = await dev.newPage({ viewport: { width: 1280, height: 1000 } });
    await store.goto(`${DEVSTORE}/shops/${SHOP}/?customer=${buyer.customerId}`);
    const customerName = ((await store.locator('header nav span').first().textContent()) ?? '').trim();
    expect(customerName).toMatch(/\S+ \S+/);
    await store.locator('ul.grid a').first().click();
    const form = store.locator('#steward-support');
    // Signed in: the form knows the customer's name and address.
    expect(await form.getByLabel('Name').inputValue()).toBe(customerName);
    const email = await form.getByLabel('E-mail').inputValue();
    expect(email).toMatch(/@/);
    await form.getByLabel(/Order number/).fill(buyer.order);
    await form.getByLabel('Topic').selectOption('order');
    await form
      .getByLabel('Message')
      .fill('Where is my parcel?\nIt was due on Monday.\n<b>Please</b> tell me when it ships.');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), WAIT).toMatch(/Your ticket number is #\d+\./);
    const number = Number(/#(\d+)/.exec((await form.getByRole('status').textContent()) ?? '')?.[1]);
    await store.screenshot({ path: path.join(RESULTS, 'inbox-storefront-sent.png'), fullPage: true });

    // The ticket in the inbox.
    await page.goto(`${dev.shellUrl}/inbox`);
    await listReady(app);
    const row = app.getByRole('link', { name: `#${number} Where is my parcel?` });
    await expect.poll(() => row.isVisible(), WAIT).toBe(true);
    await shot(page, 'list');
    await row.click();

    // Beside the thread, the customer with their orders.
    await expect
      .poll(() => app.getByRole('link', { name: `Order ${buyer.order} in Shopify` }).isVisible(), WAIT)
      .toBe(true);

    // The thread keeps the customer's text as written (escaped, line breaks kept).
    const message = app.getByRole('article').first();
    await expect.poll(() => message.textContent(), WAIT).toContain('<b>Please</b> tell me when it ships.');
    expect(await message.locator('b').count()).toBe(0);

    // Fill the template for this customer, preview, send and mark solved.
    await app.getByLabel('Template').selectOption({ label: 'Order on its way' });
    const body = app.getByLabel('Message to the customer');
    const firstName = customerName.split(' ')[0] as string;
    await expect.poll(() => body.inputValue(), WAIT).toContain(`Hello ${firstName},`);
    expect(await body.inputValue()).toContain(`(ticket #${number})`);
    expect(await body.inputValue()).toMatch(new RegExp(`Your order ${buyer.order} is [a-z ]+\\.`));
    expect(await body.inputValue()).toContain('Maple & Thread');
    await expect.poll(() => app.getByText('What the customer will read').isVisible()).toBe(true);
    await shot(page, 'reply');
    await app.getByRole('button', { name: 'Send and mark solved' }).click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Reply sent');
    await expect.poll(() => app.getByRole('article').nth(1).textContent(), WAIT).toContain(`Hello ${firstName},`);

    // The reply, then the rating request, reach the mail sink.
    const toCustomer = (mail: SunkMail) => mail.to.some((to) => to.includes(email));
    const reply = await waitForMail((mail) => toCustomer(mail) && mail.text.includes(`Your order ${buyer.order} is `));
    expect(reply.text).toContain(`Hello ${firstName},`);
    const request = await waitForMail((mail) => toCustomer(mail) && /\/apps\/steward\/rate\?t=/.test(mail.text));
    const link = /(https?:\/\/\S+\/apps\/steward\/rate\?t=[\w.-]+)/.exec(request.text)?.[1] as string;
    expect(link).toBeTruthy();
    const sinkPage = await dev.newPage({ viewport: { width: 1100, height: 800 } });
    await sinkPage.goto(SINK);
    await sinkPage.screenshot({ path: path.join(RESULTS, 'inbox-mail-sink.png'), fullPage: true });

    // The customer rates through the link (the app proxy's page).
    await store.goto(link);
    await store.getByLabel('5 – Very happy').check();
    await store.getByLabel(/Anything to add/).fill('Quick and kind.\nThanks!');
    await store.getByRole('button', { name: 'Send my rating' }).click();
    await expect.poll(() => store.url(), WAIT).toContain('steward_rate=sent');
    await store.screenshot({ path: path.join(RESULTS, 'inbox-rated.png'), fullPage: true });

    // The ticket shows the rating; the inbox the average.
    await page.goto(`${dev.shellUrl}/inbox/${number}`);
    await expect.poll(() => app.getByText('5 out of 5').isVisible(), WAIT).toBe(true);
    await expect.poll(() => app.getByText('Quick and kind.').isVisible()).toBe(true);
    await shot(page, 'ticket-rated');
    await page.goto(`${dev.shellUrl}/inbox`);
    const satisfaction = app.getByRole('region', { name: 'Satisfaction' });
    await expect.poll(() => satisfaction.textContent(), WAIT).toContain('5 / 5');
    expect(shell.problems).toEqual([]);
  }, 600_000);

  it('pages through a large inbox, filters it, acts on tickets in bulk, and shows the overdue ones on Today', async () => {
    await seedTickets(600);
    const shell = await openShell(`${dev.shellUrl}/inbox`);
    const { page, app } = shell;
    const rows = app.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(25);
    await listReady(app);
    await shot(page, 'large');

    // The next page by cursor.
    await app.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('cursor=')), WAIT).toBe(true);
    await expect.poll(() => rows.count(), WAIT).toBe(25);

    // Overdue (the count links there), then urgent and tagged vip through the filters.
    await app.getByRole('link', { name: /^See the \d+ overdue tickets$/ }).click();
    await expect.poll(() => app.getByRole('button', { name: 'Overdue' }).isVisible(), WAIT).toBe(true);
    for (const [filter, choice] of [
      ['Priority', 'Urgent'],
      ['Tag', 'vip'],
    ] as const) {
      await app.getByRole('button', { name: filter, exact: true }).click();
      await app.getByRole('radio', { name: choice }).click({ force: true });
      await expect.poll(() => app.getByRole('button', { name: `${filter}: ${choice}` }).isVisible(), WAIT).toBe(true);
      await app.getByRole('heading', { name: 'Open tickets' }).click();
    }
    await expect.poll(() => rows.count(), WAIT).toBe(25);
    expect(
      await rows.filter({ hasText: 'Overdue' }).filter({ hasText: 'Urgent' }).filter({ hasText: 'vip' }).count(),
    ).toBe(25);
    await shot(page, 'filtered');

    // Select two tickets and mark them solved.
    await app.getByRole('button', { name: 'Cancel' }).click();
    const appUrl = () =>
      page
        .frames()
        .find((frame) => frame.url().includes('/app/inbox'))
        ?.url() ?? '';
    await expect.poll(() => /overdue=|priority=|tag=/.test(appUrl()), WAIT).toBe(false);
    await app.getByRole('tab', { name: /^Open/ }).click();
    await expect.poll(() => new URL(appUrl()).searchParams.get('status'), WAIT).toBe('open');
    await expect.poll(() => rows.count(), WAIT).toBe(25);
    const firstTwo = [rows.nth(0), rows.nth(1)];
    const subjects = await Promise.all(firstTwo.map((row) => row.locator('a').first().textContent()));
    for (const row of firstTwo) await row.getByRole('checkbox').check();
    await app.getByRole('button', { name: 'Mark as solved' }).click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('2 tickets updated');
    for (const subject of subjects) {
      await expect.poll(() => app.getByRole('link', { name: subject ?? '' }).count(), WAIT).toBe(0);
    }

    // Today: the overdue tickets.
    await page.locator('#app-nav a', { hasText: 'Today' }).click();
    await expect
      .poll(() => app.getByRole('heading', { name: 'Tickets overdue' }).isVisible(), { timeout: 60_000 })
      .toBe(true);
    await expect.poll(() => app.getByText(/^\d+ tickets overdue$/).isVisible(), WAIT).toBe(true);
    await shot(page, 'today');
    await app.getByRole('link', { name: 'See overdue tickets' }).click();
    await expect.poll(() => app.getByText('Overdue', { exact: true }).first().isVisible(), WAIT).toBe(true);
    expect(shell.problems).toEqual([]);
  }, 600_000);

  it('speaks the merchant’s language: the inbox and a ticket in French', async () => {
    const shell = await openShell(`${dev.shellUrl}/inbox?locale=fr`);
    await expect.poll(() => shell.page.locator('#title-bar').textContent(), { timeout: 120_000 }).toBe('Messagerie');
    await expect.poll(() => shell.app.getByRole('tab', { name: /Ouverts/ }).isVisible(), WAIT).toBe(true);
    await shot(shell.page, 'fr');
    expect(shell.problems).toEqual([]);
  }, 300_000);
});
