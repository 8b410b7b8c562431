/**
 * The activity page's loader and the CSV export, called with real Requests
 * and session tokens against the devstore (the shop's time zone comes from
 * Shopify), on a real migrated database: filters, search, keyset pages
 * across equal timestamps, scoping to the shop, bad URLs, and the CSV's
 * content and escaping.
 */
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { bearerRequest, call, sessionToken } from '../../tests/support/shopify-requests';
import type { ActivityInput } from '~/modules/activity/record.server';

const OTHER_SHOP = 'harbor-goods.myshopify.com';
const EMPTY_SHOP = 'brand-new.myshopify.com';

const devstore = await startAppDevstore({
  shops: [
    emptyShop({
      id: 1,
      domain: TEST_SHOP,
      name: 'Maple & Thread',
      currencyCode: 'CAD',
      ianaTimezone: 'America/Toronto',
    }),
    emptyShop({ id: 2, domain: OTHER_SHOP, name: 'Harbor Goods', currencyCode: 'EUR', ianaTimezone: 'Europe/Paris' }),
    emptyShop({ id: 3, domain: EMPTY_SHOP, name: 'Brand New' }),
  ],
});
const { loader } = await import('./app.activity._index');
const { loader: exportLoader } = await import('./app.activity.export');
const { default: prisma } = await import('~/db.server');
const { recordActivity } = await import('~/modules/activity/record.server');

type Loaded = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

await installOn(devstore, [TEST_SHOP, OTHER_SHOP, EMPTY_SHOP], (shop) => `shpat_activity_${shop.split('.')[0]}`);
afterAll(() => devstore.close());

const BASE = Date.parse('2026-01-10T12:00:00.000Z');
const PAID = 130;

function entry(shop: string, key: string, fields: Partial<ActivityInput>): ActivityInput {
  return {
    shop,
    occurredAt: new Date(BASE),
    actor: { type: 'shopify' },
    verb: 'updated',
    resource: { type: 'order', id: null, title: null },
    summary: 'entry',
    source: 'webhook',
    sourceKey: key,
    ...fields,
  };
}

/** 130 payments, seven to a minute (equal timestamps), newest first by (time, id). */
function payments(shop: string): ActivityInput[] {
  return Array.from({ length: PAID }, (_, index) =>
    entry(shop, `paid-${index}`, {
      occurredAt: new Date(BASE - Math.floor(index / 7) * 60_000),
      verb: 'paid',
      resource: { type: 'order', id: String(5000 + index), title: `#${1000 + index}` },
      summary: `Order #${1000 + index} paid — CA$84.00`,
      details: { amount: '84.00', currency: 'CAD' },
      link: `/orders/${5000 + index}`,
    }),
  );
}

const NASTY_TITLE = '=HYPERLINK("http://evil.example","click"), "quoted"\nsecond line';

beforeAll(async () => {
  await recordActivity(prisma, payments(TEST_SHOP));
  await recordActivity(prisma, [
    entry(TEST_SHOP, 'hat', {
      occurredAt: new Date(BASE + 60_000),
      actor: { type: 'staff', id: '71', name: 'Sam Rivera' },
      verb: 'created',
      resource: { type: 'product', id: '801', title: 'Wool hat' },
      summary: 'Product “Wool hat” created',
      link: '/products/801',
    }),
    entry(TEST_SHOP, 'customer', {
      occurredAt: new Date(BASE + 120_000),
      actor: { type: 'shopify' },
      verb: 'created',
      resource: { type: 'customer', id: '901', title: 'Jane Doe' },
      summary: 'Customer account created',
      customerId: '901',
      link: '/customers/901',
    }),
    entry(TEST_SHOP, 'steward', {
      occurredAt: new Date(BASE + 180_000),
      actor: { type: 'steward', id: '71', name: 'Alex Kim' },
      verb: 'updated',
      resource: { type: 'budget_plan', id: '3', title: 'Spring budget' },
      summary: 'Budget plan “Spring budget” updated',
      source: 'steward',
      link: '/app/budget/3',
    }),
    entry(TEST_SHOP, 'nasty', {
      occurredAt: new Date(BASE + 240_000),
      verb: 'updated',
      resource: { type: 'product', id: '802', title: NASTY_TITLE },
      summary: 'Product updated',
      link: '/products/802',
    }),
    // Around midnight in Toronto (UTC−5 in January): 23:30 on the 4th, 00:30 and 23:59 on the 5th, 00:00 on the 6th.
    ...[
      '2026-01-05T04:30:00.000Z',
      '2026-01-05T05:30:00.000Z',
      '2026-01-06T04:59:00.000Z',
      '2026-01-06T05:00:00.000Z',
    ].map((at, index) =>
      entry(TEST_SHOP, `midnight-${index}`, {
        occurredAt: new Date(at),
        verb: 'published',
        resource: { type: 'theme', id: String(60 + index), title: `Theme ${index}` },
        summary: `Theme “Theme ${index}” published`,
      }),
    ),
  ]);
  // Another shop with look-alike entries: never shown to TEST_SHOP.
  await recordActivity(prisma, [
    ...payments(OTHER_SHOP),
    entry(OTHER_SHOP, 'hat', {
      occurredAt: new Date(BASE + 300_000),
      actor: { type: 'staff', name: 'Sam Rivera' },
      verb: 'created',
      resource: { type: 'product', id: '801', title: 'Wool hat' },
      summary: 'Product “Wool hat” created',
    }),
  ]);
});

/** Loads "?query", or a page link the loader gave ("/app/activity?after=…"). */
async function load(query: string, shop = TEST_SHOP): Promise<Loaded> {
  const path = query.startsWith('/') ? query : `/app/activity${query}`;
  const result = await call(loader, bearerRequest(path, await sessionToken(shop)));
  if (result instanceof Response) throw new Error(`loader answered ${result.status}`);
  return result;
}

const ids = (loaded: Loaded) => loaded.entries.map((view) => view.resource.id);

describe('Activity loader', () => {
  it('shows the newest 50 entries first, in the shop’s terms, with resolved links', async () => {
    const loaded = await load('');
    expect(loaded.shopHasEntries).toBe(true);
    expect(loaded.timeZone).toBe('America/Toronto');
    expect(loaded.entries).toHaveLength(50);
    expect(loaded.newerUrl).toBeNull();
    expect(loaded.olderUrl).toMatch(/^\/app\/activity\?after=\d+_\d+$/);
    const [nasty, steward, customer, hat] = loaded.entries;
    expect([nasty, steward, customer, hat].map((view) => view?.resource.id)).toEqual(['802', '3', '901', '801']);
    expect(hat).toMatchObject({
      actor: { type: 'staff', name: 'Sam Rivera' },
      verb: 'created',
      link: { href: `${devstore.url}/store/test-shop/products/801`, external: true },
    });
    expect(steward?.link).toEqual({ href: '/app/budget/3', external: false });
    expect(loaded.entries[4]).toMatchObject({ verb: 'paid', details: { amount: '84.00', currency: 'CAD' } });
  });

  it('walks every page by cursor across equal timestamps, and back, without gaps or repeats', async () => {
    const pages: Loaded[] = [];
    let next: string | null = '';
    while (next !== null) {
      const page = await load(next);
      pages.push(page);
      next = page.olderUrl;
    }
    const seen = pages.flatMap(ids);
    expect(pages).toHaveLength(3);
    expect(seen).toHaveLength(PAID + 8);
    expect(new Set(seen).size).toBe(seen.length);
    const times = pages.flatMap((page) => page.entries.map((view) => Date.parse(view.occurredAt)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Within a minute, the later-recorded (higher id) entry comes first.
    const payments = seen.filter((id) => Number(id) >= 5000).map(Number);
    expect(payments).toEqual(
      Array.from({ length: PAID }, (_, index) => 5000 + index).sort(
        (a, b) => Math.floor((a - 5000) / 7) - Math.floor((b - 5000) / 7) || b - a,
      ),
    );
    // Newer links lead back through the same pages.
    const back = await load(pages[2]?.newerUrl as string);
    expect(ids(back)).toEqual(ids(pages[1] as Loaded));
    const top = await load(back.newerUrl as string);
    expect(ids(top)).toEqual(ids(pages[0] as Loaded));
    expect(top.newerUrl).toBeNull();
  });

  it('filters by type, resource, who and name, keeping the filters in the page links', async () => {
    const paid = await load('?verb=paid&resource=order');
    expect(paid.entries.every((view) => view.verb === 'paid' && view.resource.type === 'order')).toBe(true);
    expect(paid.olderUrl).toMatch(/^\/app\/activity\?verb=paid&resource=order&after=/);
    const older = await load(paid.olderUrl as string);
    expect(older.entries).toHaveLength(50);
    expect(older.filters.verbs).toEqual(['paid']);

    expect(ids(await load('?actor=staff'))).toEqual(['801']);
    expect(ids(await load('?actor=steward&actor=staff'))).toEqual(['3', '801']);
    expect(ids(await load('?actorName=alex'))).toEqual(['3']);
    expect(ids(await load('?verb=created&resource=customer'))).toEqual(['901']);
    expect(ids(await load('?resource=budget_plan'))).toEqual(['3']);
  });

  it('filters by calendar days in the shop’s time zone', async () => {
    expect(ids(await load('?from=2026-01-05&to=2026-01-05'))).toEqual(['62', '61']);
    expect(ids(await load('?to=2026-01-04'))).toEqual(['60']);
    expect(ids(await load('?from=2026-01-06&to=2026-01-06'))).toEqual(['63']);
    const since = await load('?from=2026-01-06&resource=theme');
    expect(ids(since)).toEqual(['63']);
  });

  it('searches titles, names and summaries by word prefix', async () => {
    expect(ids(await load('?q=wool+ha'))).toEqual(['801']);
    expect(ids(await load('?q=WOOL'))).toEqual(['801']);
    expect(ids(await load('?q=jane'))).toEqual(['901']);
    expect(ids(await load('?q=sam+rivera'))).toEqual(['801']);
    expect(ids(await load(`?q=${encodeURIComponent('#1042')}`))).toEqual(['5042']);
    expect(ids(await load('?q=spring+budget'))).toEqual(['3']);
    // Query syntax is text, not operators.
    expect(ids(await load(`?q=${encodeURIComponent("wool & !hat | (x) ' :*")}`))).toEqual([]);
    const paid = await load('?q=paid&verb=paid');
    expect(paid.entries).toHaveLength(50);
    expect(paid.olderUrl).toContain('q=paid');
  });

  it('never shows another shop’s entries', async () => {
    const all: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const page = await load(next);
      all.push(...page.entries.map((view) => view.id));
      next = page.olderUrl;
    }
    const theirs = await prisma.activityEntry.findMany({ where: { shop: OTHER_SHOP }, select: { id: true } });
    expect(theirs).toHaveLength(PAID + 1);
    expect(all.filter((id) => theirs.some((row) => row.id.toString() === id))).toEqual([]);
    expect(ids(await load('?q=wool'))).toEqual(['801']);
    const harbor = await load('?q=wool', OTHER_SHOP);
    expect(harbor.entries.map((view) => view.id)).not.toContain((await load('?q=wool')).entries[0]?.id);
    // A cursor taken from another shop's page only positions; it never reveals rows.
    const theirPage = await load('', OTHER_SHOP);
    const crossed = await load(theirPage.olderUrl as string);
    expect(crossed.entries.every((view) => !theirs.some((row) => row.id.toString() === view.id))).toBe(true);
  });

  it('names a refund’s order and a deleted product from the store mirror when the webhook did not', async () => {
    await prisma.order.create({ data: { shop: TEST_SHOP, id: 7001n, name: '#2042', updatedAt: new Date(BASE) } });
    await prisma.order.create({ data: { shop: OTHER_SHOP, id: 7002n, name: '#9999', updatedAt: new Date(BASE) } });
    await prisma.product.create({
      data: { shop: TEST_SHOP, id: 8801n, title: 'Linen apron', updatedAt: new Date(BASE), deletedAt: new Date(BASE) },
    });
    await recordActivity(prisma, [
      entry(TEST_SHOP, 'refund-7001', {
        occurredAt: new Date(BASE - 86_400_000 * 30),
        actor: { type: 'staff', id: '71' },
        verb: 'refunded',
        resource: { type: 'order', id: '7001', title: null },
        summary: 'Refund issued — CA$12.00',
        details: { amount: '12.00', currency: 'CAD' },
      }),
      // An order of another shop with the same id space: never used to name ours.
      entry(TEST_SHOP, 'refund-7002', {
        occurredAt: new Date(BASE - 86_400_000 * 30),
        verb: 'refunded',
        resource: { type: 'order', id: '7002', title: null },
        summary: 'Refund issued',
      }),
      entry(TEST_SHOP, 'delete-8801', {
        occurredAt: new Date(BASE - 86_400_000 * 30),
        verb: 'deleted',
        resource: { type: 'product', id: '8801', title: null },
        summary: 'Product deleted',
      }),
    ]);
    const loaded = await load('?from=2025-12-11&to=2025-12-11');
    const byId = new Map(loaded.entries.map((view) => [view.resource.id, view.resource.title]));
    expect(byId).toEqual(
      new Map([
        ['7001', '#2042'],
        ['7002', null],
        ['8801', 'Linen apron'],
      ]),
    );
    const { lines } = await exportCsv('?from=2025-12-11&to=2025-12-11');
    expect(lines.join('\n')).toContain(
      ',Staff member,staff,Refund on order #2042 — CA$12.00,refunded,order,7001,#2042,',
    );
    expect(lines.join('\n')).toContain(',Product “Linen apron” deleted,deleted,product,8801,Linen apron,');
    expect(lines.join('\n')).not.toContain('#9999');
  });

  it('tells an empty log from filters that match nothing', async () => {
    const empty = await load('', EMPTY_SHOP);
    expect(empty).toMatchObject({ entries: [], shopHasEntries: false, newerUrl: null, olderUrl: null });
    const none = await load('?q=nothing-like-this');
    expect(none).toMatchObject({ entries: [], shopHasEntries: true });
  });

  it('answers 400 naming the problem for a URL it cannot read', async () => {
    for (const [query, problem] of [
      ['?from=2026-02-30', 'date'],
      ['?from=2026-02-03&to=2026-02-01', 'dateOrder'],
      ['?after=yesterday', 'cursor'],
      ['?after=1_1&before=1_1', 'cursor'],
      ['?verb=DROP%20TABLE', 'choice'],
      [`?q=${'x'.repeat(201)}`, 'tooLong'],
    ] as const) {
      const token = await sessionToken(TEST_SHOP);
      const result = await call(loader, bearerRequest(`/app/activity${query}`, token)).catch((error) => error);
      const thrown = result as { init?: { status?: number }; data?: { problem?: string } };
      expect(thrown.init?.status, query).toBe(400);
      expect(thrown.data?.problem, query).toBe(problem);
    }
  });

  it('refuses a request without a valid session token', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const result = await call(loader, bearerRequest('/app/activity', forged));
    expect((result as Response).status).toBe(401);
  });
});

async function exportCsv(
  query: string,
  shop = TEST_SHOP,
): Promise<{ response: Response; text: string; lines: string[] }> {
  const result = await call(exportLoader, bearerRequest(`/app/activity/export${query}`, await sessionToken(shop)));
  if (!(result instanceof Response)) throw new Error('the export did not answer a Response');
  const bytes = new Uint8Array(await result.clone().arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { response: result, text, lines: text.slice(1).split('\r\n').slice(0, -1) };
}

describe('Activity CSV export', () => {
  it('streams the whole filtered log as UTF-8 CSV with a BOM, named after the shop and the day', async () => {
    const { response, text, lines } = await exportCsv('?verb=paid');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="activity-test-shop-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      'Time (UTC),Time (shop time zone),Who,Actor type,What happened,Type,Resource type,Resource ID,Resource,Link,Source',
    );
    expect(lines).toHaveLength(PAID + 1);
    expect(lines[1]).toBe(
      `${new Date(BASE).toISOString()},2026-01-10 07:00:00,Shopify,shopify,Order #1006 paid — CA$84.00,paid,order,5006,#1006,${devstore.url}/store/test-shop/orders/5006,webhook`,
    );
  });

  it('escapes quotes, commas and line breaks, and keeps formulas as text', async () => {
    const { lines, text } = await exportCsv('?q=hyperlink');
    // Records end with CRLF; the title's own line break stays inside its quoted cell.
    expect(lines).toHaveLength(2);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""\nsecond line",`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('writes headers and sentences in the merchant’s language', async () => {
    const { lines } = await exportCsv('?q=wool&locale=fr');
    expect(lines[0]).toMatch(/^Date et heure \(UTC\),Date et heure \(fuseau de la boutique\),Auteur,/);
    expect(lines[1]).toContain(',Sam Rivera,staff,Produit « Wool hat » créé,created,product,801,Wool hat,');
  });

  it('exports more rows than one batch, in keyset order, and only the shop’s own', async () => {
    const many = Array.from({ length: 2600 }, (_, index) =>
      entry(EMPTY_SHOP, `bulk-${index}`, {
        occurredAt: new Date(BASE - Math.floor(index / 3) * 1000),
        verb: 'updated',
        resource: { type: 'inventory', id: String(index), title: null },
        summary: 'Inventory level changed',
      }),
    );
    await recordActivity(prisma, many);
    const { lines } = await exportCsv('', EMPTY_SHOP);
    const exported = lines.slice(1).map((line) => line.split(',')[7]);
    expect(exported).toHaveLength(2600);
    expect(new Set(exported).size).toBe(2600);
    const { lines: theirs } = await exportCsv('?q=wool', OTHER_SHOP);
    expect(theirs).toHaveLength(2);
    // Their own entry, in their own time zone (Paris, UTC+1), not ours.
    expect(theirs[1]).toBe(
      `${new Date(BASE + 300_000).toISOString()},2026-01-10 13:05:00,Sam Rivera,staff,Product “Wool hat” created,created,product,801,Wool hat,,webhook`,
    );
  });

  it('refuses a request without a valid session token, and a bad filter', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    expect(((await call(exportLoader, bearerRequest('/app/activity/export', forged))) as Response).status).toBe(401);
    const bad = await call(
      exportLoader,
      bearerRequest('/app/activity/export?to=2026-13-01', await sessionToken(TEST_SHOP)),
    ).catch((error) => error);
    expect((bad as { init?: { status?: number } }).init?.status).toBe(400);
  });
});
