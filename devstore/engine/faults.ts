/**
 * Fault switches for reliability tests: a share of Admin API requests
 * answered 5xx or 429, added latency, and forced THROTTLED answers. Set at
 * start (startDevstore({ faults })), or at run time with
 * POST /devstore/faults {"errorRate5xx":0.2,…}; GET shows the current ones.
 */
import { Random } from './random';

export interface FaultSettings {
  /** 0..1: share of Admin API requests answered 502/503. */
  errorRate5xx: number;
  /** 0..1: share answered 429 with Retry-After: 1. */
  errorRate429: number;
  /** Added to every Admin API answer. */
  latencyMs: number;
  /** Every GraphQL request is THROTTLED while this is on. */
  forceThrottled: boolean;
}

export const NO_FAULTS: FaultSettings = { errorRate5xx: 0, errorRate429: 0, latencyMs: 0, forceThrottled: false };

export type InjectedFault = { status: 502 | 503 } | { status: 429 } | null;

export class Faults {
  settings: FaultSettings;
  readonly #random: Random;

  constructor(settings: Partial<FaultSettings> = {}, seed = 1) {
    this.settings = { ...NO_FAULTS, ...settings };
    this.#random = new Random(seed);
  }

  update(patch: unknown): FaultSettings {
    const next = { ...this.settings };
    const input = (patch ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(input).filter((key) => !(key in NO_FAULTS));
    if (unknown.length > 0)
      throw new Error(`Unknown fault switch: ${unknown.join(', ')} (known: ${Object.keys(NO_FAULTS).join(', ')})`);
    for (const key of ['errorRate5xx', 'errorRate429'] as const) {
      if (key in input) {
        const value = Number(input[key]);
        if (!(value >= 0 && value <= 1)) throw new Error(`${key} must be a number from 0 to 1`);
        next[key] = value;
      }
    }
    if ('latencyMs' in input) {
      const value = Number(input.latencyMs);
      if (!(value >= 0 && value <= 60_000)) throw new Error('latencyMs must be from 0 to 60000');
      next.latencyMs = value;
    }
    if ('forceThrottled' in input) next.forceThrottled = input.forceThrottled === true;
    this.settings = next;
    return next;
  }

  /** Draws whether this request fails, by the configured rates. */
  draw(): InjectedFault {
    const roll = this.#random.next();
    if (roll < this.settings.errorRate5xx) return { status: this.#random.chance(0.5) ? 502 : 503 };
    if (roll < this.settings.errorRate5xx + this.settings.errorRate429) return { status: 429 };
    return null;
  }
}
