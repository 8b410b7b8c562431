/**
 * The rollups kept up incrementally — orders arriving in batches, then late
 * updates (refunds, cancellations, a customer's first order cancelled after
 * their later ones) — equal a full rebuild from the same mirror, row for row;
 * and a period's figures equal a direct computation over the records.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { applyOrders } from '~/platform/mirror/apply.server';
import type { MirrorOrder } from '~/platform/mirror/types';
import { mirrorOrder, mirrorProduct, mirrorRefund, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readSalesSummary } from './metrics.server';
import { localDate } from './periods';
import { affectedDays, rebuildRollups } from './rollup-build.server';
import { applyAndRollUp, seedShop } from './test-support';

const TIME_ZONE = 'America/Toronto';

/** A small deterministic generator (mulberry32), so the data is the same on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const PRODUCTS = [
  { id: 101, variant: 1011, price: 10, cost: '4.00' },
  { id: 102, variant: 1021, price: 25, cost: null },
  { id: 103, variant: 1031, price: 7.5, cost: '2.25' },
];
const START = Date.parse('2026-02-20T00:00:00Z');
const DAY = 86_400_000;

function generateOrders(count: number): MirrorOrder[] {
  const r = random(42);
  const orders: MirrorOrder[] = [];
  for (let i = 0; i < count; i++) {
    const id = 1000 + i;
    // Spread over 40 days around the spring DST change, at any minute of the day.
    const processed = START + r.int(0, 40 * 24 * 60 - 1) * 60_000;
    const lines = Array.from({ length: r.int(1, 3) }, (_, n) => {
      const product = PRODUCTS[r.int(0, PRODUCTS.length - 1)] as (typeof PRODUCTS)[number];
      const quantity = r.int(1, 4);
      const discount = r.next() < 0.3 ? (product.price * quantity * 0.1).toFixed(2) : '0.00';
      return {
        id: id * 10 + n,
        productId: product.id,
        variantId: product.variant,
        quantity,
        price: product.price.toFixed(2),
        discount,
      };
    });
    const refunds =
      r.next() < 0.15
        ? [
            mirrorRefund(id, new Date(processed + r.int(0, 20) * DAY).toISOString(), [
              {
                lineItemId: (lines[0] as (typeof lines)[number]).id,
                quantity: 1,
                subtotal: (lines[0] as (typeof lines)[number]).price,
              },
            ]),
          ]
        : [];
    const utm = r.next() < 0.4 ? { source: ['google', 'facebook'][r.int(0, 1)] as string, medium: 'cpc' } : null;
    orders.push(
      mirrorOrder({
        id,
        processedAt: new Date(processed).toISOString(),
        customerId: r.next() < 0.2 ? null : 500 + r.int(0, 24),
        lines,
        refunds,
        cancelledAt: r.next() < 0.05 ? new Date(processed + r.int(0, 5) * DAY).toISOString() : null,
        test: r.next() < 0.03,
        sourceName: ['web', 'pos', null][r.int(0, 2)] as string | null,
        utm,
      }),
    );
  }
  return orders;
}

async function snapshot(shop: string) {
  const order = { orderBy: { day: 'asc' as const } };
  const strip = <T extends { computedAt?: Date }>(rows: T[]) => rows.map(({ computedAt: _, ...row }) => row);
  const sorted = <T>(rows: T[]) =>
    rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
  return {
    daily: sorted(strip(await prisma.insightsDaily.findMany({ where: { shop }, ...order }))),
    products: sorted(await prisma.insightsProductDaily.findMany({ where: { shop } })),
    channels: sorted(await prisma.insightsChannelDaily.findMany({ where: { shop } })),
    customers: sorted(await prisma.insightsCustomerDaily.findMany({ where: { shop } })),
    cohorts: sorted(await prisma.insightsCohortDaily.findMany({ where: { shop } })),
  };
}

/** The period's sales computed straight from the records, independently of the SQL. */
function reference(orders: MirrorOrder[], start: string, end: string) {
  const within = (instant: Date | null) => {
    if (!instant) return false;
    const day = localDate(instant, TIME_ZONE);
    return day >= start && day <= end;
  };
  let count = 0;
  let gross = 0;
  let discounts = 0;
  let returns = 0;
  const customers = new Set<bigint>();
  for (const order of orders) {
    if (order.test) continue;
    if (within(order.processedAt)) {
      count += 1;
      for (const line of order.lineItems) {
        gross += Number(line.price) * line.quantity;
        discounts += Number(line.totalDiscount);
      }
      if (!order.cancelledAt && order.customerId !== null) customers.add(order.customerId);
    }
    for (const refund of order.refunds)
      if (within(refund.createdAt)) for (const line of refund.lines) returns += Number(line.subtotal);
    if (order.cancelledAt && within(order.cancelledAt)) {
      for (const line of order.lineItems) {
        const refunded = order.refunds
          .flatMap((refund) => refund.lines)
          .filter((refundLine) => refundLine.lineItemId === line.id)
          .reduce((sum, refundLine) => sum + Number(refundLine.subtotal), 0);
        returns += Math.max(Number(line.price) * line.quantity - Number(line.totalDiscount) - refunded, 0);
      }
    }
  }
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    orders: count,
    grossSales: round(gross),
    discounts: round(discounts),
    returns: round(returns),
    netSales: round(gross - discounts - returns),
    customers: customers.size,
  };
}

describe('incremental rollups', () => {
  it('equal a full rebuild after batches, late refunds, cancellations, a new customer and a new date', async () => {
    const shop = 'incremental.myshopify.com';
    await seedShop(
      prisma,
      shop,
      { timeZone: TIME_ZONE, currencyCode: 'CAD' },
      PRODUCTS.map((product) =>
        mirrorProduct(product.id, [
          mirrorVariant(product.variant, { price: product.price.toFixed(2), unitCost: product.cost }),
        ]),
      ),
    );
    const orders = generateOrders(300);
    // First as placed (no refunds, not cancelled), in batches that arrive out of order.
    const placed = orders.map((order) => ({ ...order, refunds: [], cancelledAt: null, updatedAt: order.processedAt! }));
    const batches = [placed.slice(200), placed.slice(0, 120), placed.slice(120, 200)];
    for (const batch of batches) await applyAndRollUp(prisma, shop, TIME_ZONE, batch);
    // Then the later versions: refunds and cancellations, a few at a time.
    const later = orders
      .filter((order) => order.refunds.length > 0 || order.cancelledAt)
      .map((order) => ({ ...order, updatedAt: new Date(Date.parse('2026-05-01T00:00:00Z')) }));
    for (let i = 0; i < later.length; i += 20) await applyAndRollUp(prisma, shop, TIME_ZONE, later.slice(i, i + 20));
    // A customer's first purchase cancelled after their later ones were rolled up: the later ones' days change.
    const customerId = 507n;
    const first = orders
      .filter((order) => order.customerId === customerId && !order.cancelledAt && !order.test)
      .sort((a, b) => a.processedAt!.getTime() - b.processedAt!.getTime())[0] as MirrorOrder;
    const cancelledFirst = { ...first, cancelledAt: first.processedAt, updatedAt: new Date('2026-06-01T00:00:00Z') };
    await applyAndRollUp(prisma, shop, TIME_ZONE, [cancelledFirst]);
    // An order moved to another customer, and one whose processing time moved to another day (an import
    // corrected): the old customer's and the old day's rollups change too.
    const purchases = orders
      .filter((order) => order.customerId !== null && !order.cancelledAt && !order.test)
      .sort((a, b) => a.processedAt!.getTime() - b.processedAt!.getTime());
    // The first purchase of customer 512, who bought again later, moves to customer 524.
    const ofOldCustomer = purchases.filter((order) => order.customerId === 512n);
    expect(ofOldCustomer.length).toBeGreaterThan(2);
    const reassigned = {
      ...(ofOldCustomer[0] as MirrorOrder),
      customerId: 524n,
      updatedAt: new Date('2026-06-02T00:00:00Z'),
    };
    const moved = purchases[10] as MirrorOrder;
    const redated = {
      ...moved,
      processedAt: new Date(moved.processedAt!.getTime() + 9 * DAY),
      updatedAt: new Date('2026-06-02T00:00:00Z'),
    };
    await applyAndRollUp(prisma, shop, TIME_ZONE, [reassigned, redated]);
    const replaced = new Map([cancelledFirst, reassigned, redated].map((order) => [order.id, order]));
    const final = orders.map((order) => replaced.get(order.id) ?? order);

    const incremental = await snapshot(shop);
    expect(incremental.daily.length).toBeGreaterThan(35);
    await rebuildRollups(prisma, shop, TIME_ZONE);
    const rebuilt = await snapshot(shop);
    expect(incremental).toEqual(rebuilt);

    for (const [start, end] of [
      ['2026-02-20', '2026-03-31'],
      ['2026-03-08', '2026-03-08'],
      ['2026-03-01', '2026-03-15'],
      ['2026-03-16', '2026-04-15'],
    ] as const) {
      const { current } = await readSalesSummary(prisma, shop, { start, end });
      expect({ start, ...current }).toMatchObject({ start, ...reference(final, start, end) });
    }
  }, 90_000);

  it('recompute a customer’s later days only when the order’s place in their history moved', async () => {
    const shop = 'affected-days.myshopify.com';
    await seedShop(prisma, shop, { timeZone: TIME_ZONE, currencyCode: 'CAD' });
    const line = (id: number) => ({ id, productId: null, variantId: null, quantity: 1, price: '10.00' });
    // Customer 900's purchases on 04-01, 04-10 and 04-20 (noon in Toronto).
    const first = { id: 91, processedAt: '2026-04-01T16:00:00Z', customerId: 900, lines: [line(911)] };
    await applyAndRollUp(prisma, shop, TIME_ZONE, [
      mirrorOrder(first),
      mirrorOrder({ id: 92, processedAt: '2026-04-10T16:00:00Z', customerId: 900, lines: [line(921)] }),
      mirrorOrder({ id: 93, processedAt: '2026-04-20T16:00:00Z', customerId: 900, lines: [line(931)] }),
    ]);
    // A refund on 05-02 of the first: its day and the refund's day, nothing of the later purchases.
    const refunded = mirrorOrder({
      ...first,
      updatedAt: '2026-05-02T16:00:00Z',
      refunds: [mirrorRefund(99, '2026-05-02T16:00:00Z', [{ lineItemId: 911, quantity: 1, subtotal: '10.00' }])],
    });
    await applyOrders(prisma, shop, [refunded]);
    expect(await affectedDays(prisma, shop, TIME_ZONE, [91n])).toEqual(['2026-04-01', '2026-05-02']);
    await applyAndRollUp(prisma, shop, TIME_ZONE, [refunded]);
    // Cancelled on 05-03: no longer a purchase, so 04-10 becomes the first and 04-20 the second.
    await applyOrders(prisma, shop, [
      mirrorOrder({ ...first, refunds: refunded.refunds, cancelledAt: '2026-05-03T16:00:00Z' }),
    ]);
    expect(await affectedDays(prisma, shop, TIME_ZONE, [91n])).toEqual([
      '2026-04-01',
      '2026-04-10',
      '2026-04-20',
      '2026-05-02',
      '2026-05-03',
    ]);
  });
});
