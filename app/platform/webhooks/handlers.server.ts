/**
 * What each subscribed webhook topic does, keyed by the topic as the Shopify
 * library reports it ("APP_UNINSTALLED" for app/uninstalled). A test checks
 * that every topic in shopify.app.toml has a handler here.
 */
import { z } from 'zod';
import prisma from '../../db.server';
import { customerDataRequest, customerRedact, shopRedact } from '../compliance/compliance.server.ts';
import { logger } from '../logging/logger.server.ts';

import type { VerifiedWebhook } from './authenticate-webhook.server';

export type WebhookContext = VerifiedWebhook;

export type WebhookHandler = (context: WebhookContext) => Promise<void>;

const customerPayload = z.object({
  customer: z.object({
    id: z.union([z.number(), z.string()]).transform(String),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  }),
});

const scopesPayload = z.object({ current: z.array(z.string()) });

export const WEBHOOK_HANDLERS: Record<string, WebhookHandler> = {
  async APP_UNINSTALLED({ shop }) {
    // The offline token is dead; shop/redact erases the rest 48 h later.
    const { count } = await prisma.session.deleteMany({ where: { shop } });
    logger.info({ shop, sessions: count }, 'App uninstalled: sessions removed');
  },

  async APP_SCOPES_UPDATE({ shop, payload }) {
    const { current } = scopesPayload.parse(payload);
    await prisma.session.updateMany({ where: { shop }, data: { scope: current.join(',') } });
  },

  async CUSTOMERS_DATA_REQUEST({ shop, eventId, payload }) {
    const { customer } = customerPayload.parse(payload);
    await customerDataRequest(prisma, shop, eventId, customer);
  },

  async CUSTOMERS_REDACT({ shop, eventId, payload }) {
    const { customer } = customerPayload.parse(payload);
    await customerRedact(prisma, shop, eventId, customer);
  },

  async SHOP_REDACT({ shop }) {
    await shopRedact(prisma, shop);
  },
};

export class UnhandledTopicError extends Error {
  override name = 'UnhandledTopicError';
}

export async function dispatchWebhook(context: WebhookContext): Promise<void> {
  const handler = WEBHOOK_HANDLERS[context.topic];
  if (!handler) throw new UnhandledTopicError(`No handler for webhook topic ${context.topic}`);
  await handler(context);
}
