/**
 * The contract between the webhook inbox and the areas that act on webhooks.
 * An InboxEvent is a stored, verified delivery; a WebhookHandler applies it
 * inside the processor's transaction, which also marks the event processed,
 * so its effects happen exactly once even when a worker dies mid-way.
 */
import type { Prisma } from '@prisma/client';

/** What a delivery's verified headers say (verify.server.ts reads them). */
export interface DeliveryHeaders {
  shop: string;
  /** As in X-Shopify-Topic and shopify.app.toml: "orders/updated". */
  topic: string;
  /**
   * X-Shopify-Event-Id: the same for every delivery of one event; the webhook
   * id where Shopify sends none (Events deliveries).
   */
  eventId: string;
  webhookId: string;
  apiVersion: string;
  /** X-Shopify-Triggered-At (when present and a valid time): when the event happened at Shopify. */
  triggeredAt: Date | null;
}

export interface InboxEvent extends DeliveryHeaders {
  /** WebhookEvent.id: the order of arrival. */
  id: bigint;
  receivedAt: Date;
  payload: unknown;
}

export type Tx = Prisma.TransactionClient;

/** Applies one event. Must be safe to run again for the same event (idempotent). */
export type WebhookHandler = (tx: Tx, event: InboxEvent) => Promise<void>;

/** Handlers of one area, keyed by topic ("orders/updated"). */
export type WebhookHandlers = Record<string, WebhookHandler>;

/** Every area's handlers, composed: per topic, run in order in the event's one transaction. */
export type TopicHandlers = Readonly<Record<string, readonly WebhookHandler[]>>;
