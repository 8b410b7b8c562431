/**
 * Sales over time for the charts: one point per day of the period, each next
 * to the day at the same position in the previous period (the chart's second
 * line). Days without orders are zeros. Read from InsightsDaily; definitions
 * in metrics.server.ts.
 */
import type { PrismaClient } from '@prisma/client';
import { addDays, datesOf, periodLength, previousPeriod, type LocalDate, type Period } from './periods';
import { round4 } from './metrics.server';

export interface SeriesPoint {
  day: LocalDate;
  netSales: number;
  orders: number;
  previousDay: LocalDate;
  previousNetSales: number;
  previousOrders: number;
}

export async function readSalesSeries(db: PrismaClient, shop: string, period: Period): Promise<SeriesPoint[]> {
  const previous = previousPeriod(period);
  const rows = await db.$queryRaw<{ day: string; orders: number; net: string }[]>`
    SELECT day::text AS day, orders, ("grossSales" - discounts - returns)::text AS net
    FROM "InsightsDaily"
    WHERE shop = ${shop} AND day BETWEEN ${previous.start}::date AND ${period.end}::date`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const length = periodLength(period);
  return datesOf(period).map((day) => {
    const previousDay = addDays(day, -length);
    const now = byDay.get(day);
    const before = byDay.get(previousDay);
    return {
      day,
      netSales: round4(Number(now?.net ?? 0)),
      orders: now?.orders ?? 0,
      previousDay,
      previousNetSales: round4(Number(before?.net ?? 0)),
      previousOrders: before?.orders ?? 0,
    };
  });
}
