/**
 * Monthly acquisition cohorts (Lifetimely's view): customers grouped by the
 * month of their first purchase in the shop's time zone (a purchase: an order
 * with a customer, neither test, deleted nor cancelled). For each month since
 * acquisition (offset 0 = the acquisition month), cumulatively:
 * - repeatRate: the share of the cohort who made a second purchase by the end
 *   of that month;
 * - revenuePerCustomer: the cohort's net sales (purchases' gross sales −
 *   discounts, less returns in the month they happened) divided by the
 *   cohort's customers.
 * Read from InsightsCohortDaily; months run up to the month of `today`.
 */
import type { PrismaClient } from '@prisma/client';
import { ratio, round4 } from './metrics.server';
import { addMonths, monthOf, monthsBetween, type LocalDate } from './periods';

export interface CohortMonth {
  /** Months since acquisition; 0 is the acquisition month. */
  offset: number;
  /** "YYYY-MM". */
  month: string;
  orders: number;
  netSales: number;
  repeatRate: number | null;
  revenuePerCustomer: number | null;
}

export interface Cohort {
  /** The acquisition month, "YYYY-MM". */
  month: string;
  customers: number;
  months: CohortMonth[];
}

interface Row {
  cohort: string;
  month: string;
  first_orders: number;
  second_orders: number;
  orders: number;
  net: string;
}

/** The last `months` cohorts (the current month's included), oldest first. */
export async function readCohorts(
  db: PrismaClient,
  shop: string,
  today: LocalDate,
  { months = 12 }: { months?: number } = {},
): Promise<Cohort[]> {
  if (!Number.isInteger(months) || months < 1 || months > 36) throw new RangeError('months must be 1 to 36');
  const current = monthOf(today);
  const first = addMonths(today, -(months - 1));
  const rows = await db.$queryRaw<Row[]>`
    SELECT "cohortMonth"::text AS cohort, date_trunc('month', day::timestamp)::date::text AS month,
           sum("firstOrders")::int AS first_orders, sum("secondOrders")::int AS second_orders,
           sum(orders)::int AS orders, sum("netSales")::text AS net
    FROM "InsightsCohortDaily"
    WHERE shop = ${shop} AND "cohortMonth" BETWEEN ${first}::date AND ${current}::date AND day <= ${today}::date
    GROUP BY 1, 2`;
  const cells = new Map(rows.map((row) => [`${row.cohort}|${row.month}`, row]));
  return Array.from({ length: months }, (_, i) => {
    const cohort = addMonths(first, i);
    const customers = cells.get(`${cohort}|${cohort}`)?.first_orders ?? 0;
    let repeaters = 0;
    let revenue = 0;
    const span = monthsBetween(cohort, current);
    return {
      month: cohort.slice(0, 7),
      customers,
      months: Array.from({ length: span + 1 }, (_, offset) => {
        const month = addMonths(cohort, offset);
        const cell = cells.get(`${cohort}|${month}`);
        repeaters += cell?.second_orders ?? 0;
        revenue += Number(cell?.net ?? 0);
        return {
          offset,
          month: month.slice(0, 7),
          orders: cell?.orders ?? 0,
          netSales: round4(Number(cell?.net ?? 0)),
          repeatRate: ratio(repeaters, customers),
          revenuePerCustomer: ratio(revenue, customers),
        };
      }),
    };
  });
}
