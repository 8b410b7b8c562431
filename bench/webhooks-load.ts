/**
 * The webhook benchmark's deliveries, made before the clock starts: realistic
 * orders/updated and products/update payloads built by the devstore's own
 * payload builders from a seeded shop (the small ones: see planLoad), each event with a later updated_at
 * than the last for its resource, signed with the app secret as Shopify
 * signs them. 10% of the deliveries repeat an earlier event (same event id,
 * new webhook id), as Shopify's at-least-once delivery does.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { seedShop } from '../devstore/seed';
import { buildPayload, type Payload } from '../devstore/webhooks/payloads';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

export interface LoadPlan {
  shop: string;
  deliveries: Delivery[];
  uniqueEvents: number;
  duplicates: number;
  /** Distinct orders and products the events name, and the last updated_at sent for each. */
  lastUpdate: { orders: Map<string, string>; products: Map<string, string> };
  bodyBytes: { median: number; min: number; max: number };
}

const API_VERSION_HEADER = '2026-10';
const MIN_PRODUCT_BYTES = 2_000;
const MAX_PRODUCT_BYTES = 4_096;
const MAX_ORDER_BYTES = 6_500;

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function planLoad(options: {
  shop: string;
  secret: string;
  requests: number;
  duplicateShare: number;
  seed: number;
}): Promise<LoadPlan> {
  const state = await seedShop({
    domain: options.shop,
    name: 'Webhook bench',
    currencyCode: 'EUR',
    ianaTimezone: 'Europe/Paris',
    plan: 'Advanced',
    seed: options.seed,
    products: 150,
    customers: 800,
    orders: 3_000,
    months: 3,
    images: false,
    now: new Date('2026-11-01T12:00:00Z'),
  });
  const context = { baseUrl: 'https://bench.invalid', sequence: 1, at: '2026-11-01T12:00:00Z' };
  // Small payloads, as the issue sets (~2–4 KB): products of 2–4 KB; an order payload is
  // never that small (over 100 fields: 5.2 KB with one line item), so orders of one or two lines.
  const sized =
    (min: number, max: number) =>
    (payload: Payload | null): payload is Payload => {
      const bytes = payload ? Buffer.byteLength(JSON.stringify(payload)) : 0;
      return bytes >= min && bytes <= max;
    };
  const orders = [...state.orders.keys()]
    .map((orderId) => buildPayload({ topic: 'orders/updated', shop: options.shop, orderId }, state, context))
    .filter(sized(0, MAX_ORDER_BYTES));
  const products = [...state.products.keys()]
    .map((productId) => buildPayload({ topic: 'products/update', shop: options.shop, productId }, state, context))
    .filter(sized(MIN_PRODUCT_BYTES, MAX_PRODUCT_BYTES));
  if (orders.length < 20 || products.length < 20) throw new Error('The seeded shop has too few small payloads');
  const random = seeded(options.seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const lastUpdate = { orders: new Map<string, string>(), products: new Map<string, string>() };
  const clock = new Date('2026-11-02T00:00:00Z').getTime();

  const deliveries: Delivery[] = [];
  const sign = (body: string) => createHmac('sha256', options.secret).update(body, 'utf8').digest('base64');
  const deliver = (topic: string, eventId: string, body: string, triggeredAt: string) =>
    deliveries.push({
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Shopify-Captain-Hook',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': sign(body),
        'x-shopify-shop-domain': options.shop,
        'x-shopify-api-version': API_VERSION_HEADER,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': triggeredAt,
      },
    });

  const sent: { topic: string; eventId: string; body: string; triggeredAt: string }[] = [];
  let duplicates = 0;
  for (let i = 0; i < options.requests; i++) {
    if (sent.length > 0 && random() < options.duplicateShare) {
      const again = pick(sent);
      deliver(again.topic, again.eventId, again.body, again.triggeredAt);
      duplicates += 1;
      continue;
    }
    const updatedAt = new Date(clock + i * 1000).toISOString();
    const isOrder = random() < 0.5;
    const base = (isOrder ? pick(orders) : pick(products)) as Payload;
    const payload = { ...base, updated_at: updatedAt };
    (isOrder ? lastUpdate.orders : lastUpdate.products).set(String(base.id), updatedAt);
    const event = {
      topic: isOrder ? 'orders/updated' : 'products/update',
      eventId: randomUUID(),
      body: JSON.stringify(payload),
      triggeredAt: updatedAt,
    };
    sent.push(event);
    deliver(event.topic, event.eventId, event.body, event.triggeredAt);
  }
  const sizes = deliveries.map((delivery) => Buffer.byteLength(delivery.body)).sort((a, b) => a - b);
  return {
    shop: options.shop,
    deliveries,
    uniqueEvents: sent.length,
    duplicates,
    lastUpdate,
    bodyBytes: { median: sizes[sizes.length >> 1]!, min: sizes[0]!, max: sizes.at(-1)! },
  };
}
