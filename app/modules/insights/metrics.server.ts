/**
 * The headline figures of a period, each next to the previous period of equal
 * length, read from the daily rollups (whole days in the shop's time zone,
 * shop money). Never touches raw orders.
 *
 * Definitions (Shopify's sales reports):
 * - orders: orders placed (processedAt) in the period; test and deleted
 *   orders never count; cancelled orders count where they were placed.
 * - grossSales: line items at their original price × quantity, before
 *   discounts, returns, shipping and taxes.
 * - discounts: line-item discounts, order-level discounts included as
 *   Shopify allocates them to lines.
 * - returns: merchandise given back, dated when it happened — a refund's line
 *   subtotals (after discounts, before tax) on the refund's day; a
 *   cancellation reverses, on its day, what no refund returned. Money-only
 *   refunds without line items (shipping, goodwill) are not returns.
 * - netSales = grossSales − discounts − returns.
 * - averageOrderValue = (grossSales − discounts) / orders.
 * - unitsSold: quantities ordered; unitsReturned: quantities given back
 *   (refunded or cancelled); netUnits = unitsSold − unitsReturned.
 * - refundRate = returns / (grossSales − discounts) of the same period.
 * - customers: distinct customers with a purchase (an order neither test,
 *   deleted nor cancelled) in the period; guest orders have none.
 *   newCustomers made their first purchase ever in the period;
 *   returningCustomers had purchased before it. repeatCustomers had made more
 *   than one purchase by the period's end (the returning ones, and new ones
 *   who came back within it); repeatCustomerRate = repeatCustomers / customers.
 * Ratios are null when their denominator is zero.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import { previousPeriod, type Period } from './periods';

export interface SalesFigures {
  orders: number;
  grossSales: number;
  discounts: number;
  returns: number;
  netSales: number;
  averageOrderValue: number | null;
  unitsSold: number;
  unitsReturned: number;
  netUnits: number;
  refunds: number;
  refundRate: number | null;
  customers: number;
  newCustomers: number;
  returningCustomers: number;
  repeatCustomers: number;
  repeatCustomerRate: number | null;
}

export interface Change {
  /** current − previous. */
  absolute: number | null;
  /** (current − previous) / |previous|; null when previous is zero or either side is null. */
  relative: number | null;
}

export interface SalesSummary {
  period: Period;
  previousPeriod: Period;
  current: SalesFigures;
  previous: SalesFigures;
  change: Record<keyof SalesFigures, Change>;
}

/** Money and ratios rounded to 4 decimals, the precision the mirror stores. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round4(numerator / denominator);
}

export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { absolute: null, relative: null };
  return {
    absolute: round4(current - previous),
    relative: previous === 0 ? null : round4((current - previous) / Math.abs(previous)),
  };
}

interface SalesRow {
  current: boolean;
  orders: number;
  gross_sales: string;
  discounts: string;
  returns: string;
  units_sold: number;
  units_returned: number;
  refunds: number;
}

interface CustomerRow {
  current: boolean;
  customers: number;
  new_customers: number;
  new_repeaters: number;
}

const EMPTY_SALES = {
  orders: 0,
  gross_sales: '0',
  discounts: '0',
  returns: '0',
  units_sold: 0,
  units_returned: 0,
  refunds: 0,
};
const EMPTY_CUSTOMERS = { customers: 0, new_customers: 0, new_repeaters: 0 };

function salesQuery(shop: string, current: Period, previous: Period): Prisma.Sql {
  return Prisma.sql`
    SELECT day >= ${current.start}::date AS current, sum(orders)::int AS orders, sum("grossSales")::text AS gross_sales,
           sum(discounts)::text AS discounts, sum(returns)::text AS returns, sum("unitsSold")::int AS units_sold,
           sum("unitsReturned")::int AS units_returned, sum(refunds)::int AS refunds
    FROM "InsightsDaily"
    WHERE shop = ${shop} AND day BETWEEN ${previous.start}::date AND ${current.end}::date
    GROUP BY 1`;
}

/**
 * Distinct customers of a period [a, b] from (day, gapDays) sums: a
 * customer's first purchase within the period is the one whose previous
 * purchase is before a (gap > day − a) or absent (gap −1), and there is
 * exactly one such purchase per customer. New customers' repeat is their
 * second purchase falling in the period after a first one also in it.
 */
function customersQuery(shop: string, current: Period, previous: Period): Prisma.Sql {
  const periodStart = Prisma.sql`(CASE WHEN day >= ${current.start}::date THEN ${current.start}::date ELSE ${previous.start}::date END)`;
  return Prisma.sql`
    SELECT day >= ${current.start}::date AS current,
           (sum(orders) FILTER (WHERE "gapDays" = -1 OR "gapDays" > day - ${periodStart}))::int AS customers,
           (sum(orders) FILTER (WHERE "gapDays" = -1))::int AS new_customers,
           (sum("secondOrders") FILTER (WHERE "gapDays" >= 0 AND "gapDays" <= day - ${periodStart}))::int AS new_repeaters
    FROM "InsightsCustomerDaily"
    WHERE shop = ${shop} AND day BETWEEN ${previous.start}::date AND ${current.end}::date
    GROUP BY 1`;
}

function figures(sales: Omit<SalesRow, 'current'>, customers: Omit<CustomerRow, 'current'>): SalesFigures {
  const grossSales = Number(sales.gross_sales);
  const discounts = Number(sales.discounts);
  const returns = Number(sales.returns);
  const returningCustomers = customers.customers - customers.new_customers;
  const repeatCustomers = returningCustomers + (customers.new_repeaters ?? 0);
  return {
    orders: sales.orders,
    grossSales,
    discounts,
    returns,
    netSales: round4(grossSales - discounts - returns),
    averageOrderValue: ratio(grossSales - discounts, sales.orders),
    unitsSold: sales.units_sold,
    unitsReturned: sales.units_returned,
    netUnits: sales.units_sold - sales.units_returned,
    refunds: sales.refunds,
    refundRate: ratio(returns, grossSales - discounts),
    customers: customers.customers,
    newCustomers: customers.new_customers,
    returningCustomers,
    repeatCustomers,
    repeatCustomerRate: ratio(repeatCustomers, customers.customers),
  };
}

/** The period's figures and the previous period's, with the change of each. */
export async function readSalesSummary(db: PrismaClient, shop: string, period: Period): Promise<SalesSummary> {
  const previous = previousPeriod(period);
  const [salesRows, customerRows] = await Promise.all([
    db.$queryRaw<SalesRow[]>(salesQuery(shop, period, previous)),
    db.$queryRaw<CustomerRow[]>(customersQuery(shop, period, previous)),
  ]);
  const pick = <T extends { current: boolean }>(rows: T[], current: boolean) =>
    rows.find((row) => row.current === current);
  const nonNull = <T extends object>(row: T | undefined, empty: T): T =>
    row
      ? (Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, value ?? (empty as Record<string, unknown>)[key]]),
        ) as T)
      : empty;
  const now = figures(
    nonNull(pick(salesRows, true), { current: true, ...EMPTY_SALES }),
    nonNull(pick(customerRows, true), { current: true, ...EMPTY_CUSTOMERS }),
  );
  const before = figures(
    nonNull(pick(salesRows, false), { current: false, ...EMPTY_SALES }),
    nonNull(pick(customerRows, false), { current: false, ...EMPTY_CUSTOMERS }),
  );
  const changes = Object.fromEntries(
    (Object.keys(now) as (keyof SalesFigures)[]).map((key) => [key, change(now[key], before[key])]),
  ) as Record<keyof SalesFigures, Change>;
  return { period, previousPeriod: previous, current: now, previous: before, change: changes };
}
