/**
 * The devstore's change events: what `DevstoreState.publish()` announces and
 * webhook delivery turns into Shopify webhooks. One event per topic, naming
 * the changed record by id; the payload is built from the records at the
 * moment of publication (so a deleted record's event still has its data).
 */

/** The webhook topics the devstore can deliver. */
export const WEBHOOK_TOPICS = [
  'app/uninstalled',
  'app/scopes_update',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
  'products/create',
  'products/update',
  'products/delete',
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'refunds/create',
  'customers/create',
  'customers/update',
  'customers/delete',
  'inventory_levels/update',
  'themes/publish',
  'bulk_operations/finish',
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

export function isWebhookTopic(value: unknown): value is WebhookTopic {
  return typeof value === 'string' && (WEBHOOK_TOPICS as readonly string[]).includes(value);
}

interface EventBase {
  /** The shop's myshopify domain. */
  shop: string;
}

export type DevstoreEvent = EventBase &
  (
    | { topic: 'app/uninstalled' | 'shop/redact' }
    | { topic: 'app/scopes_update'; previousScopes: string[] }
    | { topic: 'products/create' | 'products/update' | 'products/delete'; productId: number }
    | { topic: 'orders/create' | 'orders/updated' | 'orders/paid' | 'orders/cancelled'; orderId: number }
    | { topic: 'refunds/create'; orderId: number; refundId: number }
    | {
        topic:
          'customers/create' | 'customers/update' | 'customers/delete' | 'customers/redact' | 'customers/data_request';
        customerId: number;
      }
    | { topic: 'inventory_levels/update'; inventoryLevelId: number }
    | { topic: 'themes/publish'; themeId: number }
    | { topic: 'bulk_operations/finish'; bulkOperationId: number }
  );

export type DevstoreEventListener = (event: DevstoreEvent) => void;
