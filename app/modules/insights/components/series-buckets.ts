/**
 * Sales over time at a readable grain: one point a day up to 92 days, one a
 * week beyond (weeks counted from the period's first day, the last one maybe
 * shorter), so a 900-day period is ~130 points, not 900. Each point keeps
 * the previous period's figures for the same days.
 */
import type { SeriesPoint } from '../series.server';
import type { LocalDate } from '../periods';

const DAILY_UP_TO = 92;

export interface SeriesBucket {
  /** The first day of the bucket. */
  start: LocalDate;
  end: LocalDate;
  previousStart: LocalDate;
  previousEnd: LocalDate;
  netSales: number;
  orders: number;
  previousNetSales: number;
  previousOrders: number;
}

export function bucketSeries(points: SeriesPoint[]): { grain: 'day' | 'week'; buckets: SeriesBucket[] } {
  const size = points.length > DAILY_UP_TO ? 7 : 1;
  const buckets: SeriesBucket[] = [];
  for (let i = 0; i < points.length; i += size) {
    const slice = points.slice(i, i + size);
    const first = slice[0] as SeriesPoint;
    const last = slice[slice.length - 1] as SeriesPoint;
    const sum = (pick: (point: SeriesPoint) => number) =>
      Math.round(slice.reduce((total, point) => total + pick(point), 0) * 10_000) / 10_000;
    buckets.push({
      start: first.day,
      end: last.day,
      previousStart: first.previousDay,
      previousEnd: last.previousDay,
      netSales: sum((point) => point.netSales),
      orders: sum((point) => point.orders),
      previousNetSales: sum((point) => point.previousNetSales),
      previousOrders: sum((point) => point.previousOrders),
    });
  }
  return { grain: size === 1 ? 'day' : 'week', buckets };
}
