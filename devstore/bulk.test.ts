/**
 * Bulk operations: CREATED → RUNNING → COMPLETED in the background, JSONL like
 * Shopify's (nested connection nodes on their own lines with __parentId) that
 * reassembles to exactly what paged reads return; Shopify's limits refused.
 */
import { describe, expect, it } from 'vitest';
import type { ShopState } from './state/shop-state';
import { emptyShop, gql, orderRecord } from './test-support';

/** 7 products with 0–3 variants each. */
function catalog(): ShopState {
  const state = emptyShop();
  let variantId = 500;
  for (let p = 1; p <= 7; p++) {
    const variantIds: number[] = [];
    for (let v = 0; v < p % 4; v++) {
      const id = variantId++;
      variantIds.push(id);
      state.inventoryItems.set(id + 1000, {
        id: id + 1000,
        variantId: id,
        sku: `SKU-${id}`,
        unitCost: '4.00',
        tracked: true,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      });
      state.variants.set(id, {
        id,
        productId: p,
        title: `V${v}`,
        sku: `SKU-${id}`,
        price: `${10 + v}.00`,
        compareAtPrice: null,
        selectedOptions: [{ name: 'Size', value: `V${v}` }],
        inventoryItemId: id + 1000,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      });
    }
    state.products.set(p, {
      id: p,
      title: `Product ${p}`,
      handle: `product-${p}`,
      descriptionHtml: '',
      vendor: 'Acme',
      productType: 'Gear',
      status: 'ACTIVE',
      tags: [],
      seo: { title: null, description: null },
      options: [{ name: 'Size', values: ['V0', 'V1', 'V2'] }],
      mediaIds: [],
      variantIds,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: `2025-01-0${p}T00:00:00.000Z`,
      publishedAt: '2025-01-01T00:00:00.000Z',
    });
  }
  return state;
}

interface PagedProducts {
  nodes: { id: string; title: string; variants: { nodes: unknown[] } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const BULK_QUERY = `{ products { edges { node { id title variants { edges { node { id sku price } } } } } } }`;

async function runBulk(state: ShopState, query = BULK_QUERY) {
  const started = await gql(
    state,
    `mutation ($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { field message code } } }`,
    { q: query },
  );
  return { started: started.data?.bulkOperationRunQuery };
}

async function waitFor(state: ShopState, id: string) {
  for (let i = 0; i < 100; i++) {
    const { data } = await gql(
      state,
      `query ($id: ID!) { bulkOperation(id: $id) { status objectCount rootObjectCount fileSize url errorCode } }`,
      { id },
    );
    if (data?.bulkOperation.status === 'COMPLETED' || data?.bulkOperation.status === 'FAILED')
      return data.bulkOperation;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('bulk operation did not finish');
}

describe('devstore bulk operations', () => {
  it('runs in the background and writes JSONL that reassembles to the paged reads', async () => {
    const state = catalog();
    const { started } = await runBulk(state);
    expect(started).toMatchObject({ bulkOperation: { status: 'CREATED' }, userErrors: [] });
    const done = await waitFor(state, started.bulkOperation.id);
    expect(done).toMatchObject({ status: 'COMPLETED', rootObjectCount: '7', objectCount: '19', errorCode: null });

    const key = new URL(done.url).pathname.split('/').slice(3).join('/');
    const jsonl = state.files.get(key)?.bytes.toString('utf8') ?? '';
    expect(Number(done.fileSize)).toBe(Buffer.byteLength(jsonl));
    const lines = jsonl
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Reassemble: children follow their parent and name it.
    const products = new Map<string, { id: string; title: string; variants: unknown[] }>();
    for (const line of lines) {
      if (line.__parentId)
        products.get(String(line.__parentId))?.variants.push({ id: line.id, sku: line.sku, price: line.price });
      else products.set(String(line.id), { id: String(line.id), title: String(line.title), variants: [] });
    }

    const paged: unknown[] = [];
    let after: string | null = null;
    do {
      const result = await gql(
        state,
        `query ($after: String) { products(first: 3, after: $after) { nodes { id title variants(first: 10) { nodes { id sku price } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = result.data?.products as PagedProducts;
      for (const node of page.nodes) paged.push({ id: node.id, title: node.title, variants: node.variants.nodes });
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect([...products.values()]).toEqual(paged);
  });

  it('reads a large root connection page by page: every node once, in order, counts growing while it runs', async () => {
    const state = emptyShop();
    for (let id = 1; id <= 1234; id++) state.orders.set(id, orderRecord(id, { lineItems: [] }));
    const { started } = await runBulk(state, '{ orders { edges { node { id name } } } }');
    const id = Number(started.bulkOperation.id.split('/').pop());
    const seen: number[] = [];
    for (let i = 0; i < 10 && state.bulkOperations.get(id)?.status !== 'COMPLETED'; i++) {
      seen.push(state.bulkOperations.get(id)?.objectCount ?? 0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const done = await waitFor(state, started.bulkOperation.id);
    expect(done).toMatchObject({ status: 'COMPLETED', rootObjectCount: '1234', objectCount: '1234' });
    // The runner yielded between pages: the count was seen part-way.
    expect(seen.some((count) => count > 0 && count < 1234)).toBe(true);
    const key = new URL(done.url).pathname.split('/').slice(3).join('/');
    const ids = (state.files.get(key)?.bytes.toString('utf8') ?? '')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: 1234 }, (_, index) => `gid://shopify/Order/${index + 1}`));
  });

  it('refuses a connection inside a list field, as Shopify does', async () => {
    const { started } = await runBulk(
      catalog(),
      '{ orders { edges { node { id refunds { id refundLineItems { edges { node { quantity } } } } } } } }',
    );
    expect(started.userErrors[0].message).toBe(
      'Queries that contain a connection field within a list field are not currently supported.',
    );
  });

  it('refuses queries over Shopify’s limits, and more than 5 at once', async () => {
    const state = catalog();
    const noConnection = await runBulk(state, '{ shop { name } }');
    expect(noConnection.started.userErrors[0]).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('at least one connection'),
    });
    const tooDeep = await runBulk(
      state,
      '{ products { edges { node { variants { edges { node { inventoryItem { inventoryLevels { edges { node { id } } } } } } } } } } }',
    );
    expect(tooDeep.started.userErrors[0].message).toContain('nested more than 2 levels');
    const invalid = await runBulk(state, '{ products { edges { node { nope } } } }');
    expect(invalid.started.userErrors[0].message).toContain('Cannot query field "nope"');

    // Five still running: a sixth is refused; once one finishes, there is room again.
    for (let id = 1; id <= 5; id++) {
      state.bulkOperations.set(id, {
        id,
        type: 'QUERY',
        status: 'RUNNING',
        query: BULK_QUERY,
        errorCode: null,
        objectCount: 0,
        rootObjectCount: 0,
        fileSize: null,
        resultKey: null,
        createdAt: '2025-01-01T00:00:00.000Z',
        completedAt: null,
      });
    }
    expect((await runBulk(state)).started.userErrors[0]).toMatchObject({ code: 'LIMIT_REACHED' });
    (state.bulkOperations.get(1) as { status: string }).status = 'COMPLETED';
    expect((await runBulk(state)).started.userErrors).toEqual([]);
  });
});
