/**
 * Inventory at risk with hand-computed values: days of cover from the last
 * 28 complete days' velocity, dead stock after 90 days without a sale, and
 * the cost it ties up (units without a unit cost counted apart).
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { applyInventoryLevels } from '~/platform/mirror/apply.server';
import { mirrorOrder, mirrorProduct, mirrorVariant } from '../../../tests/support/mirror-fixtures';
import { readInventoryRisk } from './inventory-risk.server';
import { applyAndRollUp, seedShop } from './test-support';

const shop = 'inventory.myshopify.com';
const at = (date: string) => `${date}T16:00:00Z`;
const sale = (id: number, date: string, productId: number, quantity: number) =>
  mirrorOrder({
    id,
    processedAt: at(date),
    lines: [{ id: id * 10, productId, variantId: productId * 10 + 1, quantity, price: '1.00' }],
  });
const level = (inventoryItemId: number, locationId: number, available: number) => ({
  inventoryItemId: BigInt(inventoryItemId),
  locationId: BigInt(locationId),
  available,
  updatedAt: new Date('2026-06-30T00:00:00Z'),
});

describe('inventory at risk', () => {
  it('gives days of cover from the last 28 days and the cost dead stock ties up', async () => {
    // Variant v of product p is p·10 + 1; its inventory item is v·10 (the fixtures' default).
    await seedShop(prisma, shop, { timeZone: 'America/Toronto', currencyCode: 'CAD' }, [
      mirrorProduct(201, [mirrorVariant(2011, { unitCost: '5.00' })]),
      mirrorProduct(202, [mirrorVariant(2021, { unitCost: null })]),
      mirrorProduct(203, [
        mirrorVariant(2031, { unitCost: '2.00' }),
        mirrorVariant(2032, { unitCost: null, inventoryItemId: 20320n }),
      ]),
      mirrorProduct(204, [mirrorVariant(2041, { unitCost: '1.50', inventoryQuantity: 7 })]),
      mirrorProduct(205, [mirrorVariant(2051, { unitCost: '1.00', inventoryQuantity: 20 })], {
        createdAt: new Date('2026-06-15T00:00:00Z'),
      }),
      mirrorProduct(206, [mirrorVariant(2061, { inventoryQuantity: 100 })]),
      mirrorProduct(207, [mirrorVariant(2071)]),
    ]);
    await applyInventoryLevels(prisma, shop, [
      level(20110, 1, 10),
      level(20110, 2, 4),
      level(20210, 1, 3),
      level(20310, 1, 50),
      level(20320, 1, 5),
      level(20710, 1, -2),
    ]);
    await applyAndRollUp(prisma, shop, 'America/Toronto', [
      sale(1, '2026-06-10', 201, 56),
      sale(2, '2026-06-11', 202, 28),
      sale(3, '2026-06-12', 206, 28),
      sale(4, '2026-06-13', 207, 10),
      sale(5, '2026-03-15', 203, 1),
      // Today's sales are not in the velocity window (28 complete days).
      sale(6, '2026-07-01', 201, 100),
    ]);

    const risk = await readInventoryRisk(prisma, shop, '2026-07-01');
    expect(risk.velocityWindow).toEqual({ start: '2026-06-03', end: '2026-06-30' });
    // 207: oversold (−2 counts as 0), 10 sold → 0 days. 202: 3 in stock, 28 / 28 = 1 a day → 3 days.
    // 201: 10 + 4 = 14 in stock, 56 / 28 = 2 a day → 7 days. 206: 100 days, not at risk (≥ 14).
    expect(
      risk.atRisk.map(({ productId, available, velocity, daysOfCover }) => [
        productId,
        available,
        velocity,
        daysOfCover,
      ]),
    ).toEqual([
      ['207', 0, 0.3571, 0],
      ['202', 3, 1, 3],
      ['201', 14, 2, 7],
    ]);
    // Dead (in stock, no sale since 04-03, older than that):
    // 203: 50 × 2.00 = 100 of cost, 5 units without cost; last sold 03-15.
    // 204: 7 × 1.50 = 10.50 (its inventory quantity: no level), never sold.
    // 205 is newer than the window; 206 sold recently.
    expect(risk.deadStock).toEqual([
      {
        productId: '203',
        title: 'Product 203',
        handle: 'product-203',
        available: 55,
        lastSaleDay: '2026-03-15',
        costTiedUp: 100,
        uncostedUnits: 5,
      },
      {
        productId: '204',
        title: 'Product 204',
        handle: 'product-204',
        available: 7,
        lastSaleDay: null,
        costTiedUp: 10.5,
        uncostedUnits: 0,
      },
    ]);
    // 100 + 10.50.
    expect(risk.deadStockCost).toBe(110.5);
    expect(risk.deadStockUncostedUnits).toBe(5);
  });
});
