/**
 * The SQL that recomputes the insights rollups of a run of consecutive days
 * from the mirror, one statement per rollup table, in the shop's time zone.
 *
 * What counts (Shopify's sales reports, see metrics.server.ts):
 * - An order is dated by processedAt, in the shop's time zone. Test and
 *   deleted orders never count. A cancelled order is a sale on the day it was
 *   placed; its cancellation reverses, on the day of the cancellation, the
 *   part of its merchandise no refund returns.
 * - Returns are dated when they happened: a refund's line subtotals (after
 *   discounts, before tax) on the day of the refund, whatever the order's day.
 * - Customer facts count purchases: orders with a customer that are neither
 *   test, deleted nor cancelled.
 *
 * The common table expressions (salesEvents, customerEvents) are exported for
 * bench/insights.ts, whose baseline computes the same figures from raw orders.
 *
 * Each statement reads only the orders of the run (ranges on the
 * (shop, processedAt), (shop, cancelledAt) and Refund (shop, createdAt)
 * indexes), plus the purchase history of the customers involved, so one day
 * costs about what its own orders cost.
 */
import { Prisma } from '@prisma/client';

/** A run of consecutive local days, first to last, of one shop. */
export interface Scope {
  shop: string;
  timeZone: string;
  /** "YYYY-MM-DD", inclusive. */
  first: string;
  last: string;
}

/** A timestamp(3) column (UTC) as a calendar date in the shop's time zone. */
export function localDay(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date`;
}

/**
 * The run's bounds as UTC instants, [starts, ends): the first day's local
 * midnight and the midnight after the last day (so a day of 23 or 25 hours on
 * a DST change is whole). Written as expressions of the parameters, they fold
 * to constants, so the planner sees the real range and estimates rows from
 * the statistics of the (shop, processedAt)-style indexes.
 */
function bounds({ timeZone, first, last }: Scope): { starts: Prisma.Sql; ends: Prisma.Sql } {
  return {
    starts: Prisma.sql`((${first}::date)::timestamp AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC')`,
    ends: Prisma.sql`((${last}::date + 1)::timestamp AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC')`,
  };
}

/**
 * The common table expressions every statement starts from:
 * - placed: orders placed in the run (test and deleted left out), with their local day;
 * - sold: their line items at original price, with their discounts;
 * - reversed: refunded lines on the refund's day, and on the day of a
 *   cancellation what it reversed (each line's discounted amount and
 *   quantity, less what refunds return).
 */
export function salesEvents(scope: Scope): Prisma.Sql {
  const { shop, timeZone } = scope;
  const { starts, ends } = bounds(scope);
  return Prisma.sql`
    placed AS (
      SELECT ${localDay(Prisma.sql`o."processedAt"`, timeZone)} AS day, o.id, o."customerId", o."cancelledAt",
             o."processedAt"
      FROM "Order" o
      WHERE o.shop = ${shop} AND o."processedAt" >= ${starts} AND o."processedAt" < ${ends}
        AND o."deletedAt" IS NULL AND NOT o.test
    ),
    sold AS (
      SELECT p.day, p.id AS order_id, li."productId", li."variantId", li.quantity,
             li.price * li.quantity AS gross, li."totalDiscount" AS discount
      FROM placed p
      JOIN "OrderLineItem" li ON li.shop = ${shop} AND li."orderId" = p.id
    ),
    refunded AS (
      SELECT ${localDay(Prisma.sql`r."createdAt"`, timeZone)} AS day, r."orderId" AS order_id, li."productId",
             li."variantId", rl.quantity, rl.subtotal AS amount
      FROM "Refund" r
      JOIN "Order" o ON o.shop = ${shop} AND o.id = r."orderId" AND o."deletedAt" IS NULL AND NOT o.test
      JOIN "RefundLineItem" rl ON rl.shop = ${shop} AND rl."refundId" = r.id
      LEFT JOIN "OrderLineItem" li ON li.shop = ${shop} AND li.id = rl."lineItemId"
      WHERE r.shop = ${shop} AND r."createdAt" >= ${starts} AND r."createdAt" < ${ends}
    ),
    cancelled AS (
      SELECT ${localDay(Prisma.sql`o."cancelledAt"`, timeZone)} AS day, o.id AS order_id, li."productId", li."variantId",
             GREATEST(li.quantity - COALESCE(sum(rl.quantity), 0), 0) AS quantity,
             GREATEST(li.price * li.quantity - li."totalDiscount" - COALESCE(sum(rl.subtotal), 0), 0) AS amount
      FROM "Order" o
      JOIN "OrderLineItem" li ON li.shop = ${shop} AND li."orderId" = o.id
      LEFT JOIN "RefundLineItem" rl ON rl.shop = ${shop} AND rl."orderId" = o.id AND rl."lineItemId" = li.id
      WHERE o.shop = ${shop} AND o."cancelledAt" >= ${starts} AND o."cancelledAt" < ${ends}
        AND o."deletedAt" IS NULL AND NOT o.test
      GROUP BY 1, o.id, li.shop, li.id
    ),
    reversed AS (
      SELECT * FROM refunded
      UNION ALL
      SELECT * FROM cancelled
    )`;
}

/** The conditions of a purchase: an order neither deleted, test nor cancelled. */
const PURCHASE = Prisma.sql`o."deletedAt" IS NULL AND NOT o.test AND o."cancelledAt" IS NULL`;

/**
 * Adds, to salesEvents, the purchases of the run with what the customer
 * rollups need of their customer's history (each looked up through the
 * (shop, customerId) index, purchase by purchase, so no plan depends on
 * statistics):
 * - purchases: placed, not cancelled, with a customer; `earlier` is how many
 *   purchases the customer made before it (capped at 2: first, second or
 *   later), `prev_at` when the one before was made, `first_at` the
 *   customer's first purchase;
 * - purchase_refunds: refunded lines of purchases, on the refund's day, with
 *   the customer's first purchase.
 */
export function customerEvents(scope: Scope): Prisma.Sql {
  const { shop } = scope;
  const before = Prisma.sql`(o."processedAt", o.id) < (p."processedAt", p.id)`;
  return Prisma.sql`${salesEvents(scope)},
    purchases AS (
      SELECT p.day, p.id, p."customerId", h.prev_at, h.earlier, h.first_at
      FROM placed p
      CROSS JOIN LATERAL (
        SELECT max(o."processedAt") FILTER (WHERE ${before}) AS prev_at,
               LEAST(count(*) FILTER (WHERE ${before}), 2) AS earlier,
               min(o."processedAt") AS first_at
        FROM "Order" o
        WHERE o.shop = ${shop} AND o."customerId" = p."customerId" AND ${PURCHASE}
      ) AS h
      WHERE p."cancelledAt" IS NULL AND p."customerId" IS NOT NULL
    ),
    purchase_refunds AS (
      SELECT r.day, r.amount, f.first_at
      FROM refunded r
      JOIN "Order" p ON p.shop = ${shop} AND p.id = r.order_id
      CROSS JOIN LATERAL (
        SELECT min(o."processedAt") AS first_at FROM "Order" o
        WHERE o.shop = ${shop} AND o."customerId" = p."customerId" AND ${PURCHASE}
      ) AS f
      WHERE p."cancelledAt" IS NULL AND p."customerId" IS NOT NULL
    )`;
}

export const ROLLUP_TABLES = [
  'InsightsDaily',
  'InsightsProductDaily',
  'InsightsChannelDaily',
  'InsightsCustomerDaily',
  'InsightsCohortDaily',
] as const;

/** Deletes the run's rows of every rollup table, in one statement. */
function deleteRun({ shop, first, last }: Scope): Prisma.Sql {
  const deletions = ROLLUP_TABLES.map(
    (table, i) => Prisma.sql`${Prisma.raw(`deleted_${i}`)} AS (
      DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE shop = ${shop} AND day BETWEEN ${first}::date AND ${last}::date
    )`,
  );
  return Prisma.sql`WITH ${Prisma.join(deletions, ', ')} SELECT 1`;
}

function insertDaily(scope: Scope): Prisma.Sql {
  const { starts, ends } = bounds(scope);
  return Prisma.sql`
    INSERT INTO "InsightsDaily"
      (shop, day, orders, "grossSales", discounts, returns, "unitsSold", "unitsReturned", refunds, "computedAt")
    SELECT ${scope.shop}, day, sum(orders)::int, sum(gross), sum(discount), sum(returns), sum(units_sold)::int,
           sum(units_returned)::int, sum(refunds)::int, now()
    FROM (
      SELECT day, count(*) AS orders, 0 AS gross, 0 AS discount, 0 AS returns, 0 AS units_sold,
             0 AS units_returned, 0 AS refunds
      FROM placed GROUP BY day
      UNION ALL
      SELECT day, 0, sum(gross), sum(discount), 0, sum(quantity), 0, 0 FROM sold GROUP BY day
      UNION ALL
      SELECT day, 0, 0, 0, sum(amount), 0, sum(quantity), 0 FROM reversed GROUP BY day
      UNION ALL
      SELECT ${localDay(Prisma.sql`r."createdAt"`, scope.timeZone)}, 0, 0, 0, 0, 0, 0, count(*)
      FROM "Refund" r
      JOIN "Order" o ON o.shop = ${scope.shop} AND o.id = r."orderId" AND o."deletedAt" IS NULL AND NOT o.test
      WHERE r.shop = ${scope.shop} AND r."createdAt" >= ${starts} AND r."createdAt" < ${ends}
      GROUP BY 1
    ) AS events
    GROUP BY day`;
}

function insertProductDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "InsightsProductDaily"
      (shop, day, "productId", "unitsSold", "unitsReturned", "grossSales", discounts, returns, cost,
       "costReturned", "uncostedUnits")
    SELECT ${scope.shop}, day, product_id, sum(units_sold)::int, sum(units_returned)::int, sum(gross),
           sum(discount), sum(returns), sum(cost), sum(cost_returned), sum(uncosted)::int
    FROM (
      SELECT s.day, COALESCE(s."productId", 0) AS product_id, s.quantity AS units_sold, 0 AS units_returned,
             s.gross, s.discount, 0 AS returns, COALESCE(v."unitCost" * s.quantity, 0) AS cost,
             0 AS cost_returned, CASE WHEN v."unitCost" IS NULL THEN s.quantity ELSE 0 END AS uncosted
      FROM sold s
      LEFT JOIN "ProductVariant" v ON v.shop = ${scope.shop} AND v.id = s."variantId"
      UNION ALL
      SELECT r.day, COALESCE(r."productId", 0), 0, r.quantity, 0, 0, r.amount, 0,
             COALESCE(v."unitCost" * r.quantity, 0), 0
      FROM reversed r
      LEFT JOIN "ProductVariant" v ON v.shop = ${scope.shop} AND v.id = r."variantId"
    ) AS events
    GROUP BY day, product_id`;
}

/**
 * An order's channel: the UTM source / medium of its customer journey
 * (lower-cased, "(none)" for a missing medium), else its source name
 * (web, pos, shopify_draft_order, an app's id…), else unknown.
 */
function insertChannelDaily(scope: Scope): Prisma.Sql {
  const utm = Prisma.sql`NULLIF(btrim(j."utmSource"), '') IS NOT NULL`;
  const source = Prisma.sql`NULLIF(btrim(o."sourceName"), '') IS NOT NULL`;
  return Prisma.sql`
    INSERT INTO "InsightsChannelDaily" (shop, day, kind, channel, orders, "grossSales", discounts, returns)
    SELECT ${scope.shop}, e.day,
           CASE WHEN ${utm} THEN 'utm' WHEN ${source} THEN 'source' ELSE 'unknown' END AS kind,
           CASE WHEN ${utm}
                  THEN lower(btrim(j."utmSource")) || ' / ' || COALESCE(NULLIF(lower(btrim(j."utmMedium")), ''), '(none)')
                WHEN ${source} THEN lower(btrim(o."sourceName"))
                ELSE '' END AS channel,
           sum(e.orders)::int, sum(e.gross), sum(e.discount), sum(e.returns)
    FROM (
      SELECT day, id AS order_id, 1 AS orders, 0 AS gross, 0 AS discount, 0 AS returns FROM placed
      UNION ALL
      SELECT day, order_id, 0, gross, discount, 0 FROM sold
      UNION ALL
      SELECT day, order_id, 0, 0, 0, amount FROM reversed
    ) AS e
    JOIN "Order" o ON o.shop = ${scope.shop} AND o.id = e.order_id
    LEFT JOIN "CustomerJourney" j ON j.shop = ${scope.shop} AND j."orderId" = e.order_id
    GROUP BY 2, 3, 4`;
}

function insertCustomerDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "InsightsCustomerDaily" (shop, day, "gapDays", orders, "secondOrders")
    SELECT ${scope.shop}, day,
           CASE WHEN earlier = 0 THEN -1 ELSE day - ${localDay(Prisma.sql`prev_at`, scope.timeZone)} END AS gap,
           count(*)::int, (count(*) FILTER (WHERE earlier = 1))::int
    FROM purchases
    GROUP BY 2, 3`;
}

function insertCohortDaily(scope: Scope): Prisma.Sql {
  const cohort = Prisma.sql`date_trunc('month', ${localDay(Prisma.sql`first_at`, scope.timeZone)}::timestamp)::date`;
  return Prisma.sql`
    INSERT INTO "InsightsCohortDaily" (shop, day, "cohortMonth", "firstOrders", "secondOrders", orders, "netSales")
    SELECT ${scope.shop}, day, cohort_month, sum(first_orders)::int, sum(second_orders)::int, sum(orders)::int, sum(net)
    FROM (
      SELECT p.day, ${cohort} AS cohort_month, (p.earlier = 0)::int AS first_orders,
             (p.earlier = 1)::int AS second_orders, 1 AS orders,
             COALESCE((SELECT sum(li.price * li.quantity - li."totalDiscount") FROM "OrderLineItem" li
                       WHERE li.shop = ${scope.shop} AND li."orderId" = p.id), 0) AS net
      FROM purchases p
      UNION ALL
      SELECT day, ${cohort}, 0, 0, 0, -amount
      FROM purchase_refunds
    ) AS events
    GROUP BY day, cohort_month`;
}

/**
 * Records how the rollups counted the run's orders (InsightsOrderFact): the
 * next time one of them is marked changed, affectedDaysQuery compares.
 */
function upsertOrderFacts(scope: Scope): Prisma.Sql {
  const { starts, ends } = bounds(scope);
  return Prisma.sql`
    INSERT INTO "InsightsOrderFact" (shop, "orderId", "customerId", "processedAt", purchase)
    SELECT ${scope.shop}, o.id, o."customerId", o."processedAt", ${PURCHASE}
    FROM "Order" o
    WHERE o.shop = ${scope.shop} AND o."processedAt" >= ${starts} AND o."processedAt" < ${ends}
    ON CONFLICT (shop, "orderId") DO UPDATE SET
      "customerId" = EXCLUDED."customerId", "processedAt" = EXCLUDED."processedAt", purchase = EXCLUDED.purchase`;
}

/**
 * The two statements that rebuild a run of days, to run in one transaction:
 * the deletion of its rows, then one statement that computes the events once
 * (the common table expressions), inserts into every rollup table and
 * records the run's orders as counted.
 */
export function rollupStatements(scope: Scope): [Prisma.Sql, Prisma.Sql] {
  const writes = [
    insertDaily(scope),
    insertProductDaily(scope),
    insertChannelDaily(scope),
    insertCustomerDaily(scope),
    insertCohortDaily(scope),
    upsertOrderFacts(scope),
  ].map((write, i) => Prisma.sql`${Prisma.raw(`written_${i}`)} AS (${write})`);
  return [deleteRun(scope), Prisma.sql`WITH ${customerEvents(scope)}, ${Prisma.join(writes, ', ')} SELECT 1`];
}

/**
 * The local days whose rollups depend on these orders: the days they were
 * placed (now and as last counted), cancelled and refunded. And when an
 * order's place in its customer's purchase history moved — new, or its
 * customer, time or purchase status differs from how the rollups counted it
 * (InsightsOrderFact) — the same for the customer's (old and new customer's)
 * orders placed since, whose first/second/previous purchase may have changed.
 * A refund or a fulfilment leaves the history alone and costs the order's own
 * days only.
 */
export function affectedDaysQuery(shop: string, timeZone: string, orderIds: readonly bigint[]): Prisma.Sql {
  const ids = Prisma.sql`${orderIds.map(String)}::text[]::bigint[]`;
  return Prisma.sql`
    WITH changed AS (
      SELECT o.id, o."customerId", o."processedAt", o."cancelledAt", ${PURCHASE} AS purchase,
             f."orderId" IS NOT NULL AS counted, f."customerId" AS was_customer, f."processedAt" AS was_processed,
             f.purchase AS was_purchase
      FROM "Order" o
      LEFT JOIN "InsightsOrderFact" f ON f.shop = ${shop} AND f."orderId" = o.id
      WHERE o.shop = ${shop} AND o.id = ANY(${ids})
    ),
    moved AS (
      SELECT * FROM changed
      WHERE NOT counted OR was_customer IS DISTINCT FROM "customerId"
         OR was_processed IS DISTINCT FROM "processedAt" OR was_purchase IS DISTINCT FROM purchase
    ),
    histories AS (
      SELECT customer, min(since) AS since FROM (
        SELECT "customerId" AS customer, LEAST("processedAt", was_processed) AS since FROM moved
        UNION ALL
        SELECT was_customer, LEAST("processedAt", was_processed) FROM moved
      ) AS pairs
      WHERE customer IS NOT NULL AND since IS NOT NULL
      GROUP BY customer
    ),
    followers AS (
      SELECT o.id, o."processedAt", o."cancelledAt"
      FROM histories h
      JOIN "Order" o ON o.shop = ${shop} AND o."customerId" = h.customer AND o."processedAt" >= h.since
    ),
    touched AS (
      SELECT id, "processedAt", "cancelledAt" FROM changed
      UNION
      SELECT id, "processedAt", "cancelledAt" FROM followers
    ),
    instants AS (
      SELECT "processedAt" AS at FROM touched
      UNION
      SELECT "cancelledAt" FROM touched
      UNION
      SELECT was_processed FROM changed
      UNION
      SELECT r."createdAt" FROM "Refund" r WHERE r.shop = ${shop} AND r."orderId" IN (SELECT id FROM touched)
    )
    SELECT DISTINCT ${localDay(Prisma.sql`at`, timeZone)}::text AS day FROM instants WHERE at IS NOT NULL ORDER BY 1`;
}

/** The first and last local days the shop has any order, cancellation or refund on. */
export function activeRangeQuery(shop: string, timeZone: string): Prisma.Sql {
  return Prisma.sql`
    SELECT min(day)::text AS first, max(day)::text AS last FROM (
      SELECT ${localDay(Prisma.sql`min("processedAt")`, timeZone)} AS day FROM "Order" WHERE shop = ${shop}
      UNION ALL
      SELECT ${localDay(Prisma.sql`max(greatest("processedAt", "cancelledAt"))`, timeZone)}
      FROM "Order" WHERE shop = ${shop}
      UNION ALL
      SELECT ${localDay(Prisma.sql`max("createdAt")`, timeZone)} FROM "Refund" WHERE shop = ${shop}
    ) AS bounds`;
}
