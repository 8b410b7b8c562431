/**
 * Catalog records as the Admin API's objects: Product, ProductVariant and
 * Collection (inventory and locations are in catalog-inventory.ts), with their
 * connections (search fields and sort keys as Shopify names them). Relations
 * are functions, so a node costs nothing until a query asks for them.
 */
import { connection, type ConnectionArgs } from '../engine/connection';
import { gid, parseGid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type * as R from '../state/types';
import type { DevstoreContext } from './context';
import { inventoryItemNode } from './catalog-inventory';
import { mediaImageNode } from './catalog-media';
import { metafieldFields } from './catalog-metafields';
import { fixed, moneyV2 } from './money';

type Args = Record<string, unknown>;

const present = <T>(value: T | undefined): value is T => value !== undefined;

export const count = (value: number, limit?: number | null) =>
  limit != null && value > limit ? { count: limit, precision: 'AT_LEAST' } : { count: value, precision: 'EXACT' };

export const numericId = (value: unknown) => Number(parseGid(String(value))?.id ?? Number.NaN);

/** HTML as the plain text Shopify's `description` returns. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6])\s*\/?>/gi, '$& ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(text: string, length: number | null | undefined): string {
  if (length == null || text.length <= length) return text;
  return `${text.slice(0, Math.max(length - 3, 0))}...`;
}

// Option and option value ids are derived from the product id and positions.
export const optionId = (productId: number, position: number) => gid('ProductOption', productId * 1000 + position);
export const optionValueId = (productId: number, position: number, index: number) =>
  gid('ProductOptionValue', productId * 1_000_000 + position * 1000 + index + 1);

export function levelsOf(itemId: number, state: ShopState): R.InventoryLevelRecord[] {
  return [...state.inventoryLevels.values()].filter((level) => level.inventoryItemId === itemId);
}

function variantsOf(product: R.ProductRecord, state: ShopState): R.VariantRecord[] {
  return product.variantIds.map((id) => state.variants.get(id)).filter(present);
}

function availableOf(variant: R.VariantRecord, state: ShopState): number {
  return levelsOf(variant.inventoryItemId, state).reduce((sum, level) => sum + level.available, 0);
}

const isTracked = (variant: R.VariantRecord, state: ShopState) =>
  state.inventoryItems.get(variant.inventoryItemId)?.tracked ?? false;

function optionValueNode(product: R.ProductRecord, position: number, index: number, name: string, state: ShopState) {
  const optionName = product.options[position - 1]?.name;
  return {
    __typename: 'ProductOptionValue',
    id: optionValueId(product.id, position, index),
    name,
    hasVariants: () =>
      variantsOf(product, state).some((v) => v.selectedOptions.some((o) => o.name === optionName && o.value === name)),
    swatch: null,
  };
}

function optionNodes(product: R.ProductRecord, state: ShopState) {
  return product.options.map((option, index) => ({
    __typename: 'ProductOption',
    id: optionId(product.id, index + 1),
    name: option.name,
    position: index + 1,
    values: [...option.values],
    optionValues: option.values.map((value, valueIndex) =>
      optionValueNode(product, index + 1, valueIndex, value, state),
    ),
  }));
}

export function onlineStoreUrl(product: R.ProductRecord, state: ShopState): string | null {
  if (product.status !== 'ACTIVE' || !product.publishedAt) return null;
  const { host, sslEnabled } = state.shop.primaryDomain;
  return `${sslEnabled ? 'https' : 'http'}://${host}/products/${product.handle}`;
}

const isDefaultOnly = (product: R.ProductRecord) =>
  product.variantIds.length === 1 &&
  product.options.length === 1 &&
  product.options[0]?.name === 'Title' &&
  product.options[0].values.join() === 'Default Title';

function priceRange(variants: R.VariantRecord[], currency: string) {
  const prices = variants.map((variant) => Number(variant.price));
  return {
    minVariantPrice: moneyV2(prices.length ? Math.min(...prices) : 0, currency),
    maxVariantPrice: moneyV2(prices.length ? Math.max(...prices) : 0, currency),
  };
}

export function totalInventory(product: R.ProductRecord, state: ShopState): number {
  return variantsOf(product, state)
    .filter((variant) => isTracked(variant, state))
    .reduce((sum, variant) => sum + availableOf(variant, state), 0);
}

function productMedia(product: R.ProductRecord, args: Args, context: DevstoreContext) {
  const media = product.mediaIds.map((id) => context.state.media.get(id)).filter(present);
  const position = new Map(product.mediaIds.map((id, index) => [id, index]));
  return connection(media, args as ConnectionArgs, {
    id: (record) => gid('MediaImage', record.id),
    node: (record) => mediaImageNode(record, context),
    defaultSortKey: 'POSITION',
    sortKeys: { POSITION: (record) => position.get(record.id) ?? 0 },
    searchFields: { media_type: () => 'IMAGE', status: (record) => record.status, alt: (record) => record.alt },
    searchText: (record) => record.alt,
  });
}

export function productNode(product: R.ProductRecord, context: DevstoreContext) {
  const { state } = context;
  const variants = () => variantsOf(product, state);
  const firstMedia = () => product.mediaIds.map((id) => state.media.get(id)).find(present);
  return {
    __typename: 'Product',
    id: gid('Product', product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.descriptionHtml,
    description: (args: Args) => truncate(plainText(product.descriptionHtml), args.truncateAt as number | null),
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: [...product.tags],
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    publishedAt: product.publishedAt,
    onlineStoreUrl: onlineStoreUrl(product, state),
    isGiftCard: false,
    seo: { ...product.seo },
    options: (args: Args) => optionNodes(product, state).slice(0, (args.first as number | null) ?? undefined),
    totalInventory: () => totalInventory(product, state),
    tracksInventory: () => variants().some((variant) => isTracked(variant, state)),
    hasOnlyDefaultVariant: isDefaultOnly(product),
    hasOutOfStockVariants: () =>
      variants().some((variant) => isTracked(variant, state) && availableOf(variant, state) <= 0),
    priceRangeV2: () => priceRange(variants(), state.shop.currencyCode),
    variantsCount: count(product.variantIds.length),
    mediaCount: count(product.mediaIds.length),
    featuredMedia: () => {
      const media = firstMedia();
      return media ? mediaImageNode(media, context) : null;
    },
    media: (args: Args) => productMedia(product, args, context),
    variants: (args: Args) => variantConnection(variants(), args, context, 'POSITION'),
    collections: (args: Args) =>
      collectionConnection(
        [...state.collections.values()].filter((c) => c.productIds.includes(product.id)),
        args,
        context,
      ),
    inCollection: (args: Args) => state.collections.get(numericId(args.id))?.productIds.includes(product.id) ?? false,
    ...metafieldFields(gid('Product', product.id), context),
  };
}

/** Search fields and default text of a connection, also used by its count. */
export interface Search<T> {
  searchFields: Record<string, (item: T) => unknown>;
  searchText: (item: T) => string;
}

export const productSearch = (state: ShopState): Search<R.ProductRecord> => ({
  searchFields: {
    id: (p: R.ProductRecord) => p.id,
    title: (p: R.ProductRecord) => p.title,
    handle: (p: R.ProductRecord) => p.handle,
    status: (p: R.ProductRecord) => p.status,
    tag: (p: R.ProductRecord) => p.tags,
    tag_not: (p: R.ProductRecord) => p.tags,
    vendor: (p: R.ProductRecord) => p.vendor,
    product_type: (p: R.ProductRecord) => p.productType,
    created_at: (p: R.ProductRecord) => p.createdAt,
    updated_at: (p: R.ProductRecord) => p.updatedAt,
    published_at: (p: R.ProductRecord) => p.publishedAt,
    published_status: (p: R.ProductRecord) => (p.publishedAt ? 'published' : 'unpublished'),
    sku: (p: R.ProductRecord) => variantsOf(p, state).map((variant) => variant.sku),
    inventory_total: (p: R.ProductRecord) => totalInventory(p, state),
    collection_id: (p: R.ProductRecord) =>
      [...state.collections.values()].filter((c) => c.productIds.includes(p.id)).map((c) => c.id),
  },
  searchText: (p) => `${p.title} ${p.vendor} ${p.productType} ${p.tags.join(' ')}`,
});

type ProductSortKey = (product: R.ProductRecord) => string | number;

export function productConnection(
  products: R.ProductRecord[],
  args: Args,
  context: DevstoreContext,
  extraSortKeys: Record<string, ProductSortKey> = {},
) {
  const { state } = context;
  const inventory = new Map<number, number>();
  const inventoryOf = (p: R.ProductRecord) =>
    inventory.get(p.id) ?? inventory.set(p.id, totalInventory(p, state)).get(p.id) ?? 0;
  return connection(products, args as ConnectionArgs, {
    id: (p) => gid('Product', p.id),
    node: (p) => productNode(p, context),
    sortKeys: {
      TITLE: (p) => p.title.toLowerCase(),
      CREATED_AT: (p) => p.createdAt,
      UPDATED_AT: (p) => p.updatedAt,
      PUBLISHED_AT: (p) => p.publishedAt ?? '',
      PRODUCT_TYPE: (p) => p.productType.toLowerCase(),
      VENDOR: (p) => p.vendor.toLowerCase(),
      INVENTORY_TOTAL: inventoryOf,
      RELEVANCE: (p) => p.id,
      ...extraSortKeys,
    },
    ...productSearch(state),
  });
}

export function variantNode(variant: R.VariantRecord, context: DevstoreContext) {
  const { state } = context;
  const product = () => state.products.get(variant.productId);
  const item = state.inventoryItems.get(variant.inventoryItemId);
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: () => `${product()?.title ?? ''} - ${variant.title}`,
    sku: variant.sku,
    price: fixed(variant.price),
    compareAtPrice: variant.compareAtPrice === null ? null : fixed(variant.compareAtPrice),
    position: () => (product()?.variantIds.indexOf(variant.id) ?? 0) + 1,
    selectedOptions: () => {
      const owner = product();
      return variant.selectedOptions.map((selected) => {
        const position = (owner?.options.findIndex((option) => option.name === selected.name) ?? -1) + 1;
        const index = owner?.options[position - 1]?.values.indexOf(selected.value) ?? -1;
        return {
          name: selected.name,
          value: selected.value,
          optionValue: owner ? optionValueNode(owner, position, index, selected.value, state) : null,
        };
      });
    },
    inventoryQuantity: () => availableOf(variant, state),
    inventoryPolicy: 'DENY',
    availableForSale: () => product()?.status === 'ACTIVE' && (!item?.tracked || availableOf(variant, state) > 0),
    inventoryItem: () => (item ? inventoryItemNode(item, context) : null),
    product: () => {
      const owner = product();
      return owner ? productNode(owner, context) : null;
    },
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    ...metafieldFields(gid('ProductVariant', variant.id), context),
  };
}

export const variantSearch = (state: ShopState): Search<R.VariantRecord> => ({
  searchFields: {
    id: (v: R.VariantRecord) => v.id,
    sku: (v: R.VariantRecord) => v.sku,
    title: (v: R.VariantRecord) => v.title,
    product_id: (v: R.VariantRecord) => v.productId,
    created_at: (v: R.VariantRecord) => v.createdAt,
    updated_at: (v: R.VariantRecord) => v.updatedAt,
    product_status: (v: R.VariantRecord) => state.products.get(v.productId)?.status,
    inventory_quantity: (v: R.VariantRecord) => availableOf(v, state),
  },
  searchText: (v) => `${v.title} ${v.sku}`,
});

export function variantConnection(
  variants: R.VariantRecord[],
  args: Args,
  context: DevstoreContext,
  defaultSortKey = 'ID',
) {
  const { state } = context;
  return connection(variants, args as ConnectionArgs, {
    id: (v) => gid('ProductVariant', v.id),
    node: (v) => variantNode(v, context),
    defaultSortKey,
    sortKeys: {
      POSITION: (v) => state.products.get(v.productId)?.variantIds.indexOf(v.id) ?? 0,
      SKU: (v) => v.sku,
      TITLE: (v) => v.title.toLowerCase(),
      FULL_TITLE: (v) => `${state.products.get(v.productId)?.title ?? ''} ${v.title}`.toLowerCase(),
      INVENTORY_QUANTITY: (v) => availableOf(v, state),
      RELEVANCE: (v) => v.id,
    },
    ...variantSearch(state),
  });
}

export function collectionNode(collection: R.CollectionRecord, context: DevstoreContext) {
  const { state } = context;
  const products = () => collection.productIds.map((id) => state.products.get(id)).filter(present);
  const position = new Map(collection.productIds.map((id, index) => [id, index]));
  const manual = (p: R.ProductRecord) => position.get(p.id) ?? 0;
  return {
    __typename: 'Collection',
    id: gid('Collection', collection.id),
    legacyResourceId: String(collection.id),
    title: collection.title,
    handle: collection.handle,
    descriptionHtml: collection.descriptionHtml,
    description: (args: Args) => truncate(plainText(collection.descriptionHtml), args.truncateAt as number | null),
    updatedAt: collection.updatedAt,
    seo: { ...collection.seo },
    sortOrder: 'MANUAL',
    productsCount: () => count(products().length),
    hasProduct: (args: Args) => collection.productIds.includes(numericId(args.id)),
    products: (args: Args) =>
      productConnection(products(), { ...args, sortKey: args.sortKey ?? 'COLLECTION_DEFAULT' }, context, {
        COLLECTION_DEFAULT: manual,
        MANUAL: manual,
        CREATED: (p: R.ProductRecord) => p.createdAt,
      }),
    ...metafieldFields(gid('Collection', collection.id), context),
  };
}

export const COLLECTION_SEARCH: Search<R.CollectionRecord> = {
  searchFields: {
    id: (c: R.CollectionRecord) => c.id,
    title: (c: R.CollectionRecord) => c.title,
    handle: (c: R.CollectionRecord) => c.handle,
    updated_at: (c: R.CollectionRecord) => c.updatedAt,
    product_id: (c: R.CollectionRecord) => c.productIds,
    collection_type: () => 'custom',
  },
  searchText: (c) => c.title,
};

export function collectionConnection(collections: R.CollectionRecord[], args: Args, context: DevstoreContext) {
  return connection(collections, args as ConnectionArgs, {
    id: (c) => gid('Collection', c.id),
    node: (c) => collectionNode(c, context),
    sortKeys: { TITLE: (c) => c.title.toLowerCase(), UPDATED_AT: (c) => c.updatedAt, RELEVANCE: (c) => c.id },
    ...COLLECTION_SEARCH,
  });
}
