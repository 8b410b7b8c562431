/**
 * Carries out Shopify's mandatory compliance requests with the eraser
 * registry. Each call is idempotent on the event id, so a redelivered
 * webhook finds the request already done.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import { logger } from '../logging/logger.server.ts';
import { SHOP_DATA_ERASERS, type CustomerRef, type ShopDataEraser } from './erasers.server.ts';

const log = logger.child({ component: 'compliance' });

type Counts = Record<string, number>;

async function record(
  db: PrismaClient,
  shop: string,
  topic: string,
  eventId: string,
  customerId: string | null,
  work: () => Promise<Counts>,
): Promise<Counts> {
  const key = { shop_eventId: { shop, eventId } };
  // Concurrent redeliveries meet on the unique key instead of failing on it.
  const request = await db.complianceRequest.upsert({
    where: key,
    create: { shop, topic, eventId, customerId },
    update: {},
  });
  if (request.completedAt) return (request.result ?? {}) as Counts;
  const result = await work();
  await db.complianceRequest.update({
    where: key,
    data: { completedAt: new Date(), result: result as Prisma.InputJsonObject },
  });
  log.info({ shop, topic, eventId, result }, 'Compliance request completed');
  return result;
}

/** customers/data_request: what Steward holds about the customer, per model. */
export function customerDataRequest(
  db: PrismaClient,
  shop: string,
  eventId: string,
  customer: CustomerRef,
  erasers: ShopDataEraser[] = SHOP_DATA_ERASERS,
): Promise<Counts> {
  return record(db, shop, 'customers/data_request', eventId, customer.id, async () => {
    const counts: Counts = {};
    for (const eraser of erasers) {
      if (eraser.findCustomer) counts[eraser.model] = await eraser.findCustomer(db, shop, customer);
    }
    return counts;
  });
}

/** customers/redact: erase the customer's data in every model that holds any. */
export function customerRedact(
  db: PrismaClient,
  shop: string,
  eventId: string,
  customer: CustomerRef,
  erasers: ShopDataEraser[] = SHOP_DATA_ERASERS,
): Promise<Counts> {
  return record(db, shop, 'customers/redact', eventId, customer.id, () =>
    db.$transaction(async (tx) => {
      const counts: Counts = {};
      for (const eraser of erasers) {
        if (eraser.eraseCustomer) counts[eraser.model] = await eraser.eraseCustomer(tx, shop, customer);
      }
      return counts;
    }),
  );
}

/** shop/redact: erase everything Steward holds for the shop, in one transaction. */
export async function shopRedact(
  db: PrismaClient,
  shop: string,
  erasers: ShopDataEraser[] = SHOP_DATA_ERASERS,
): Promise<Counts> {
  const counts = await db.$transaction(async (tx) => {
    const erased: Counts = {};
    for (const eraser of erasers) erased[eraser.model] = await eraser.eraseShop(tx, shop);
    return erased;
  });
  log.info({ shop, counts }, 'Shop data erased (shop/redact)');
  return counts;
}
