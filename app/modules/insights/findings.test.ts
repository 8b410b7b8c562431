/**
 * Findings end to end on hand-built data: which rules fire and why (the
 * evidence), their order, and the life of a finding — dismissed, snoozed,
 * resolved when the data no longer supports it, shown again when it fires
 * again after being resolved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import {
  dismissFinding,
  FindingInputError,
  listFindings,
  recomputeFindings,
  restoreFinding,
  snoozeFinding,
} from './findings.server';
import { applyAndRollUp, seedShop } from './test-support';

const shop = 'findings.myshopify.com';
const TODAY = '2026-07-01';
const NOW = new Date('2026-07-01T16:00:00Z');

/** `count` guest orders of 2 units of one product at 10.00 (20 each) on one day, ids from `firstId`. */
function orders(firstId: number, count: number, date: string, productId: number, extra: object = {}) {
  return Array.from({ length: count }, (_, i) =>
    mirrorOrder({
      id: firstId + i,
      processedAt: `${date}T16:00:00Z`,
      lines: [{ id: (firstId + i) * 10, productId, variantId: productId * 10 + 1, quantity: 2, price: '10.00' }],
      ...extra,
    }),
  );
}

const keysOf = (findings: { key: string }[]) => findings.map((finding) => finding.key);

beforeAll(async () => {
  await seedShop(prisma, shop, { timeZone: 'America/Toronto', currencyCode: 'CAD' }, [
    // X sells plenty of stock; Y is short (5 left); Z has stock; W has 10 units at 3.00 and never sells.
    mirrorProduct(301, [mirrorVariant(3011, { price: '10.00', unitCost: '5.00', inventoryQuantity: 1000 })]),
    mirrorProduct(302, [mirrorVariant(3021, { price: '10.00', inventoryQuantity: 5 })]),
    mirrorProduct(303, [mirrorVariant(3031, { price: '10.00', inventoryQuantity: 1000 })]),
    mirrorProduct(304, [mirrorVariant(3041, { price: '10.00', unitCost: '3.00', inventoryQuantity: 10 })]),
  ]);
  await applyAndRollUp(prisma, shop, 'America/Toronto', [
    // The 28 days before the window (05-06..06-02), all on the web: X 20 orders (400), Y 5 orders (100).
    ...orders(1000, 20, '2026-05-10', 301),
    ...orders(2000, 5, '2026-05-12', 302),
    // The window (06-03..06-30): X 10 orders on the web (200); Y 15 orders from Google ads (300);
    // Z 10 orders on the web (200), 5 of them refunded whole on 06-14 (5 × 20 = 100).
    ...orders(3000, 10, '2026-06-10', 301),
    ...orders(4000, 15, '2026-06-11', 302, { utm: { source: 'google', medium: 'cpc' } }),
    ...orders(5000, 5, '2026-06-12', 303),
    ...orders(5005, 5, '2026-06-12', 303).map((order) => ({
      ...order,
      refunds: [
        mirrorRefund(Number(order.id), '2026-06-14T16:00:00Z', [
          { lineItemId: Number(order.id) * 10, quantity: 2, subtotal: '20.00' },
        ]),
      ],
    })),
  ]);
});

describe('findings', () => {
  it('turns the last 28 days into weak and strong points with their evidence', async () => {
    expect(await recomputeFindings(prisma, shop, TODAY, NOW)).toEqual({ firing: 6, created: 6, resolved: 0 });
    const findings = await listFindings(prisma, shop, { now: NOW });
    // Scores are money at stake over the window:
    // - Y will run out: 5 in stock at 30 / 28 a day = 4.6667 days of cover (< 7) for one of the best
    //   sellers; it sells 300 / 28 a day, lost for 28 − 4.6667 days: 10.714 × 23.333 = 250.
    // - The web fell from 500 (25 orders) to 200 + 200 − 100 = 300: −40% (≤ −30%), 200 less.
    // - X fell from 400 to 200: −50% (≤ −30%) on 40 units: 200 less.
    // - Y grew from 100 to 300: +200% (≥ +30%) on 30 units: 200 more.
    // - Z's refund rate 100 / 200 = 0.5 is at least twice the shop's 100 / 700 = 0.1429;
    //   returns beyond the shop's rate: 100 − 0.1429 × 200 = 71.42.
    // - W: 10 units × 3.00 = 30 tied up, no sale in 90 days.
    // Nothing about AOV (20 in both periods), the repeat rate (guests only) or Google (no previous sales).
    expect(findings.map((finding) => [finding.key, finding.kind, finding.score])).toEqual([
      ['best-seller-stockout:product/302', 'weak', 250],
      ['channel-shrank:channel/source:web', 'weak', 200],
      ['product-sales-fell:product/301', 'weak', 200],
      ['product-sales-grew:product/302', 'strong', 200],
      ['product-refund-rate:product/303', 'weak', 71.42],
      ['dead-stock:shop', 'weak', 30],
    ]);
    const fell = findings.find((finding) => finding.rule === 'product-sales-fell');
    expect(fell).toMatchObject({
      subjectType: 'product',
      subjectId: '301',
      subjectTitle: 'Product 301',
      status: 'open',
      evidence: {
        metric: 'netSales',
        value: 200,
        comparison: 400,
        comparedWith: 'previousPeriod',
        change: -0.5,
        threshold: -0.3,
        period: { start: '2026-06-03', end: '2026-06-30' },
        comparisonPeriod: { start: '2026-05-06', end: '2026-06-02' },
        facts: { unitsSold: 20, previousUnitsSold: 40 },
      },
      links: [
        { type: 'product', id: '301', title: 'Product 301', adminPath: '/products/301', appPath: null },
        {
          type: 'period',
          id: null,
          title: '2026-06-03 – 2026-06-30',
          adminPath: null,
          appPath: '/app/insights?period=custom&start=2026-06-03&end=2026-06-30',
        },
      ],
    });
    expect(findings.find((finding) => finding.rule === 'product-refund-rate')?.evidence).toMatchObject({
      value: 0.5,
      comparison: 0.1429,
      comparedWith: 'shopRate',
      change: 3.5,
      threshold: 2,
    });
    expect(findings.find((finding) => finding.rule === 'dead-stock')).toMatchObject({
      evidence: { value: 30, threshold: 90, facts: { products: 1, units: 10, uncostedUnits: 0 } },
      links: [{ type: 'product', id: '304', adminPath: '/products/304' }],
    });
  });

  it('keeps dismissals and snoozes, resolves what stops firing and shows it again when it returns', async () => {
    const open = await listFindings(prisma, shop, { now: NOW });
    const idOf = (key: string) => open.find((finding) => finding.key === key)?.id as string;
    const fell = idOf('product-sales-fell:product/301');
    const grew = idOf('product-sales-grew:product/302');

    expect(await dismissFinding(prisma, shop, fell, NOW)).toBe(true);
    expect(await snoozeFinding(prisma, shop, grew, new Date('2026-07-03T00:00:00Z'), NOW)).toBe(true);
    // Another shop cannot touch them, and an unknown id is not found.
    expect(await dismissFinding(prisma, 'other.myshopify.com', grew, NOW)).toBe(false);
    expect(await restoreFinding(prisma, shop, 'no-such-finding')).toBe(false);
    await expect(snoozeFinding(prisma, shop, grew, new Date('2026-06-30T00:00:00Z'), NOW)).rejects.toThrow(
      FindingInputError,
    );
    expect(keysOf(await listFindings(prisma, shop, { now: NOW }))).toEqual([
      'best-seller-stockout:product/302',
      'channel-shrank:channel/source:web',
      'product-refund-rate:product/303',
      'dead-stock:shop',
    ]);
    const hidden = await listFindings(prisma, shop, { now: NOW, include: 'hidden' });
    expect(hidden.map((finding) => [finding.key, finding.status])).toEqual([
      ['product-sales-fell:product/301', 'dismissed'],
      ['product-sales-grew:product/302', 'snoozed'],
    ]);
    // Recomputed on the same data: the same findings, the dismissal and the snooze kept.
    const later = new Date('2026-07-01T18:00:00Z');
    expect(await recomputeFindings(prisma, shop, TODAY, later)).toEqual({ firing: 6, created: 0, resolved: 0 });
    expect(keysOf(await listFindings(prisma, shop, { now: later }))).toHaveLength(4);
    // The snooze ends on 07-03.
    expect(keysOf(await listFindings(prisma, shop, { now: new Date('2026-07-03T00:00:01Z') }))).toContain(
      'product-sales-grew:product/302',
    );

    // X recovers: 10 more web orders on 06-20 (+200) bring it to 400, and the web to 500: both stop firing.
    await applyAndRollUp(prisma, shop, 'America/Toronto', orders(6000, 10, '2026-06-20', 301));
    expect(await recomputeFindings(prisma, shop, TODAY, later)).toMatchObject({ resolved: 2 });
    const all = await listFindings(prisma, shop, { now: later, include: 'all' });
    expect(all.find((finding) => finding.id === fell)?.status).toBe('resolved');

    // Those orders are cancelled on 06-21: their 200 is reversed inside the window, X falls again.
    // A new occurrence: shown again, the old dismissal forgotten, first seen now.
    const again = new Date('2026-07-01T20:00:00Z');
    await applyAndRollUp(
      prisma,
      shop,
      'America/Toronto',
      orders(6000, 10, '2026-06-20', 301, { cancelledAt: '2026-06-21T16:00:00Z' }),
    );
    await recomputeFindings(prisma, shop, TODAY, again);
    const reopened = (await listFindings(prisma, shop, { now: again })).find((finding) => finding.id === fell);
    expect(reopened).toMatchObject({ status: 'open', dismissedAt: null, firstSeenAt: again, lastSeenAt: again });
  });
});
