/**
 * What each subscribed webhook topic does: the registries of the areas that
 * act on webhooks, composed. Keys are topics as in X-Shopify-Topic and
 * shopify.app.toml ("orders/updated"); a topic several areas care about runs
 * their handlers in the order listed here, all inside the event's one
 * transaction (processor.server.ts). A test checks that every topic
 * subscribed in shopify.app.toml has a handler and that there are no others.
 */
import { COMPLIANCE_WEBHOOK_HANDLERS } from '../compliance/webhook-handlers.server';
import { MIRROR_WEBHOOK_HANDLERS } from '../mirror/webhook-handlers.server';
import { SYNC_WEBHOOK_HANDLERS } from '../sync/webhook-handlers.server';
import { APP_WEBHOOK_HANDLERS } from './app-handlers.server';
import type { TopicHandlers, WebhookHandler, WebhookHandlers } from './types';

export function composeHandlers(...registries: WebhookHandlers[]): TopicHandlers {
  const composed: Record<string, WebhookHandler[]> = {};
  for (const registry of registries) {
    for (const [topic, handler] of Object.entries(registry)) (composed[topic] ??= []).push(handler);
  }
  return composed;
}

export const WEBHOOK_HANDLERS: TopicHandlers = composeHandlers(
  MIRROR_WEBHOOK_HANDLERS,
  COMPLIANCE_WEBHOOK_HANDLERS,
  APP_WEBHOOK_HANDLERS,
  SYNC_WEBHOOK_HANDLERS,
);
