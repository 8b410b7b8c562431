/**
 * Where an entry's link goes. Entries store a path: a Shopify admin path
 * ("/orders/123") becomes https://admin.shopify.com/store/<handle>/orders/123,
 * or the devstore admin shell's address when Steward runs against the devstore
 * (DEVSTORE_URL, development and tests only); a Steward path ("/app/…") stays
 * inside the app. Anything else (an absolute URL, "//host") is not a link.
 * The admin base comes from app/platform/shopify/admin-links.ts.
 */
import type { ActivityLink } from './types';

export function activityLink(adminBase: string, link: string | null): ActivityLink | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  if (link === '/app' || link.startsWith('/app/') || link.startsWith('/app?')) return { href: link, external: false };
  return { href: `${adminBase}${link}`, external: true };
}
