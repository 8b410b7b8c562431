/**
 * Carries out Shopify's mandatory compliance requests with the eraser
 * registry. Each function works inside the caller's transaction (the webhook
 * processor's) or, given the Prisma client, in a transaction of its own.
 * Customer requests are recorded as ComplianceRequest rows, unique per
 * (shop, event id), so a redelivered webhook finds the request already done.
 */
import { type Prisma } from '@prisma/client';
import { logger } from '../logging/logger.server.ts';
import { atomically, type Db } from '../mirror/batch.server';
import { resolveCustomerScope, type CustomerRef } from './customer-scope.server';
import { SHOP_DATA_ERASERS, type ShopDataEraser } from './erasers.server';
import type { JsonRow } from './json-row';

const log = logger.child({ component: 'compliance' });

type Counts = Record<string, number>;

/** What customers/data_request hands over: the customer's rows, per model. */
export interface CustomerDataExport {
  shop: string;
  customerId: string;
  generatedAt: string;
  data: Record<string, JsonRow[]>;
}

export interface RequestMeta {
  /** When the request reached Steward (the inbox's receivedAt); now if absent. */
  receivedAt?: Date;
}

interface Outcome {
  counts: Counts;
  export?: CustomerDataExport;
}

async function record(
  tx: Prisma.TransactionClient,
  request: { shop: string; topic: string; eventId: string; customerId: string; receivedAt?: Date },
  work: () => Promise<Outcome>,
): Promise<Counts> {
  const { shop, topic, eventId, customerId, receivedAt } = request;
  const key = { shop_eventId: { shop, eventId } };
  // Concurrent redeliveries meet on the unique key instead of failing on it.
  const stored = await tx.complianceRequest.upsert({
    where: key,
    create: { shop, topic, eventId, customerId, ...(receivedAt ? { receivedAt } : {}) },
    update: {},
  });
  if (stored.completedAt) return (stored.result ?? {}) as Counts;
  const outcome = await work();
  await tx.complianceRequest.update({
    where: key,
    data: {
      completedAt: new Date(),
      result: outcome.counts as Prisma.InputJsonObject,
      ...(outcome.export ? { export: outcome.export as unknown as Prisma.InputJsonObject } : {}),
    },
  });
  log.info({ shop, topic, eventId, result: outcome.counts }, 'Compliance request completed');
  return outcome.counts;
}

/**
 * customers/data_request: assembles what Steward holds about the customer
 * into an export the merchant downloads in Steward; returns the per-model counts.
 */
export function customerDataRequest(
  db: Db,
  shop: string,
  eventId: string,
  customer: CustomerRef,
  erasers: ShopDataEraser[] = SHOP_DATA_ERASERS,
  meta: RequestMeta = {},
): Promise<Counts> {
  const request = { shop, topic: 'customers/data_request', eventId, customerId: customer.id, ...meta };
  return atomically(db, (tx) =>
    record(tx, request, async () => {
      const scope = await resolveCustomerScope(tx, shop, customer);
      const counts: Counts = {};
      const data: Record<string, JsonRow[]> = {};
      for (const eraser of erasers) {
        if (!eraser.exportCustomer) continue;
        const rows = await eraser.exportCustomer(tx, shop, scope);
        counts[eraser.model] = rows.length;
        data[eraser.model] = rows;
      }
      return {
        counts,
        export: { shop, customerId: customer.id, generatedAt: new Date().toISOString(), data },
      };
    }),
  );
}

/** customers/redact: erases the customer's data in every model that holds any. */
export function customerRedact(
  db: Db,
  shop: string,
  eventId: string,
  customer: CustomerRef,
  erasers: ShopDataEraser[] = SHOP_DATA_ERASERS,
  meta: RequestMeta = {},
): Promise<Counts> {
  const request = { shop, topic: 'customers/redact', eventId, customerId: customer.id, ...meta };
  return atomically(db, (tx) =>
    record(tx, request, async () => {
      const scope = await resolveCustomerScope(tx, shop, customer);
      const counts: Counts = {};
      for (const eraser of erasers) {
        if (eraser.eraseCustomer) counts[eraser.model] = await eraser.eraseCustomer(tx, shop, scope);
      }
      return { counts };
    }),
  );
}

/** shop/redact: erases everything Steward holds for the shop; returns the per-model counts. */
export async function shopRedact(db: Db, shop: string, erasers: ShopDataEraser[] = SHOP_DATA_ERASERS): Promise<Counts> {
  const counts = await atomically(db, async (tx) => {
    const erased: Counts = {};
    for (const eraser of erasers) erased[eraser.model] = await eraser.eraseShop(tx, shop);
    return erased;
  });
  log.info({ shop, counts }, 'Shop data erased (shop/redact)');
  return counts;
}
