/**
 * Products and channels over a period, with values computed by hand: margins
 * only where every unit sold has a unit cost, refund rates, the bottom list
 * holding active products that sold nothing, channels from UTM or source.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readChannelSales } from './channels.server';
import { readProductPerformance } from './products.server';
import { applyAndRollUp, seedShop } from './test-support';

const shop = 'products.myshopify.com';
const JUNE = { start: '2026-06-01', end: '2026-06-30' };
const at = (date: string) => `${date}T16:00:00Z`;
const line = (id: number, productId: number | null, variantId: number | null, quantity: number, price: string) => ({
  id,
  productId,
  variantId,
  quantity,
  price,
});

beforeAll(async () => {
  await seedShop(prisma, shop, { timeZone: 'America/Toronto', currencyCode: 'CAD' }, [
    // P1: 10.00, costs 4.00. P2: 25.00, no unit cost. P3: active, never sells. P4: archived, never sells.
    // P5: two variants, one costed (3.00) and one not.
    mirrorProduct(101, [mirrorVariant(1011, { price: '10.00', unitCost: '4.00' })]),
    mirrorProduct(102, [mirrorVariant(1021, { price: '25.00', unitCost: null })]),
    mirrorProduct(103, [mirrorVariant(1031, { price: '7.00', unitCost: '2.00' })]),
    mirrorProduct(104, [mirrorVariant(1041, { price: '7.00' })], { status: 'ARCHIVED' }),
    mirrorProduct(105, [
      mirrorVariant(1051, { price: '8.00', unitCost: '3.00' }),
      mirrorVariant(1052, { price: '8.00', unitCost: null }),
    ]),
  ]);
  await applyAndRollUp(prisma, shop, 'America/Toronto', [
    // Previous period (05-02..05-31): 1 × P1 on the web.
    mirrorOrder({ id: 60, processedAt: at('2026-05-20'), lines: [line(601, 101, 1011, 1, '10.00')] }),
    // 06-05, from a Google ad: 3 × P1 with 3.00 off (30 − 3) and 1 × P2 (25).
    mirrorOrder({
      id: 61,
      processedAt: at('2026-06-05'),
      lines: [{ ...line(611, 101, 1011, 3, '10.00'), discount: '3.00' }, line(612, 102, 1021, 1, '25.00')],
      utm: { source: 'Google', medium: 'CPC' },
    }),
    // 06-10, at the shop (pos): 2 × P1 (20); one unit refunded on 06-12 (10).
    mirrorOrder({
      id: 62,
      processedAt: at('2026-06-10'),
      sourceName: 'pos',
      lines: [line(621, 101, 1011, 2, '10.00')],
      refunds: [mirrorRefund(9062, at('2026-06-12'), [{ lineItemId: 621, quantity: 1, subtotal: '10.00' }])],
    }),
    // 06-15, from Facebook without a medium: one of each P5 variant (8 + 8).
    mirrorOrder({
      id: 63,
      processedAt: at('2026-06-15'),
      lines: [line(631, 105, 1051, 1, '8.00'), line(632, 105, 1052, 1, '8.00')],
      utm: { source: 'facebook', medium: null },
    }),
    // 06-20, a custom item (no product), no source at all.
    mirrorOrder({ id: 64, processedAt: at('2026-06-20'), sourceName: null, lines: [line(641, null, null, 1, '5.00')] }),
  ]);
});

describe('products over a period', () => {
  it('ranks products by net sales, with margins only where every unit sold has a unit cost', async () => {
    const { top, bottom } = await readProductPerformance(prisma, shop, JUNE);
    expect(top.map((product) => product.productId)).toEqual(['101', '102', '105']);
    // P1: 5 units sold (3 + 2), 1 returned; gross 50, discounts 3, returns 10, net 37.
    // Cost 5 × 4 − 1 × 4 = 16; gross profit 37 − 16 = 21; margin 21 / 37 = 0.56757 → 0.5676.
    // Refund rate 10 / (50 − 3) = 0.21277 → 0.2128. Previous period: 10, so +27 (+270%).
    expect(top[0]).toEqual({
      productId: '101',
      title: 'Product 101',
      handle: 'product-101',
      status: 'ACTIVE',
      deleted: false,
      unitsSold: 5,
      unitsReturned: 1,
      grossSales: 50,
      discounts: 3,
      returns: 10,
      netSales: 37,
      refundRate: 0.2128,
      cost: 16,
      grossProfit: 21,
      margin: 0.5676,
      previousUnitsSold: 1,
      previousNetSales: 10,
      netSalesChange: { absolute: 27, relative: 2.7 },
    });
    // P2 has no unit cost: no cost, no profit, no margin — not zero.
    expect(top[1]).toMatchObject({ productId: '102', netSales: 25, cost: null, grossProfit: null, margin: null });
    // P5 sold one costed and one uncosted unit: no margin either.
    expect(top[2]).toMatchObject({ productId: '105', unitsSold: 2, netSales: 16, cost: null, margin: null });
    // Bottom: active products, worst first — P3 sold nothing (0), then P5 (16), P2 (25), P1 (37).
    // P4 is archived; the custom item is no product.
    expect(bottom.map((product) => [product.productId, product.netSales])).toEqual([
      ['103', 0],
      ['105', 16],
      ['102', 25],
      ['101', 37],
    ]);
  });
});

describe('sales by channel', () => {
  it('names a channel by its UTM source / medium, else its source name, and keeps returns with it', async () => {
    const channels = await readChannelSales(prisma, shop, JUNE);
    // June's net sales: 52 + 16 + 10 + 5 = 83.
    expect(
      channels.map(({ key, orders, netSales, share, previousNetSales }) => ({
        key,
        orders,
        netSales,
        share,
        previousNetSales,
      })),
    ).toEqual([
      // Order 61: 30 − 3 + 25 = 52; 52 / 83 = 0.62651.
      { key: 'utm:google / cpc', orders: 1, netSales: 52, share: 0.6265, previousNetSales: 0 },
      // Order 63: 16; 16 / 83 = 0.19277.
      { key: 'utm:facebook / (none)', orders: 1, netSales: 16, share: 0.1928, previousNetSales: 0 },
      // Order 62: 20 − 10 returned = 10; 10 / 83 = 0.12048.
      { key: 'source:pos', orders: 1, netSales: 10, share: 0.1205, previousNetSales: 0 },
      // Order 64: 5; 5 / 83 = 0.06024.
      { key: 'unknown:', orders: 1, netSales: 5, share: 0.0602, previousNetSales: 0 },
      // The web sold 10 in the previous period and nothing now: −100%.
      { key: 'source:web', orders: 0, netSales: 0, share: 0, previousNetSales: 10 },
    ]);
    expect(channels.at(-1)?.netSalesChange).toEqual({ absolute: -10, relative: -1 });
  });
});
