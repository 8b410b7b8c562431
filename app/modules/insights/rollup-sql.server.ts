/**
 * The SQL that recomputes the insights rollups of a set of days from the
 * mirror, one statement per rollup table, all in the shop's time zone.
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
 * Each statement reads only the orders of the given days (ranges on the
 * (shop, processedAt), (shop, cancelledAt) and Refund (shop, createdAt)
 * indexes), plus the whole purchase history of the customers involved, so
 * one day costs about what its own orders cost.
 */
import { Prisma } from '@prisma/client';

interface Scope {
  shop: string;
  timeZone: string;
  /** Local dates "YYYY-MM-DD". */
  days: readonly string[];
}

/** A timestamp(3) column (UTC) as a calendar date in the shop's time zone. */
function localDay(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date`;
}

function dayList(days: readonly string[]): Prisma.Sql {
  return Prisma.sql`${[...days]}::text[]::date[]`;
}

/**
 * The common table expressions every statement starts from:
 * - days: each day with its UTC bounds [starts, ends) (23 or 25 hours long on DST changes);
 * - placed: orders placed on the days (test and deleted left out);
 * - sold: their line items at original price, with their discounts;
 * - reversed: refunded lines on the refund's day, and on the day of a
 *   cancellation what it reversed (each line's discounted amount and
 *   quantity, less what refunds return).
 */
function salesEvents({ shop, timeZone, days }: Scope): Prisma.Sql {
  return Prisma.sql`
    days AS (
      SELECT d AS day,
             (d::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC' AS starts,
             ((d + 1)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC' AS ends
      FROM unnest(${dayList(days)}) AS d
    ),
    placed AS (
      SELECT days.day, o.id, o."customerId", o."cancelledAt"
      FROM days
      JOIN "Order" o ON o.shop = ${shop} AND o."processedAt" >= days.starts AND o."processedAt" < days.ends
      WHERE o."deletedAt" IS NULL AND NOT o.test
    ),
    sold AS (
      SELECT p.day, p.id AS order_id, li."productId", li."variantId", li.quantity,
             li.price * li.quantity AS gross, li."totalDiscount" AS discount
      FROM placed p
      JOIN "OrderLineItem" li ON li.shop = ${shop} AND li."orderId" = p.id
    ),
    refunded AS (
      SELECT days.day, r."orderId" AS order_id, li."productId", li."variantId", rl.quantity, rl.subtotal AS amount
      FROM days
      JOIN "Refund" r ON r.shop = ${shop} AND r."createdAt" >= days.starts AND r."createdAt" < days.ends
      JOIN "Order" o ON o.shop = ${shop} AND o.id = r."orderId" AND o."deletedAt" IS NULL AND NOT o.test
      JOIN "RefundLineItem" rl ON rl.shop = ${shop} AND rl."refundId" = r.id
      LEFT JOIN "OrderLineItem" li ON li.shop = ${shop} AND li.id = rl."lineItemId"
    ),
    cancelled AS (
      SELECT days.day, o.id AS order_id, li."productId", li."variantId",
             GREATEST(li.quantity - COALESCE(sum(rl.quantity), 0), 0) AS quantity,
             GREATEST(li.price * li.quantity - li."totalDiscount" - COALESCE(sum(rl.subtotal), 0), 0) AS amount
      FROM days
      JOIN "Order" o ON o.shop = ${shop} AND o."cancelledAt" >= days.starts AND o."cancelledAt" < days.ends
      JOIN "OrderLineItem" li ON li.shop = ${shop} AND li."orderId" = o.id
      LEFT JOIN "RefundLineItem" rl ON rl.shop = ${shop} AND rl."orderId" = o.id AND rl."lineItemId" = li.id
      WHERE o."deletedAt" IS NULL AND NOT o.test
      GROUP BY days.day, o.id, li.shop, li.id
    ),
    reversed AS (
      SELECT * FROM refunded
      UNION ALL
      SELECT * FROM cancelled
    )`;
}

/**
 * Adds, to salesEvents, the purchases of the days and their customers' whole
 * purchase history, numbered per customer (seq 1 = first purchase):
 * - purchases: placed, not cancelled, with a customer;
 * - purchase_refunds: refunded lines of purchases, on the refund's day;
 * - history: every purchase of those customers, with the previous one's
 *   time, its rank and the customer's first purchase time.
 */
function customerEvents(scope: Scope): Prisma.Sql {
  return Prisma.sql`${salesEvents(scope)},
    purchases AS (
      SELECT day, id, "customerId" FROM placed WHERE "cancelledAt" IS NULL AND "customerId" IS NOT NULL
    ),
    purchase_refunds AS (
      SELECT r.day, r.order_id, r.amount, o."customerId"
      FROM refunded r
      JOIN "Order" o ON o.shop = ${scope.shop} AND o.id = r.order_id
      WHERE o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
    ),
    history AS (
      SELECT o.id,
             lag(o."processedAt") OVER w AS prev_at,
             row_number() OVER w AS seq,
             min(o."processedAt") OVER (PARTITION BY o."customerId") AS first_at
      FROM "Order" o
      WHERE o.shop = ${scope.shop}
        AND o."customerId" IN (SELECT "customerId" FROM purchases UNION SELECT "customerId" FROM purchase_refunds)
        AND o."deletedAt" IS NULL AND NOT o.test AND o."cancelledAt" IS NULL AND o."processedAt" IS NOT NULL
      WINDOW w AS (PARTITION BY o."customerId" ORDER BY o."processedAt", o.id)
    )`;
}

export const ROLLUP_TABLES = [
  'InsightsDaily',
  'InsightsProductDaily',
  'InsightsChannelDaily',
  'InsightsCustomerDaily',
  'InsightsCohortDaily',
] as const;

/** Deletes the days' rows of one rollup table. */
export function deleteDays(table: (typeof ROLLUP_TABLES)[number], { shop, days }: Scope): Prisma.Sql {
  return Prisma.sql`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE shop = ${shop} AND day = ANY(${dayList(days)})`;
}

export function insertDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${salesEvents(scope)},
    refund_counts AS (
      SELECT days.day, count(*) AS refunds
      FROM days
      JOIN "Refund" r ON r.shop = ${scope.shop} AND r."createdAt" >= days.starts AND r."createdAt" < days.ends
      JOIN "Order" o ON o.shop = ${scope.shop} AND o.id = r."orderId" AND o."deletedAt" IS NULL AND NOT o.test
      GROUP BY days.day
    )
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
      SELECT day, 0, 0, 0, 0, 0, 0, refunds FROM refund_counts
    ) AS events
    GROUP BY day`;
}

export function insertProductDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${salesEvents(scope)}
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
export function insertChannelDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${salesEvents(scope)},
    channel_of AS (
      SELECT o.id,
             CASE WHEN NULLIF(btrim(j."utmSource"), '') IS NOT NULL THEN 'utm'
                  WHEN NULLIF(btrim(o."sourceName"), '') IS NOT NULL THEN 'source'
                  ELSE 'unknown' END AS kind,
             CASE WHEN NULLIF(btrim(j."utmSource"), '') IS NOT NULL
                    THEN lower(btrim(j."utmSource")) || ' / ' || COALESCE(NULLIF(lower(btrim(j."utmMedium")), ''), '(none)')
                  WHEN NULLIF(btrim(o."sourceName"), '') IS NOT NULL THEN lower(btrim(o."sourceName"))
                  ELSE '' END AS channel
      FROM "Order" o
      LEFT JOIN "CustomerJourney" j ON j.shop = ${scope.shop} AND j."orderId" = o.id
      WHERE o.shop = ${scope.shop} AND o.id IN (SELECT id FROM placed UNION SELECT order_id FROM reversed)
    )
    INSERT INTO "InsightsChannelDaily" (shop, day, kind, channel, orders, "grossSales", discounts, returns)
    SELECT ${scope.shop}, e.day, c.kind, c.channel, sum(e.orders)::int, sum(e.gross), sum(e.discount), sum(e.returns)
    FROM (
      SELECT day, id AS order_id, 1 AS orders, 0 AS gross, 0 AS discount, 0 AS returns FROM placed
      UNION ALL
      SELECT day, order_id, 0, gross, discount, 0 FROM sold
      UNION ALL
      SELECT day, order_id, 0, 0, 0, amount FROM reversed
    ) AS e
    JOIN channel_of c ON c.id = e.order_id
    GROUP BY e.day, c.kind, c.channel`;
}

export function insertCustomerDaily(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    WITH ${customerEvents(scope)}
    INSERT INTO "InsightsCustomerDaily" (shop, day, "gapDays", orders, "secondOrders")
    SELECT ${scope.shop}, p.day,
           CASE WHEN h.seq = 1 THEN -1 ELSE p.day - ${localDay(Prisma.sql`h.prev_at`, scope.timeZone)} END AS gap,
           count(*)::int, (count(*) FILTER (WHERE h.seq = 2))::int
    FROM purchases p
    JOIN history h ON h.id = p.id
    GROUP BY 2, 3`;
}

export function insertCohortDaily(scope: Scope): Prisma.Sql {
  const cohort = Prisma.sql`date_trunc('month', ${localDay(Prisma.sql`h.first_at`, scope.timeZone)}::timestamp)::date`;
  return Prisma.sql`
    WITH ${customerEvents(scope)},
    order_net AS (SELECT order_id, sum(gross - discount) AS net FROM sold GROUP BY order_id)
    INSERT INTO "InsightsCohortDaily" (shop, day, "cohortMonth", "firstOrders", "secondOrders", orders, "netSales")
    SELECT ${scope.shop}, day, cohort_month, sum(first_orders)::int, sum(second_orders)::int, sum(orders)::int, sum(net)
    FROM (
      SELECT p.day, ${cohort} AS cohort_month, (h.seq = 1)::int AS first_orders, (h.seq = 2)::int AS second_orders,
             1 AS orders, COALESCE(n.net, 0) AS net
      FROM purchases p
      JOIN history h ON h.id = p.id
      LEFT JOIN order_net n ON n.order_id = p.id
      UNION ALL
      SELECT r.day, ${cohort}, 0, 0, 0, -r.amount
      FROM purchase_refunds r
      JOIN history h ON h.id = r.order_id
    ) AS events
    GROUP BY day, cohort_month`;
}

/** Every statement that rebuilds the days, deletions first, in the order to run them. */
export function rollupStatements(scope: Scope): Prisma.Sql[] {
  return [
    ...ROLLUP_TABLES.map((table) => deleteDays(table, scope)),
    insertDaily(scope),
    insertProductDaily(scope),
    insertChannelDaily(scope),
    insertCustomerDaily(scope),
    insertCohortDaily(scope),
  ];
}

/**
 * The local days whose rollups depend on these orders: the days they were
 * placed, cancelled and refunded, and — since a customer's first, second and
 * previous purchases feed the customer rollups — the same for the same
 * customers' orders placed since the earliest of them.
 */
export function affectedDaysQuery(shop: string, timeZone: string, orderIds: readonly bigint[]): Prisma.Sql {
  const ids = Prisma.sql`${orderIds.map(String)}::text[]::bigint[]`;
  return Prisma.sql`
    WITH changed AS (
      SELECT id, "customerId", "processedAt", "cancelledAt" FROM "Order" WHERE shop = ${shop} AND id = ANY(${ids})
    ),
    followers AS (
      SELECT o.id, o."processedAt", o."cancelledAt"
      FROM (SELECT "customerId", min("processedAt") AS since FROM changed
            WHERE "customerId" IS NOT NULL GROUP BY "customerId") c
      JOIN "Order" o ON o.shop = ${shop} AND o."customerId" = c."customerId" AND o."processedAt" >= c.since
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
