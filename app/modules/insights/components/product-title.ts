/** A product's name for people: its title, or "Product #123" when the mirror does not hold it (custom items, never synced). */
import type { TFunction } from 'i18next';

/** Line items without a product are rolled up under this id (NO_PRODUCT_ID in products.server.ts). */
export const CUSTOM_ITEMS_ID = '0';

export function productTitle(t: TFunction, product: { productId: string; title: string | null }): string {
  if (product.productId === CUSTOM_ITEMS_ID) return t('insights.products.customItems');
  return product.title ?? t('insights.products.untitled', { id: product.productId });
}
