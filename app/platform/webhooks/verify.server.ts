/**
 * Verifies a webhook delivery exactly as the Shopify library's
 * `authenticate.webhook` does (shopify-api's webhooks.validate), without the
 * library's request conversion or session loading, so the inbox can answer in
 * microseconds:
 * - a non-empty body, and an HMAC header (X-Shopify-Hmac-Sha256, or
 *   shopify-hmac-sha256 for Shopify Events deliveries);
 * - HMAC-SHA256 of the raw body bytes with the app's secret, base64, compared
 *   in constant time;
 * - then the headers the library requires: topic, shop domain, API version,
 *   webhook id.
 * Anything else is refused; the caller answers 401 (app review expects 401 for
 * a missing HMAC as well as a wrong one). verify.test.ts checks every case
 * against the library's own validation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryHeaders } from './types';

export type HeaderReader = (name: string) => string | undefined;

export type Verification =
  | { valid: true; headers: DeliveryHeaders }
  | { valid: false; reason: 'missing_body' | 'missing_hmac' | 'invalid_hmac' | 'missing_headers' };

const CLASSIC = {
  hmac: 'x-shopify-hmac-sha256',
  topic: 'x-shopify-topic',
  domain: 'x-shopify-shop-domain',
  apiVersion: 'x-shopify-api-version',
  webhookId: 'x-shopify-webhook-id',
  triggeredAt: 'x-shopify-triggered-at',
  eventId: 'x-shopify-event-id',
};

const EVENTS = {
  hmac: 'shopify-hmac-sha256',
  topic: 'shopify-topic',
  domain: 'shopify-shop-domain',
  apiVersion: 'shopify-api-version',
  webhookId: 'shopify-webhook-id',
  triggeredAt: 'shopify-triggered-at',
  eventId: null,
};

function hmacMatches(secret: string, body: Buffer, hmac: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(hmac, 'base64');
  // Re-encoding rejects anything that is not exactly the canonical base64 of 32 bytes.
  return given.length === expected.length && given.toString('base64') === hmac && timingSafeEqual(given, expected);
}

function parseTime(value: string | undefined): Date | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** Header names are looked up in lower case (as Node and the Fetch API hold them). */
export function verifyWebhook(header: HeaderReader, body: Buffer, secret: string): Verification {
  if (body.length === 0) return { valid: false, reason: 'missing_body' };
  // The library picks the Events header names only when their HMAC header is there.
  const names = header(EVENTS.hmac) ? EVENTS : CLASSIC;
  const hmac = header(names.hmac);
  if (!hmac) return { valid: false, reason: 'missing_hmac' };
  if (!hmacMatches(secret, body, hmac)) return { valid: false, reason: 'invalid_hmac' };
  const topic = header(names.topic);
  const shop = header(names.domain);
  const apiVersion = header(names.apiVersion);
  const webhookId = header(names.webhookId);
  if (!topic || !shop || !apiVersion || !webhookId) return { valid: false, reason: 'missing_headers' };
  return {
    valid: true,
    headers: {
      shop,
      topic,
      webhookId,
      eventId: (names.eventId && header(names.eventId)) || webhookId,
      apiVersion,
      triggeredAt: parseTime(header(names.triggeredAt)),
    },
  };
}
