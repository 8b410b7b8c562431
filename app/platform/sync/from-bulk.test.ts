/**
 * The sync's reading of bulk results, on real JSONL: the devstore runs each
 * of Steward's bulk queries over a seeded shop, and the file, read backwards
 * and normalised, must say what the devstore's records say. Also: children
 * written far from their parent, resuming from a checkpoint, lines split
 * across chunks, and unexpected data refused with a clear error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedShop } from '../../../devstore/seed';
import type { ShopState } from '../../../devstore/state/shop-state';
import { gql } from '../../../devstore/test-support';
import type { MirrorCustomer, MirrorInventoryLevel, MirrorOrder, MirrorProduct } from '../mirror/types';
import { BULK_QUERIES } from './bulk-queries';
import { bulkRecordsBackwards, type BulkItem } from './bulk-records';
import {
  customerFromBulk,
  inventoryLevelsFromBulk,
  orderFromBulk,
  productFromBulk,
  SyncDataError,
  type BulkRecord,
} from './from-bulk';
import { readLinesBackwards } from './read-backwards.server';

const dir = await mkdtemp(path.join(os.tmpdir(), 'steward-from-bulk-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

// Harbor Goods sells in EUR to buyers paying in other currencies too.
const state: ShopState = await seedShop({
  ...(DEFAULT_SHOPS[1] as (typeof DEFAULT_SHOPS)[number]),
  seed: 5,
  products: 12,
  customers: 60,
  orders: 400,
  images: false,
  now: new Date('2026-10-01T12:00:00Z'),
});

/** Runs a bulk query in the devstore and returns the result file's path. */
async function bulkFile(query: string): Promise<string> {
  const started = await gql(
    state,
    `mutation ($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id } userErrors { message } } }`,
    { query },
  );
  expect(started.data?.bulkOperationRunQuery.userErrors).toEqual([]);
  const id = started.data?.bulkOperationRunQuery.bulkOperation.id as string;
  for (;;) {
    const { data } = await gql(state, `query ($id: ID!) { bulkOperation(id: $id) { status url } }`, { id });
    if (data?.bulkOperation.status === 'COMPLETED') {
      const key = new URL(data.bulkOperation.url as string).pathname.split('/').slice(3).join('/');
      const file = path.join(dir, `${id.split('/').pop()}.jsonl`);
      await writeFile(file, state.files.get(key)?.bytes ?? Buffer.alloc(0));
      return file;
    }
    expect(data?.bulkOperation.status).not.toBe('FAILED');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function collect(items: AsyncIterable<BulkItem>): Promise<BulkItem[]> {
  const all: BulkItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function records(file: string, groupChildren = true, skip = 0): Promise<BulkRecord[]> {
  return (await collect(bulkRecordsBackwards(readLinesBackwards(file, 4096), { skip, groupChildren }))).map(
    (item) => item.record,
  );
}

const byId = <T extends { id: bigint }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('bulk results normalised for the mirror', () => {
  it('products: every product with all its variants, prices and unit costs', async () => {
    const products = byId((await records(await bulkFile(BULK_QUERIES.products))).map(productFromBulk));
    expect(products.map((product) => Number(product.id))).toEqual([...state.products.keys()].sort((a, b) => a - b));
    for (const product of products) {
      const record = state.products.get(Number(product.id));
      expect(product).toMatchObject<Partial<MirrorProduct>>({
        title: record?.title,
        handle: record?.handle,
        status: record?.status,
        tags: record?.tags,
        updatedAt: new Date(record?.updatedAt as string),
      });
      expect(product.variants.map((variant) => Number(variant.id))).toEqual(record?.variantIds);
      for (const variant of product.variants) {
        const stored = state.variants.get(Number(variant.id));
        const item = state.inventoryItems.get(stored?.inventoryItemId as number);
        expect(Number(variant.price)).toBe(Number(stored?.price));
        expect(variant.sku).toBe(stored?.sku);
        expect(variant.inventoryItemId).toBe(BigInt(stored?.inventoryItemId as number));
        expect(variant.unitCost === null ? null : Number(variant.unitCost)).toBe(
          item?.unitCost == null ? null : Number(item.unitCost),
        );
      }
    }
  });

  it('customers: names, contact, state and order counts', async () => {
    const customers = byId((await records(await bulkFile(BULK_QUERIES.customers))).map(customerFromBulk));
    expect(customers).toHaveLength(state.customers.size);
    for (const customer of customers) {
      const record = state.customers.get(Number(customer.id));
      const orders = [...state.orders.values()].filter((order) => order.customerId === record?.id).length;
      expect(customer).toMatchObject<Partial<MirrorCustomer>>({
        firstName: record?.firstName,
        email: record?.email ?? null,
        phone: record?.phone ?? null,
        state: record?.state,
        numberOfOrders: orders,
        updatedAt: new Date(record?.updatedAt as string),
      });
    }
  });

  it('orders: lines, refunds, discount applications in the shop’s currency, and the UTM journey', async () => {
    const orders = byId((await records(await bulkFile(BULK_QUERIES.orders))).map(orderFromBulk));
    expect(orders).toHaveLength(state.orders.size);
    const foreign = orders.filter((order) => order.presentmentCurrency !== order.currency);
    expect(foreign.length).toBeGreaterThan(0);
    let fixedDiscounts = 0;
    for (const order of orders) {
      const record = state.orders.get(Number(order.id));
      if (!record) throw new Error(`order ${order.id} is not in the devstore`);
      expect(order).toMatchObject<Partial<MirrorOrder>>({
        name: `#${record.number}`,
        customerId: record.customerId === null ? null : BigInt(record.customerId),
        currency: 'EUR',
        presentmentCurrency: record.presentmentCurrencyCode,
        financialStatus: record.financialStatus,
        updatedAt: new Date(record.updatedAt),
      });
      expect(order.lineItems.map((line) => [Number(line.id), line.quantity, Number(line.price)])).toEqual(
        record.lineItems.map((line) => [line.id, line.quantity, Number(line.unitPrice)]),
      );
      expect(order.refunds.map((refund) => [Number(refund.id), Number(refund.total), refund.lines])).toEqual(
        record.refunds.map((refund) => [refund.id, Number(refund.total), []]),
      );
      expect(
        order.discountApplications.map((application) => [application.type, application.code, application.valueType]),
      ).toEqual(
        record.discountApplications.map((application) => [application.kind, application.code, application.valueType]),
      );
      for (const [index, application] of order.discountApplications.entries()) {
        const stored = record.discountApplications[index];
        if (stored?.valueType === 'FIXED_AMOUNT') fixedDiscounts += 1;
        // Shopify gives a fixed value in the buyer's currency; the mirror keeps the shop's.
        expect(Number(application.value)).toBeCloseTo(Number(stored?.value), 1);
      }
      if (!record.journey) expect(order.journey).toBeNull();
      else
        expect(order.journey).toMatchObject({
          source: record.journey.source,
          landingPage: record.journey.landingPage,
          utmSource: record.journey.utm?.source ?? null,
          utmCampaign: record.journey.utm?.campaign ?? null,
          daysToConversion: record.journey.daysToConversion,
        });
    }
    expect(fixedDiscounts).toBeGreaterThan(0);
  });

  it('inventory: the available quantity of every item at every active location', async () => {
    const levels = (await records(await bulkFile(BULK_QUERIES.inventory), false)).flatMap(inventoryLevelsFromBulk);
    const active = [...state.inventoryLevels.values()].filter(
      (level) => state.locations.get(level.locationId)?.isActive,
    );
    const key = (level: { inventoryItemId: unknown; locationId: unknown }) =>
      `${level.inventoryItemId}@${level.locationId}`;
    expect(levels.map(key).sort()).toEqual(active.map(key).sort());
    const stored = new Map(active.map((level) => [key(level), level.available]));
    for (const level of levels) expect(level.available).toBe(stored.get(key(level)));
    expect(levels[0]).toMatchObject<Partial<MirrorInventoryLevel>>({ updatedAt: expect.any(Date) });
  });
});

describe('reading a bulk file backwards', () => {
  it('puts children written far after their parent back with it, in Shopify’s order', async () => {
    const lines = [
      { id: 'gid://shopify/Order/1' },
      { id: 'gid://shopify/Order/2' },
      { id: 'gid://shopify/LineItem/11', __parentId: 'gid://shopify/Order/1' },
      { id: 'gid://shopify/LineItem/21', __parentId: 'gid://shopify/Order/2' },
      { id: 'gid://shopify/Order/3' },
      { id: 'gid://shopify/LineItem/12', __parentId: 'gid://shopify/Order/1' },
    ];
    const file = path.join(dir, 'scattered.jsonl');
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    const items = await collect(bulkRecordsBackwards(readLinesBackwards(file, 16), { skip: 0, groupChildren: true }));
    expect(items.map((item) => [item.record.node.id, item.record.children.map((child) => child.id)])).toEqual([
      ['gid://shopify/Order/3', []],
      ['gid://shopify/Order/2', ['gid://shopify/LineItem/21']],
      ['gid://shopify/Order/1', ['gid://shopify/LineItem/11', 'gid://shopify/LineItem/12']],
    ]);
    // The file's last line waits for Order 1: until Order 1 is applied, a resume must read it again.
    expect(items.map((item) => item.checkpoint)).toEqual([0, 0, 6]);
  });

  it('resumes from a checkpoint with exactly the records not yet applied', async () => {
    const file = await bulkFile(BULK_QUERIES.orders);
    const all = await collect(bulkRecordsBackwards(readLinesBackwards(file), { skip: 0, groupChildren: true }));
    const cut = all[Math.floor(all.length / 3)] as BulkItem;
    const rest = await records(file, true, cut.checkpoint);
    const applied = all.slice(0, all.indexOf(cut) + 1).map((item) => item.record.node.id);
    expect([...applied, ...rest.map((record) => record.node.id)]).toEqual(all.map((item) => item.record.node.id));
  });

  it('keeps multi-byte characters whole across chunk boundaries, with or without a final newline', async () => {
    const texts = ['Crème brûlée', '東京の店', 'emoji 🧵 thread', 'plain'];
    for (const ending of ['', '\n']) {
      const file = path.join(dir, `utf8${ending.length}.jsonl`);
      await writeFile(file, texts.map((title) => JSON.stringify({ title })).join('\n') + ending);
      const read: string[] = [];
      for await (const line of readLinesBackwards(file, 5)) read.push((JSON.parse(line) as { title: string }).title);
      expect(read).toEqual([...texts].reverse());
    }
  });

  it('refuses what it cannot trust, naming it', async () => {
    expect(() => orderFromBulk({ node: { id: 'gid://shopify/Product/1' }, children: [] })).toThrow(SyncDataError);
    expect(() =>
      productFromBulk({
        node: {
          id: 'gid://shopify/Product/1',
          title: 'Mug',
          handle: 'mug',
          status: 'ACTIVE',
          vendor: null,
          productType: null,
          tags: [],
          createdAt: null,
          updatedAt: 'yesterday',
        },
        children: [],
      }),
    ).toThrow('Unexpected product gid://shopify/Product/1: updatedAt: Invalid datetime');
    const orphan = path.join(dir, 'orphan.jsonl');
    await writeFile(
      orphan,
      `${JSON.stringify({ id: 'gid://shopify/LineItem/1', __parentId: 'gid://shopify/Order/9' })}\n`,
    );
    await expect(records(orphan)).rejects.toThrow('nodes whose parent is not in it');
    const broken = path.join(dir, 'broken.jsonl');
    await writeFile(broken, '{"id": "gid://shopify/Order/1"}\n{not json\n');
    await expect(records(broken)).rejects.toThrow('Line 1 from the end of the bulk file is not a JSON object');
  });
});
