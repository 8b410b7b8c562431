/**
 * Correctness of the headline figures, with values computed by hand (the
 * arithmetic is in the comments). The mirror is written through its real
 * apply functions and rolled up through the incremental path.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readSalesSummary } from './metrics.server';
import { applyAndRollUp, seedShop } from './test-support';

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
});
