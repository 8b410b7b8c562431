/**
 * The shop's selling days: local calendar days (in the shop's time zone) from
 * `months` before `now` up to `now`, each with a weight for how busy it is —
 * seasons (busy November–December, quiet January–February), the week (busier
 * weekends), slow growth and a little noise — and a share of the orders.
 */
import type { Random } from '../engine/random';
import { DAY_MS, zoneOffset } from './util';

export interface SellingDay {
  /** UTC ms of local midnight, and of the day's end (or `now` on the last day). */
  start: number;
  end: number;
  /** The full local day's length in ms (23 or 25 hours on DST changes). */
  length: number;
  /** Local month 0–11 and weekday 0 (Sunday)–6. */
  month: number;
  weekday: number;
  year: number;
  orders: number;
}

const MONTH_WEIGHT = [0.68, 0.66, 0.82, 0.88, 0.95, 1.0, 0.96, 1.0, 1.02, 1.1, 1.65, 1.9];
const WEEKDAY_WEIGHT = [1.22, 0.9, 0.88, 0.93, 0.98, 1.08, 1.3];
/** How busy each local hour is: quiet nights, a lunch bump, a peak after dinner. */
export const HOUR_WEIGHT = [
  0.35, 0.2, 0.12, 0.08, 0.08, 0.15, 0.35, 0.6, 0.85, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.05, 1.1, 1.2, 1.4, 1.6, 1.7, 1.5,
  1.0, 0.6,
];

function dayWeight(local: Date, progress: number, random: Random): number {
  const month = local.getUTCMonth();
  const date = local.getUTCDate();
  let weight = (MONTH_WEIGHT[month] ?? 1) * (WEEKDAY_WEIGHT[local.getUTCDay()] ?? 1);
  if (month === 10 && date >= 24) weight *= 1.6; // Black Friday week
  if (month === 11 && date >= 24) weight *= 0.6; // after the last shipping day
  return weight * (0.8 + 0.4 * progress) * (0.9 + 0.2 * random.next());
}

/** Local midnight (UTC ms) of the local calendar day whose fields are `local`'s UTC fields. */
function localMidnight(timeZone: string, localMs: number): number {
  const guess = localMs - zoneOffset(timeZone, localMs);
  return localMs - zoneOffset(timeZone, guess);
}

/** Share of a day's orders placed before `hoursElapsed` local hours. */
function hourShare(hoursElapsed: number): number {
  const total = HOUR_WEIGHT.reduce((sum, weight) => sum + weight, 0);
  let share = 0;
  for (let hour = 0; hour < 24 && hour < hoursElapsed; hour++)
    share += (HOUR_WEIGHT[hour] ?? 0) * Math.min(1, hoursElapsed - hour);
  return share / total;
}

export function sellingDays(options: {
  now: Date;
  months: number;
  timeZone: string;
  orders: number;
  random: Random;
}): SellingDay[] {
  const nowMs = options.now.getTime();
  const localNow = new Date(nowMs + zoneOffset(options.timeZone, nowMs));
  const firstLocal = Date.UTC(
    localNow.getUTCFullYear(),
    localNow.getUTCMonth() - options.months,
    localNow.getUTCDate(),
  );
  const lastLocal = Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate());
  const span = Math.max(1, lastLocal - firstLocal);
  const days: (SellingDay & { weight: number })[] = [];
  for (let localMs = firstLocal; localMs <= lastLocal; localMs += DAY_MS) {
    const local = new Date(localMs);
    const start = localMidnight(options.timeZone, localMs);
    const fullEnd = localMidnight(options.timeZone, localMs + DAY_MS);
    const end = Math.min(fullEnd, nowMs);
    const share = end === fullEnd ? 1 : hourShare(((end - start) / (fullEnd - start)) * 24);
    days.push({
      start,
      end,
      length: fullEnd - start,
      month: local.getUTCMonth(),
      weekday: local.getUTCDay(),
      year: local.getUTCFullYear(),
      orders: 0,
      weight: dayWeight(local, (localMs - firstLocal) / span, options.random) * share,
    });
  }
  shareOut(days, options.orders);
  return days.map(({ weight: _weight, ...day }) => day);
}

/** Gives each day round(its share of the total), so the counts add up exactly. */
function shareOut(days: { weight: number; orders: number }[], total: number): void {
  const sum = days.reduce((accumulated, day) => accumulated + day.weight, 0);
  let cumulative = 0;
  let given = 0;
  for (const day of days) {
    cumulative += day.weight;
    const upTo = sum > 0 ? Math.round((cumulative / sum) * total) : 0;
    day.orders = upTo - given;
    given = upTo;
  }
}
