/**
 * Shopify's app proxy, as the devstore plays it: a storefront request to
 * /apps/<subpath>/<path> is forwarded to the app's proxy URL (shopify.app.toml's
 * [app_proxy] url, on the app's real base URL) + /<path>, with the original query
 * plus what Shopify adds:
 *
 *   shop                    the shop's myshopify domain
 *   logged_in_customer_id   the signed-in customer's id, or empty
 *   path_prefix             /<prefix>/<subpath> (/apps/steward)
 *   timestamp               seconds since the epoch
 *   signature               HMAC-SHA256 (hex, the app's secret) of every other parameter as
 *                           "key=value" (several values joined with ","), sorted, joined with nothing
 *
 * As on Shopify, the Cookie header is not forwarded, nor Set-Cookie returned; the
 * visitor's address goes in X-Forwarded-For. Redirects to the shop's own paths
 * come back rewritten to the devstore's storefront path for the shop
 * (/shops/<shop>/…), and an application/liquid answer is rendered in the theme
 * (see ./index.ts).
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { parse } from 'smol-toml';

export interface AppProxyConfig {
  /** /apps/steward: where the storefront reaches the app. */
  pathPrefix: string;
  /** The proxy URL's path on the app (/proxy). */
  appPath: string;
}

const DEFAULT_TOML = new URL('../../shopify.app.toml', import.meta.url);

export function readAppProxyConfig(tomlPath: string | URL = DEFAULT_TOML): AppProxyConfig {
  const config = parse(fs.readFileSync(tomlPath, 'utf8')) as {
    application_url?: string;
    app_proxy?: { url?: string; prefix?: string; subpath?: string };
  };
  const proxy = config.app_proxy;
  if (!proxy?.url || !proxy.prefix || !proxy.subpath) throw new Error('shopify.app.toml has no complete [app_proxy]');
  // The url is absolute on the app's configured host (or relative to application_url).
  const url = new URL(proxy.url, config.application_url);
  return { pathPrefix: `/${proxy.prefix}/${proxy.subpath}`, appPath: url.pathname.replace(/\/+$/, '') };
}

/**
 * Shopify's algorithm (its documentation's Ruby: `query_hash.map { "#{k}=#{Array(v).join(',')}" }.sort.join`).
 * @shopify/shopify-api sorts by key with localeCompare instead; the two agree for the
 * parameters Shopify adds and for any keys of lower-case letters and underscores, which
 * is what app-proxy.test.ts checks, but not when one key is another followed by a digit
 * or when keys differ in case.
 */
export function appProxySignature(params: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === 'signature') continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const message = [...values]
    .map(([key, list]) => `${key}=${list.join(',')}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join('');
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export interface ProxyQueryInput {
  /** The storefront request's own query. */
  query: URLSearchParams;
  shop: string;
  customerId: number | null;
  pathPrefix: string;
  secret: string;
  /** Seconds since the epoch (default: now). */
  timestamp?: number;
}

/** The query Shopify sends to the app: the original one, Shopify's parameters (replacing any the visitor sent), signed. */
export function appProxyQuery(input: ProxyQueryInput): URLSearchParams {
  const params = new URLSearchParams();
  const added = {
    shop: input.shop,
    logged_in_customer_id: input.customerId === null ? '' : String(input.customerId),
    path_prefix: input.pathPrefix,
    timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  for (const [key, value] of input.query) if (!(key in added) && key !== 'signature') params.append(key, value);
  for (const [key, value] of Object.entries(added)) params.append(key, value);
  params.append('signature', appProxySignature(params, input.secret));
  return params;
}

/** Request headers passed on to the app (Cookie and the rest are not). */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent'];
/** Response headers passed back to the browser (Set-Cookie is not). */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after', 'content-language'];
/** Larger bodies are refused here; the app's own limits are far below. */
export const MAX_PROXIED_BODY_BYTES = 10 * 1024 * 1024;

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set when the app answered application/liquid: the storefront renders it in the theme. */
  liquid: string | null;
}

export interface ForwardInput {
  req: http.IncomingMessage;
  body: Buffer;
  /** The path after the prefix, with its leading slash ('' for the prefix itself). */
  path: string;
  query: URLSearchParams;
  shop: string;
  customerId: number | null;
  appUrl: string;
  secret: string;
  config: AppProxyConfig;
  /** Where the shop's storefront lives on the devstore (/shops/<shop>): redirects are rewritten into it. */
  storefrontBase: string;
}

/** The visitor's address, as Shopify passes it on. */
function clientAddress(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/** A Location on the shop (relative, or absolute on its domain) → the same place on the devstore storefront. */
export function storefrontLocation(location: string, shop: string, storefrontBase: string): string {
  if (location.startsWith('/') && !location.startsWith('//')) return `${storefrontBase}${location}`;
  if (URL.canParse(location)) {
    const url = new URL(location);
    if (url.hostname === shop) return `${storefrontBase}${url.pathname}${url.search}${url.hash}`;
  }
  return location;
}

export async function forwardToApp(input: ForwardInput): Promise<ProxyAnswer> {
  const { req } = input;
  const query = appProxyQuery({
    query: input.query,
    shop: input.shop,
    customerId: input.customerId,
    pathPrefix: input.config.pathPrefix,
    secret: input.secret,
  });
  const target = `${input.appUrl.replace(/\/+$/, '')}${input.config.appPath}${input.path}?${query}`;
  const headers = new Headers({ 'X-Forwarded-For': clientAddress(req) });
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const response = await fetch(target, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(input.body),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const answer: ProxyAnswer = {
    status: response.status,
    headers: {},
    body: Buffer.from(await response.arrayBuffer()),
    liquid: null,
  };
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) answer.headers[name] = value;
  }
  const location = response.headers.get('location');
  if (location !== null) answer.headers.location = storefrontLocation(location, input.shop, input.storefrontBase);
  if (/^application\/liquid\b/i.test(answer.headers['content-type'] ?? '')) {
    answer.liquid = answer.body.toString('utf8');
  }
  return answer;
}
