/**
 * Requests built the way Shopify builds them, so the library's real
 * verification runs: session tokens from getJwt, webhook HMACs from getHmac.
 */
import { createHmac } from 'node:crypto';
import { API_KEY, API_SECRET_KEY, BASE64_HOST, getHmac, getJwt } from '@shopify/shopify-api/test-helpers';
import type { JwtPayload } from '@shopify/shopify-api';
import { TEST_ENV } from './test-env';

export const APP_URL = TEST_ENV.SHOPIFY_APP_URL as string;
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export async function sessionToken(shop: string, options: { secret?: string; overrides?: Partial<JwtPayload> } = {}) {
  const { token } = await getJwt(
    shop.replace('.myshopify.com', ''),
    API_KEY,
    options.secret ?? API_SECRET_KEY,
    options.overrides,
  );
  return token;
}

/** A fetch from the embedded app (App Bridge adds the session token as a Bearer header). */
export function bearerRequest(path: string, token: string): Request {
  return new Request(`${APP_URL}${path}`, { headers: { Authorization: `Bearer ${token}`, 'User-Agent': BROWSER_UA } });
}

/** A document load inside Shopify admin: embedded=1, shop, host and id_token in the URL. */
export function documentRequest(
  path: string,
  shop: string,
  token: string,
  extra: Record<string, string> = {},
): Request {
  const params = new URLSearchParams({ embedded: '1', shop, host: BASE64_HOST, id_token: token, ...extra });
  return new Request(`${APP_URL}${path}?${params}`, { headers: { 'User-Agent': BROWSER_UA } });
}

export function webhookRequest(
  topic: string,
  shop: string,
  payload: unknown,
  options: {
    hmac?: string | null;
    webhookId?: string;
    eventId?: string;
    /** Bytes to send instead of the payload as JSON (signed all the same). */
    rawBody?: Buffer;
  } = {},
): Request {
  const body = options.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': topic,
    'X-Shopify-Shop-Domain': shop,
    'X-Shopify-API-Version': '2026-10',
    'X-Shopify-Webhook-Id': options.webhookId ?? crypto.randomUUID(),
    'X-Shopify-Event-Id': options.eventId ?? crypto.randomUUID(),
    'X-Shopify-Triggered-At': new Date().toISOString(),
  };
  const hmac =
    options.hmac === undefined
      ? typeof body === 'string'
        ? getHmac(body, API_SECRET_KEY)
        : createHmac('sha256', API_SECRET_KEY).update(body).digest('base64')
      : options.hmac;
  if (hmac !== null) headers['X-Shopify-Hmac-Sha256'] = hmac;
  return new Request(`${APP_URL}/webhooks`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

/** Calls a loader or action the way Remix does, returning a thrown Response as the result. */
export async function call<T>(
  fn: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<T>,
  request: Request,
): Promise<T | Response> {
  try {
    return await fn({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
