import type { PrismaClient } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import {
  applyCustomers,
  applyInventoryLevels,
  applyOrders,
  applyProducts,
  applyRefunds,
  markCustomerDeleted,
  markProductDeleted,
} from './apply.server';
import { at, bulkOrder, customer, journey, order, product, refund, variant } from './fixtures';

let shopCounter = 0;
const newShop = () => `apply-${++shopCounter}.myshopify.com`;

describe('products', () => {
  it('a newer update wins, an older one is ignored, a replay changes nothing', async () => {
    const shop = newShop();
    expect(await applyProducts(prisma, shop, [product(1n, at(10))])).toEqual({ applied: 1, stale: 0 });
    expect(await applyProducts(prisma, shop, [product(1n, at(5), { title: 'older' })])).toEqual({
      applied: 0,
      stale: 1,
    });
    expect((await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop, id: 1n } } })).title).toBe(
      product(1n, at(10)).title,
    );
    expect(await applyProducts(prisma, shop, [product(1n, at(10))])).toEqual({ applied: 1, stale: 0 });
    await applyProducts(prisma, shop, [product(1n, at(20), { title: 'newer', tags: ['a'] })]);
    const stored = await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop, id: 1n } } });
    expect(stored).toMatchObject({ title: 'newer', tags: ['a'], updatedAt: at(20), deletedAt: null });
  });

  it('the newest of two versions in one batch wins, and shops never see each other', async () => {
    const [shop, other] = [newShop(), newShop()];
    const result = await applyProducts(prisma, shop, [
      product(2n, at(30), { title: 'newest' }),
      product(2n, at(10), { title: 'old' }),
    ]);
    expect(result).toEqual({ applied: 1, stale: 1 });
    await applyProducts(prisma, other, [product(2n, at(40), { title: 'other shop' })]);
    expect((await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop, id: 2n } } })).title).toBe('newest');
  });

  it('writes the variants with their product and tombstones those a newer product no longer lists', async () => {
    const shop = newShop();
    await applyProducts(prisma, shop, [
      product(3n, at(10), { variants: [variant(31n, at(10)), variant(32n, at(10)), variant(33n, at(10))] }),
    ]);
    await applyProducts(prisma, shop, [
      // 33 is not detailed but still listed (webhooks detail the first 100 variants only).
      product(3n, at(20), { variants: [variant(31n, at(20), { price: '25.0000' })], variantIds: [31n, 33n] }),
    ]);
    const variants = await prisma.productVariant.findMany({ where: { shop }, orderBy: { id: 'asc' } });
    expect(variants.map((row) => [row.id, row.price.toFixed(2), row.deletedAt])).toEqual([
      [31n, '25.00', null],
      [32n, '19.99', at(20)],
      [33n, '19.99', null],
    ]);
    // An older product update does not touch the variants.
    await applyProducts(prisma, shop, [product(3n, at(15), { variants: [variant(32n, at(15))] })]);
    expect(
      (await prisma.productVariant.findUniqueOrThrow({ where: { shop_id: { shop, id: 32n } } })).deletedAt,
    ).toEqual(at(20));
  });

  it('keeps the stored unit cost when the source does not carry it', async () => {
    const shop = newShop();
    await applyProducts(prisma, shop, [
      product(4n, at(10), { variants: [variant(41n, at(10), { unitCost: '7.5000' })] }),
    ]);
    await applyProducts(prisma, shop, [product(4n, at(20), { variants: [variant(41n, at(20))] })]);
    const stored = await prisma.productVariant.findUniqueOrThrow({ where: { shop_id: { shop, id: 41n } } });
    expect(stored.unitCost?.toFixed(2)).toBe('7.50');
    await applyProducts(prisma, shop, [product(4n, at(30), { variants: [variant(41n, at(30), { unitCost: null })] })]);
    expect(
      (await prisma.productVariant.findUniqueOrThrow({ where: { shop_id: { shop, id: 41n } } })).unitCost,
    ).toBeNull();
  });

  it('a deletion leaves a tombstone that no late update resurrects, whatever the arrival order', async () => {
    const shop = newShop();
    await applyProducts(prisma, shop, [product(5n, at(10))]);
    expect(await markProductDeleted(prisma, shop, 5n, at(50))).toEqual({ applied: 1, stale: 0 });
    expect(await markProductDeleted(prisma, shop, 5n, at(50))).toEqual({ applied: 0, stale: 1 });
    expect(await applyProducts(prisma, shop, [product(5n, at(20))])).toEqual({ applied: 0, stale: 1 });
    const stored = await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop, id: 5n } } });
    expect(stored).toMatchObject({ deletedAt: at(50), updatedAt: at(20) });
    const variants = await prisma.productVariant.findMany({ where: { shop, productId: 5n } });
    expect(variants.map((row) => row.deletedAt)).toEqual([at(50)]);

    // The deletion first: a tombstone without data, which the late update fills in but does not revive.
    await markProductDeleted(prisma, shop, 6n, at(50));
    await applyProducts(prisma, shop, [product(6n, at(20))]);
    const late = await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop, id: 6n } } });
    expect(late).toMatchObject({ title: product(6n, at(20)).title, deletedAt: at(50) });
    expect((await prisma.productVariant.findFirstOrThrow({ where: { shop, productId: 6n } })).deletedAt).toEqual(
      at(50),
    );
  });
});

describe('customers and inventory', () => {
  it('customers: newest wins, deletion tombstones, totals kept when the source lacks them', async () => {
    const shop = newShop();
    await applyCustomers(prisma, shop, [customer(7n, at(10), { numberOfOrders: 3, amountSpent: '120.0000' })]);
    const { numberOfOrders: _n, amountSpent: _a, ...fromWebhook } = customer(7n, at(20), { firstName: 'Grace' });
    expect(await applyCustomers(prisma, shop, [fromWebhook])).toEqual({ applied: 1, stale: 0 });
    let stored = await prisma.customer.findUniqueOrThrow({ where: { shop_id: { shop, id: 7n } } });
    expect(stored).toMatchObject({ firstName: 'Grace', numberOfOrders: 3 });
    expect(stored.amountSpent?.toFixed(2)).toBe('120.00');
    expect(await applyCustomers(prisma, shop, [customer(7n, at(5), { firstName: 'Old' })])).toEqual({
      applied: 0,
      stale: 1,
    });
    await markCustomerDeleted(prisma, shop, 7n, at(40));
    expect(await applyCustomers(prisma, shop, [customer(7n, at(30))])).toEqual({ applied: 0, stale: 1 });
    stored = await prisma.customer.findUniqueOrThrow({ where: { shop_id: { shop, id: 7n } } });
    expect(stored.deletedAt).toEqual(at(40));
  });

  it('inventory levels: newest available quantity per item and location', async () => {
    const shop = newShop();
    const level = (available: number, minute: number, locationId = 1n) => ({
      inventoryItemId: 9n,
      locationId,
      available,
      updatedAt: at(minute),
    });
    expect(await applyInventoryLevels(prisma, shop, [level(5, 10), level(3, 20), level(8, 10, 2n)])).toEqual({
      applied: 2,
      stale: 1,
    });
    expect(await applyInventoryLevels(prisma, shop, [level(99, 15)])).toEqual({ applied: 0, stale: 1 });
    const rows = await prisma.inventoryLevel.findMany({ where: { shop }, orderBy: { locationId: 'asc' } });
    expect(rows.map((row) => [row.locationId, row.available])).toEqual([
      [1n, 3],
      [2n, 8],
    ]);
  });
});

describe('orders', () => {
  it('replaces lines, discount applications and journey only when the order itself is newer', async () => {
    const shop = newShop();
    const discount = {
      type: 'DISCOUNT_CODE',
      code: 'FALL10',
      title: null,
      value: '10',
      valueType: 'PERCENTAGE',
      allocationMethod: 'ACROSS',
      targetType: 'LINE_ITEM',
    };
    await applyOrders(prisma, shop, [order(10n, at(10), { discountApplications: [discount], journey: journey() })]);
    const line = (id: bigint, quantity: number) => ({ ...order(10n, at(0)).lineItems[0]!, id, quantity });
    // Older: nothing changes.
    expect(await applyOrders(prisma, shop, [order(10n, at(5), { lineItems: [line(999n, 9)], journey: null })])).toEqual(
      { applied: 0, stale: 1 },
    );
    expect((await prisma.orderLineItem.findMany({ where: { shop } })).map((row) => row.id)).toEqual([101n]);
    expect(await prisma.customerJourney.count({ where: { shop } })).toBe(1);
    // Newer, without a journey in the source (undefined): lines and discounts replaced, journey kept.
    await applyOrders(prisma, shop, [order(10n, at(20), { lineItems: [line(102n, 1), line(103n, 4)] })]);
    expect(
      (await prisma.orderLineItem.findMany({ where: { shop }, orderBy: { id: 'asc' } })).map((row) => row.id),
    ).toEqual([102n, 103n]);
    expect(await prisma.discountApplication.count({ where: { shop } })).toBe(0);
    expect((await prisma.customerJourney.findFirstOrThrow({ where: { shop } })).utmCampaign).toBe('fall');
    // Newer with journey null: the order has none any more.
    await applyOrders(prisma, shop, [order(10n, at(30), { journey: null })]);
    expect(await prisma.customerJourney.count({ where: { shop } })).toBe(0);
    // Replaying the newest version is idempotent.
    const before = await prisma.orderLineItem.findMany({ where: { shop } });
    expect(await applyOrders(prisma, shop, [order(10n, at(30), { journey: null })])).toEqual({ applied: 1, stale: 0 });
    expect(await prisma.orderLineItem.findMany({ where: { shop } })).toEqual(before);
  });

  it('keeps refunds: upserted by id, never removed by an order update, summed per refunded line', async () => {
    const shop = newShop();
    await applyOrders(prisma, shop, [order(11n, at(10), { refunds: [refund(50n, 111n)] })]);
    expect(
      await applyRefunds(prisma, shop, 11n, [
        refund(51n, 111n, {
          lines: [
            { lineItemId: 111n, quantity: 1, subtotal: '4.5000' },
            { lineItemId: 111n, quantity: 1, subtotal: '5.5000' },
          ],
        }),
      ]),
    ).toEqual({ applied: 1, stale: 0 });
    expect(await applyRefunds(prisma, shop, 11n, [refund(51n, 111n, { lines: [] })])).toEqual({ applied: 0, stale: 1 });
    // A newer order update that lists only the first refund (sent before the second was made) keeps both.
    await applyOrders(prisma, shop, [order(11n, at(20), { refunds: [refund(50n, 111n)] })]);
    // An older order update still contributes its refunds (they never change).
    await applyOrders(prisma, shop, [order(11n, at(5), { refunds: [refund(52n, 111n)] })]);
    const refunds = await prisma.refund.findMany({ where: { shop }, orderBy: { id: 'asc' } });
    expect(refunds.map((row) => [row.id, row.orderId])).toEqual([
      [50n, 11n],
      [51n, 11n],
      [52n, 11n],
    ]);
    const lines = await prisma.refundLineItem.findMany({ where: { shop, refundId: 51n } });
    expect(lines.map((row) => [row.lineItemId, row.quantity, row.subtotal.toFixed(2)])).toEqual([[111n, 2, '10.00']]);
  });

  it('runs inside a caller transaction, and rolls back with it', async () => {
    const shop = newShop();
    await expect(
      prisma.$transaction(async (tx) => {
        await applyOrders(tx, shop, [order(12n, at(10), { refunds: [refund(60n, 121n)] })]);
        await applyProducts(tx, shop, [product(12n, at(10))]);
        expect(await tx.order.count({ where: { shop } })).toBe(1);
        throw new Error('caller fails after the writes');
      }),
    ).rejects.toThrow('caller fails after the writes');
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await prisma.refund.count({ where: { shop } })).toBe(0);
    expect(await prisma.product.count({ where: { shop } })).toBe(0);
  });

  it('writes a batch of 1,000 orders in a handful of statements', async () => {
    const shop = newShop();
    const statements: string[] = [];
    const counting = prisma.$extends({
      query: {
        async $allOperations({ operation, args, query }) {
          statements.push(operation);
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const orders = Array.from({ length: 1000 }, (_, index) =>
      bulkOrder(BigInt(1000 + index), { refunded: index % 10 === 0 }),
    );
    expect(await applyOrders(counting, shop, orders)).toEqual({ applied: 1000, stale: 0 });
    // One upsert of the orders; delete + insert of lines, discount applications and journeys; refunds and their lines.
    expect(statements).toHaveLength(9);
    expect(await prisma.orderLineItem.count({ where: { shop } })).toBe(3000);
    expect(await prisma.refund.count({ where: { shop } })).toBe(100);
    expect(await prisma.discountApplication.count({ where: { shop } })).toBe(1000);
    expect(await prisma.customerJourney.count({ where: { shop } })).toBe(1000);
  });
});
