/**
 * The ShopifyQL tables the devstore answers, computed from its orders:
 * `sales` (Shopify's sales report: orders on the day they were processed,
 * returns on the day of the refund; test and cancelled orders left out) and
 * `sessions`, derived per day from that day's orders and a conversion rate
 * between 1.5% and 3.5% seeded by the shop and date, so every call agrees.
 */
import type { ShopState } from '../state/shop-state';
import { cents, decimal, orderTotals, refundLineCents } from './sales-totals';
import { daysBetween, localDateIn } from './sales-time';

export type CellValue = string | number;

export interface Metric<A> {
  dataType: 'MONEY' | 'INTEGER' | 'PERCENT';
  displayName: string;
  value: (acc: A) => CellValue;
}

interface Table<A> {
  metrics: Record<string, Metric<A>>;
  empty: () => A;
  /** Adds the shop's activity of each local date from `start` to `end` to `at(date)`. */
  collect: (state: ShopState, start: string, end: string, at: (date: string) => A) => void;
}

export interface ColumnSpec {
  dataType: Metric<unknown>['dataType'];
  displayName: string;
}

/** A table as the query runner sees it: its metric columns, and their values per period. */
export interface TableSpec {
  columns: Record<string, ColumnSpec>;
  /** Metric values per period key (`period(date)`); `periods` are present even without data. */
  aggregate: (
    state: ShopState,
    start: string,
    end: string,
    period: (date: string) => string,
    periods: Iterable<string>,
  ) => Map<string, Record<string, CellValue>>;
}

function tableSpec<A>(table: Table<A>): TableSpec {
  const entries = Object.entries(table.metrics);
  return {
    columns: Object.fromEntries(
      entries.map(([name, metric]) => [name, { dataType: metric.dataType, displayName: metric.displayName }]),
    ),
    aggregate: (state, start, end, period, periods) => {
      const accs = new Map<string, A>();
      for (const key of periods) accs.set(key, table.empty());
      table.collect(state, start, end, (date) => {
        const key = period(date);
        let acc = accs.get(key);
        if (!acc) accs.set(key, (acc = table.empty()));
        return acc;
      });
      const values = new Map<string, Record<string, CellValue>>();
      for (const [key, acc] of accs)
        values.set(key, Object.fromEntries(entries.map(([name, metric]) => [name, metric.value(acc)])));
      return values;
    },
  };
}

interface SalesAcc {
  orders: number;
  gross: number;
  discounts: number;
  returns: number;
  shipping: number;
  tax: number;
}

const net = (acc: SalesAcc) => acc.gross - acc.discounts - acc.returns;

const salesTable: Table<SalesAcc> = {
  empty: () => ({ orders: 0, gross: 0, discounts: 0, returns: 0, shipping: 0, tax: 0 }),
  metrics: {
    orders: { dataType: 'INTEGER', displayName: 'Orders', value: (acc) => acc.orders },
    gross_sales: { dataType: 'MONEY', displayName: 'Gross sales', value: (acc) => decimal(acc.gross) },
    discounts: { dataType: 'MONEY', displayName: 'Discounts', value: (acc) => decimal(-acc.discounts) },
    returns: { dataType: 'MONEY', displayName: 'Returns', value: (acc) => decimal(-acc.returns) },
    net_sales: { dataType: 'MONEY', displayName: 'Net sales', value: (acc) => decimal(net(acc)) },
    shipping_charges: { dataType: 'MONEY', displayName: 'Shipping charges', value: (acc) => decimal(acc.shipping) },
    taxes: { dataType: 'MONEY', displayName: 'Taxes', value: (acc) => decimal(acc.tax) },
    total_sales: {
      dataType: 'MONEY',
      displayName: 'Total sales',
      value: (acc) => decimal(net(acc) + acc.shipping + acc.tax),
    },
    average_order_value: {
      dataType: 'MONEY',
      displayName: 'Average order value',
      value: (acc) => decimal(acc.orders > 0 ? Math.round((acc.gross - acc.discounts) / acc.orders) : 0),
    },
  },
  collect: (state, start, end, at) => {
    const dateOf = localDateIn(start, end, state.shop.ianaTimezone);
    for (const order of state.orders.values()) {
      if (order.test || order.cancelledAt) continue;
      const placed = dateOf(order.processedAt);
      if (placed) {
        const totals = orderTotals(order);
        const acc = at(placed);
        acc.orders += 1;
        acc.gross += totals.gross;
        acc.discounts += totals.discounts;
        acc.shipping += totals.shipping;
        acc.tax += totals.tax;
      }
      for (const refund of order.refunds) {
        const day = dateOf(refund.createdAt);
        if (!day) continue;
        const lines = refundLineCents(refund);
        const acc = at(day);
        acc.returns += lines;
        acc.shipping -= cents(refund.total) - lines;
      }
    }
  },
};

/** FNV-1a of the text, as a number in [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 4294967296;
}

/** A day's sessions: its orders over a stable rate, or a small stable baseline on a day without orders. */
export function dailySessions(shopDomain: string, date: string, orders: number): number {
  if (orders === 0) return 20 + Math.floor(unitHash(`${shopDomain}|${date}|baseline`) * 60);
  const rate = 0.015 + 0.02 * unitHash(`${shopDomain}|${date}|rate`);
  return Math.max(Math.round(orders / rate), orders);
}

interface SessionsAcc {
  sessions: number;
  converted: number;
}

const sessionsTable: Table<SessionsAcc> = {
  empty: () => ({ sessions: 0, converted: 0 }),
  metrics: {
    sessions: { dataType: 'INTEGER', displayName: 'Sessions', value: (acc) => acc.sessions },
    sessions_that_completed_checkout: {
      dataType: 'INTEGER',
      displayName: 'Sessions that completed checkout',
      value: (acc) => acc.converted,
    },
    conversion_rate: {
      dataType: 'PERCENT',
      displayName: 'Conversion rate',
      value: (acc) => (acc.sessions > 0 ? Math.round((acc.converted / acc.sessions) * 10000) / 10000 : 0),
    },
  },
  collect: (state, start, end, at) => {
    const dateOf = localDateIn(start, end, state.shop.ianaTimezone);
    const ordersByDay = new Map<string, number>();
    for (const order of state.orders.values()) {
      const day = order.test ? null : dateOf(order.processedAt);
      if (day) ordersByDay.set(day, (ordersByDay.get(day) ?? 0) + 1);
    }
    for (const day of daysBetween(start, end)) {
      const orders = ordersByDay.get(day) ?? 0;
      const acc = at(day);
      acc.sessions += dailySessions(state.shop.domain, day, orders);
      acc.converted += orders;
    }
  },
};

export const TABLES: Record<string, TableSpec> = { sales: tableSpec(salesTable), sessions: tableSpec(sessionsTable) };
