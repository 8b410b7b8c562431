/**
 * Products over a period, against the previous period, from
 * InsightsProductDaily (definitions in metrics.server.ts, per product):
 * units sold and returned, gross sales, discounts, returns, net sales, refund
 * rate, and — only when every unit sold in the period has a unit cost — cost,
 * gross profit and margin. A product with any unit sold without a unit cost
 * has no margin (null), never a margin of zero. Costs are the variant's unit
 * cost when the day was rolled up (for live orders, the cost at the time of
 * sale; the mirror keeps no cost history, so a rebuild uses today's costs).
 *
 * `readProductPerformance` gives the top products by net sales and the
 * bottom ones: the active products that sold least, those that sold nothing
 * included. `readAllProductPerformance` gives every product that sold in
 * either period (the findings rules read it).
 */
import type { PrismaClient } from '@prisma/client';
import { change, ratio, round4, type Change } from './metrics.server';
import { previousPeriod, type Period } from './periods';

/** Line items without a product (custom items) are rolled up under this id. */
export const NO_PRODUCT_ID = '0';

export interface ProductPerformance {
  /** Shopify's numeric product id, as a string. */
  productId: string;
  title: string | null;
  handle: string | null;
  /** null when the mirror does not hold the product (custom items, never synced). */
  status: string | null;
  deleted: boolean;
  unitsSold: number;
  unitsReturned: number;
  grossSales: number;
  discounts: number;
  returns: number;
  netSales: number;
  refundRate: number | null;
  cost: number | null;
  grossProfit: number | null;
  margin: number | null;
  previousUnitsSold: number;
  previousNetSales: number;
  netSalesChange: Change;
}

interface Row {
  product_id: string;
  title: string | null;
  handle: string | null;
  status: string | null;
  deleted: boolean;
  units_sold: number;
  units_returned: number;
  gross: string;
  discounts: string;
  returns: string;
  cost: string;
  cost_returned: string;
  uncosted: number;
  prev_units_sold: number;
  prev_net: string;
}

function performance(row: Row): ProductPerformance {
  const grossSales = Number(row.gross);
  const discounts = Number(row.discounts);
  const returns = Number(row.returns);
  const netSales = round4(grossSales - discounts - returns);
  const costed = row.units_sold > 0 && row.uncosted === 0;
  const cost = costed ? round4(Number(row.cost) - Number(row.cost_returned)) : null;
  const grossProfit = cost === null ? null : round4(netSales - cost);
  const previousNetSales = round4(Number(row.prev_net));
  return {
    productId: row.product_id,
    title: row.title,
    handle: row.handle,
    status: row.status,
    deleted: row.deleted,
    unitsSold: row.units_sold,
    unitsReturned: row.units_returned,
    grossSales,
    discounts,
    returns,
    netSales,
    refundRate: ratio(returns, grossSales - discounts),
    cost,
    grossProfit,
    margin: grossProfit === null ? null : ratio(grossProfit, netSales),
    previousUnitsSold: row.prev_units_sold,
    previousNetSales,
    netSalesChange: change(netSales, previousNetSales),
  };
}

/**
 * One row per product with sales in either period; with `includeIdle`, also
 * every active product without any (all zeros).
 */
async function productRows(db: PrismaClient, shop: string, period: Period, includeIdle: boolean): Promise<Row[]> {
  const previous = previousPeriod(period);
  return db.$queryRaw<Row[]>`
    WITH sold AS (
      SELECT "productId",
             COALESCE(sum("unitsSold") FILTER (WHERE cur), 0)::int AS units_sold,
             COALESCE(sum("unitsReturned") FILTER (WHERE cur), 0)::int AS units_returned,
             COALESCE(sum("grossSales") FILTER (WHERE cur), 0) AS gross,
             COALESCE(sum(discounts) FILTER (WHERE cur), 0) AS discounts,
             COALESCE(sum(returns) FILTER (WHERE cur), 0) AS returns,
             COALESCE(sum(cost) FILTER (WHERE cur), 0) AS cost,
             COALESCE(sum("costReturned") FILTER (WHERE cur), 0) AS cost_returned,
             COALESCE(sum("uncostedUnits") FILTER (WHERE cur), 0)::int AS uncosted,
             COALESCE(sum("unitsSold") FILTER (WHERE NOT cur), 0)::int AS prev_units_sold,
             COALESCE(sum("grossSales" - discounts - returns) FILTER (WHERE NOT cur), 0) AS prev_net
      FROM (SELECT *, day >= ${period.start}::date AS cur FROM "InsightsProductDaily"
            WHERE shop = ${shop} AND day BETWEEN ${previous.start}::date AND ${period.end}::date) AS days
      GROUP BY "productId"
    ),
    listed AS (
      SELECT "productId" AS id FROM sold
      UNION
      SELECT id FROM "Product"
      WHERE ${includeIdle} AND shop = ${shop} AND "deletedAt" IS NULL AND status = 'ACTIVE'
    )
    SELECT l.id::text AS product_id, p.title, p.handle, p.status, p."deletedAt" IS NOT NULL AS deleted,
           COALESCE(s.units_sold, 0) AS units_sold, COALESCE(s.units_returned, 0) AS units_returned,
           COALESCE(s.gross, 0)::text AS gross, COALESCE(s.discounts, 0)::text AS discounts,
           COALESCE(s.returns, 0)::text AS returns, COALESCE(s.cost, 0)::text AS cost,
           COALESCE(s.cost_returned, 0)::text AS cost_returned, COALESCE(s.uncosted, 0) AS uncosted,
           COALESCE(s.prev_units_sold, 0) AS prev_units_sold, COALESCE(s.prev_net, 0)::text AS prev_net
    FROM listed l
    LEFT JOIN sold s ON s."productId" = l.id
    LEFT JOIN "Product" p ON p.shop = ${shop} AND p.id = l.id`;
}

export interface ProductRanking {
  /** Best net sales first; products that sold in the period only. */
  top: ProductPerformance[];
  /** Worst net sales first, among active products (selling nothing included). */
  bottom: ProductPerformance[];
}

export async function readProductPerformance(
  db: PrismaClient,
  shop: string,
  period: Period,
  { limit = 10 }: { limit?: number } = {},
): Promise<ProductRanking> {
  const rows = (await productRows(db, shop, period, true)).map(performance);
  const byNetSales = (a: ProductPerformance, b: ProductPerformance) =>
    a.netSales - b.netSales || a.unitsSold - b.unitsSold || a.productId.localeCompare(b.productId);
  const top = rows.filter((row) => row.unitsSold > 0 && row.productId !== NO_PRODUCT_ID);
  top.sort((a, b) => byNetSales(b, a));
  const bottom = rows.filter((row) => row.status === 'ACTIVE' && !row.deleted);
  bottom.sort(byNetSales);
  return { top: top.slice(0, limit), bottom: bottom.slice(0, limit) };
}

/** Every product with sales in the period or the previous one. */
export async function readAllProductPerformance(
  db: PrismaClient,
  shop: string,
  period: Period,
): Promise<ProductPerformance[]> {
  return (await productRows(db, shop, period, false)).map(performance);
}
