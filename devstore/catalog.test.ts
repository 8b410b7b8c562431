import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ShopState } from './state/shop-state';
import type { MediaImageRecord, MetafieldRecord, ProductRecord } from './state/types';
import { emptyShop, gql, orderRecord } from './test-support';

const CDN = 'http://devstore.test/cdn/test-shop.myshopify.com';

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
}

function product(id: number, fields: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id,
    title: `Product ${id}`,
    handle: `product-${id}`,
    descriptionHtml: '',
    vendor: 'Acme',
    productType: 'Gear',
    status: 'ACTIVE',
    tags: [],
    seo: { title: null, description: null },
    options: [{ name: 'Title', values: ['Default Title'] }],
    mediaIds: [],
    variantIds: [],
    createdAt: `2025-01-0${id % 10}T10:00:00.000Z`,
    updatedAt: `2025-02-0${id % 10}T10:00:00.000Z`,
    publishedAt: '2025-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** Five products; product 101 has two variants with inventory in two locations, two images and a metafield. */
async function catalogShop(): Promise<ShopState> {
  const state = emptyShop();
  const products = [
    product(101, {
      title: 'Camp Stove',
      handle: 'camp-stove',
      descriptionHtml: '<p>Boils <strong>fast</strong> &amp; folds.</p>',
      tags: ['outdoor', 'sale'],
      seo: { title: 'Stove SEO', description: null },
      options: [{ name: 'Size', values: ['S', 'L'] }],
      mediaIds: [501, 502],
      variantIds: [201, 202],
    }),
    product(102, { title: 'Alpine Jacket', vendor: 'Zeta', status: 'DRAFT', publishedAt: null, tags: ['outdoor'] }),
    product(103, { title: 'Camp Mug', productType: 'Kitchen' }),
    product(104, { title: 'Beach Towel', status: 'ARCHIVED', tags: ['summer'] }),
    product(105, { title: 'Down Vest', vendor: 'Beta' }),
  ];
  for (const record of products) state.products.set(record.id, record);
  const variant = (id: number, size: string, price: string, itemId: number) => ({
    id,
    productId: 101,
    title: size,
    sku: `STOVE-${size}`,
    price,
    compareAtPrice: size === 'S' ? '40' : null,
    selectedOptions: [{ name: 'Size', value: size }],
    inventoryItemId: itemId,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  });
  state.variants.set(201, variant(201, 'S', '35.5', 301));
  state.variants.set(202, variant(202, 'L', '45', 302));
  const item = (id: number, variantId: number, sku: string, unitCost: string | null) => ({
    id,
    variantId,
    sku,
    unitCost,
    tracked: true,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  });
  state.inventoryItems.set(301, item(301, 201, 'STOVE-S', '12.4'));
  state.inventoryItems.set(302, item(302, 202, 'STOVE-L', null));
  state.locations.set(11, { id: 11, name: 'Warehouse', isActive: true, address: { city: 'Lyon', countryCode: 'FR' } });
  state.locations.set(12, {
    id: 12,
    name: 'Shop floor',
    isActive: true,
    address: { city: 'Paris', countryCode: 'FR' },
  });
  const level = (id: number, inventoryItemId: number, locationId: number, available: number) => ({
    id,
    inventoryItemId,
    locationId,
    available,
    updatedAt: '2025-01-03T10:00:00.000Z',
  });
  state.inventoryLevels.set(401, level(401, 301, 11, 7));
  state.inventoryLevels.set(402, level(402, 301, 12, 3));
  state.inventoryLevels.set(403, level(403, 302, 11, 0));
  state.files.set('products/camp-stove-1.png', { bytes: await png(40, 30), mimeType: 'image/png' });
  const media = (id: number, key: string, alt: string) => ({
    id,
    productId: 101,
    alt,
    key,
    width: 40,
    height: 30,
    mimeType: 'image/png',
    fileSize: 100,
    status: 'READY' as const,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  });
  state.media.set(501, media(501, 'products/camp-stove-1.png', 'Stove, front'));
  state.media.set(502, media(502, 'products/camp-stove-2.png', ''));
  state.collections.set(601, {
    id: 601,
    title: 'Camping',
    handle: 'camping',
    descriptionHtml: '<p>Tents &amp; more</p>',
    productIds: [103, 101],
    seo: { title: null, description: null },
    updatedAt: '2025-01-05T10:00:00.000Z',
  });
  state.metafields.set(701, {
    id: 701,
    ownerId: 'gid://shopify/Product/101',
    namespace: 'specs',
    key: 'weight',
    type: 'number_integer',
    value: '850',
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  });
  return state;
}

let state: ShopState;
beforeEach(async () => {
  state = await catalogShop();
});

async function ok(query: string, variables?: Record<string, unknown>) {
  const result = await gql(state, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const titles = (connection: { nodes: { title: string }[] }) => connection.nodes.map((node) => node.title);

describe('devstore catalog queries', () => {
  it('answers a product with its variants, inventory levels, unit cost, media and metafield', async () => {
    const data = await ok(`{ product(id: "gid://shopify/Product/101") {
      id legacyResourceId title handle description descriptionHtml status tags onlineStoreUrl
      seo { title description } totalInventory tracksInventory hasOnlyDefaultVariant
      variantsCount { count precision } mediaCount { count precision }
      options { name values optionValues { name hasVariants } }
      featuredMedia { ... on MediaImage { id alt } }
      media(first: 5) { nodes { mediaContentType status alt ... on MediaImage { image { url altText width height } } } }
      variants(first: 5) { nodes { id title displayName sku price compareAtPrice inventoryQuantity
        selectedOptions { name value }
        inventoryItem { id sku tracked unitCost { amount currencyCode }
          inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } } } }
      collections(first: 5) { nodes { title } }
      metafield(namespace: "specs", key: "weight") { value jsonValue type ownerType }
    } }`);
    expect(data.product).toEqual({
      id: 'gid://shopify/Product/101',
      legacyResourceId: '101',
      title: 'Camp Stove',
      handle: 'camp-stove',
      description: 'Boils fast & folds.',
      descriptionHtml: '<p>Boils <strong>fast</strong> &amp; folds.</p>',
      status: 'ACTIVE',
      tags: ['outdoor', 'sale'],
      onlineStoreUrl: 'https://test-shop.example/products/camp-stove',
      seo: { title: 'Stove SEO', description: null },
      totalInventory: 10,
      tracksInventory: true,
      hasOnlyDefaultVariant: false,
      variantsCount: { count: 2, precision: 'EXACT' },
      mediaCount: { count: 2, precision: 'EXACT' },
      options: [
        {
          name: 'Size',
          values: ['S', 'L'],
          optionValues: [
            { name: 'S', hasVariants: true },
            { name: 'L', hasVariants: true },
          ],
        },
      ],
      featuredMedia: { id: 'gid://shopify/MediaImage/501', alt: 'Stove, front' },
      media: {
        nodes: [
          {
            mediaContentType: 'IMAGE',
            status: 'READY',
            alt: 'Stove, front',
            image: { url: `${CDN}/products/camp-stove-1.png`, altText: 'Stove, front', width: 40, height: 30 },
          },
          {
            mediaContentType: 'IMAGE',
            status: 'READY',
            alt: '',
            image: { url: `${CDN}/products/camp-stove-2.png`, altText: null, width: 40, height: 30 },
          },
        ],
      },
      variants: {
        nodes: [
          {
            id: 'gid://shopify/ProductVariant/201',
            title: 'S',
            displayName: 'Camp Stove - S',
            sku: 'STOVE-S',
            price: '35.50',
            compareAtPrice: '40.00',
            inventoryQuantity: 10,
            selectedOptions: [{ name: 'Size', value: 'S' }],
            inventoryItem: {
              id: 'gid://shopify/InventoryItem/301',
              sku: 'STOVE-S',
              tracked: true,
              unitCost: { amount: '12.40', currencyCode: 'USD' },
              inventoryLevels: {
                nodes: [
                  {
                    location: { name: 'Warehouse' },
                    quantities: [
                      { name: 'available', quantity: 7 },
                      { name: 'on_hand', quantity: 7 },
                      { name: 'committed', quantity: 0 },
                    ],
                  },
                  {
                    location: { name: 'Shop floor' },
                    quantities: [
                      { name: 'available', quantity: 3 },
                      { name: 'on_hand', quantity: 3 },
                      { name: 'committed', quantity: 0 },
                    ],
                  },
                ],
              },
            },
          },
          {
            id: 'gid://shopify/ProductVariant/202',
            title: 'L',
            displayName: 'Camp Stove - L',
            sku: 'STOVE-L',
            price: '45.00',
            compareAtPrice: null,
            inventoryQuantity: 0,
            selectedOptions: [{ name: 'Size', value: 'L' }],
            inventoryItem: {
              id: 'gid://shopify/InventoryItem/302',
              sku: 'STOVE-L',
              tracked: true,
              unitCost: null,
              inventoryLevels: {
                nodes: [
                  {
                    location: { name: 'Warehouse' },
                    quantities: [
                      { name: 'available', quantity: 0 },
                      { name: 'on_hand', quantity: 0 },
                      { name: 'committed', quantity: 0 },
                    ],
                  },
                ],
              },
            },
          },
        ],
      },
      collections: { nodes: [{ title: 'Camping' }] },
      metafield: { value: '850', jsonValue: 850, type: 'number_integer', ownerType: 'PRODUCT' },
    });
  });

  it('pages through products with first/after, visiting each exactly once, and back with last/before', async () => {
    const query = `query Page($after: String) { products(first: 2, after: $after) {
      nodes { legacyResourceId } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await ok(query, { after });
      seen.push(...data.products.nodes.map((node: { legacyResourceId: string }) => node.legacyResourceId));
      pages.push(data.products.pageInfo.hasPreviousPage);
      if (!data.products.pageInfo.hasNextPage) break;
      after = data.products.pageInfo.endCursor;
    }
    expect(seen).toEqual(['101', '102', '103', '104', '105']);
    expect(pages).toEqual([false, true, true]);

    const last = await ok(
      '{ products(last: 2) { nodes { legacyResourceId } pageInfo { hasPreviousPage startCursor } } }',
    );
    expect(last.products.nodes).toEqual([{ legacyResourceId: '104' }, { legacyResourceId: '105' }]);
    const before = await ok(
      'query($before: String) { products(last: 2, before: $before) { nodes { legacyResourceId } pageInfo { hasPreviousPage hasNextPage } } }',
      {
        before: last.products.pageInfo.startCursor,
      },
    );
    expect(before.products).toEqual({
      nodes: [{ legacyResourceId: '102' }, { legacyResourceId: '103' }],
      pageInfo: { hasPreviousPage: true, hasNextPage: true },
    });
  });

  it('filters products with Shopify query syntax and counts them', async () => {
    const data = await ok(`{
      active: products(first: 10, query: "status:active") { nodes { title } }
      tagged: products(first: 10, query: "tag:outdoor") { nodes { title } }
      recent: products(first: 10, query: "updated_at:>'2025-02-03T12:00:00Z'") { nodes { title } }
      prefix: products(first: 10, query: "title:camp*") { nodes { title } }
      sku: products(first: 10, query: "sku:STOVE-L") { nodes { title } }
      both: products(first: 10, query: "tag:outdoor AND status:draft") { nodes { title } }
      activeCount: productsCount(query: "status:active") { count precision }
      capped: productsCount(limit: 2) { count precision }
    }`);
    expect(titles(data.active)).toEqual(['Camp Stove', 'Camp Mug', 'Down Vest']);
    expect(titles(data.tagged)).toEqual(['Camp Stove', 'Alpine Jacket']);
    expect(titles(data.recent)).toEqual(['Beach Towel', 'Down Vest']);
    expect(titles(data.prefix)).toEqual(['Camp Stove', 'Camp Mug']);
    expect(titles(data.sku)).toEqual(['Camp Stove']);
    expect(titles(data.both)).toEqual(['Alpine Jacket']);
    expect(data.activeCount).toEqual({ count: 3, precision: 'EXACT' });
    expect(data.capped).toEqual({ count: 2, precision: 'AT_LEAST' });
  });

  it('sorts products by sort key, reversed on request', async () => {
    const data = await ok(`{
      byTitle: products(first: 10, sortKey: TITLE) { nodes { title } }
      byVendorReversed: products(first: 3, sortKey: VENDOR, reverse: true) { nodes { title } }
      byInventory: products(first: 1, sortKey: INVENTORY_TOTAL, reverse: true) { nodes { title totalInventory } }
    }`);
    expect(titles(data.byTitle)).toEqual(['Alpine Jacket', 'Beach Towel', 'Camp Mug', 'Camp Stove', 'Down Vest']);
    expect(titles(data.byVendorReversed)).toEqual(['Alpine Jacket', 'Down Vest', 'Beach Towel']);
    expect(data.byInventory.nodes).toEqual([{ title: 'Camp Stove', totalInventory: 10 }]);
  });

  it('finds every catalog type by gid through node and nodes', async () => {
    const ids = [
      'gid://shopify/Product/103',
      'gid://shopify/ProductVariant/202',
      'gid://shopify/InventoryItem/301',
      'gid://shopify/InventoryLevel/402',
      'gid://shopify/Location/12',
      'gid://shopify/MediaImage/501',
      'gid://shopify/Collection/601',
      'gid://shopify/Metafield/701',
      'gid://shopify/Product/999',
    ];
    const data = await ok(
      `query($ids: [ID!]!) { node(id: "gid://shopify/Product/105") { id ... on Product { title } }
        nodes(ids: $ids) { __typename id
          ... on Product { title } ... on ProductVariant { sku } ... on InventoryItem { sku }
          ... on InventoryLevel { location { name } } ... on Location { name address { city countryCode } }
          ... on MediaImage { alt } ... on Collection { title productsCount { count } } ... on Metafield { key } } }`,
      { ids },
    );
    expect(data.node).toEqual({ id: 'gid://shopify/Product/105', title: 'Down Vest' });
    expect(data.nodes).toEqual([
      { __typename: 'Product', id: 'gid://shopify/Product/103', title: 'Camp Mug' },
      { __typename: 'ProductVariant', id: 'gid://shopify/ProductVariant/202', sku: 'STOVE-L' },
      { __typename: 'InventoryItem', id: 'gid://shopify/InventoryItem/301', sku: 'STOVE-S' },
      {
        __typename: 'InventoryLevel',
        id: 'gid://shopify/InventoryLevel/402?inventory_item_id=301',
        location: { name: 'Shop floor' },
      },
      {
        __typename: 'Location',
        id: 'gid://shopify/Location/12',
        name: 'Shop floor',
        address: { city: 'Paris', countryCode: 'FR' },
      },
      { __typename: 'MediaImage', id: 'gid://shopify/MediaImage/501', alt: 'Stove, front' },
      { __typename: 'Collection', id: 'gid://shopify/Collection/601', title: 'Camping', productsCount: { count: 2 } },
      { __typename: 'Metafield', id: 'gid://shopify/Metafield/701', key: 'weight' },
      null,
    ]);
  });

  it('answers collections, variants, inventory items, locations and identifiers with their filters', async () => {
    const data = await ok(`{
      collections(first: 5, query: "title:camping") { nodes { title description products(first: 5) { nodes { title } } } }
      productVariants(first: 5, query: "sku:STOVE-S") { nodes { id product { title } } }
      inventoryItems(first: 5, query: "sku:STOVE-L") { nodes { id variants(first: 1) { nodes { title } } } }
      locations(first: 5, sortKey: NAME) { nodes { name } }
      productByIdentifier(identifier: { handle: "product-103" }) { title }
      location(id: "gid://shopify/Location/11") { inventoryLevel(inventoryItemId: "gid://shopify/InventoryItem/301") { quantities(names: ["available"]) { quantity } } }
      inventoryItem(id: "gid://shopify/InventoryItem/301") { inventoryLevel(locationId: "gid://shopify/Location/12") { quantities(names: ["available"]) { quantity } } }
    }`);
    expect(data).toEqual({
      collections: {
        nodes: [
          {
            title: 'Camping',
            description: 'Tents & more',
            products: { nodes: [{ title: 'Camp Mug' }, { title: 'Camp Stove' }] },
          },
        ],
      },
      productVariants: { nodes: [{ id: 'gid://shopify/ProductVariant/201', product: { title: 'Camp Stove' } }] },
      inventoryItems: { nodes: [{ id: 'gid://shopify/InventoryItem/302', variants: { nodes: [{ title: 'L' }] } }] },
      locations: { nodes: [{ name: 'Shop floor' }, { name: 'Warehouse' }] },
      productByIdentifier: { title: 'Camp Mug' },
      location: { inventoryLevel: { quantities: [{ quantity: 7 }] } },
      inventoryItem: { inventoryLevel: { quantities: [{ quantity: 3 }] } },
    });
  });

  it('reads metafields by namespace', async () => {
    state.metafields.set(702, {
      ...(state.metafields.get(701) as MetafieldRecord),
      id: 702,
      namespace: 'care',
      key: 'wash',
      type: 'single_line_text_field',
      value: 'cold',
    });
    const data = await ok(`{ product(id: "gid://shopify/Product/101") {
      care: metafields(first: 5, namespace: "care") { nodes { namespace key value } }
      all: metafields(first: 5) { nodes { key } } } }`);
    expect(data.product).toEqual({
      care: { nodes: [{ namespace: 'care', key: 'wash', value: 'cold' }] },
      all: { nodes: [{ key: 'weight' }, { key: 'wash' }] },
    });
  });

  it('fails loudly, naming a field it does not emulate', async () => {
    const result = await gql(state, '{ product(id: "gid://shopify/Product/101") { title category { id } } }');
    expect(result.errors?.[0]?.message).toContain('does not emulate Product.category');
    expect(result.errors?.[0]?.path).toEqual(['product', 'category']);
  });
});

const PRODUCT_UPDATE = `mutation Update($product: ProductUpdateInput!, $media: [CreateMediaInput!]) {
  productUpdate(product: $product, media: $media) {
    product { title handle status tags seo { title description } updatedAt
      media(first: 10) { nodes { alt status ... on MediaImage { image { url width height } } } } }
    userErrors { field message } } }`;

describe('devstore productUpdate', () => {
  it('updates fields and appends media from CDN and external URLs', async () => {
    state.files.set('uploads/new.png', { bytes: await png(64, 48), mimeType: 'image/png' });
    const data = await ok(PRODUCT_UPDATE, {
      product: {
        id: 'gid://shopify/Product/103',
        title: 'Camp Mug XL',
        status: 'DRAFT',
        tags: ['mugs, enamel'],
        seo: { title: 'Mug SEO' },
      },
      media: [
        { originalSource: `${CDN}/uploads/new.png`, alt: 'Mug', mediaContentType: 'IMAGE' },
        { originalSource: 'https://images.example.com/mug.jpg', mediaContentType: 'IMAGE' },
      ],
    });
    const updated = data.productUpdate.product;
    expect(data.productUpdate.userErrors).toEqual([]);
    expect(updated).toEqual({
      title: 'Camp Mug XL',
      handle: 'product-103',
      status: 'DRAFT',
      tags: ['mugs', 'enamel'],
      seo: { title: 'Mug SEO', description: null },
      updatedAt: updated.updatedAt,
      media: {
        nodes: [
          { alt: 'Mug', status: 'READY', image: { url: `${CDN}/uploads/new.png`, width: 64, height: 48 } },
          {
            alt: '',
            status: 'READY',
            image: { url: `${CDN}/external/images.example.com/mug.jpg`, width: null, height: null },
          },
        ],
      },
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse('2025-02-03T10:00:00.000Z'));
    const after = await ok('{ products(first: 5, query: "status:draft") { nodes { title } } }');
    expect(titles(after.products)).toEqual(['Alpine Jacket', 'Camp Mug XL']);
  });

  it('answers bad input with userErrors and changes nothing', async () => {
    const cases: [Record<string, unknown>, { field: string[]; message: string }[]][] = [
      [{ id: 'gid://shopify/Product/999', title: 'X' }, [{ field: ['id'], message: 'Product does not exist' }]],
      [{ id: 'gid://shopify/Product/103', title: '  ' }, [{ field: ['title'], message: "Title can't be blank" }]],
      [
        { id: 'gid://shopify/Product/103', handle: 'camp-stove' },
        [{ field: ['handle'], message: "Handle 'camp-stove' already in use. Please provide a new handle." }],
      ],
      [
        { id: 'gid://shopify/Product/103', title: 'Ok', templateSuffix: 'alt' },
        [{ field: ['templateSuffix'], message: 'The devstore does not emulate ProductUpdateInput.templateSuffix' }],
      ],
    ];
    for (const [input, userErrors] of cases) {
      const data = await ok(PRODUCT_UPDATE, { product: input });
      expect(data.productUpdate).toEqual({ product: null, userErrors });
    }
    const media = await ok(PRODUCT_UPDATE, {
      product: { id: 'gid://shopify/Product/103' },
      media: [
        { originalSource: 'not a url', mediaContentType: 'IMAGE' },
        { originalSource: 'https://x.test/v.mp4', mediaContentType: 'VIDEO' },
      ],
    });
    expect(media.productUpdate.userErrors).toEqual([
      { field: ['media', '0', 'originalSource'], message: 'Image URL is invalid' },
      { field: ['media', '1', 'mediaContentType'], message: 'The devstore supports only IMAGE media' },
    ]);
    expect(state.products.get(103)).toEqual(product(103, { title: 'Camp Mug', productType: 'Kitchen' }));
  });
});

const PRODUCT_SET = `mutation Set($identifier: ProductSetIdentifiers, $input: ProductSetInput!, $synchronous: Boolean) {
  productSet(identifier: $identifier, input: $input, synchronous: $synchronous) {
    product { id title options { name values }
      media(first: 10) { nodes { id alt ... on MediaImage { image { url } } } }
      variants(first: 10) { nodes { id title sku price selectedOptions { name value } inventoryItem { unitCost { amount } } inventoryQuantity } } }
    productSetOperation { id status }
    userErrors { field message code } } }`;

describe('devstore productSet', () => {
  it('replaces one image in place, keeping its position and alt, and detaches media no longer listed', async () => {
    state.media.set(503, { ...(state.media.get(502) as MediaImageRecord), id: 503, alt: 'Side view' });
    state.products.get(101)?.mediaIds.push(503);
    state.files.set('uploads/better.png', { bytes: await png(80, 60), mimeType: 'image/png' });
    const data = await ok(PRODUCT_SET, {
      identifier: { id: 'gid://shopify/Product/101' },
      input: {
        files: [
          { id: 'gid://shopify/MediaImage/501' },
          { originalSource: `${CDN}/uploads/better.png`, alt: 'Side view', contentType: 'IMAGE' },
        ],
      },
    });
    expect(data.productSet.userErrors).toEqual([]);
    const media = data.productSet.product.media.nodes;
    expect(media.map((node: { alt: string }) => node.alt)).toEqual(['Stove, front', 'Side view']);
    expect(media[0].id).toBe('gid://shopify/MediaImage/501');
    expect(media[1].image).toEqual({ url: `${CDN}/uploads/better.png` });
    expect([state.media.get(502)?.productId, state.media.get(503)?.productId]).toEqual([null, null]);
  });

  it('sets variants: updates listed ones, creates new ones and deletes the rest with their inventory', async () => {
    const data = await ok(PRODUCT_SET, {
      identifier: { id: 'gid://shopify/Product/101' },
      input: {
        productOptions: [{ name: 'Size', values: [{ name: 'S' }, { name: 'M' }] }],
        variants: [
          { id: 'gid://shopify/ProductVariant/201', optionValues: [{ optionName: 'Size', name: 'S' }], price: '30' },
          {
            optionValues: [{ optionName: 'Size', name: 'M' }],
            price: '38.9',
            sku: 'STOVE-M',
            inventoryItem: { cost: '15' },
            inventoryQuantities: [{ locationId: 'gid://shopify/Location/12', name: 'available', quantity: 4 }],
          },
        ],
      },
    });
    expect(data.productSet.userErrors).toEqual([]);
    const [kept, created] = data.productSet.product.variants.nodes;
    expect(data.productSet.product.options).toEqual([{ name: 'Size', values: ['S', 'M'] }]);
    expect(kept).toEqual({
      id: 'gid://shopify/ProductVariant/201',
      title: 'S',
      sku: 'STOVE-S',
      price: '30.00',
      selectedOptions: [{ name: 'Size', value: 'S' }],
      inventoryItem: { unitCost: { amount: '12.40' } },
      inventoryQuantity: 10,
    });
    expect({ ...created, id: undefined }).toEqual({
      id: undefined,
      title: 'M',
      sku: 'STOVE-M',
      price: '38.90',
      selectedOptions: [{ name: 'Size', value: 'M' }],
      inventoryItem: { unitCost: { amount: '15.00' } },
      inventoryQuantity: 4,
    });
    expect([state.variants.has(202), state.inventoryItems.has(302), state.inventoryLevels.has(403)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('answers unsupported or inconsistent variants with userErrors naming the field', async () => {
    const data = await ok(PRODUCT_SET, {
      identifier: { id: 'gid://shopify/Product/101' },
      input: {
        variants: [
          { optionValues: [{ optionName: 'Size', name: 'XXL' }] },
          { optionValues: [{ optionName: 'Colour', name: 'Red' }], barcode: '123' },
          { id: 'gid://shopify/ProductVariant/999', optionValues: [{ optionName: 'Size', name: 'S' }], price: 'cheap' },
        ],
      },
    });
    expect(data.productSet).toEqual({
      product: null,
      productSetOperation: null,
      userErrors: [
        {
          field: ['input', 'variants', '0', 'optionValues', '0'],
          message: "Option value 'XXL' does not exist",
          code: 'OPTION_VALUE_DOES_NOT_EXIST',
        },
        {
          field: ['input', 'variants', '1', 'barcode'],
          message: 'The devstore does not emulate ProductVariantSetInput.barcode',
          code: 'INVALID_INPUT',
        },
        {
          field: ['input', 'variants', '1', 'optionValues', '0'],
          message: 'Option does not exist',
          code: 'OPTION_DOES_NOT_EXIST',
        },
        {
          field: ['input', 'variants', '2', 'id'],
          message: 'Product variant does not exist',
          code: 'PRODUCT_VARIANT_DOES_NOT_EXIST',
        },
        {
          field: ['input', 'variants', '2', 'price'],
          message: 'price must be a non-negative decimal',
          code: 'INVALID_VARIANT',
        },
      ],
    });
    expect(state.products.get(101)?.variantIds).toEqual([201, 202]);
  });

  it('creates a product, asynchronously when asked, reported by productOperation', async () => {
    const data = await ok(PRODUCT_SET, { input: { title: 'Trail Lamp', status: 'DRAFT' }, synchronous: false });
    expect(data.productSet.product).toBeNull();
    expect(data.productSet.productSetOperation.status).toBe('CREATED');
    const polled = await ok(
      'query($id: ID!) { productOperation(id: $id) { status product { title handle status variants(first: 2) { nodes { title price } } } } }',
      {
        id: data.productSet.productSetOperation.id,
      },
    );
    expect(polled.productOperation).toEqual({
      status: 'COMPLETE',
      product: {
        title: 'Trail Lamp',
        handle: 'trail-lamp',
        status: 'DRAFT',
        variants: { nodes: [{ title: 'Default Title', price: '0.00' }] },
      },
    });
    const blank = await ok(PRODUCT_SET, { input: { descriptionHtml: '<p>x</p>' } });
    expect(blank.productSet.userErrors).toEqual([
      { field: ['input', 'title'], message: "Title can't be blank", code: 'INVALID_INPUT' },
    ]);
  });
});

const METAFIELDS_SET = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { id namespace key type value } userErrors { field message code elementIndex } } }`;

describe('devstore metafieldsSet and tagsAdd', () => {
  it('upserts metafields by owner, namespace and key', async () => {
    const data = await ok(METAFIELDS_SET, {
      metafields: [
        { ownerId: 'gid://shopify/Product/101', namespace: 'specs', key: 'weight', value: '900' },
        {
          ownerId: 'gid://shopify/Collection/601',
          namespace: 'seo',
          key: 'blurb',
          type: 'single_line_text_field',
          value: 'Camp',
        },
      ],
    });
    expect(data.metafieldsSet.userErrors).toEqual([]);
    expect(data.metafieldsSet.metafields[0]).toEqual({
      id: 'gid://shopify/Metafield/701',
      namespace: 'specs',
      key: 'weight',
      type: 'number_integer',
      value: '900',
    });
    expect(data.metafieldsSet.metafields[1]).toMatchObject({ namespace: 'seo', key: 'blurb', value: 'Camp' });
    const read = await ok(
      '{ collection(id: "gid://shopify/Collection/601") { metafield(namespace: "seo", key: "blurb") { value } } }',
    );
    expect(read.collection.metafield).toEqual({ value: 'Camp' });
  });

  it('refuses more than 25 metafields, a missing type, a bad value and an unknown owner, saving none', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({
      ownerId: 'gid://shopify/Product/101',
      namespace: 'n',
      key: `k${i}`,
      type: 'boolean',
      value: 'true',
    }));
    const tooMany = await ok(METAFIELDS_SET, { metafields: many });
    expect(tooMany.metafieldsSet).toEqual({
      metafields: null,
      userErrors: [
        {
          field: ['metafields'],
          message: 'Exceeded the maximum metafields input limit of 25.',
          code: 'LESS_THAN_OR_EQUAL_TO',
          elementIndex: null,
        },
      ],
    });
    const bad = await ok(METAFIELDS_SET, {
      metafields: [
        { ownerId: 'gid://shopify/Product/101', namespace: 'care', key: 'wash', value: 'cold' },
        { ownerId: 'gid://shopify/Product/101', namespace: 'specs', key: 'weight', value: 'heavy' },
        { ownerId: 'gid://shopify/Product/999', namespace: 'specs', key: 'x', type: 'boolean', value: 'true' },
      ],
    });
    expect(bad.metafieldsSet).toEqual({
      metafields: null,
      userErrors: [
        { field: ['metafields', '0', 'type'], message: "Type can't be blank", code: 'BLANK', elementIndex: 0 },
        {
          field: ['metafields', '1', 'value'],
          message: 'Value is invalid for type number_integer',
          code: 'INVALID_VALUE',
          elementIndex: 1,
        },
        { field: ['metafields', '2', 'ownerId'], message: 'Owner does not exist.', code: 'INVALID', elementIndex: 2 },
      ],
    });
    expect([...state.metafields.keys()]).toEqual([701]);
  });

  it('adds tags to products and customers, and refuses orders', async () => {
    state.customers.set(801, {
      id: 801,
      firstName: 'Ada',
      lastName: 'B',
      email: 'ada@example.com',
      phone: null,
      tags: ['vip'],
      state: 'ENABLED',
      acceptsMarketing: false,
      address: { city: 'Lyon', provinceCode: null, countryCode: 'FR', zip: '69001', address1: '1 rue' },
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
    });
    const mutation =
      'mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id ... on Product { tags } } userErrors { field message } } }';
    const added = await ok(mutation, { id: 'gid://shopify/Product/101', tags: ['gift', 'sale', 'new, hot'] });
    expect(added.tagsAdd).toEqual({
      node: { id: 'gid://shopify/Product/101', tags: ['outdoor', 'sale', 'gift', 'new', 'hot'] },
      userErrors: [],
    });
    const customer = await ok(mutation, { id: 'gid://shopify/Customer/801', tags: ['wholesale'] });
    expect(customer.tagsAdd).toEqual({ node: { id: 'gid://shopify/Customer/801' }, userErrors: [] });
    expect(state.customers.get(801)?.tags).toEqual(['vip', 'wholesale']);
    state.orders.set(901, orderRecord(901, { number: 1001, customerId: 801 }));
    const order = await ok(mutation, { id: 'gid://shopify/Order/901', tags: ['x'] });
    expect(order.tagsAdd).toEqual({
      node: null,
      userErrors: [{ field: ['id'], message: 'The devstore supports tagsAdd on products and customers' }],
    });
    const missing = await ok(mutation, { id: 'gid://shopify/Product/999', tags: ['x'] });
    expect(missing.tagsAdd).toEqual({
      node: null,
      userErrors: [{ field: ['id'], message: 'Resource does not exist' }],
    });
  });
});
