/**
 * The pure parts of the Insights pages: sales over time by day up to 92
 * days and by week beyond (sums kept, the previous period alongside), the
 * tiles' changes (relative for amounts, points for rates, good or bad news
 * by the figure's direction), and the figures' formatting (calendar dates
 * never shifted by a time zone, ranges written the same on server and
 * browser).
 */
import { describe, expect, it } from 'vitest';
import { addDays, datesOf } from '../periods';
import type { SeriesPoint } from '../series.server';
import { createInsightsFormatter } from './insights-format';
import { kpiChange, salesKpis } from './kpis';
import { bucketSeries } from './series-buckets';

const en = createInsightsFormatter({ locale: 'en', currencyCode: 'CAD', timeZone: 'Pacific/Kiritimati' });
const fr = createInsightsFormatter({ locale: 'fr', currencyCode: 'EUR', timeZone: 'Pacific/Pago_Pago' });

function series(start: string, days: number): SeriesPoint[] {
  return datesOf({ start, end: addDays(start, days - 1) }).map((day, i) => ({
    day,
    netSales: 10,
    orders: 1,
    previousDay: addDays(day, -days),
    previousNetSales: i,
    previousOrders: 0,
  }));
}

describe('sales over time', () => {
  it('keeps a point a day up to 92 days', () => {
    const { grain, buckets } = bucketSeries(series('2026-01-01', 92));
    expect(grain).toBe('day');
    expect(buckets).toHaveLength(92);
    expect(buckets[0]).toMatchObject({ start: '2026-01-01', end: '2026-01-01', netSales: 10, previousNetSales: 0 });
  });

  it('sums weeks from the first day beyond, the last week shorter', () => {
    const { grain, buckets } = bucketSeries(series('2026-01-01', 100));
    expect(grain).toBe('week');
    expect(buckets).toHaveLength(15);
    expect(buckets[0]).toMatchObject({
      start: '2026-01-01',
      end: '2026-01-07',
      previousStart: '2025-09-23',
      previousEnd: '2025-09-29',
      netSales: 70,
      orders: 7,
      previousNetSales: 0 + 1 + 2 + 3 + 4 + 5 + 6,
    });
    expect(buckets.at(-1)).toMatchObject({ start: '2026-04-09', end: '2026-04-10', netSales: 20 });
  });
});

describe('the tiles', () => {
  it('gives amounts a relative change and rates a change in points, good or bad by direction', () => {
    expect(kpiChange({ absolute: 50, relative: 0.25 }, 'money', 'higher', en)).toEqual({
      text: '+25%',
      unit: 'percent',
      direction: 'up',
      tone: 'good',
    });
    expect(kpiChange({ absolute: 0.012, relative: 0.2 }, 'rate', 'lower', en)).toEqual({
      text: '+1.2',
      unit: 'points',
      direction: 'up',
      tone: 'bad',
    });
    expect(kpiChange({ absolute: -10, relative: -0.5 }, 'money', 'neutral', en)?.tone).toBe('neutral');
    expect(kpiChange({ absolute: 5, relative: null }, 'count', 'higher', en)).toBeNull();
    // Less than what is shown (0.1 point) is no change.
    expect(kpiChange({ absolute: 0.0003, relative: 0.01 }, 'rate', 'higher', en)).toMatchObject({
      text: '0',
      direction: 'flat',
      tone: 'neutral',
    });
  });

  it('formats a summary in the shop’s currency, "—" where a ratio has no denominator', () => {
    const figures = (orders: number, netSales: number) => ({
      orders,
      grossSales: netSales,
      discounts: 0,
      returns: 0,
      netSales,
      averageOrderValue: orders ? netSales / orders : null,
      unitsSold: orders,
      unitsReturned: 0,
      netUnits: orders,
      refunds: 0,
      refundRate: null,
      customers: 0,
      newCustomers: 0,
      returningCustomers: 0,
      repeatCustomers: 0,
      repeatCustomerRate: null,
    });
    const none = { absolute: null, relative: null };
    const kpis = salesKpis(
      {
        current: figures(4, 100),
        previous: figures(0, 0),
        change: {
          ...Object.fromEntries(Object.keys(figures(0, 0)).map((key) => [key, none])),
          netSales: { absolute: 100, relative: null },
        } as never,
      },
      en,
      ['netSales', 'averageOrderValue', 'refundRate'],
    );
    expect(kpis).toEqual([
      { id: 'netSales', value: 'CA$100.00', previous: 'CA$0.00', change: null },
      { id: 'averageOrderValue', value: 'CA$25.00', previous: null, change: null },
      { id: 'refundRate', value: '—', previous: null, change: null },
    ]);
  });
});

describe('dates and ranges', () => {
  it('formats calendar dates as the days they name, whatever the time zone', () => {
    // Kiritimati is UTC+14, Pago Pago UTC−11: neither shifts a calendar date.
    expect(en.calendarDate('2026-03-08')).toBe('Mar 8, 2026');
    expect(fr.calendarDate('2026-03-08')).toBe('8 mars 2026');
    expect(en.month('2026-03')).toBe('Mar 2026');
  });

  it('writes ranges by hand: the year once when both ends share it', () => {
    expect(en.period({ start: '2026-06-03', end: '2026-06-30' })).toBe('Jun 3 – Jun 30, 2026');
    expect(en.period({ start: '2025-12-20', end: '2026-01-02' })).toBe('Dec 20, 2025 – Jan 2, 2026');
    expect(en.period({ start: '2026-06-03', end: '2026-06-03' })).toBe('Jun 3, 2026');
    expect(fr.period({ start: '2026-06-03', end: '2026-06-30' })).toBe('3 juin – 30 juin 2026');
  });

  it('writes changes with their sign', () => {
    expect(en.signedPercent(-0.4234)).toBe('-42.3%');
    expect(en.signedPoints(0.05)).toBe('+5');
    expect(en.percent(0.125)).toBe('12.5%');
  });
});
