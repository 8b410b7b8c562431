/**
 * POST /devstore/webhooks/trigger: publishes one event for a shop as if it
 * happened there — app/uninstalled (which also revokes the shop's access
 * tokens), the compliance topics, or any other supported topic naming its
 * record. Answers 202 with the event id, 404 for a missing shop or record,
 * 400 for bad input.
 */
import type { DevstoreState } from '../state/devstore-state';
import type { ShopState } from '../state/shop-state';
import { isWebhookTopic, WEBHOOK_TOPICS, type DevstoreEvent, type WebhookTopic } from './events';

export interface TriggerAnswer {
  status: number;
  body: Record<string, unknown>;
}

type Input = Record<string, unknown>;

const bad = (error: string): TriggerAnswer => ({ status: 400, body: { error } });
const missing = (error: string): TriggerAnswer => ({ status: 404, body: { error } });

interface RecordTopic {
  /** The input key naming the record. */
  key: string;
  has: (state: ShopState, id: number) => boolean;
  event: (shop: string, id: number) => DevstoreEvent;
}

const customer = (topic: Extract<DevstoreEvent, { customerId: number }>['topic'], mustExist = true): RecordTopic => ({
  key: 'customerId',
  has: (state, id) => !mustExist || state.customers.has(id),
  event: (shop, customerId) => ({ topic, shop, customerId }),
});
const product = (topic: Extract<DevstoreEvent, { productId: number }>['topic'], mustExist = true): RecordTopic => ({
  key: 'productId',
  has: (state, id) => !mustExist || state.products.has(id),
  event: (shop, productId) => ({ topic, shop, productId }),
});
const order = (topic: Extract<DevstoreEvent, { topic: `orders/${string}` }>['topic']): RecordTopic => ({
  key: 'orderId',
  has: (state, id) => state.orders.has(id),
  event: (shop, orderId) => ({ topic, shop, orderId }),
});

/** The record each topic names (refunds/create: the order; its latest refund is sent). */
const RECORD_TOPICS: Partial<Record<WebhookTopic, RecordTopic>> = {
  'customers/data_request': customer('customers/data_request'),
  'customers/redact': customer('customers/redact'),
  'customers/create': customer('customers/create'),
  'customers/update': customer('customers/update'),
  'customers/delete': customer('customers/delete', false),
  'products/create': product('products/create'),
  'products/update': product('products/update'),
  'products/delete': product('products/delete', false),
  'orders/create': order('orders/create'),
  'orders/updated': order('orders/updated'),
  'orders/paid': order('orders/paid'),
  'orders/cancelled': order('orders/cancelled'),
  'inventory_levels/update': {
    key: 'inventoryLevelId',
    has: (state, id) => state.inventoryLevels.has(id),
    event: (shop, inventoryLevelId) => ({ topic: 'inventory_levels/update', shop, inventoryLevelId }),
  },
  'themes/publish': {
    key: 'themeId',
    has: (state, id) => state.themes.has(id),
    event: (shop, themeId) => ({ topic: 'themes/publish', shop, themeId }),
  },
  'bulk_operations/finish': {
    key: 'bulkOperationId',
    has: (state, id) => state.bulkOperations.has(id),
    event: (shop, bulkOperationId) => ({ topic: 'bulk_operations/finish', shop, bulkOperationId }),
  },
};

function eventFor(topic: WebhookTopic, shop: string, input: Input, state: ShopState): DevstoreEvent | TriggerAnswer {
  if (topic === 'app/uninstalled' || topic === 'shop/redact') return { topic, shop };
  if (topic === 'app/scopes_update') {
    const previous = input.previousScopes ?? [];
    if (!Array.isArray(previous) || previous.some((scope) => typeof scope !== 'string'))
      return bad('previousScopes must be an array of strings');
    return { topic, shop, previousScopes: previous as string[] };
  }
  if (topic === 'refunds/create') {
    const id = input.orderId;
    if (!Number.isSafeInteger(id) || (id as number) <= 0)
      return bad('orderId (a positive integer) is required for refunds/create');
    const refund = state.orders.get(id as number)?.refunds.at(-1);
    if (!refund) return missing(`No order ${String(id)} with a refund in ${shop}`);
    return { topic, shop, orderId: id as number, refundId: refund.id };
  }
  const record = RECORD_TOPICS[topic] as RecordTopic;
  const id = input[record.key];
  if (!Number.isSafeInteger(id) || (id as number) <= 0)
    return bad(`${record.key} (a positive integer) is required for ${topic}`);
  if (!record.has(state, id as number)) return missing(`No ${record.key.replace(/Id$/, '')} ${String(id)} in ${shop}`);
  return record.event(shop, id as number);
}

/** Revokes every access token the shop issued to the app, as uninstalling does. */
function revokeTokens(devstore: DevstoreState, shop: string): void {
  for (const [token, record] of devstore.tokens) if (record.shop === shop) devstore.tokens.delete(token);
  const state = devstore.shop(shop);
  if (state) state.grantedScopes = [];
}

export function triggerWebhook(
  devstore: DevstoreState,
  input: unknown,
  eventIdOf: (event: DevstoreEvent) => string | undefined,
): TriggerAnswer {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return bad('Expected a JSON object');
  const body = input as Input;
  if (!isWebhookTopic(body.topic)) return bad(`topic must be one of: ${WEBHOOK_TOPICS.join(', ')}`);
  if (typeof body.shop !== 'string' || body.shop === '') return bad('shop (a myshopify domain) is required');
  const state = devstore.shop(body.shop);
  if (!state) return missing(`No shop ${body.shop}`);
  const event = eventFor(body.topic, body.shop, body, state);
  if ('status' in event) return event;
  devstore.publish(event);
  if (event.topic === 'app/uninstalled') revokeTokens(devstore, body.shop);
  const eventId = eventIdOf(event) ?? null;
  return { status: 202, body: { eventId, topic: event.topic, shop: event.shop, delivered: eventId !== null } };
}
