/**
 * Periods of Insights: inclusive ranges of calendar dates in the shop's time
 * zone ("YYYY-MM-DD"), the presets the period picker offers, and the previous
 * period every figure is compared with (the same number of days, ending the
 * day before). Pure date arithmetic on the proleptic Gregorian calendar: a
 * calendar date has no time zone, so DST never shifts a day; only
 * `localDate` needs the zone, to name the shop's "today".
 */

/** A calendar date in the shop's time zone, "YYYY-MM-DD". */
export type LocalDate = string;

/** Inclusive on both ends. */
export interface Period {
  start: LocalDate;
  end: LocalDate;
}

export const PERIOD_PRESETS = [
  'today',
  'yesterday',
  'last7',
  'last30',
  'last90',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'custom',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Longest period Insights reads (about two years and a half, enough for 18 months plus the previous period). */
export const MAX_PERIOD_DAYS = 900;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export class InvalidPeriodError extends Error {
  override name = 'InvalidPeriodError';
}

function toUtc(date: LocalDate): number {
  const match = DATE.exec(date);
  if (!match) throw new InvalidPeriodError(`Not a date (YYYY-MM-DD): '${date}'`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new InvalidPeriodError(`No such calendar day: '${date}'`);
  return time;
}

function fromUtc(time: number): LocalDate {
  return new Date(time).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  try {
    toUtc(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Number of days in the period, both ends included. */
export function periodLength(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Every date of the period, in order. */
export function datesOf(period: Period): LocalDate[] {
  const length = periodLength(period);
  return Array.from({ length }, (_, i) => addDays(period.start, i));
}

/** The first day of the date's month. */
export function monthOf(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

/** The first day of the month `months` after the date's month (negative: before). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const time = toUtc(monthOf(date));
  const d = new Date(time);
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/** Whole months from a's month to b's month. */
export function monthsBetween(a: LocalDate, b: LocalDate): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** A checked period: real dates, start ≤ end, at most MAX_PERIOD_DAYS long. */
export function period(start: LocalDate, end: LocalDate): Period {
  if (daysBetween(start, end) < 0) throw new InvalidPeriodError(`The period ends (${end}) before it starts (${start})`);
  const result = { start, end };
  if (periodLength(result) > MAX_PERIOD_DAYS)
    throw new InvalidPeriodError(`A period may span at most ${MAX_PERIOD_DAYS} days`);
  return result;
}

/** The period of equal length that ends the day before this one starts. */
export function previousPeriod(current: Period): Period {
  const length = periodLength(current);
  return { start: addDays(current.start, -length), end: addDays(current.start, -1) };
}

function quarterStart(date: LocalDate): LocalDate {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

/**
 * The period a preset names, seen from the shop's `today`. "This month" and
 * "this quarter" run to today (so their previous period is the same number of
 * days before them, not the whole previous month); "last7" and the like end
 * today. `custom` needs both dates.
 */
export function resolvePeriod(preset: PeriodPreset, today: LocalDate, custom?: Partial<Period>): Period {
  switch (preset) {
    case 'today':
      return period(today, today);
    case 'yesterday':
      return period(addDays(today, -1), addDays(today, -1));
    case 'last7':
      return period(addDays(today, -6), today);
    case 'last30':
      return period(addDays(today, -29), today);
    case 'last90':
      return period(addDays(today, -89), today);
    case 'thisMonth':
      return period(monthOf(today), today);
    case 'lastMonth':
      return period(addMonths(today, -1), addDays(monthOf(today), -1));
    case 'thisQuarter':
      return period(quarterStart(today), today);
    case 'lastQuarter': {
      const start = addMonths(quarterStart(today), -3);
      return period(start, addDays(quarterStart(today), -1));
    }
    case 'custom':
      if (!custom?.start || !custom.end) throw new InvalidPeriodError('A custom period needs a start and an end date');
      return period(custom.start, custom.end);
  }
}

export function isPeriodPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value);
}
