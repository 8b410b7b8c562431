/**
 * One payload builder per topic: turns a DevstoreEvent into the JSON body
 * Shopify would send, from the shop's records at the moment of publication.
 * Returns null when the named record does not exist (nothing to deliver).
 */
import type { ShopState } from '../state/shop-state';
import type { DevstoreEvent } from './events';
import { inventoryLevelPayload, productDeletePayload, productPayload } from './payloads-catalog';
import { customerDeletePayload, customerTopicPayload, orderPayload, refundPayload } from './payloads-sales';
import {
  bulkFinishPayload,
  customerRedactPayload,
  dataRequestPayload,
  scopesUpdatePayload,
  shopPayload,
  shopRedactPayload,
  themePayload,
} from './payloads-shop';

export interface PayloadContext {
  /** The devstore's public URL (image and CDN links). */
  baseUrl: string;
  /** A number unique within the devstore (data request and scopes update ids). */
  sequence: number;
  /** The moment of the event, ISO. */
  at: string;
}

export type Payload = Record<string, unknown>;

export function buildPayload(event: DevstoreEvent, state: ShopState, context: PayloadContext): Payload | null {
  switch (event.topic) {
    case 'app/uninstalled':
      return shopPayload(state);
    case 'shop/redact':
      return shopRedactPayload(state);
    case 'app/scopes_update':
      return scopesUpdatePayload(state, event.previousScopes, context.sequence, context.at);
    case 'customers/data_request':
      return dataRequestPayload(state, event.customerId, context.sequence);
    case 'customers/redact':
      return customerRedactPayload(state, event.customerId);
    case 'customers/create':
    case 'customers/update': {
      const customer = state.customers.get(event.customerId);
      return customer ? customerTopicPayload(customer, state) : null;
    }
    case 'customers/delete':
      return customerDeletePayload(event.customerId);
    case 'products/create':
    case 'products/update': {
      const product = state.products.get(event.productId);
      return product ? productPayload(product, state, context.baseUrl) : null;
    }
    case 'products/delete':
      return productDeletePayload(event.productId);
    case 'orders/create':
    case 'orders/updated':
    case 'orders/paid':
    case 'orders/cancelled': {
      const order = state.orders.get(event.orderId);
      return order ? orderPayload(order, state) : null;
    }
    case 'refunds/create': {
      const order = state.orders.get(event.orderId);
      const refund = order?.refunds.find((candidate) => candidate.id === event.refundId);
      return order && refund ? refundPayload(refund, order, state) : null;
    }
    case 'inventory_levels/update':
      return inventoryLevelPayload(state, event.inventoryLevelId);
    case 'themes/publish':
      return themePayload(state, event.themeId);
    case 'bulk_operations/finish':
      return bulkFinishPayload(state, event.bulkOperationId);
  }
}
