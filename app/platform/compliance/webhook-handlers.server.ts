/**
 * Shopify's mandatory compliance topics, as handlers the webhook processor
 * runs inside the event's transaction: customers/data_request,
 * customers/redact and shop/redact. Each is idempotent on the event id.
 */
import { z } from 'zod';
import type { WebhookHandlers } from '../webhooks/types';
import { customerDataRequest, customerRedact, shopRedact } from './compliance.server';

const shopifyId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const customerRequest = z.object({
  customer: z.object({
    id: shopifyId,
    email: z.string().nullish(),
    phone: z.string().nullish(),
  }),
  orders_to_redact: z.array(shopifyId).optional(),
  orders_requested: z.array(shopifyId).optional(),
});

function parseCustomerRequest(topic: string, payload: unknown) {
  const parsed = customerRequest.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`${topic} payload is not a customer request: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const { customer, orders_to_redact, orders_requested } = parsed.data;
  return { ...customer, orderIds: orders_to_redact ?? orders_requested ?? [] };
}

export const COMPLIANCE_WEBHOOK_HANDLERS: WebhookHandlers = {
  'customers/data_request': async (tx, event) => {
    const customer = parseCustomerRequest(event.topic, event.payload);
    await customerDataRequest(tx, event.shop, event.eventId, customer, undefined, { receivedAt: event.receivedAt });
  },
  'customers/redact': async (tx, event) => {
    const customer = parseCustomerRequest(event.topic, event.payload);
    await customerRedact(tx, event.shop, event.eventId, customer, undefined, { receivedAt: event.receivedAt });
  },
  'shop/redact': async (tx, event) => {
    await shopRedact(tx, event.shop);
  },
};
