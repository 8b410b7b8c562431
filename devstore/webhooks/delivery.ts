/**
 * Webhook delivery: listens to the devstore's change events (and to bulk
 * operations finishing), builds each subscribed topic's payload at once, and
 * POSTs it to the app with Shopify's headers. Deliveries run in the
 * background, in order of publication per shop; a non-2xx answer or a
 * network error is retried with exponential backoff, up to 8 retries
 * (Shopify spreads them over about 4 hours; `retryBaseMs` compresses that).
 * A bounded log of deliveries is kept for GET /devstore/webhooks.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { onBulkOperationFinish } from '../resolvers/bulk';
import type { DevstoreState } from '../state/devstore-state';
import type { DevstoreEvent } from './events';
import { WebhookFaults, type WebhookFaultSettings } from './faults';
import { buildPayload } from './payloads';
import type { WebhookConfig, WebhookSubscription } from './subscriptions';

export const MAX_RETRIES = 8;
export const MAX_LOG_ENTRIES = 1000;
/** isbot() answers false for it, so Shopify's library never answers 410 as to a bot. */
export const WEBHOOK_USER_AGENT = 'Mozilla/5.0 (compatible; Shopify-Captain-Hook)';
const TIMEOUT_MS = 5000;
/** A held-back event goes out after this long when no later event comes. */
const HOLD_MS = 250;

export interface DeliveryLogEntry {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  triggeredAt: string;
  duplicate: boolean;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** The wait before each retry so far, in milliseconds (exponential backoff). */
  retryDelaysMs: number[];
  state: 'pending' | 'delivered' | 'failed';
}

interface Job {
  entry: DeliveryLogEntry;
  body: string;
  apiVersion: string;
}

export interface WebhookDeliveryOptions {
  devstore: DevstoreState;
  config: WebhookConfig;
  /** First retry's delay; each later one doubles it. */
  retryBaseMs: number;
  faults?: Partial<WebhookFaultSettings>;
  /** The devstore's public URL, once it listens. */
  baseUrl: () => string;
  seed?: number;
}

export class WebhookDelivery {
  readonly faults: WebhookFaults;
  readonly #options: WebhookDeliveryOptions;
  readonly #log: DeliveryLogEntry[] = [];
  readonly #queues = new Map<string, Promise<void>>();
  readonly #held = new Map<string, { jobs: Job[]; timer: NodeJS.Timeout }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #eventIds = new WeakMap<DevstoreEvent, string>();
  readonly #unsubscribe: (() => void)[];
  readonly #abort = new AbortController();
  #sequence = 0;
  #closed = false;

  constructor(options: WebhookDeliveryOptions) {
    this.#options = options;
    this.faults = new WebhookFaults(options.faults, options.seed ?? 1);
    const { devstore } = options;
    this.#unsubscribe = [
      devstore.subscribe((event) => this.#accept(event)),
      onBulkOperationFinish((operation, context) => {
        if (context.devstore !== devstore) return;
        devstore.publish({
          topic: 'bulk_operations/finish',
          shop: context.state.shop.domain,
          bulkOperationId: operation.id,
        });
      }),
    ];
  }

  /** The X-Shopify-Event-Id given to a published event (undefined if nothing subscribes to its topic). */
  eventIdOf(event: DevstoreEvent): string | undefined {
    return this.#eventIds.get(event);
  }

  /** Every delivery still in the log, oldest first. */
  log(): DeliveryLogEntry[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  subscriptionsFor(topic: string): WebhookSubscription[] {
    return this.#options.config.subscriptions.filter((subscription) => subscription.topics.includes(topic));
  }

  /** Stops listening, cancels pending retries and aborts deliveries in flight. */
  close(): void {
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    for (const timer of this.#timers) clearTimeout(timer);
    for (const { timer } of this.#held.values()) clearTimeout(timer);
    this.#abort.abort();
  }

  #accept(event: DevstoreEvent): void {
    if (this.#closed) return;
    const subscriptions = this.subscriptionsFor(event.topic);
    const state = this.#options.devstore.shop(event.shop);
    if (subscriptions.length === 0 || !state) return;
    const triggeredAt = new Date().toISOString();
    const payload = buildPayload(event, state, {
      baseUrl: this.#options.baseUrl(),
      sequence: ++this.#sequence,
      at: triggeredAt,
    });
    if (!payload) return;
    const eventId = randomUUID();
    this.#eventIds.set(event, eventId);
    const body = JSON.stringify(payload);
    const copies = this.faults.duplicate() ? 2 : 1;
    const jobs = subscriptions.flatMap((subscription) =>
      Array.from({ length: copies }, (_, copy) =>
        this.#job(event, subscription, { eventId, body, triggeredAt, duplicate: copy > 0 }),
      ),
    );
    this.#schedule(event.shop, jobs);
  }

  #job(
    event: DevstoreEvent,
    subscription: WebhookSubscription,
    details: { eventId: string; body: string; triggeredAt: string; duplicate: boolean },
  ): Job {
    const entry: DeliveryLogEntry = {
      webhookId: randomUUID(),
      eventId: details.eventId,
      topic: event.topic,
      shop: event.shop,
      url: subscription.url,
      triggeredAt: details.triggeredAt,
      duplicate: details.duplicate,
      attempts: 0,
      lastStatus: null,
      lastError: null,
      retryDelaysMs: [],
      state: 'pending',
    };
    this.#log.push(entry);
    if (this.#log.length > MAX_LOG_ENTRIES) this.#log.splice(0, this.#log.length - MAX_LOG_ENTRIES);
    return { entry, body: details.body, apiVersion: this.#options.config.apiVersion };
  }

  /** Queues an event's jobs for its shop; the out-of-order switch holds them until the next event. */
  #schedule(shop: string, jobs: Job[]): void {
    const held = this.#held.get(shop);
    if (held) {
      clearTimeout(held.timer);
      this.#held.delete(shop);
      this.#enqueue(shop, [...jobs, ...held.jobs]);
      return;
    }
    if (this.faults.holdBack()) {
      const timer = setTimeout(() => {
        this.#held.delete(shop);
        this.#enqueue(shop, jobs);
      }, HOLD_MS);
      this.#held.set(shop, { jobs, timer });
      return;
    }
    this.#enqueue(shop, jobs);
  }

  #enqueue(shop: string, jobs: Job[]): void {
    let chain = this.#queues.get(shop) ?? Promise.resolve();
    for (const job of jobs) chain = chain.then(() => this.#attempt(job));
    this.#queues.set(shop, chain);
  }

  async #attempt(job: Job): Promise<void> {
    if (this.#closed) return;
    const { delayMs } = this.faults.settings;
    if (delayMs > 0) await this.#sleep(delayMs);
    if (this.#closed) return;
    const { entry } = job;
    entry.attempts += 1;
    try {
      const response = await fetch(entry.url, {
        method: 'POST',
        headers: this.#headers(job),
        body: job.body,
        signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      entry.lastStatus = response.status;
      entry.lastError = response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      entry.lastStatus = null;
      entry.lastError = (error as Error).message;
    }
    if (entry.lastStatus !== null && entry.lastStatus >= 200 && entry.lastStatus < 300) {
      entry.state = 'delivered';
    } else if (entry.attempts > MAX_RETRIES) {
      entry.state = 'failed';
    } else if (!this.#closed) {
      const delay = this.#options.retryBaseMs * 2 ** (entry.attempts - 1);
      entry.retryDelaysMs.push(delay);
      this.#later(delay, () => void this.#attempt(job));
    }
  }

  #headers(job: Job): Record<string, string> {
    const { entry } = job;
    return {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      'X-Shopify-Topic': entry.topic,
      'X-Shopify-Hmac-Sha256': createHmac('sha256', this.#options.devstore.app.apiSecret)
        .update(job.body, 'utf8')
        .digest('base64'),
      'X-Shopify-Shop-Domain': entry.shop,
      'X-Shopify-API-Version': job.apiVersion,
      'X-Shopify-Webhook-Id': entry.webhookId,
      'X-Shopify-Event-Id': entry.eventId,
      'X-Shopify-Triggered-At': entry.triggeredAt,
    };
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#later(ms, resolve));
  }
}
