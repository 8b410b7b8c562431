/**
 * authenticate.webhook, with two corrections to how the library answers:
 * - a webhook whose HMAC is wrong OR missing gets 401 (the library answers 400
 *   when the HMAC header or another Shopify header is absent; app review
 *   expects 401);
 * - a genuine webhook is never refused because the library could not refresh
 *   the shop's expiring offline token, which it tries after verifying the
 *   HMAC and which fails for a shop that uninstalled (Shopify/shopify-app-js
 *   issue 3360). Uninstall and compliance webhooks need no token at all.
 */
import { logger } from '../logging/logger.server';
import { authenticate } from '../../shopify.server';

export interface VerifiedWebhook {
  shop: string;
  /** As the library names topics: "APP_UNINSTALLED" for app/uninstalled. */
  topic: string;
  webhookId: string;
  /** X-Shopify-Event-Id: the same for every delivery of one event (deduplicate on it). */
  eventId: string;
  apiVersion: string;
  triggeredAt: string | null;
  payload: unknown;
}

const REFUSED = new Set([401, 405]);

export function libraryTopic(headerTopic: string): string {
  return headerTopic.toUpperCase().replace(/[/.]/g, '_');
}

async function fromVerifiedRequest(request: Request): Promise<VerifiedWebhook> {
  const header = (name: string) => request.headers.get(name) ?? '';
  return {
    shop: header('X-Shopify-Shop-Domain'),
    topic: libraryTopic(header('X-Shopify-Topic')),
    webhookId: header('X-Shopify-Webhook-Id'),
    eventId: header('X-Shopify-Event-Id') || header('X-Shopify-Webhook-Id'),
    apiVersion: header('X-Shopify-API-Version'),
    triggeredAt: request.headers.get('X-Shopify-Triggered-At'),
    payload: JSON.parse(await request.text()),
  };
}

export async function authenticateWebhook(request: Request): Promise<VerifiedWebhook> {
  const copy = request.clone();
  try {
    const context = await authenticate.webhook(request);
    return {
      shop: context.shop,
      topic: context.topic,
      webhookId: context.webhookId,
      eventId: context.eventId ?? context.webhookId,
      apiVersion: context.apiVersion,
      triggeredAt: context.triggeredAt ?? null,
      payload: context.payload,
    };
  } catch (error) {
    if (error instanceof Response && error.status === 400) {
      throw new Response(undefined, { status: 401, statusText: 'Unauthorized' });
    }
    if (error instanceof Response && REFUSED.has(error.status)) throw error;
    // The library only loads the session after the HMAC has verified: the webhook is genuine.
    logger.warn(
      { topic: copy.headers.get('X-Shopify-Topic'), shop: copy.headers.get('X-Shopify-Shop-Domain'), err: error },
      'Webhook verified, but its shop session could not be loaded or refreshed; handling it without one',
    );
    return fromVerifiedRequest(copy);
  }
}
