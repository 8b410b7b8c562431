/**
 * For the inbox's tests: storefront requests as Shopify's app proxy sends
 * them to Steward (/proxy/<path>?…&shop&logged_in_customer_id&path_prefix&
 * timestamp&signature), signed the way @shopify/shopify-api verifies them —
 * every other query parameter as key=value (repeated keys' values joined
 * with ","), sorted by key, concatenated, HMAC-SHA256 in hex with the app's
 * secret — so the library's real check runs, refusals included.
 */
import { createHmac } from 'node:crypto';
import { API_SECRET_KEY, APP_URL } from '@shopify/shopify-api/test-helpers';
import { offlineSession } from '../../../tests/support/installed-app';

export type Signature = 'valid' | 'missing' | 'bad' | 'stale' | 'other-secret';

export interface ProxyRequestOptions {
  shop: string;
  /** logged_in_customer_id as Shopify sends it (anything, for the refusals). */
  customerId?: bigint | number | string | null;
  method?: string;
  /** A string or bytes; objects are sent as URL-encoded fields. */
  body?: string | Uint8Array | Record<string, string>;
  contentType?: string | null;
  /** default: application/json (the blocks' script); 'html' for a no-JS form post. */
  accept?: string;
  /** X-Forwarded-For (default 203.0.113.7). */
  ip?: string | null;
  query?: Record<string, string>;
  signature?: Signature;
  headers?: Record<string, string>;
}

export function appProxySignature(params: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === 'signature') continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const message = [...values]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => `${key}=${list.join(',')}`)
    .join('');
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export function proxyUrl(
  path: string,
  {
    shop,
    customerId = null,
    query = {},
    signature = 'valid',
  }: Pick<ProxyRequestOptions, 'shop' | 'customerId' | 'query' | 'signature'>,
): string {
  const params = new URLSearchParams(query);
  params.set('shop', shop);
  params.set('logged_in_customer_id', customerId === null ? '' : String(customerId));
  params.set('path_prefix', '/apps/steward');
  const now = Math.floor(Date.now() / 1000);
  params.set('timestamp', String(signature === 'stale' ? now - 600 : now));
  if (signature !== 'missing') {
    const secret = signature === 'other-secret' ? 'anotherApiSecretKey' : API_SECRET_KEY;
    const signed = appProxySignature(params, secret);
    params.set('signature', signature === 'bad' ? signed.replace(/^./, (c) => (c === '0' ? '1' : '0')) : signed);
  }
  return `${APP_URL}/proxy/${path}?${params}`;
}

export function proxyRequest(path: string, options: ProxyRequestOptions): Request {
  const method = options.method ?? 'POST';
  const headers = new Headers(options.headers);
  headers.set(
    'Accept',
    options.accept === 'html' ? 'text/html,application/xhtml+xml' : (options.accept ?? 'application/json'),
  );
  if (options.ip !== null) headers.set('X-Forwarded-For', options.ip ?? '203.0.113.7');
  let body: BodyInit | undefined;
  if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
      body = options.body as BodyInit;
      if (options.contentType) headers.set('Content-Type', options.contentType);
    } else {
      body = new URLSearchParams(options.body).toString();
      headers.set('Content-Type', options.contentType ?? 'application/x-www-form-urlencoded');
    }
  }
  if (options.contentType === null) headers.delete('Content-Type');
  return new Request(proxyUrl(path, options), { method, headers, body });
}

/** Steward installed on the shop: its offline session, stored through the app's session storage. */
export async function installShop(shop: string): Promise<void> {
  const { sessionStorage } = await import('~/shopify.server');
  await sessionStorage.storeSession(offlineSession(shop, `shpat_inbox_${shop.split('.')[0]}`));
}

/** Calls a route module's action or loader as Remix does, returning a thrown Response. */
export async function callRoute(
  handler: (args: {
    request: Request;
    params: Record<string, string>;
    context: Record<string, unknown>;
  }) => Promise<Response>,
  request: Request,
): Promise<Response> {
  try {
    return await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
