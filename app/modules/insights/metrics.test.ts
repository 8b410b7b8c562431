/**
 * Correctness of the headline figures, with values computed by hand (the
 * arithmetic is in the comments). The mirror is written through its real
 * apply functions and rolled up through the incremental path.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readSalesSummary } from './metrics.server';
import { readSalesSeries } from './series.server';
import { applyAndRollUp, seedShop } from './test-support';
import { orderFromWebhook } from '~/platform/mirror/from-webhook';

const TORONTO = { timeZone: 'America/Toronto', currencyCode: 'CAD' };

// P1 sells at 10.00 and costs 4.00; P2 sells at 25.00 and has no unit cost.
const CATALOG = [
  mirrorProduct(101, [mirrorVariant(1011, { price: '10.00', unitCost: '4.00' })]),
  mirrorProduct(102, [mirrorVariant(1021, { price: '25.00', unitCost: null })]),
];
const p1 = (id: number, quantity: number, discount = '0.00') => ({
  id,
  productId: 101,
  variantId: 1011,
  quantity,
  price: '10.00',
  discount,
});
const p2 = (id: number, quantity: number, discount = '0.00') => ({
  id,
  productId: 102,
  variantId: 1021,
  quantity,
  price: '25.00',
  discount,
});

describe('sales figures in the shop time zone', () => {
  it('dates orders by the local day across the spring DST change (2026-03-08) and around midnight', async () => {
    const shop = 'dst-spring.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    // Toronto is UTC−5 until 2026-03-08 07:00Z, then UTC−4: 2026-03-08 lasts 23 hours,
    // from 05:00Z to 2026-03-09 04:00Z.
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      // 04:59Z = 23:59 EST on 03-07.
      mirrorOrder({ id: 1, processedAt: '2026-03-08T04:59:00Z', customerId: 501, lines: [p1(11, 1)] }),
      // 05:00Z = 00:00 EST on 03-08.
      mirrorOrder({ id: 2, processedAt: '2026-03-08T05:00:00Z', customerId: 502, lines: [p2(21, 2, '5.00')] }),
      // 03:59Z on 03-09 = 23:59 EDT on 03-08 (it would be 22:59 on 03-08 at the winter offset, same day).
      mirrorOrder({ id: 3, processedAt: '2026-03-09T03:59:00Z', customerId: 501, lines: [p1(31, 3, '3.00')] }),
      // 04:00Z on 03-09 = 00:00 EDT on 03-09 (at the winter offset it would still be 03-08, 23:00).
      mirrorOrder({ id: 4, processedAt: '2026-03-09T04:00:00Z', customerId: null, lines: [p2(41, 1)] }),
    ]);

    const summary = await readSalesSummary(prisma, shop, { start: '2026-03-08', end: '2026-03-08' });
    expect(summary.previousPeriod).toEqual({ start: '2026-03-07', end: '2026-03-07' });
    // 03-08: orders 2 and 3. Gross 2×25 + 3×10 = 80; discounts 5 + 3 = 8; net 72; AOV 72 / 2 = 36; units 2 + 3.
    // Customers: 502 (first purchase: new) and 501 (bought on 03-07: returning) → 2, of whom 1 repeat.
    expect(summary.current).toEqual({
      orders: 2,
      grossSales: 80,
      discounts: 8,
      returns: 0,
      netSales: 72,
      averageOrderValue: 36,
      unitsSold: 5,
      unitsReturned: 0,
      netUnits: 5,
      refunds: 0,
      refundRate: 0,
      customers: 2,
      newCustomers: 1,
      returningCustomers: 1,
      repeatCustomers: 1,
      repeatCustomerRate: 0.5,
    });
    // 03-07: order 1 only. Gross 10, net 10, one new customer, nobody repeat.
    expect(summary.previous).toMatchObject({ orders: 1, grossSales: 10, netSales: 10, customers: 1, newCustomers: 1 });
    // Net sales 72 against 10: +62, +620%.
    expect(summary.change.netSales).toEqual({ absolute: 62, relative: 6.2 });
    expect(summary.change.orders).toEqual({ absolute: 1, relative: 1 });

    // 03-09: order 4, a guest: 25 of sales and no customer.
    const next = await readSalesSummary(prisma, shop, { start: '2026-03-09', end: '2026-03-09' });
    expect(next.current).toMatchObject({ orders: 1, netSales: 25, customers: 0, repeatCustomerRate: null });
  });

  it('dates orders by the local day across the autumn DST change (2026-11-01, 25 hours long)', async () => {
    const shop = 'dst-autumn.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    // Toronto is UTC−4 until 2026-11-01 06:00Z, then UTC−5: 2026-11-01 runs from 04:00Z to 2026-11-02 05:00Z.
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      // 03:59Z = 23:59 EDT on 10-31.
      mirrorOrder({ id: 11, processedAt: '2026-11-01T03:59:00Z', lines: [p1(111, 1)] }),
      // 04:00Z = 00:00 EDT on 11-01.
      mirrorOrder({ id: 12, processedAt: '2026-11-01T04:00:00Z', lines: [p2(121, 1)] }),
      // 04:30Z on 11-02 = 23:30 EST on 11-01 (at the summer offset it would be 00:30 on 11-02).
      mirrorOrder({ id: 13, processedAt: '2026-11-02T04:30:00Z', lines: [p1(131, 2)] }),
      // 05:00Z on 11-02 = 00:00 EST on 11-02.
      mirrorOrder({ id: 14, processedAt: '2026-11-02T05:00:00Z', lines: [p1(141, 1)] }),
    ]);
    const series = await readSalesSeries(prisma, shop, { start: '2026-10-31', end: '2026-11-02' });
    // 10-31: order 11 (10). 11-01: orders 12 and 13 (25 + 2×10 = 45). 11-02: order 14 (10).
    // The previous period is the three days before, without orders.
    expect(series).toEqual([
      { day: '2026-10-31', netSales: 10, orders: 1, previousDay: '2026-10-28', previousNetSales: 0, previousOrders: 0 },
      { day: '2026-11-01', netSales: 45, orders: 2, previousDay: '2026-10-29', previousNetSales: 0, previousOrders: 0 },
      { day: '2026-11-02', netSales: 10, orders: 1, previousDay: '2026-10-30', previousNetSales: 0, previousOrders: 0 },
    ]);
  });
});

describe('returns dated when they happened', () => {
  it('counts a refund in the period it was made, not in its order’s period', async () => {
    const shop = 'refund-later.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    // Order 21 on 03-15: 2 × P2 at 25 with 5 of discount (gross 50, net 45).
    const order21 = { id: 21, processedAt: '2026-03-15T16:00:00Z', customerId: 601, lines: [p2(211, 2, '5.00')] };
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      mirrorOrder(order21),
      // Order 22 on 04-10: 4 × P1 at 10 (gross 40).
      mirrorOrder({ id: 22, processedAt: '2026-04-10T16:00:00Z', customerId: 602, lines: [p1(221, 4)] }),
    ]);
    // On 04-02 one of the two units of order 21 is refunded: its share after discount, 45 / 2 = 22.50.
    // It arrives as an update of the order (orders/updated), the way the pipeline applies it.
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      mirrorOrder({
        ...order21,
        updatedAt: '2026-04-02T16:00:00Z',
        refunds: [mirrorRefund(9001, '2026-04-02T16:00:00Z', [{ lineItemId: 211, quantity: 1, subtotal: '22.50' }])],
      }),
    ]);

    const march = await readSalesSummary(prisma, shop, { start: '2026-03-01', end: '2026-03-31' });
    // March keeps its sale whole: gross 50, discounts 5, returns 0, net 45.
    expect(march.current).toMatchObject({ orders: 1, grossSales: 50, discounts: 5, returns: 0, netSales: 45 });
    expect(march.current.refundRate).toBe(0);

    const april = await readSalesSummary(prisma, shop, { start: '2026-04-01', end: '2026-04-30' });
    // April (30 days; previous period 03-02..03-31, which holds order 21):
    // gross 40 (order 22), returns 22.50 (the refund), net 40 − 22.50 = 17.50, AOV 40 / 1 = 40,
    // refund rate 22.50 / 40 = 0.5625.
    expect(april.previousPeriod).toEqual({ start: '2026-03-02', end: '2026-03-31' });
    expect(april.current).toMatchObject({
      orders: 1,
      grossSales: 40,
      returns: 22.5,
      netSales: 17.5,
      averageOrderValue: 40,
      unitsReturned: 1,
      refunds: 1,
      refundRate: 0.5625,
    });
    // Net sales 17.50 against 45: −27.50, −27.50 / 45 = −0.6111.
    expect(april.change.netSales).toEqual({ absolute: -27.5, relative: -0.6111 });
  });
});

describe('cancelled and test orders', () => {
  it('keeps a cancelled order on the day it was placed and reverses it on the day it was cancelled', async () => {
    const shop = 'cancelled.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      // Order 31 on 03-08 (1 × P1, 10), cancelled on 03-10 without a refund.
      mirrorOrder({
        id: 31,
        processedAt: '2026-03-08T15:00:00Z',
        customerId: 701,
        lines: [p1(311, 1)],
        cancelledAt: '2026-03-10T14:00:00Z',
      }),
      // Order 32 on 03-08 (2 × P2, 50): one unit refunded on 03-09 (25), then cancelled the same day:
      // the cancellation reverses what the refund did not, 50 − 25 = 25 (1 unit).
      mirrorOrder({
        id: 32,
        processedAt: '2026-03-08T16:00:00Z',
        customerId: 702,
        lines: [p2(321, 2)],
        refunds: [mirrorRefund(9002, '2026-03-09T15:00:00Z', [{ lineItemId: 321, quantity: 1, subtotal: '25.00' }])],
        cancelledAt: '2026-03-09T15:00:30Z',
      }),
      // Order 33 on 03-09 (1 × P1, 10) by customer 701, whose only other order was cancelled.
      mirrorOrder({ id: 33, processedAt: '2026-03-09T16:00:00Z', customerId: 701, lines: [p1(331, 1)] }),
      // A test order: never counted.
      mirrorOrder({ id: 34, processedAt: '2026-03-08T17:00:00Z', customerId: 703, lines: [p1(341, 5)], test: true }),
    ]);

    const day = (date: string) => readSalesSummary(prisma, shop, { start: date, end: date });
    // 03-08: orders 31 and 32 placed, gross 10 + 50 = 60. Both later cancelled, so no purchase: no customers.
    expect((await day('2026-03-08')).current).toMatchObject({
      orders: 2,
      grossSales: 60,
      returns: 0,
      netSales: 60,
      unitsSold: 3,
      customers: 0,
    });
    // 03-09: order 33 (10); returns 25 (refund) + 25 (cancellation) = 50, 2 units; net 10 − 50 = −40.
    // Customer 701's first purchase is order 33: a new customer.
    expect((await day('2026-03-09')).current).toMatchObject({
      orders: 1,
      grossSales: 10,
      returns: 50,
      unitsReturned: 2,
      netSales: -40,
      refunds: 1,
      customers: 1,
      newCustomers: 1,
    });
    // 03-10: order 31's cancellation reverses its 10.
    expect((await day('2026-03-10')).current).toMatchObject({ orders: 0, returns: 10, netSales: -10 });
    // The three days: orders 3, gross 70, returns 60, net 10; refund rate 60 / 70 = 0.857142… → 0.8571.
    const all = await readSalesSummary(prisma, shop, { start: '2026-03-08', end: '2026-03-10' });
    expect(all.current).toMatchObject({
      orders: 3,
      grossSales: 70,
      returns: 60,
      netSales: 10,
      refundRate: 0.8571,
      customers: 1,
      repeatCustomers: 0,
    });
  });
});

describe('new, returning and repeat customers', () => {
  it('counts each customer once per period, new when the first purchase falls in it', async () => {
    const shop = 'customers.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    const at = (date: string) => `${date}T16:00:00Z`;
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [
      // Customer 801: purchases on 04-20 (before the period), 05-03 and 05-10.
      mirrorOrder({ id: 41, processedAt: at('2026-04-20'), customerId: 801, lines: [p1(411, 1)] }),
      mirrorOrder({ id: 42, processedAt: at('2026-05-03'), customerId: 801, lines: [p1(421, 1)] }),
      mirrorOrder({ id: 43, processedAt: at('2026-05-10'), customerId: 801, lines: [p1(431, 1)] }),
      // Customer 802: first purchase 05-05, second 05-12 — new, and repeat within the period.
      mirrorOrder({ id: 44, processedAt: at('2026-05-05'), customerId: 802, lines: [p1(441, 1)] }),
      mirrorOrder({ id: 45, processedAt: at('2026-05-12'), customerId: 802, lines: [p1(451, 1)] }),
      // Customer 803: one purchase, 05-07 — new, not repeat.
      mirrorOrder({ id: 46, processedAt: at('2026-05-07'), customerId: 803, lines: [p1(461, 1)] }),
      // Customer 804: first purchase 05-14 (after the period), so outside it.
      mirrorOrder({ id: 47, processedAt: at('2026-05-14'), customerId: 804, lines: [p1(471, 1)] }),
      // A guest on 05-04: an order, no customer.
      mirrorOrder({ id: 48, processedAt: at('2026-05-04'), customerId: null, lines: [p1(481, 1)] }),
    ]);
    // Period 05-01..05-13 (13 days; previous 04-18..04-30).
    const summary = await readSalesSummary(prisma, shop, { start: '2026-05-01', end: '2026-05-13' });
    // Orders 42, 43, 44, 45, 46, 48 = 6. Customers 801, 802, 803 = 3 (801 counted once for two orders).
    // New: 802 and 803 (first purchases in the period) = 2; returning: 801 = 1.
    // Repeat by 05-13: 801 (bought before) and 802 (bought twice in it) = 2 → 2 / 3 = 0.6667.
    expect(summary.current).toMatchObject({
      orders: 6,
      customers: 3,
      newCustomers: 2,
      returningCustomers: 1,
      repeatCustomers: 2,
      repeatCustomerRate: 0.6667,
    });
    // Previous period: order 41, customer 801, new, not repeat yet.
    expect(summary.previous).toMatchObject({ orders: 1, customers: 1, newCustomers: 1, repeatCustomers: 0 });
  });
});

describe('multi-currency orders', () => {
  it('sums shop money and ignores what the buyer paid in their currency', async () => {
    const shop = 'multi-currency.myshopify.com';
    await seedShop(prisma, shop, TORONTO, CATALOG);
    // An order paid in euros, as Shopify's orders/create webhook carries it: every amount in
    // shop_money (CAD) and presentment_money (EUR). The line: 2 × 18.00 EUR = 2 × 26.50 CAD,
    // with a discount of 3.00 EUR = 4.40 CAD.
    const money = (shop: string, presentment: string) => ({
      shop_money: { amount: shop, currency_code: 'CAD' },
      presentment_money: { amount: presentment, currency_code: 'EUR' },
    });
    const payload = {
      id: 51,
      admin_graphql_api_id: 'gid://shopify/Order/51',
      name: '#51',
      email: null,
      created_at: '2026-06-01T12:00:00-04:00',
      processed_at: '2026-06-01T12:00:00-04:00',
      updated_at: '2026-06-01T12:00:00-04:00',
      cancelled_at: null,
      closed_at: null,
      currency: 'CAD',
      presentment_currency: 'EUR',
      subtotal_price: '32.99',
      subtotal_price_set: money('48.60', '32.99'),
      total_discounts: '3.00',
      total_discounts_set: money('4.40', '3.00'),
      total_shipping_price_set: money('0.00', '0.00'),
      total_tax_set: money('0.00', '0.00'),
      total_price: '33.00',
      total_price_set: money('48.60', '33.00'),
      financial_status: 'paid',
      fulfillment_status: null,
      source_name: 'web',
      discount_codes: [],
      tags: '',
      test: false,
      customer: null,
      line_items: [
        {
          id: 511,
          admin_graphql_api_id: 'gid://shopify/LineItem/511',
          product_id: 102,
          variant_id: 1021,
          title: 'P2',
          variant_title: null,
          sku: null,
          quantity: 2,
          price: '18.00',
          price_set: money('26.50', '18.00'),
          total_discount: '3.00',
          total_discount_set: money('4.40', '3.00'),
          discount_allocations: [{ amount: '3.00', amount_set: money('4.40', '3.00') }],
        },
      ],
      refunds: [],
      discount_applications: [],
      landing_site: null,
      referring_site: null,
    };
    await applyAndRollUp(prisma, shop, TORONTO.timeZone, [orderFromWebhook(payload, 'orders/create')]);
    const summary = await readSalesSummary(prisma, shop, { start: '2026-06-01', end: '2026-06-01' });
    // Gross 2 × 26.50 = 53.00 CAD; discounts 4.40; net 48.60 (the EUR figures 36.00 / 3.00 / 33.00 play no part).
    expect(summary.current).toMatchObject({ orders: 1, grossSales: 53, discounts: 4.4, netSales: 48.6 });
  });
});
