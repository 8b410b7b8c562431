/**
 * Calendar dates in the shop's time zone, as `YYYY-MM-DD` strings: what
 * ShopifyQL's day, week (starting Monday) and month buckets and its SINCE /
 * UNTIL boundaries are made of.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC (ms) at an instant that starts a UTC hour. */
function offsetAt(timeZone: string, hourStart: number): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(hourStart))
      .map((part) => [part.type, Number(part.value)]),
  );
  const wallClock = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wallClock - hourStart;
}

/** The local calendar date of an instant. Offsets are cached per UTC hour (zones change offset on the hour). */
export function localDate(instant: string | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hourStart);
  if (offset === undefined) {
    if (zone.size > 100_000) zone.clear();
    offset = offsetAt(timeZone, hourStart);
    zone.set(hourStart, offset);
  }
  return new Date(ms + offset).toISOString().slice(0, 10);
}

/**
 * For ISO instants: their local date when it falls from `start` to `end`,
 * else null. Instants whose UTC date is more than a day outside are skipped
 * without a time-zone lookup (no zone is a day away from UTC).
 */
export function localDateIn(start: string, end: string, timeZone: string): (instant: string) => string | null {
  const [lowest, highest] = [addDays(start, -1), addDays(end, 1)];
  return (instant) => {
    const utcDate = instant.slice(0, 10);
    if (utcDate < lowest || utcDate > highest) return null;
    const date = localDate(instant, timeZone);
    return date >= start && date <= end ? date : null;
  };
}

export function today(timeZone: string): string {
  return localDate(Date.now(), timeZone);
}

const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY);
}

/** Same day of month `months` later, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromMs(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)));
}

export function startOfWeek(date: string): string {
  const weekday = (new Date(toMs(date)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function startOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromMs(toMs(value)) === value;
}

/** Every date from `start` to `end`, both included. */
export function* daysBetween(start: string, end: string): Generator<string> {
  for (let ms = toMs(start); ms <= toMs(end); ms += DAY) yield fromMs(ms);
}
