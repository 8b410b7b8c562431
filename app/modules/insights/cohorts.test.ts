/**
 * Monthly acquisition cohorts with hand-computed values: cohort sizes,
 * cumulative repeat-purchase rate and revenue per customer by month since
 * acquisition; a cancelled first order does not acquire a customer.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readCohorts } from './cohorts.server';
import { applyAndRollUp, seedShop } from './test-support';

const shop = 'cohorts.myshopify.com';
const at = (date: string) => `${date}T16:00:00Z`;
/** An order of `units` × 10.00 of P1. */
const purchase = (id: number, date: string, customerId: number | null, units: number, extra = {}) =>
  mirrorOrder({
    id,
    processedAt: at(date),
    customerId,
    lines: [{ id: id * 10, productId: 101, variantId: 1011, quantity: units, price: '10.00' }],
    ...extra,
  });

describe('acquisition cohorts', () => {
  it('follows each month’s new customers: repeat rate and revenue per customer, cumulative', async () => {
    await seedShop(prisma, shop, { timeZone: 'America/Toronto', currencyCode: 'CAD' }, [
      mirrorProduct(101, [mirrorVariant(1011, { price: '10.00' })]),
    ]);
    await applyAndRollUp(prisma, shop, 'America/Toronto', [
      // 901: January (100), February (50); 20 of January's order refunded on 03-02.
      purchase(1, '2026-01-10', 901, 10, {
        refunds: [mirrorRefund(91, at('2026-03-02'), [{ lineItemId: 10, quantity: 2, subtotal: '20.00' }])],
      }),
      purchase(2, '2026-02-05', 901, 5),
      // 902: January (40) only.
      purchase(3, '2026-01-25', 902, 4),
      // 903: February (60), February again (30), March (10).
      purchase(4, '2026-02-14', 903, 6),
      purchase(5, '2026-02-20', 903, 3),
      purchase(6, '2026-03-05', 903, 1),
      // 904: a cancelled order in January (not a purchase), then March (30).
      purchase(7, '2026-01-05', 904, 2, { cancelledAt: at('2026-01-06') }),
      purchase(8, '2026-03-10', 904, 3),
      // A guest: no cohort.
      purchase(9, '2026-01-12', null, 9),
    ]);

    const cohorts = await readCohorts(prisma, shop, '2026-03-20', { months: 3 });
    expect(cohorts).toEqual([
      {
        // 901 and 902.
        month: '2026-01',
        customers: 2,
        months: [
          // 100 + 40 = 140 → 70 a customer; nobody back yet.
          { offset: 0, month: '2026-01', orders: 2, netSales: 140, repeatRate: 0, revenuePerCustomer: 70 },
          // 901 comes back (1 of 2); 140 + 50 = 190 → 95.
          { offset: 1, month: '2026-02', orders: 1, netSales: 50, repeatRate: 0.5, revenuePerCustomer: 95 },
          // The refund, in the month it happened: 190 − 20 = 170 → 85.
          { offset: 2, month: '2026-03', orders: 0, netSales: -20, repeatRate: 0.5, revenuePerCustomer: 85 },
        ],
      },
      {
        // 903, back within the month.
        month: '2026-02',
        customers: 1,
        months: [
          { offset: 0, month: '2026-02', orders: 2, netSales: 90, repeatRate: 1, revenuePerCustomer: 90 },
          { offset: 1, month: '2026-03', orders: 1, netSales: 10, repeatRate: 1, revenuePerCustomer: 100 },
        ],
      },
      {
        // 904, acquired by the March order: the cancelled January one does not count.
        month: '2026-03',
        customers: 1,
        months: [{ offset: 0, month: '2026-03', orders: 1, netSales: 30, repeatRate: 0, revenuePerCustomer: 30 }],
      },
    ]);
  });
});
