/** Small helpers the seed shares: seeded streams, money in cents, times, picking by weight. */
import { Random } from '../engine/random';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A Random for one part of the seed, so sizing one table never reshuffles another. */
export function stream(seed: number, label: string): Random {
  let hash = 2166136261 ^ seed;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 16777619);
  return new Random(hash >>> 0);
}

/** Cents as Shopify's decimal string: 1250 → "12.50". */
export function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** An ISO 8601 time, to the whole second as Shopify records them. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Time between a and b (ms), at a random point. */
export function between(random: Random, from: number, to: number): number {
  return Math.floor(from + random.next() * Math.max(0, to - from));
}

/** Draws indexes by weight in O(log n): build once, draw many times. */
export class WeightedIndex {
  readonly #cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.#cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, index) => {
      total += weight;
      this.#cumulative[index] = total;
    });
  }

  get size(): number {
    return this.#cumulative.length;
  }

  draw(random: Random): number {
    const cumulative = this.#cumulative;
    const roll = random.next() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** A version 4 UUID from the seeded stream. */
export function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((random.int(0, 3) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The time zone's offset from UTC at an instant, in ms (Toronto in winter: −5 h). */
export function zoneOffset(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}
