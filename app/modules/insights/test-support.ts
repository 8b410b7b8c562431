/**
 * For the insights tests and the bench: write orders through the mirror's
 * real apply function, mark them changed as the pipeline does, and run the
 * rollup job's incremental step — the same path a webhook takes, minus the
 * queue's wait.
 */
import type { PrismaClient } from '@prisma/client';
import { applyOrders, applyProducts } from '~/platform/mirror/apply.server';
import type { MirrorOrder, MirrorProduct } from '~/platform/mirror/types';
import { drainPendingOrders } from './rollup-build.server';
import { markOrdersChanged } from './outbox.server';

export async function applyAndRollUp(
  db: PrismaClient,
  shop: string,
  timeZone: string,
  orders: MirrorOrder[],
): Promise<void> {
  await db.$transaction(async (tx) => {
    await applyOrders(tx, shop, orders);
    await markOrdersChanged(
      tx,
      shop,
      orders.map((order) => order.id),
    );
  });
  for (;;) {
    const { remaining } = await drainPendingOrders(db, shop, timeZone);
    if (remaining === 0) return;
  }
}

export async function seedShop(
  db: PrismaClient,
  shop: string,
  settings: { timeZone: string; currencyCode: string },
  products: MirrorProduct[] = [],
): Promise<void> {
  await db.shopSettings.create({
    data: { shop, name: shop, ianaTimezone: settings.timeZone, currencyCode: settings.currencyCode },
  });
  await db.insightsRollupState.create({ data: { shop, timeZone: settings.timeZone, builtAt: new Date() } });
  if (products.length > 0) await applyProducts(db, shop, products);
}
