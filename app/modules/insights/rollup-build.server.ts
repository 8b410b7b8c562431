/**
 * Builds the insights rollups (rollup-sql.server.ts) for a shop:
 * - `rollupDays`: recomputes a set of local days, a run of consecutive days
 *   (at most 7, at most ~1,500 orders) per short transaction, each under a
 *   per-shop advisory lock so two workers never interleave the deletes and
 *   inserts of the same days;
 * - `drainPendingOrders`: the incremental path — the orders marked by
 *   markOrdersChanged become the days they affect, which are recomputed, and
 *   the marks are removed unless they were renewed meanwhile;
 * - `rebuildRollups`: every day the shop has activity on, then the removal of
 *   rows outside that range; records the time zone the days were cut in.
 * Recomputing a day from the mirror is the one way rollups are written, so an
 * incremental update and a full rebuild always agree (a test proves it).
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import { addDays, daysBetween, type LocalDate } from './periods';
import { ROLLUP_TABLES, activeRangeQuery, affectedDaysQuery, rollupStatements } from './rollup-sql.server';

/**
 * A run of days recomputed by one transaction holds at most this many orders
 * (and 7 days): on the embedded database the transaction holds its one
 * connection, so it must stay short (about a second at a million orders).
 */
const ORDERS_PER_RUN = 1_500;
const DAYS_PER_RUN = 7;
/** Marked orders taken per drain. */
const DRAIN_BATCH = 5_000;

function lockShop(shop: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(${`insights:${shop}`}))) AS locked`;
}

/**
 * The days as runs of consecutive days, each at most DAYS_PER_RUN long and,
 * past its first day, at most ORDERS_PER_RUN orders (by `ordersOn`).
 */
function dayRuns(
  days: readonly LocalDate[],
  ordersOn: (day: LocalDate) => number = () => 0,
): { first: LocalDate; last: LocalDate }[] {
  const sorted = [...new Set(days)].sort();
  const runs: { first: LocalDate; last: LocalDate; orders: number }[] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    const orders = ordersOn(day);
    if (
      run &&
      addDays(run.last, 1) === day &&
      daysBetween(run.first, day) < DAYS_PER_RUN &&
      run.orders + orders <= ORDERS_PER_RUN
    ) {
      run.last = day;
      run.orders += orders;
    } else runs.push({ first: day, last: day, orders });
  }
  return runs.map(({ first, last }) => ({ first, last }));
}

/** Orders placed on each of the days, counted day by day on the (shop, processedAt) index. */
async function ordersPerDay(
  db: PrismaClient,
  shop: string,
  timeZone: string,
  days: readonly LocalDate[],
): Promise<Map<LocalDate, number>> {
  const rows = await db.$queryRaw<{ day: string; orders: number }[]>`
    SELECT d::text AS day,
           (SELECT count(*) FROM "Order"
            WHERE shop = ${shop}
              AND "processedAt" >= (d::timestamp AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC')
              AND "processedAt" < ((d + 1)::timestamp AT TIME ZONE ${timeZone} AT TIME ZONE 'UTC'))::int AS orders
    FROM unnest(${[...days]}::text[]::date[]) AS d`;
  return new Map(rows.map((row) => [row.day, row.orders]));
}

/**
 * Recomputes the rollups of the given local days from the mirror: per run of
 * consecutive days, its rows deleted and inserted again in one short
 * transaction (under the shop's lock).
 */
async function rollupDays(db: PrismaClient, shop: string, timeZone: string, days: readonly LocalDate[]): Promise<void> {
  if (days.length === 0) return;
  const counts = await ordersPerDay(db, shop, timeZone, days);
  for (const run of dayRuns(days, (day) => counts.get(day) ?? 0)) {
    const statements = rollupStatements({ shop, timeZone, ...run });
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw(lockShop(shop));
        for (const sql of statements) await tx.$executeRaw(sql);
      },
      { timeout: 120_000, maxWait: 120_000 },
    );
  }
}

/** The local days whose rollups depend on these orders (see affectedDaysQuery). */
export async function affectedDays(
  db: PrismaClient,
  shop: string,
  timeZone: string,
  orderIds: readonly bigint[],
): Promise<LocalDate[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.$queryRaw<{ day: string }[]>(affectedDaysQuery(shop, timeZone, orderIds));
  return rows.map((row) => row.day);
}

export interface DrainResult {
  orders: number;
  days: number;
  /** Marks left for another run (renewed meanwhile, or beyond this batch). */
  remaining: number;
}

/** Recomputes the days of the orders marked changed, then clears the marks that were not renewed meanwhile. */
export async function drainPendingOrders(db: PrismaClient, shop: string, timeZone: string): Promise<DrainResult> {
  const marks = await db.insightsPendingOrder.findMany({
    where: { shop },
    orderBy: { markedAt: 'asc' },
    take: DRAIN_BATCH,
    select: { orderId: true, markedAt: true },
  });
  const days = await affectedDays(
    db,
    shop,
    timeZone,
    marks.map((mark) => mark.orderId),
  );
  await rollupDays(db, shop, timeZone, days);
  if (marks.length > 0) {
    await db.$executeRaw`
      DELETE FROM "InsightsPendingOrder" AS pending
      USING unnest(${marks.map((mark) => String(mark.orderId))}::text[]::bigint[],
                   ${marks.map((mark) => mark.markedAt.toISOString())}::text[]::timestamptz[]) AS done(id, at)
      WHERE pending.shop = ${shop} AND pending."orderId" = done.id
        AND pending."markedAt" = (done.at AT TIME ZONE 'UTC')`;
  }
  const remaining = await db.insightsPendingOrder.count({ where: { shop } });
  return { orders: marks.length, days: days.length, remaining };
}

export interface RebuildResult {
  days: number;
  first: LocalDate | null;
  last: LocalDate | null;
}

/** The mirror tables the rollups read. */
const MIRROR_TABLES = ['Order', 'OrderLineItem', 'Refund', 'RefundLineItem', 'CustomerJourney', 'ProductVariant'];

/** Refreshes the planner's statistics of these tables (names from the constants above, never input). */
async function analyze(db: PrismaClient, tables: readonly string[]): Promise<void> {
  await db.$executeRaw`ANALYZE ${Prisma.raw(tables.map((table) => `"${table}"`).join(', '))}`;
}

/**
 * Recomputes every day of the shop in its time zone and records that the
 * rollups are built. Refreshes the planner's statistics of the tables it
 * reads and writes (PostgreSQL's autovacuum would; the embedded database has
 * none), so the per-run statements get index plans.
 */
export async function rebuildRollups(
  db: PrismaClient,
  shop: string,
  timeZone: string,
  requestedBefore: Date = new Date(),
): Promise<RebuildResult> {
  const [range] = await db.$queryRaw<{ first: string | null; last: string | null }[]>(activeRangeQuery(shop, timeZone));
  const first = range?.first ?? null;
  const last = range?.last ?? null;
  const days = first && last ? Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i)) : [];
  // Fresh planner statistics first: the embedded database has no autovacuum to keep them.
  await analyze(db, MIRROR_TABLES);
  await rollupDays(db, shop, timeZone, days);
  // Rows of days outside the active range (an earlier time zone, deleted orders) go.
  await db.$transaction(
    ROLLUP_TABLES.map(
      (table) => db.$executeRaw`
        DELETE FROM ${Prisma.raw(`"${table}"`)}
        WHERE shop = ${shop} AND (${first}::date IS NULL OR day < ${first}::date OR day > ${last}::date)`,
    ),
  );
  await analyze(db, ROLLUP_TABLES);
  await db.insightsRollupState.upsert({
    where: { shop },
    create: { shop, timeZone, builtAt: new Date() },
    update: { timeZone, builtAt: new Date() },
  });
  // A request made while this rebuild ran is kept for the next run.
  await db.insightsRollupState.updateMany({
    where: { shop, rebuildRequestedAt: { lte: requestedBefore } },
    data: { rebuildRequestedAt: null },
  });
  return { days: days.length, first, last };
}
