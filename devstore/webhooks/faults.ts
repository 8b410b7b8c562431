/**
 * Webhook fault switches: duplicate deliveries (same event id, new webhook
 * id), out-of-order deliveries (an event held back and delivered after the
 * next one) and a delay before every delivery. Set with
 * startDevstore({ webhookFaults }) or POST /devstore/webhooks/faults.
 */
import { Random } from '../engine/random';

export interface WebhookFaultSettings {
  /** 0..1: share of events delivered twice. */
  duplicateRate: number;
  /** 0..1: share of events held back and delivered after the shop's next event. */
  outOfOrderRate: number;
  /** Waited before every delivery attempt. */
  delayMs: number;
}

export const NO_WEBHOOK_FAULTS: WebhookFaultSettings = { duplicateRate: 0, outOfOrderRate: 0, delayMs: 0 };

const KEYS = new Set(['duplicateRate', 'outOfOrderRate', 'delayMs']);

export class WebhookFaults {
  settings: WebhookFaultSettings;
  readonly #random: Random;

  constructor(settings: Partial<WebhookFaultSettings> = {}, seed = 1) {
    this.settings = { ...NO_WEBHOOK_FAULTS };
    this.#random = new Random(seed);
    this.update(settings);
  }

  update(patch: unknown): WebhookFaultSettings {
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('Expected a JSON object');
    const input = patch as Record<string, unknown>;
    const unknown = Object.keys(input).filter((key) => !KEYS.has(key));
    if (unknown.length) throw new Error(`Unknown webhook fault switch: ${unknown.join(', ')}`);
    const next = { ...this.settings };
    for (const key of ['duplicateRate', 'outOfOrderRate'] as const) {
      if (!(key in input)) continue;
      const value = input[key];
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new Error(`${key} must be a number from 0 to 1`);
      next[key] = value;
    }
    if ('delayMs' in input) {
      const value = input.delayMs;
      if (typeof value !== 'number' || !(value >= 0 && value <= 600_000))
        throw new Error('delayMs must be a number from 0 to 600000');
      next.delayMs = value;
    }
    this.settings = next;
    return next;
  }

  duplicate(): boolean {
    return this.settings.duplicateRate > 0 && this.#random.chance(this.settings.duplicateRate);
  }

  holdBack(): boolean {
    return this.settings.outOfOrderRate > 0 && this.#random.chance(this.settings.outOfOrderRate);
  }
}
