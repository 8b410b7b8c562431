/**
 * The findings rules: pure functions that turn the figures of the last 28
 * complete days (against the 28 before) into weak and strong points, each
 * with its evidence — the values, the periods, the threshold it crossed — and
 * links to the records behind it. Every finding is named by its rule and its
 * subject (`key`), so recomputing finds the same finding again.
 *
 * The rules and their thresholds (THRESHOLDS):
 * - product-sales-fell (weak) / product-sales-grew (strong): a product's net
 *   sales fell by 30% or more / grew by 30% or more, on meaningful volume:
 *   at least 10 units and 2% of the shop's net sales in the busier period.
 * - product-refund-rate (weak): a product's refund rate is at least twice
 *   the shop's, over at least 10 units sold.
 * - best-seller-stockout (weak): one of the 10 best sellers by units has
 *   less than 7 days of cover at its current velocity.
 * - dead-stock (weak): products in stock that have not sold in 90 days tie
 *   up cost (one finding for the shop, linking the products, costliest first).
 * - channel-grew (strong) / channel-shrank (weak): a channel's net sales grew
 *   by 50% or more / fell by 30% or more, for a channel with at least 10
 *   orders and 5% of the shop's net sales in the busier period.
 * - aov-rose / aov-fell: average order value moved by 10% or more, with at
 *   least 30 orders in each period.
 * - repeat-rate-rose / repeat-rate-fell: the repeat-customer rate moved by 5
 *   percentage points or more, with at least 30 customers in each period.
 * `score` is the money at stake over the window, in shop currency, so
 * findings of different rules sort together.
 */
import type { ChannelSales } from './channels.server';
import type { InventoryRisk } from './inventory-risk.server';
import type { SalesSummary } from './metrics.server';
import { addDays, periodLength, type Period } from './periods';
import { NO_PRODUCT_ID, type ProductPerformance } from './products.server';

export const THRESHOLDS = {
  productChange: 0.3,
  productMinUnits: 10,
  productMinShare: 0.02,
  refundRateMultiple: 2,
  refundMinUnits: 10,
  bestSellers: 10,
  stockoutDays: 7,
  deadStockLinks: 20,
  channelGrowth: 0.5,
  channelDecline: 0.3,
  channelMinOrders: 10,
  channelMinShare: 0.05,
  aovChange: 0.1,
  aovMinOrders: 30,
  repeatRateChange: 0.05,
  repeatMinCustomers: 30,
} as const;

export type FindingKind = 'weak' | 'strong';
export type FindingRule =
  | 'product-sales-fell'
  | 'product-sales-grew'
  | 'product-refund-rate'
  | 'best-seller-stockout'
  | 'dead-stock'
  | 'channel-grew'
  | 'channel-shrank'
  | 'aov-rose'
  | 'aov-fell'
  | 'repeat-rate-rose'
  | 'repeat-rate-fell';

export interface FindingLink {
  type: 'product' | 'channel' | 'period';
  id: string | null;
  title: string;
  /** A path in Shopify admin ("/products/123"), or null. */
  adminPath: string | null;
  /** A path in Steward ("/app/insights?…"), or null. */
  appPath: string | null;
}

export interface FindingEvidence {
  /** The figure the rule reads: netSales, refundRate, daysOfCover, costTiedUp, averageOrderValue, repeatCustomerRate. */
  metric: string;
  value: number | null;
  /** What the value is held against: the previous period's value, the shop's rate, or the threshold itself. */
  comparison: number | null;
  comparedWith: 'previousPeriod' | 'shopRate' | 'threshold';
  /** Relative change for shifts, the multiple for rates, null otherwise. */
  change: number | null;
  threshold: number;
  period: Period;
  comparisonPeriod: Period | null;
  /** Rule-specific supporting figures (units, orders, customers, stock…). */
  facts: Record<string, number | string | null>;
}

export interface FindingDraft {
  key: string;
  rule: FindingRule;
  kind: FindingKind;
  subjectType: 'shop' | 'product' | 'channel';
  subjectId: string | null;
  subjectTitle: string | null;
  evidence: FindingEvidence;
  links: FindingLink[];
  score: number;
}

export interface FindingInputs {
  /** The last 28 complete days, and the 28 before. */
  window: Period;
  previousWindow: Period;
  summary: SalesSummary;
  products: ProductPerformance[];
  channels: ChannelSales[];
  inventory: InventoryRisk;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function periodPath(period: Period): string {
  return `/app/insights?period=custom&start=${period.start}&end=${period.end}`;
}

function productLink(id: string, title: string | null): FindingLink {
  return { type: 'product', id, title: title ?? `#${id}`, adminPath: `/products/${id}`, appPath: null };
}

function periodLink(period: Period): FindingLink {
  return {
    type: 'period',
    id: null,
    title: `${period.start} – ${period.end}`,
    adminPath: null,
    appPath: periodPath(period),
  };
}

function draft(fields: Omit<FindingDraft, 'key' | 'score'> & { score: number }): FindingDraft {
  const subject = fields.subjectType === 'shop' ? 'shop' : `${fields.subjectType}/${fields.subjectId}`;
  return { ...fields, key: `${fields.rule}:${subject}`, score: round2(Math.max(fields.score, 0)) };
}

function productShifts({ window, previousWindow, summary, products }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  return products.flatMap((product) => {
    const relative = product.netSalesChange.relative;
    if (product.productId === NO_PRODUCT_ID || relative === null) return [];
    const fell = relative <= -t.productChange;
    const grew = relative >= t.productChange;
    if (!fell && !grew) return [];
    // Meaningful volume, measured in the busier of the two periods.
    const units = fell ? product.previousUnitsSold : product.unitsSold;
    const sales = fell ? product.previousNetSales : product.netSales;
    const shopSales = fell ? summary.previous.netSales : summary.current.netSales;
    if (units < t.productMinUnits || shopSales <= 0 || sales < t.productMinShare * shopSales) return [];
    return [
      draft({
        rule: fell ? 'product-sales-fell' : 'product-sales-grew',
        kind: fell ? 'weak' : 'strong',
        subjectType: 'product',
        subjectId: product.productId,
        subjectTitle: product.title,
        evidence: {
          metric: 'netSales',
          value: product.netSales,
          comparison: product.previousNetSales,
          comparedWith: 'previousPeriod',
          change: relative,
          threshold: fell ? -t.productChange : t.productChange,
          period: window,
          comparisonPeriod: previousWindow,
          facts: { unitsSold: product.unitsSold, previousUnitsSold: product.previousUnitsSold },
        },
        links: [productLink(product.productId, product.title), periodLink(window)],
        score: Math.abs(product.netSales - product.previousNetSales),
      }),
    ];
  });
}

function refundRates({ window, summary, products }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  const shopRate = summary.current.refundRate;
  if (!shopRate) return [];
  return products.flatMap((product) => {
    const rate = product.refundRate;
    if (product.productId === NO_PRODUCT_ID || rate === null || product.unitsSold < t.refundMinUnits) return [];
    if (rate < t.refundRateMultiple * shopRate) return [];
    const sales = product.grossSales - product.discounts;
    return [
      draft({
        rule: 'product-refund-rate',
        kind: 'weak',
        subjectType: 'product',
        subjectId: product.productId,
        subjectTitle: product.title,
        evidence: {
          metric: 'refundRate',
          value: rate,
          comparison: shopRate,
          comparedWith: 'shopRate',
          change: Math.round((rate / shopRate) * 100) / 100,
          threshold: t.refundRateMultiple,
          period: window,
          comparisonPeriod: null,
          facts: { returns: product.returns, unitsSold: product.unitsSold, unitsReturned: product.unitsReturned },
        },
        links: [productLink(product.productId, product.title), periodLink(window)],
        // Returns beyond what the shop's rate would have given.
        score: product.returns - shopRate * sales,
      }),
    ];
  });
}

function stockouts({ window, products, inventory }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  const bestSellers = new Map(
    products
      .filter((product) => product.productId !== NO_PRODUCT_ID && product.unitsSold > 0)
      .sort((a, b) => b.unitsSold - a.unitsSold || b.netSales - a.netSales)
      .slice(0, t.bestSellers)
      .map((product, rank) => [product.productId, { product, rank: rank + 1 }]),
  );
  return inventory.atRisk.flatMap((cover) => {
    const best = bestSellers.get(cover.productId);
    if (!best || cover.daysOfCover === null || cover.daysOfCover >= t.stockoutDays) return [];
    const windowDays = periodLength(window);
    const dailySales = best.product.netSales / windowDays;
    return [
      draft({
        rule: 'best-seller-stockout',
        kind: 'weak',
        subjectType: 'product',
        subjectId: cover.productId,
        subjectTitle: cover.title,
        evidence: {
          metric: 'daysOfCover',
          value: cover.daysOfCover,
          comparison: t.stockoutDays,
          comparedWith: 'threshold',
          change: null,
          threshold: t.stockoutDays,
          period: inventory.velocityWindow,
          comparisonPeriod: null,
          facts: {
            available: cover.available,
            unitsSold: cover.unitsSold,
            velocity: cover.velocity,
            bestSellerRank: best.rank,
          },
        },
        links: [productLink(cover.productId, cover.title), periodLink(window)],
        // Sales lost over the window's length once it runs out.
        score: dailySales * Math.max(windowDays - cover.daysOfCover, 0),
      }),
    ];
  });
}

function deadStock({ inventory }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  const dead = inventory.deadStock;
  if (dead.length === 0) return [];
  return [
    draft({
      rule: 'dead-stock',
      kind: 'weak',
      subjectType: 'shop',
      subjectId: null,
      subjectTitle: null,
      evidence: {
        metric: 'costTiedUp',
        value: inventory.deadStockCost,
        comparison: null,
        comparedWith: 'threshold',
        change: null,
        threshold: inventory.deadAfterDays,
        // The days without a sale.
        period: { start: addDays(inventory.today, -(inventory.deadAfterDays - 1)), end: inventory.today },
        comparisonPeriod: null,
        facts: {
          products: dead.length,
          units: dead.reduce((sum, row) => sum + row.available, 0),
          uncostedUnits: inventory.deadStockUncostedUnits,
        },
      },
      links: dead.slice(0, t.deadStockLinks).map((row) => productLink(row.productId, row.title)),
      score: inventory.deadStockCost,
    }),
  ];
}

function channelShifts({ window, previousWindow, summary, channels }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  const shopSales = Math.max(summary.current.netSales, summary.previous.netSales);
  return channels.flatMap((channel) => {
    const relative = channel.netSalesChange.relative;
    if (relative === null || shopSales <= 0) return [];
    const grew = relative >= t.channelGrowth;
    const shrank = relative <= -t.channelDecline;
    if (!grew && !shrank) return [];
    const orders = Math.max(channel.orders, channel.previousOrders);
    const sales = Math.max(channel.netSales, channel.previousNetSales);
    if (orders < t.channelMinOrders || sales < t.channelMinShare * shopSales) return [];
    return [
      draft({
        rule: grew ? 'channel-grew' : 'channel-shrank',
        kind: grew ? 'strong' : 'weak',
        subjectType: 'channel',
        subjectId: channel.key,
        subjectTitle: channel.channel || null,
        evidence: {
          metric: 'netSales',
          value: channel.netSales,
          comparison: channel.previousNetSales,
          comparedWith: 'previousPeriod',
          change: relative,
          threshold: grew ? t.channelGrowth : -t.channelDecline,
          period: window,
          comparisonPeriod: previousWindow,
          facts: { orders: channel.orders, previousOrders: channel.previousOrders, kind: channel.kind },
        },
        links: [
          { type: 'channel', id: channel.key, title: channel.channel, adminPath: null, appPath: periodPath(window) },
        ],
        score: Math.abs(channel.netSales - channel.previousNetSales),
      }),
    ];
  });
}

function shopShifts({ window, previousWindow, summary }: FindingInputs): FindingDraft[] {
  const t = THRESHOLDS;
  const { current, previous } = summary;
  const found: FindingDraft[] = [];
  const aovChange = summary.change.averageOrderValue.relative;
  if (
    aovChange !== null &&
    Math.abs(aovChange) >= t.aovChange &&
    current.orders >= t.aovMinOrders &&
    previous.orders >= t.aovMinOrders
  ) {
    const rose = aovChange > 0;
    found.push(
      draft({
        rule: rose ? 'aov-rose' : 'aov-fell',
        kind: rose ? 'strong' : 'weak',
        subjectType: 'shop',
        subjectId: null,
        subjectTitle: null,
        evidence: {
          metric: 'averageOrderValue',
          value: current.averageOrderValue,
          comparison: previous.averageOrderValue,
          comparedWith: 'previousPeriod',
          change: aovChange,
          threshold: rose ? t.aovChange : -t.aovChange,
          period: window,
          comparisonPeriod: previousWindow,
          facts: { orders: current.orders, previousOrders: previous.orders },
        },
        links: [periodLink(window)],
        score: Math.abs((current.averageOrderValue ?? 0) - (previous.averageOrderValue ?? 0)) * current.orders,
      }),
    );
  }
  const rate = current.repeatCustomerRate;
  const before = previous.repeatCustomerRate;
  if (
    rate !== null &&
    before !== null &&
    Math.abs(rate - before) >= t.repeatRateChange - 1e-9 &&
    current.customers >= t.repeatMinCustomers &&
    previous.customers >= t.repeatMinCustomers
  ) {
    const rose = rate > before;
    found.push(
      draft({
        rule: rose ? 'repeat-rate-rose' : 'repeat-rate-fell',
        kind: rose ? 'strong' : 'weak',
        subjectType: 'shop',
        subjectId: null,
        subjectTitle: null,
        evidence: {
          metric: 'repeatCustomerRate',
          value: rate,
          comparison: before,
          comparedWith: 'previousPeriod',
          change: Math.round((rate - before) * 10_000) / 10_000,
          threshold: rose ? t.repeatRateChange : -t.repeatRateChange,
          period: window,
          comparisonPeriod: previousWindow,
          facts: { customers: current.customers, previousCustomers: previous.customers },
        },
        links: [periodLink(window)],
        // Customers who came back (or did not) beyond the old rate, at the current order value.
        score: Math.abs(rate - before) * current.customers * (current.averageOrderValue ?? 0),
      }),
    );
  }
  return found;
}

/** Every finding the inputs support, highest score first. */
export function evaluateFindings(inputs: FindingInputs): FindingDraft[] {
  return [
    ...productShifts(inputs),
    ...refundRates(inputs),
    ...stockouts(inputs),
    ...deadStock(inputs),
    ...channelShifts(inputs),
    ...shopShifts(inputs),
  ].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}
