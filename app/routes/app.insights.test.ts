/**
 * The Insights loaders and the findings action, called with real Requests
 * and session tokens (the library's verification runs, the devstore stands
 * in for Shopify) on a real migrated database holding rolled-up orders:
 * the period read from the URL (presets in the shop's time zone, custom
 * ranges, bad input answered 400 naming the problem, never 500), the
 * figures it returns, and dismiss / snooze / restore scoped to the shop of
 * the session whatever the form says.
 */
import { TEST_SHOP } from '@shopify/shopify-api/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { mirrorOrder, mirrorProduct, mirrorVariant } from '../../tests/support/mirror-fixtures';
import { bearerRequest, call, sessionToken } from '../../tests/support/shopify-requests';

const OTHER_SHOP = 'harbor-goods.myshopify.com';
const devstore = await startAppDevstore({
  shops: [
    emptyShop({
      id: 1,
      domain: TEST_SHOP,
      name: 'Maple & Thread',
      currencyCode: 'CAD',
      ianaTimezone: 'America/Toronto',
      shopifyqlAvailable: false,
    }),
    emptyShop({
      id: 2,
      domain: OTHER_SHOP,
      name: 'Harbor Goods',
      currencyCode: 'EUR',
      ianaTimezone: 'Europe/Paris',
      shopifyqlAvailable: true,
    }),
  ],
});
const overview = await import('./app.insights._index');
const products = await import('./app.insights.products');
const cohorts = await import('./app.insights.cohorts');
const findings = await import('./app.insights.findings');
const { default: prisma } = await import('~/db.server');
const { applyAndRollUp, seedShop } = await import('~/modules/insights/test-support');
const { recomputeFindings, listFindings } = await import('~/modules/insights/findings.server');
const { localDate } = await import('~/modules/insights/periods');

await installOn(devstore, [TEST_SHOP, OTHER_SHOP], (shop) => `shpat_insights_${shop.split('.')[0]}`);
afterAll(() => devstore.close());

/** `count` guest orders of 2 × 10.00 of product 301 on one day (16:00 UTC: noon in Toronto). */
const orders = (firstId: number, count: number, date: string) =>
  Array.from({ length: count }, (_, i) =>
    mirrorOrder({
      id: firstId + i,
      processedAt: `${date}T16:00:00Z`,
      lines: [{ id: (firstId + i) * 10, productId: 301, variantId: 3011, quantity: 2, price: '10.00' }],
    }),
  );

beforeAll(async () => {
  for (const [shop, timeZone, currencyCode] of [
    [TEST_SHOP, 'America/Toronto', 'CAD'],
    [OTHER_SHOP, 'Europe/Paris', 'EUR'],
  ] as const) {
    await seedShop(prisma, shop, { timeZone, currencyCode }, [
      // 301 sells; 302 has 40 units at 2.50 and never sells (dead stock: a finding).
      mirrorProduct(301, [mirrorVariant(3011, { price: '10.00', unitCost: '4.00', inventoryQuantity: 500 })], {
        title: 'Wool Hat',
      }),
      mirrorProduct(302, [mirrorVariant(3021, { price: '10.00', unitCost: '2.50', inventoryQuantity: 40 })], {
        title: 'Linen Scarf',
      }),
    ]);
    // May: 10 orders on 05-10; June: 25 orders on 06-12 and 5 on 06-30.
    await applyAndRollUp(prisma, shop, timeZone, [
      ...orders(1000, 10, '2026-05-10'),
      ...orders(2000, 25, '2026-06-12'),
      ...orders(3000, 5, '2026-06-30'),
    ]);
    await recomputeFindings(prisma, shop, '2026-07-01', new Date('2026-07-01T16:00:00Z'));
  }
});

async function load<T>(loader: (args: never) => Promise<T>, path: string, shop = TEST_SHOP): Promise<T> {
  const result = await call(loader as never, bearerRequest(path, await sessionToken(shop)));
  if (result instanceof Response) throw new Error(`${path} answered ${result.status}`);
  return result as T;
}

async function refused(loader: (args: never) => Promise<unknown>, path: string) {
  const result = await call(loader as never, bearerRequest(path, await sessionToken(TEST_SHOP))).catch(
    (error: unknown) => error,
  );
  return result as { init?: { status?: number }; data?: { problem?: string } };
}

describe('the Insights period in the URL', () => {
  it('reads a custom range and compares it with the previous period of equal length', async () => {
    const data = await load(overview.loader, '/app/insights?period=custom&start=2026-06-01&end=2026-06-30');
    expect(data.choice).toEqual({
      preset: 'custom',
      start: '2026-06-01',
      end: '2026-06-30',
      comparison: { start: '2026-05-02', end: '2026-05-31' },
    });
    // June: 30 orders × 20.00; May: 10 × 20.00.
    expect(data.summary.current).toMatchObject({ orders: 30, netSales: 600, unitsSold: 60, averageOrderValue: 20 });
    expect(data.summary.previous).toMatchObject({ orders: 10, netSales: 200 });
    expect(data.summary.change.netSales).toEqual({ absolute: 400, relative: 2 });
    expect(data.series).toHaveLength(30);
    expect(data.series.find((point) => point.day === '2026-06-12')).toMatchObject({ orders: 25, netSales: 500 });
    expect(data.channels.map((channel) => [channel.key, channel.orders])).toEqual([['source:web', 30]]);
    expect(data.shop).toMatchObject({ currencyCode: 'CAD', timeZone: 'America/Toronto' });
    expect(data.readiness.hasSales).toBe(true);
  });

  it('resolves presets from the shop’s today, in the shop’s time zone', async () => {
    const today = localDate(new Date(), 'America/Toronto');
    const fallback = await load(overview.loader, '/app/insights');
    expect(fallback.choice).toMatchObject({ preset: 'last30', end: today });
    const yesterday = await load(overview.loader, '/app/insights?period=yesterday');
    expect(yesterday.choice.start).toBe(yesterday.choice.end);
    expect(yesterday.choice.comparison.end < yesterday.choice.start).toBe(true);
    const paris = await load(overview.loader, '/app/insights?period=today', OTHER_SHOP);
    expect(paris.choice.start).toBe(localDate(new Date(), 'Europe/Paris'));
    expect(paris.shop.currencyCode).toBe('EUR');
  });

  it('answers 400 naming the problem for a period it cannot read, on every page that takes one', async () => {
    for (const [query, problem] of [
      ['?period=forever', 'unknownPreset'],
      ['?period=custom', 'missingDates'],
      ['?period=custom&start=2026-06-01', 'missingDates'],
      ['?period=custom&start=2026-02-30&end=2026-03-10', 'badDate'],
      ['?period=custom&start=june&end=2026-06-30', 'badDate'],
      ['?period=custom&start=2026-06-30&end=2026-06-01', 'endBeforeStart'],
      ['?period=custom&start=2020-01-01&end=2026-06-30', 'tooLong'],
    ] as const) {
      for (const [loader, path] of [
        [overview.loader, '/app/insights'],
        [products.loader, '/app/insights/products'],
      ] as const) {
        const thrown = await refused(loader, `${path}${query}`);
        expect(thrown.init?.status, `${path}${query}`).toBe(400);
        expect(thrown.data?.problem, `${path}${query}`).toBe(problem);
      }
    }
    expect((await refused(cohorts.loader, '/app/insights/cohorts?months=7')).init?.status).toBe(400);
    expect((await refused(findings.loader, '/app/insights/findings?show=everything')).init?.status).toBe(400);
  });

  it('streams sessions from ShopifyQL where the plan allows, and says "unavailable" where it does not', async () => {
    const withoutAnalytics = await load(overview.loader, '/app/insights?period=last7');
    expect(await withoutAnalytics.sessions).toEqual({ status: 'unavailable', reason: 'plan' });
    const withAnalytics = await load(overview.loader, '/app/insights?period=last7', OTHER_SHOP);
    const sessions = await withAnalytics.sessions;
    expect(sessions.status).toBe('available');
    if (sessions.status === 'available') expect(Number.isInteger(sessions.current.sessions)).toBe(true);
  });

  it('refuses a request without a valid session token', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    const result = await call(overview.loader, bearerRequest('/app/insights', forged));
    expect((result as Response).status).toBe(401);
  });
});

describe('the other Insights pages', () => {
  it('lists top products with margins, and dead stock with the cost it ties up', async () => {
    const data = await load(products.loader, '/app/insights/products?period=custom&start=2026-06-01&end=2026-06-30');
    expect(data.products.top.map((product) => [product.title, product.netSales, product.unitsSold])).toEqual([
      ['Wool Hat', 600, 60],
    ]);
    // (600 − 60 × 4.00) / 600.
    expect(data.products.top[0]?.margin).toBe(0.6);
    // Inventory is as of the shop's real today: the scarf never sold, and the hat's last sale (06-30)
    // is more than 90 days ago on any day after 09-28 — the only days this test can run on.
    const dead = Object.fromEntries(data.inventory.deadStock.map((row) => [row.title, row.costTiedUp]));
    expect(dead['Linen Scarf']).toBe(100);
    expect(data.adminBase).toBe(`${devstore.url.replace(/\/$/, '')}/store/${TEST_SHOP.replace('.myshopify.com', '')}`);
  });

  it('shows 6, 12 or 24 cohorts', async () => {
    const data = await load(cohorts.loader, '/app/insights/cohorts?months=6');
    expect(data.months).toBe(6);
    expect(data.cohorts).toHaveLength(6);
  });
});

describe('dismissing and snoozing findings', () => {
  const post = async (fields: Record<string, string>, shop = TEST_SHOP) => {
    const request = new Request(bearerRequest('/app/insights/findings', await sessionToken(shop)), {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
    const result = (await findings.action({ request, params: {}, context: {} })) as unknown as {
      data: { ok: boolean; error?: string; intent?: string; snoozedUntil?: string | null };
      init: { status?: number } | null;
    };
    return { status: result.init?.status ?? 200, ...result.data };
  };
  const deadStockOf = async (shop: string) => {
    const finding = (await listFindings(prisma, shop, { include: 'all' })).find((row) => row.rule === 'dead-stock');
    if (!finding) throw new Error(`${shop} has no dead-stock finding`);
    return finding;
  };

  it('lists the open findings with their evidence and links resolved to the shop’s admin', async () => {
    const data = await load(findings.loader, '/app/insights/findings');
    // The last 28 days before 07-01 (06-03..06-30: 30 orders, 600) against the 28 before (10 orders, 200):
    // the web channel and the hat grew by 200% (400 more each); the scarf's 40 × 2.50 lie idle.
    expect(data.findings.map((finding) => [finding.rule, finding.kind, finding.evidence.value])).toEqual([
      ['channel-grew', 'strong', 600],
      ['product-sales-grew', 'strong', 600],
      ['dead-stock', 'weak', 100],
    ]);
    expect(data.findings[1]?.links).toEqual([
      {
        type: 'product',
        title: 'Wool Hat',
        href: `${devstore.url.replace(/\/$/, '')}/store/${TEST_SHOP.replace('.myshopify.com', '')}/products/301`,
        external: true,
      },
      {
        type: 'period',
        title: '2026-06-03 – 2026-06-30',
        href: '/app/insights?period=custom&start=2026-06-03&end=2026-06-30',
        external: false,
      },
    ]);
    expect(data.findings[2]?.links).toEqual([
      {
        type: 'product',
        title: 'Linen Scarf',
        href: `${devstore.url.replace(/\/$/, '')}/store/${TEST_SHOP.replace('.myshopify.com', '')}/products/302`,
        external: true,
      },
    ]);
    expect(data.thresholds.stockoutDays).toBe(7);
  });

  it('dismisses, snoozes and restores a finding of the session’s shop', async () => {
    const finding = await deadStockOf(TEST_SHOP);
    expect(await post({ intent: 'dismiss', id: finding.id })).toMatchObject({
      status: 200,
      ok: true,
      intent: 'dismiss',
    });
    const open = await load(findings.loader, '/app/insights/findings');
    expect(open.findings.map((row) => row.rule)).toEqual(['channel-grew', 'product-sales-grew']);
    expect(open.hiddenCount).toBe(1);
    const hidden = await load(findings.loader, '/app/insights/findings?show=hidden');
    expect(hidden.findings.map((row) => [row.id, row.status])).toEqual([[finding.id, 'dismissed']]);

    expect(await post({ intent: 'restore', id: finding.id })).toMatchObject({ ok: true, intent: 'restore' });
    const before = Date.now();
    const snoozed = await post({ intent: 'snooze', id: finding.id, days: '7' });
    expect(snoozed).toMatchObject({ ok: true, intent: 'snooze' });
    const until = Date.parse(snoozed.snoozedUntil as string);
    expect(until - before).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await listFindings(prisma, TEST_SHOP, { include: 'hidden' })).map((row) => row.status)).toEqual([
      'snoozed',
    ]);
    await post({ intent: 'restore', id: finding.id });
    expect((await listFindings(prisma, TEST_SHOP)).map((row) => row.id)).toContain(finding.id);
  });

  it('never touches another shop’s finding, whatever id the form carries', async () => {
    const theirs = await deadStockOf(OTHER_SHOP);
    expect(await post({ intent: 'dismiss', id: theirs.id })).toMatchObject({
      status: 404,
      ok: false,
      error: 'notFound',
    });
    expect(await post({ intent: 'snooze', id: theirs.id, days: '30' })).toMatchObject({ status: 404 });
    expect((await deadStockOf(OTHER_SHOP)).status).toBe('open');
    // The other shop's own session can.
    expect(await post({ intent: 'dismiss', id: theirs.id }, OTHER_SHOP)).toMatchObject({ status: 200, ok: true });
    expect((await deadStockOf(OTHER_SHOP)).status).toBe('dismissed');
  });

  it('answers 400 to a form it cannot read', async () => {
    const finding = await deadStockOf(TEST_SHOP);
    const forms: Record<string, string>[] = [
      { intent: 'delete', id: finding.id },
      { intent: 'dismiss' },
      { intent: 'snooze', id: finding.id },
      { intent: 'snooze', id: finding.id, days: '0' },
      { intent: 'snooze', id: finding.id, days: '91' },
      { intent: 'snooze', id: finding.id, days: 'soon' },
    ];
    for (const fields of forms)
      expect(await post(fields), JSON.stringify(fields)).toMatchObject({ status: 400, ok: false, error: 'invalid' });
    expect((await deadStockOf(TEST_SHOP)).status).toBe('open');
  });
});
