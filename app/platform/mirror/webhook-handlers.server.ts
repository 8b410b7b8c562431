/**
 * The mirror's webhook handlers: each topic's payload is normalised
 * (from-webhook.ts) and written with the apply functions inside the webhook
 * processor's transaction. Safe to run again for the same event: an update
 * as new as the stored row rewrites the same values, a deletion keeps its
 * first time.
 */
import { markOrdersChanged } from '~/modules/insights/rollup-trigger.server';
import type { InboxEvent, WebhookHandler, WebhookHandlers } from '../webhooks/types';
import {
  applyCustomers,
  applyInventoryLevels,
  applyOrders,
  applyProducts,
  applyRefunds,
  markCustomerDeleted,
  markProductDeleted,
} from './apply.server';
import {
  customerFromWebhook,
  deletedIdFromWebhook,
  inventoryLevelFromWebhook,
  orderFromWebhook,
  productFromWebhook,
  refundFromWebhook,
} from './from-webhook';

/** When a deletion happened: Shopify's X-Shopify-Triggered-At, else when it reached us. */
const deletedAt = (event: InboxEvent) => event.triggeredAt ?? event.receivedAt;

const product: WebhookHandler = async (tx, event) => {
  await applyProducts(tx, event.shop, [productFromWebhook(event.payload, event.topic)]);
};

const order: WebhookHandler = async (tx, event) => {
  const record = orderFromWebhook(event.payload, event.topic);
  await applyOrders(tx, event.shop, [record]);
  // Insights: the order's rollup days are recomputed by a job (marked in this transaction).
  await markOrdersChanged(tx, event.shop, [record.id]);
};

const customer: WebhookHandler = async (tx, event) => {
  await applyCustomers(tx, event.shop, [customerFromWebhook(event.payload, event.topic)]);
};

export const MIRROR_WEBHOOK_HANDLERS: WebhookHandlers = {
  'products/create': product,
  'products/update': product,
  'products/delete': async (tx, event) => {
    await markProductDeleted(tx, event.shop, deletedIdFromWebhook(event.payload, event.topic), deletedAt(event));
  },
  'orders/create': order,
  'orders/updated': order,
  'orders/paid': order,
  'orders/cancelled': order,
  'refunds/create': async (tx, event) => {
    const { orderId, refund } = refundFromWebhook(event.payload);
    await applyRefunds(tx, event.shop, orderId, [refund]);
    // Insights: the refund's day (and its order's) are recomputed by a job.
    await markOrdersChanged(tx, event.shop, [orderId]);
  },
  'customers/create': customer,
  'customers/update': customer,
  'customers/delete': async (tx, event) => {
    await markCustomerDeleted(tx, event.shop, deletedIdFromWebhook(event.payload, event.topic), deletedAt(event));
  },
  'inventory_levels/update': async (tx, event) => {
    const level = inventoryLevelFromWebhook(event.payload);
    if (level) await applyInventoryLevels(tx, event.shop, [level]);
  },
};
