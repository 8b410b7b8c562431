/**
 * Development and tests only: send the Shopify library's HTTP (token
 * exchange, the gateway's Admin API calls) to the local devstore instead of
 * https://<shop>. Start-up refuses DEVSTORE_URL in production.
 *   https://<shop>/admin/api/2026-10/graphql.json
 *     → <DEVSTORE_URL>/shops/<shop>/admin/api/2026-10/graphql.json
 */
import { abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';

export function devstoreUrlFor(devstoreUrl: string, original: string): string {
  const url = new URL(original);
  const base = devstoreUrl.replace(/\/$/, '');
  return `${base}/shops/${url.host}${url.pathname}${url.search}`;
}

export function routeShopifyToDevstore(devstoreUrl: string): void {
  const platformFetch = abstractFetch;
  setAbstractFetchFunc((input, init) => {
    const original = input instanceof Request ? input.url : String(input);
    if (!original.startsWith('https://')) return platformFetch(input, init);
    const target = devstoreUrlFor(devstoreUrl, original);
    return input instanceof Request ? platformFetch(new Request(target, input), init) : platformFetch(target, init);
  });
}

/**
 * Shopify's library allows only Shopify's admin origins to frame the app
 * (Content-Security-Policy frame-ancestors) and preloads Shopify's App Bridge.
 * With the devstore, its admin shell frames the app too, and the app loads the
 * devstore's App Bridge stand-in instead.
 */
export function allowDevstoreFraming(devstoreUrl: string, headers: Headers): void {
  const policy = headers.get('Content-Security-Policy');
  const origin = new URL(devstoreUrl).origin;
  if (headers.get('Link')?.includes('app-bridge.js')) {
    headers.set('Link', `<${origin}/app-bridge.js>; rel="preload"; as="script";`);
  }
  if (policy?.includes('frame-ancestors') && !policy.includes(origin)) {
    headers.set('Content-Security-Policy', policy.replace('frame-ancestors', `frame-ancestors ${origin}`));
  }
}
