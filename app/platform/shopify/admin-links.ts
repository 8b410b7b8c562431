/**
 * Links into a shop's Shopify admin: https://admin.shopify.com/store/<handle>,
 * or the devstore's admin shell when Steward runs against the devstore
 * (DEVSTORE_URL, development and tests only). Areas append admin paths
 * ("/orders/123") to it.
 */

export function shopHandle(shop: string): string {
  return shop.replace(/\.myshopify\.com$/, '');
}

/** The shop's admin: Shopify's, or the devstore's shell when `devstoreUrl` is given. */
export function adminBaseUrl(shop: string, devstoreUrl?: string): string {
  const origin = devstoreUrl ? devstoreUrl.replace(/\/$/, '') : 'https://admin.shopify.com';
  return `${origin}/store/${shopHandle(shop)}`;
}
