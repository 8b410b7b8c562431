/**
 * The findings rules at their thresholds: a rule fires exactly at its
 * threshold and volume floor, and not just below them.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelSales } from './channels.server';
import { evaluateFindings, type FindingInputs } from './findings-rules';
import type { InventoryRisk } from './inventory-risk.server';
import { change, type SalesFigures, type SalesSummary } from './metrics.server';
import type { ProductPerformance } from './products.server';

const window = { start: '2026-06-03', end: '2026-06-30' };
const previousWindow = { start: '2026-05-06', end: '2026-06-02' };

function figures(fields: Partial<SalesFigures>): SalesFigures {
  return {
    orders: 0,
    grossSales: 0,
    discounts: 0,
    returns: 0,
    netSales: 0,
    averageOrderValue: null,
    unitsSold: 0,
    unitsReturned: 0,
    netUnits: 0,
    refunds: 0,
    refundRate: null,
    customers: 0,
    newCustomers: 0,
    returningCustomers: 0,
    repeatCustomers: 0,
    repeatCustomerRate: null,
    ...fields,
  };
}

function summary(current: Partial<SalesFigures>, previous: Partial<SalesFigures>): SalesSummary {
  const now = figures(current);
  const before = figures(previous);
  const changes = Object.fromEntries(
    (Object.keys(now) as (keyof SalesFigures)[]).map((key) => [key, change(now[key], before[key])]),
  ) as SalesSummary['change'];
  return { period: window, previousPeriod: previousWindow, current: now, previous: before, change: changes };
}

function product(id: string, fields: Partial<ProductPerformance>): ProductPerformance {
  const base = {
    productId: id,
    title: `Product ${id}`,
    handle: `product-${id}`,
    status: 'ACTIVE',
    deleted: false,
    unitsSold: 0,
    unitsReturned: 0,
    grossSales: 0,
    discounts: 0,
    returns: 0,
    netSales: 0,
    refundRate: null,
    cost: null,
    grossProfit: null,
    margin: null,
    previousUnitsSold: 0,
    previousNetSales: 0,
    ...fields,
  };
  return { ...base, netSalesChange: change(base.netSales, base.previousNetSales) };
}

const noInventory: InventoryRisk = {
  today: '2026-07-01',
  velocityWindow: window,
  coverDays: 14,
  deadAfterDays: 90,
  atRisk: [],
  deadStock: [],
  deadStockCost: 0,
  deadStockUncostedUnits: 0,
};

function inputs(fields: Partial<FindingInputs>): FindingInputs {
  return {
    window,
    previousWindow,
    summary: summary({ netSales: 1000 }, { netSales: 1000 }),
    products: [],
    channels: [],
    inventory: noInventory,
    ...fields,
  };
}

const rules = (found: { rule: string }[]) => found.map((finding) => finding.rule);

describe('findings rules at their thresholds', () => {
  it('product sales: −30% on 10 units and 2% of the shop fires; −29%, 9 units or 1.9% does not', () => {
    // 100 → 70 is exactly −30%; 10 previous units; 100 is 10% of the shop's 1,000.
    const at = product('1', { netSales: 70, previousNetSales: 100, unitsSold: 7, previousUnitsSold: 10 });
    expect(rules(evaluateFindings(inputs({ products: [at] })))).toEqual(['product-sales-fell']);
    const milder = product('1', { netSales: 71, previousNetSales: 100, unitsSold: 7, previousUnitsSold: 10 });
    const fewer = product('1', { netSales: 70, previousNetSales: 100, unitsSold: 7, previousUnitsSold: 9 });
    // 19 of 1,000 is 1.9% of the shop's sales.
    const smaller = product('1', { netSales: 13, previousNetSales: 19, unitsSold: 7, previousUnitsSold: 10 });
    for (const quiet of [milder, fewer, smaller]) expect(evaluateFindings(inputs({ products: [quiet] }))).toEqual([]);
  });

  it('refund rate: twice the shop’s on 10 units fires; less, or fewer units, does not', () => {
    const shop = summary({ netSales: 1000, refundRate: 0.1 }, { netSales: 1000 });
    const twice = product('2', { unitsSold: 10, grossSales: 100, returns: 20, netSales: 80, refundRate: 0.2 });
    expect(rules(evaluateFindings(inputs({ summary: shop, products: [twice] })))).toEqual(['product-refund-rate']);
    const under = product('2', { unitsSold: 10, grossSales: 100, returns: 19, netSales: 81, refundRate: 0.19 });
    const few = product('2', { unitsSold: 9, grossSales: 90, returns: 45, netSales: 45, refundRate: 0.5 });
    for (const quiet of [under, few])
      expect(evaluateFindings(inputs({ summary: shop, products: [quiet] }))).toEqual([]);
  });

  it('stock-out: a best seller under 7 days of cover fires; 7 days, or a product outside the top 10, does not', () => {
    const sellers = Array.from({ length: 11 }, (_, i) =>
      product(String(i + 1), { unitsSold: 100 - i, netSales: 100, previousNetSales: 100, previousUnitsSold: 100 }),
    );
    const cover = (productId: string, daysOfCover: number) => ({
      productId,
      title: `Product ${productId}`,
      handle: '',
      available: 10,
      unitsSold: 28,
      velocity: 1,
      daysOfCover,
    });
    const risk = (atRisk: InventoryRisk['atRisk']) => ({ ...noInventory, atRisk });
    const found = evaluateFindings(
      inputs({ products: sellers, inventory: risk([cover('1', 6.99), cover('2', 7), cover('11', 1)]) }),
    );
    expect(found.map((finding) => finding.key)).toEqual(['best-seller-stockout:product/1']);
  });

  it('channels: +50% or −30% on 10 orders and 5% of the shop fires', () => {
    const channel = (key: string, netSales: number, previousNetSales: number, orders: number): ChannelSales => ({
      kind: 'source',
      channel: key,
      key: `source:${key}`,
      orders,
      grossSales: netSales,
      discounts: 0,
      returns: 0,
      netSales,
      share: null,
      previousOrders: orders,
      previousNetSales,
      netSalesChange: change(netSales, previousNetSales),
      ordersChange: change(orders, orders),
    });
    const found = evaluateFindings(
      inputs({
        channels: [
          channel('grew', 150, 100, 10),
          channel('shrank', 70, 100, 10),
          channel('flat', 149, 100, 10),
          channel('few-orders', 200, 100, 9),
          channel('tiny', 49, 10, 50),
        ],
      }),
    );
    expect(found.map((finding) => finding.key).sort()).toEqual([
      'channel-grew:channel/source:grew',
      'channel-shrank:channel/source:shrank',
    ]);
  });

  it('AOV ±10% with 30 orders each side, repeat rate ±5 points with 30 customers each side', () => {
    const moved = summary(
      { orders: 30, averageOrderValue: 55, customers: 30, repeatCustomerRate: 0.35, netSales: 1650 },
      { orders: 30, averageOrderValue: 50, customers: 30, repeatCustomerRate: 0.4, netSales: 1500 },
    );
    expect(rules(evaluateFindings(inputs({ summary: moved }))).sort()).toEqual(['aov-rose', 'repeat-rate-fell']);
    const thin = summary(
      { orders: 29, averageOrderValue: 60, customers: 29, repeatCustomerRate: 0.5, netSales: 1740 },
      { orders: 30, averageOrderValue: 50, customers: 30, repeatCustomerRate: 0.4, netSales: 1500 },
    );
    expect(evaluateFindings(inputs({ summary: thin }))).toEqual([]);
  });
});
