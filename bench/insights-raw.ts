/**
 * The baseline of bench/insights.ts: the figures the Insights and Today pages
 * show, computed from the raw mirror (orders, line items, refunds, journeys)
 * on every call instead of from the daily rollups. Sales figures reuse the
 * rollups' own event definitions (rollup-sql.server.ts) so both sides count
 * the same things; customers, cohorts and inventory velocity are written
 * independently here, so the bench's agreement check means something.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import type { Cohort } from '../app/modules/insights/cohorts.server';
import { ratio, round4 } from '../app/modules/insights/metrics.server';
import {
  addDays,
  addMonths,
  datesOf,
  monthOf,
  monthsBetween,
  previousPeriod,
  type LocalDate,
  type Period,
} from '../app/modules/insights/periods';
import { customerEvents, localDay, salesEvents } from '../app/modules/insights/rollup-sql.server';

interface Ctx {
  db: PrismaClient;
  shop: string;
  timeZone: string;
}

const both = (period: Period) => ({ start: previousPeriod(period).start, end: period.end });

export interface RawSummary {
  orders: number;
  grossSales: number;
  discounts: number;
  returns: number;
  netSales: number;
  unitsSold: number;
  unitsReturned: number;
  customers: number;
  newCustomers: number;
  repeatCustomers: number;
}

/** Sales and customers of the period and the previous one, from raw rows. */
export async function rawSummary(
  { db, shop, timeZone }: Ctx,
  period: Period,
): Promise<{ current: RawSummary; previous: RawSummary }> {
  const previous = previousPeriod(period);
  const scope = { shop, timeZone, first: previous.start, last: period.end };
  const [sales, customers] = await Promise.all([
    db.$queryRaw<
      {
        current: boolean;
        orders: number;
        gross: string;
        discounts: string;
        returns: string;
        sold: number;
        back: number;
      }[]
    >`
      WITH ${salesEvents(scope)}
      SELECT day >= ${period.start}::date AS current, sum(orders)::int AS orders, sum(gross)::text AS gross,
             sum(discount)::text AS discounts, sum(returns)::text AS returns, sum(sold)::int AS sold,
             sum(back)::int AS back
      FROM (
        SELECT day, count(*) AS orders, 0 AS gross, 0 AS discount, 0 AS returns, 0 AS sold, 0 AS back
        FROM placed GROUP BY day
        UNION ALL SELECT day, 0, sum(gross), sum(discount), 0, sum(quantity), 0 FROM sold GROUP BY day
        UNION ALL SELECT day, 0, 0, 0, sum(amount), 0, sum(quantity) FROM reversed GROUP BY day
      ) AS events
      GROUP BY 1`,
    db.$queryRaw<{ current: boolean; customers: number; new_customers: number; repeat_customers: number }[]>`
      WITH ${customerEvents(scope)}
      SELECT p.day >= ${period.start}::date AS current,
             count(DISTINCT p."customerId")::int AS customers,
             (count(DISTINCT p."customerId") FILTER (WHERE ${localDay(Prisma.sql`p.first_at`, timeZone)} >=
               CASE WHEN p.day >= ${period.start}::date THEN ${period.start}::date ELSE ${previous.start}::date END))::int
               AS new_customers,
             (count(DISTINCT p."customerId") FILTER (WHERE p.earlier >= 1))::int AS repeat_customers
      FROM purchases p
      GROUP BY 1`,
  ]);
  const side = (current: boolean): RawSummary => {
    const s = sales.find((row) => row.current === current);
    const c = customers.find((row) => row.current === current);
    const gross = Number(s?.gross ?? 0);
    const discounts = Number(s?.discounts ?? 0);
    const returns = Number(s?.returns ?? 0);
    return {
      orders: s?.orders ?? 0,
      grossSales: gross,
      discounts,
      returns,
      netSales: round4(gross - discounts - returns),
      unitsSold: s?.sold ?? 0,
      unitsReturned: s?.back ?? 0,
      customers: c?.customers ?? 0,
      newCustomers: c?.new_customers ?? 0,
      repeatCustomers: c?.repeat_customers ?? 0,
    };
  };
  return { current: side(true), previous: side(false) };
}

/** Net sales and orders per day of the period (the chart), from raw rows. */
export async function rawSeries({ db, shop, timeZone }: Ctx, period: Period) {
  const rows = await db.$queryRaw<{ day: string; orders: number; net: string }[]>`
    WITH ${salesEvents({ shop, timeZone, first: both(period).start, last: period.end })}
    SELECT day::text AS day, sum(orders)::int AS orders, sum(net)::text AS net FROM (
      SELECT day, count(*) AS orders, 0 AS net FROM placed GROUP BY day
      UNION ALL SELECT day, 0, sum(gross - discount) FROM sold GROUP BY day
      UNION ALL SELECT day, 0, -sum(amount) FROM reversed GROUP BY day
    ) AS events GROUP BY day`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return datesOf(period).map((day) => ({
    day,
    netSales: round4(Number(byDay.get(day)?.net ?? 0)),
    orders: byDay.get(day)?.orders ?? 0,
  }));
}

/** Net sales, units and cost per product in the period and the previous one, from raw rows. */
export async function rawProducts({ db, shop, timeZone }: Ctx, period: Period) {
  const rows = await db.$queryRaw<{ product_id: string; current: boolean; net: string; units: number }[]>`
    WITH ${salesEvents({ shop, timeZone, first: both(period).start, last: period.end })}
    SELECT COALESCE("productId", 0)::text AS product_id, day >= ${period.start}::date AS current,
           sum(net)::text AS net, sum(units)::int AS units
    FROM (
      SELECT day, "productId", gross - discount AS net, quantity AS units FROM sold
      UNION ALL SELECT day, "productId", -amount, 0 FROM reversed
    ) AS events
    GROUP BY 1, 2`;
  const products = new Map<string, { netSales: number; unitsSold: number; previousNetSales: number }>();
  for (const row of rows) {
    const product = products.get(row.product_id) ?? { netSales: 0, unitsSold: 0, previousNetSales: 0 };
    if (row.current) {
      product.netSales = round4(Number(row.net));
      product.unitsSold = row.units;
    } else product.previousNetSales = round4(Number(row.net));
    products.set(row.product_id, product);
  }
  return products;
}

/** Net sales and orders per channel in the period, from raw rows and journeys. */
export async function rawChannels({ db, shop, timeZone }: Ctx, period: Period) {
  const rows = await db.$queryRaw<{ key: string; orders: number; net: string }[]>`
    WITH ${salesEvents({ shop, timeZone, first: period.start, last: period.end })},
    channel_of AS (
      SELECT o.id,
             CASE WHEN NULLIF(btrim(j."utmSource"), '') IS NOT NULL
                    THEN 'utm:' || lower(btrim(j."utmSource")) || ' / ' || COALESCE(NULLIF(lower(btrim(j."utmMedium")), ''), '(none)')
                  WHEN NULLIF(btrim(o."sourceName"), '') IS NOT NULL THEN 'source:' || lower(btrim(o."sourceName"))
                  ELSE 'unknown:' END AS key
      FROM "Order" o
      LEFT JOIN "CustomerJourney" j ON j.shop = ${shop} AND j."orderId" = o.id
      WHERE o.shop = ${shop} AND o.id IN (SELECT id FROM placed UNION SELECT order_id FROM reversed)
    )
    SELECT c.key, sum(e.orders)::int AS orders, sum(e.net)::text AS net
    FROM (
      SELECT id AS order_id, 1 AS orders, 0 AS net FROM placed
      UNION ALL SELECT order_id, 0, gross - discount FROM sold
      UNION ALL SELECT order_id, 0, -amount FROM reversed
    ) AS e JOIN channel_of c ON c.id = e.order_id
    GROUP BY c.key`;
  return new Map(rows.map((row) => [row.key, { orders: row.orders, netSales: round4(Number(row.net)) }]));
}

/** Monthly acquisition cohorts over every purchase of the shop, from raw rows. */
export async function rawCohorts({ db, shop, timeZone }: Ctx, today: LocalDate, months: number): Promise<Cohort[]> {
  const current = monthOf(today);
  const first = addMonths(today, -(months - 1));
  const day = (column: Prisma.Sql) => localDay(column, timeZone);
  const rows = await db.$queryRaw<
    { cohort: string; month: string; first_orders: number; second_orders: number; orders: number; net: string }[]
  >`
    WITH purchases AS (
      SELECT o.id, ${day(Prisma.sql`o."processedAt"`)} AS day,
             row_number() OVER (PARTITION BY o."customerId" ORDER BY o."processedAt", o.id) AS seq,
             min(o."processedAt") OVER (PARTITION BY o."customerId") AS first_at
      FROM "Order" o
      WHERE o.shop = ${shop} AND o."customerId" IS NOT NULL AND o."deletedAt" IS NULL AND NOT o.test
        AND o."cancelledAt" IS NULL AND o."processedAt" IS NOT NULL
    ),
    cohorted AS (
      SELECT id, day, seq, date_trunc('month', ${day(Prisma.sql`first_at`)}::timestamp)::date AS cohort FROM purchases
    ),
    in_range AS (
      SELECT * FROM cohorted WHERE cohort BETWEEN ${first}::date AND ${current}::date AND day <= ${today}::date
    ),
    nets AS (
      SELECT li."orderId", sum(li.price * li.quantity - li."totalDiscount") AS net
      FROM "OrderLineItem" li WHERE li.shop = ${shop} AND li."orderId" IN (SELECT id FROM in_range)
      GROUP BY li."orderId"
    ),
    refunds AS (
      SELECT r."orderId", ${day(Prisma.sql`r."createdAt"`)} AS day, sum(rl.subtotal) AS amount
      FROM "Refund" r JOIN "RefundLineItem" rl ON rl.shop = r.shop AND rl."refundId" = r.id
      WHERE r.shop = ${shop} AND r."orderId" IN (SELECT id FROM cohorted WHERE cohort BETWEEN ${first}::date AND ${current}::date)
      GROUP BY r."orderId", 2
    )
    SELECT cohort::text, month::text, sum(first_orders)::int AS first_orders, sum(second_orders)::int AS second_orders,
           sum(orders)::int AS orders, sum(net)::text AS net
    FROM (
      SELECT i.cohort, date_trunc('month', i.day::timestamp)::date AS month, (i.seq = 1)::int AS first_orders,
             (i.seq = 2)::int AS second_orders, 1 AS orders, COALESCE(n.net, 0) AS net
      FROM in_range i LEFT JOIN nets n ON n."orderId" = i.id
      UNION ALL
      SELECT c.cohort, date_trunc('month', r.day::timestamp)::date, 0, 0, 0, -r.amount
      FROM refunds r JOIN cohorted c ON c.id = r."orderId"
      WHERE c.cohort BETWEEN ${first}::date AND ${current}::date AND r.day <= ${today}::date
    ) AS events
    GROUP BY 1, 2`;
  const cells = new Map(rows.map((row) => [`${row.cohort}|${row.month}`, row]));
  return Array.from({ length: months }, (_, i) => {
    const cohort = addMonths(first, i);
    const customers = cells.get(`${cohort}|${cohort}`)?.first_orders ?? 0;
    let repeaters = 0;
    let revenue = 0;
    return {
      month: cohort.slice(0, 7),
      customers,
      months: Array.from({ length: monthsBetween(cohort, current) + 1 }, (_, offset) => {
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

/** Units sold per product in the 28 days before today and whether it sold in the last 90, from raw rows. */
export async function rawVelocity({ db, shop, timeZone }: Ctx, today: LocalDate) {
  const since = addDays(today, -89);
  const rows = await db.$queryRaw<{ product_id: string; units_28: number; sold_recently: boolean }[]>`
    WITH ${salesEvents({ shop, timeZone, first: since, last: today })}
    SELECT "productId"::text AS product_id,
           COALESCE(sum(quantity) FILTER (WHERE day BETWEEN ${addDays(today, -28)}::date AND ${addDays(today, -1)}::date), 0)::int AS units_28,
           bool_or(quantity > 0) AS sold_recently
    FROM sold WHERE "productId" IS NOT NULL GROUP BY "productId"`;
  return new Map(rows.map((row) => [row.product_id, row]));
}
