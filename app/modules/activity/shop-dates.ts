/**
 * Calendar days in the shop's time zone: the activity filters take dates
 * ("2026-01-31") that mean midnight to midnight where the shop is, whatever
 * the time zone of the server or the browser.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The wall-clock time of an instant in a time zone, read as if it were UTC, minus the instant: the zone's offset. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day starts in a time zone. Usually local midnight;
 * where midnight falls in a daylight-saving gap (clocks jump from 00:00 to
 * 01:00), the first instant of the day; where it occurs twice, the first.
 */
export function startOfDay(day: string, timeZone: string): Date {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day: ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  const starts = [first, second].filter((instant) => dayOf(new Date(instant), timeZone) === day);
  // Neither is on the day only in a gap: the day then starts where the clocks jumped to, at the later instant.
  return new Date(starts.length > 0 ? Math.min(...starts) : Math.max(first, second));
}

/** The day after a calendar day ("2026-02-28" → "2026-03-01"). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The calendar day of an instant in a time zone. */
export function dayOf(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
