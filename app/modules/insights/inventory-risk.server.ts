/**
 * Inventory at risk, as of the shop's today (not a period):
 * - stock: per active product, the sum over its live variants of the
 *   available quantity at every location (InventoryLevel), or the variant's
 *   inventoryQuantity when the mirror holds no level for it; negative
 *   (oversold) variants count as zero;
 * - velocity: units sold per day over the last 28 complete days (today
 *   excluded), from InsightsProductDaily;
 * - daysOfCover = stock / velocity (null when nothing sold: cover without
 *   end); `atRisk` lists products that sold and have less than `coverDays`
 *   days of cover, fewest first;
 * - dead stock: products in stock with no sale in the last `deadAfterDays`
 *   days (today included) that existed before that window began; the cost
 *   they tie up is stock × unit cost over the variants that have a unit
 *   cost, and the units without one are counted apart (never costed as zero).
 */
import type { PrismaClient } from '@prisma/client';
import { round4 } from './metrics.server';
import { addDays, type LocalDate, type Period } from './periods';

const VELOCITY_DAYS = 28;

export interface StockCover {
  productId: string;
  title: string;
  handle: string;
  available: number;
  unitsSold: number;
  /** Units per day over the velocity window. */
  velocity: number;
  daysOfCover: number | null;
}

export interface DeadStock {
  productId: string;
  title: string;
  handle: string;
  available: number;
  /** The last day it sold, or null if it never sold since the rollups began. */
  lastSaleDay: LocalDate | null;
  /** Stock × unit cost over the variants with a unit cost; null when none has one. */
  costTiedUp: number | null;
  /** Units in stock whose variant has no unit cost. */
  uncostedUnits: number;
}

export interface InventoryRisk {
  today: LocalDate;
  velocityWindow: Period;
  coverDays: number;
  deadAfterDays: number;
  atRisk: StockCover[];
  deadStock: DeadStock[];
  /** Sum of the dead stock's known cost. */
  deadStockCost: number;
  deadStockUncostedUnits: number;
}

interface Row {
  product_id: string;
  title: string;
  handle: string;
  created_before: boolean;
  available: number;
  cost: string | null;
  uncosted: number;
  units_28: number;
  sold_recently: boolean;
}

export async function readInventoryRisk(
  db: PrismaClient,
  shop: string,
  today: LocalDate,
  { coverDays = 14, deadAfterDays = 90 }: { coverDays?: number; deadAfterDays?: number } = {},
): Promise<InventoryRisk> {
  const velocityWindow = { start: addDays(today, -VELOCITY_DAYS), end: addDays(today, -1) };
  const deadSince = addDays(today, -(deadAfterDays - 1));
  const rows = await db.$queryRaw<Row[]>`
    WITH variant_stock AS (
      SELECT v."productId", v."unitCost",
             GREATEST(COALESCE(l.available, v."inventoryQuantity", 0), 0)::int AS available
      FROM "ProductVariant" v
      LEFT JOIN (SELECT "inventoryItemId", sum(available) AS available FROM "InventoryLevel"
                 WHERE shop = ${shop} GROUP BY "inventoryItemId") l ON l."inventoryItemId" = v."inventoryItemId"
      WHERE v.shop = ${shop} AND v."deletedAt" IS NULL
    ),
    stock AS (
      SELECT "productId", sum(available)::int AS available,
             sum(available * "unitCost") FILTER (WHERE "unitCost" IS NOT NULL) AS cost,
             COALESCE(sum(available) FILTER (WHERE "unitCost" IS NULL), 0)::int AS uncosted
      FROM variant_stock GROUP BY "productId"
    )
    SELECT p.id::text AS product_id, p.title, p.handle,
           (p."createdAt" IS NULL OR p."createdAt" < ${deadSince}::date) AS created_before,
           COALESCE(s.available, 0) AS available, s.cost::text AS cost, COALESCE(s.uncosted, 0) AS uncosted,
           COALESCE((SELECT sum(d."unitsSold") FROM "InsightsProductDaily" d
                     WHERE d.shop = ${shop} AND d."productId" = p.id
                       AND d.day BETWEEN ${velocityWindow.start}::date AND ${velocityWindow.end}::date), 0)::int AS units_28,
           EXISTS (SELECT 1 FROM "InsightsProductDaily" d
                   WHERE d.shop = ${shop} AND d."productId" = p.id AND d."unitsSold" > 0
                     AND d.day BETWEEN ${deadSince}::date AND ${today}::date) AS sold_recently
    FROM "Product" p
    LEFT JOIN stock s ON s."productId" = p.id
    WHERE p.shop = ${shop} AND p."deletedAt" IS NULL AND p.status = 'ACTIVE'`;

  const atRisk: StockCover[] = [];
  const dead: Row[] = [];
  for (const row of rows) {
    if (row.units_28 > 0) {
      const velocity = row.units_28 / VELOCITY_DAYS;
      const daysOfCover = round4(row.available / velocity);
      if (daysOfCover < coverDays)
        atRisk.push({
          productId: row.product_id,
          title: row.title,
          handle: row.handle,
          available: row.available,
          unitsSold: row.units_28,
          velocity: round4(velocity),
          daysOfCover,
        });
    }
    if (row.available > 0 && !row.sold_recently && row.created_before) dead.push(row);
  }
  atRisk.sort((a, b) => (a.daysOfCover ?? 0) - (b.daysOfCover ?? 0) || b.velocity - a.velocity);

  const lastSales = dead.length
    ? await db.$queryRaw<{ product_id: string; day: string }[]>`
        SELECT "productId"::text AS product_id, max(day)::text AS day FROM "InsightsProductDaily"
        WHERE shop = ${shop} AND "productId" = ANY(${dead.map((row) => row.product_id)}::text[]::bigint[])
          AND "unitsSold" > 0
        GROUP BY "productId"`
    : [];
  const lastSaleOf = new Map(lastSales.map((row) => [row.product_id, row.day]));
  const deadStock = dead
    .map((row) => ({
      productId: row.product_id,
      title: row.title,
      handle: row.handle,
      available: row.available,
      lastSaleDay: lastSaleOf.get(row.product_id) ?? null,
      costTiedUp: row.cost === null ? null : round4(Number(row.cost)),
      uncostedUnits: row.uncosted,
    }))
    .sort((a, b) => (b.costTiedUp ?? 0) - (a.costTiedUp ?? 0) || b.available - a.available);

  return {
    today,
    velocityWindow,
    coverDays,
    deadAfterDays,
    atRisk,
    deadStock,
    deadStockCost: round4(deadStock.reduce((sum, row) => sum + (row.costTiedUp ?? 0), 0)),
    deadStockUncostedUnits: deadStock.reduce((sum, row) => sum + row.uncostedUnits, 0),
  };
}
