/**
 * Webhook payloads for the catalog: products/create, products/update,
 * products/delete and inventory_levels/update, in the REST shape Shopify's
 * webhooks use (snake_case, numeric ids beside gids, money as strings).
 */
import { gid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { MediaImageRecord, ProductRecord, VariantRecord } from '../state/types';
import { shopTime } from './format';

const present = <T>(value: T | undefined): value is T => value !== undefined;

function available(variant: VariantRecord, state: ShopState): number {
  let sum = 0;
  for (const level of state.inventoryLevels.values())
    if (level.inventoryItemId === variant.inventoryItemId) sum += level.available;
  return sum;
}

function variantPayload(variant: VariantRecord, position: number, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  const quantity = available(variant, state);
  const option = (index: number) => variant.selectedOptions[index]?.value ?? null;
  return {
    admin_graphql_api_id: gid('ProductVariant', variant.id),
    barcode: null,
    compare_at_price: variant.compareAtPrice,
    created_at: shopTime(variant.createdAt, zone),
    id: variant.id,
    inventory_policy: 'deny',
    position,
    price: variant.price,
    product_id: variant.productId,
    sku: variant.sku || null,
    taxable: true,
    title: variant.title,
    updated_at: shopTime(variant.updatedAt, zone),
    option1: option(0) ?? variant.title,
    option2: option(1),
    option3: option(2),
    image_id: null,
    inventory_item_id: variant.inventoryItemId,
    inventory_quantity: quantity,
    old_inventory_quantity: quantity,
  };
}

function imagePayload(media: MediaImageRecord, position: number, src: string, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  return {
    admin_graphql_api_id: gid('ProductImage', media.id),
    alt: media.alt || null,
    created_at: shopTime(media.createdAt, zone),
    height: media.height,
    id: media.id,
    position,
    product_id: media.productId ?? 0,
    src,
    updated_at: shopTime(media.updatedAt, zone),
    variant_ids: [] as number[],
    width: media.width,
  };
}

function mediaPayload(media: MediaImageRecord, position: number, src: string, state: ShopState) {
  const zone = state.shop.ianaTimezone;
  return {
    admin_graphql_api_id: gid('MediaImage', media.id),
    alt: media.alt,
    created_at: shopTime(media.createdAt, zone),
    id: media.id,
    media_content_type: 'IMAGE',
    position,
    preview_image: { height: media.height, src, status: media.status.toLowerCase(), width: media.width },
    product_id: media.productId ?? 0,
    status: media.status.toLowerCase(),
    updated_at: shopTime(media.updatedAt, zone),
    variant_ids: [] as number[],
  };
}

export function productPayload(product: ProductRecord, state: ShopState, baseUrl: string) {
  const zone = state.shop.ianaTimezone;
  const variants = product.variantIds.map((id) => state.variants.get(id)).filter(present);
  const media = product.mediaIds.map((id) => state.media.get(id)).filter(present);
  const src = (record: MediaImageRecord) => `${baseUrl}/cdn/${state.shop.domain}/${record.key}`;
  const images = media.map((record, index) => imagePayload(record, index + 1, src(record), state));
  return {
    admin_graphql_api_id: gid('Product', product.id),
    body_html: product.descriptionHtml,
    created_at: shopTime(product.createdAt, zone),
    handle: product.handle,
    id: product.id,
    product_type: product.productType,
    published_at: shopTime(product.publishedAt, zone),
    template_suffix: null,
    title: product.title,
    updated_at: shopTime(product.updatedAt, zone),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: 'web',
    tags: product.tags.join(', '),
    variants: variants.map((variant, index) => variantPayload(variant, index + 1, state)),
    options: product.options.map((option, index) => ({
      id: product.id * 1000 + index + 1,
      product_id: product.id,
      name: option.name,
      position: index + 1,
      values: option.values,
    })),
    images,
    image: images[0] ?? null,
    media: media.map((record, index) => mediaPayload(record, index + 1, src(record), state)),
    variant_gids: variants.map((variant) => ({
      admin_graphql_api_id: gid('ProductVariant', variant.id),
      updated_at: new Date(variant.updatedAt).toISOString(),
    })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

export function productDeletePayload(productId: number) {
  return { id: productId };
}

export function inventoryLevelPayload(state: ShopState, levelId: number) {
  const level = state.inventoryLevels.get(levelId);
  if (!level) return null;
  return {
    inventory_item_id: level.inventoryItemId,
    location_id: level.locationId,
    available: level.available,
    updated_at: shopTime(level.updatedAt, state.shop.ianaTimezone),
    admin_graphql_api_id: gid('InventoryLevel', `${level.id}?inventory_item_id=${level.inventoryItemId}`),
  };
}
