/**
 * The figures of Insights and Today for people: money and numbers through
 * app/i18n/format.ts (the merchant's locale, the shop's currency and time
 * zone), plus what only these pages need — ratios as percentages, changes
 * with their sign, percentage points, and calendar dates. A calendar date
 * ("2026-06-03", a day in the shop's time zone) is formatted as the date it
 * names, never shifted by a time zone.
 */
import { createFormatter, type ShopFormatContext } from '~/i18n/format';
import type { LocalDate, Period } from '../periods';

function utcDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function createInsightsFormatter(context: ShopFormatContext) {
  const base = createFormatter(context);
  const { locale } = context;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedPercent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const signedNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const compactMoney = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: context.currencyCode,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    ...base,
    timeZone: context.timeZone,
    /** 0.1234 → "12.3%". */
    percent: (ratio: number) => percent.format(ratio),
    /** A relative change: 0.1234 → "+12.3%". */
    signedPercent: (ratio: number) => signedPercent.format(ratio),
    /** A change of a rate in percentage points: 0.012 → "+1.2". */
    signedPoints: (ratio: number) => signedNumber.format(ratio * 100),
    /** Money on a chart axis: "CA$12.3K". */
    compactMoney: (amount: number) => compactMoney.format(amount),
    /** 4.66667 → "4.7". */
    decimal: (value: number) => decimal.format(value),
    /** "2026-06-03" → "Jun 3, 2026". */
    calendarDate: (date: LocalDate) => day.format(utcDate(date)),
    /** "2026-06-03" → "Jun 3". */
    shortCalendarDate: (date: LocalDate) => shortDay.format(utcDate(date)),
    /**
     * "Jun 3 – Jun 30, 2026" (the year once when both ends share it); a
     * one-day period is its date. Built by hand: Intl's formatRange spaces
     * differently in Node's ICU and the browser's, which breaks hydration.
     */
    period: (period: Period) => {
      if (period.start === period.end) return day.format(utcDate(period.start));
      const sameYear = period.start.slice(0, 4) === period.end.slice(0, 4);
      const start = sameYear ? shortDay.format(utcDate(period.start)) : day.format(utcDate(period.start));
      return `${start} – ${day.format(utcDate(period.end))}`;
    },
    /** "2026-06" or "2026-06-01" → "Jun 2026". */
    month: (value: string) => month.format(utcDate(`${value.slice(0, 7)}-01`)),
  };
}

export type InsightsFormatter = ReturnType<typeof createInsightsFormatter>;
