/**
 * Mirror writes for sales: orders with their line items, discount
 * applications and journey (replaced with the order), and refunds (immutable
 * at Shopify: upserted by id, never removed by an order update). See
 * apply.server.ts for the rules.
 */
import { Prisma } from '@prisma/client';
import { atomically, bigintArray, jsonRows, newestPerKey, type Db } from './batch.server';
import type { ApplyResult, MirrorJourney, MirrorOrder, MirrorRefund } from './types';

type Tx = Prisma.TransactionClient;

/**
 * Writes orders newer than (or as new as) the stored ones; for each written
 * order its line items and discount applications replace the stored ones, and
 * so does its journey when the source carries one. Refunds of every order in
 * the batch are upserted, whether or not the order itself was newer, and so is
 * a journey where the order has none yet (the visit that converted does not
 * change, so an older version that carries it still tells the truth).
 */
export async function applyOrders(db: Db, shop: string, orders: readonly MirrorOrder[]): Promise<ApplyResult> {
  if (orders.length === 0) return { applied: 0, stale: 0 };
  const batch = newestPerKey(orders, (order) => String(order.id));
  return atomically(db, async (tx) => {
    const written = await upsertOrders(tx, shop, batch);
    const writtenIds = new Set(written.map((row) => row.id));
    const current = batch.filter((order) => writtenIds.has(order.id));
    if (current.length > 0) {
      await replaceLineItems(tx, shop, current);
      await replaceDiscountApplications(tx, shop, current);
    }
    await writeJourneys(tx, shop, orders, writtenIds);
    await writeRefunds(
      tx,
      shop,
      orders.flatMap((order) => order.refunds.map((refund) => ({ ...refund, orderId: order.id }))),
    );
    return { applied: written.length, stale: orders.length - written.length };
  });
}

function upsertOrders(tx: Tx, shop: string, orders: MirrorOrder[]): Promise<{ id: bigint }[]> {
  const rows = orders.map(
    ({ lineItems: _lines, refunds: _refunds, discountApplications: _discounts, journey: _journey, ...order }) => order,
  );
  return tx.$queryRaw<{ id: bigint }[]>(Prisma.sql`
    INSERT INTO "Order" AS stored
      (shop, id, name, "customerId", email, phone, "createdAt", "processedAt", "updatedAt", "cancelledAt",
       "closedAt", currency, "presentmentCurrency", subtotal, "totalDiscounts", "totalShipping", "totalTax",
       "totalPrice", "totalRefunded", "financialStatus", "fulfillmentStatus", "sourceName", "discountCodes",
       tags, test)
    SELECT ${shop}, r.id, r.name, r."customerId", r.email, r.phone, r."createdAt", r."processedAt", r."updatedAt",
           r."cancelledAt", r."closedAt", r.currency, r."presentmentCurrency", r.subtotal, r."totalDiscounts",
           r."totalShipping", r."totalTax", r."totalPrice", r."totalRefunded", r."financialStatus",
           r."fulfillmentStatus", r."sourceName", r."discountCodes", r.tags, r.test
    FROM jsonb_to_recordset(${jsonRows(rows)}) AS r(
      id bigint, name text, "customerId" bigint, email text, phone text, "createdAt" timestamp(3),
      "processedAt" timestamp(3), "updatedAt" timestamp(3), "cancelledAt" timestamp(3), "closedAt" timestamp(3),
      currency text, "presentmentCurrency" text, subtotal numeric, "totalDiscounts" numeric,
      "totalShipping" numeric, "totalTax" numeric, "totalPrice" numeric, "totalRefunded" numeric,
      "financialStatus" text, "fulfillmentStatus" text, "sourceName" text, "discountCodes" text[], tags text[],
      test boolean)
    ON CONFLICT (shop, id) DO UPDATE SET
      name = EXCLUDED.name, "customerId" = EXCLUDED."customerId", email = EXCLUDED.email, phone = EXCLUDED.phone,
      "createdAt" = COALESCE(EXCLUDED."createdAt", stored."createdAt"), "processedAt" = EXCLUDED."processedAt",
      "updatedAt" = EXCLUDED."updatedAt", "cancelledAt" = EXCLUDED."cancelledAt", "closedAt" = EXCLUDED."closedAt",
      currency = EXCLUDED.currency, "presentmentCurrency" = EXCLUDED."presentmentCurrency",
      subtotal = EXCLUDED.subtotal, "totalDiscounts" = EXCLUDED."totalDiscounts",
      "totalShipping" = EXCLUDED."totalShipping", "totalTax" = EXCLUDED."totalTax",
      "totalPrice" = EXCLUDED."totalPrice", "totalRefunded" = EXCLUDED."totalRefunded",
      "financialStatus" = EXCLUDED."financialStatus", "fulfillmentStatus" = EXCLUDED."fulfillmentStatus",
      "sourceName" = EXCLUDED."sourceName", "discountCodes" = EXCLUDED."discountCodes", tags = EXCLUDED.tags,
      test = EXCLUDED.test
    WHERE stored."updatedAt" <= EXCLUDED."updatedAt"
    RETURNING stored.id`);
}

async function replaceLineItems(tx: Tx, shop: string, orders: MirrorOrder[]): Promise<void> {
  const lines = new Map<bigint, object>();
  for (const order of orders) for (const line of order.lineItems) lines.set(line.id, { ...line, orderId: order.id });
  await tx.$executeRaw(Prisma.sql`
    DELETE FROM "OrderLineItem"
    WHERE shop = ${shop} AND "orderId" = ANY(${bigintArray(orders.map((order) => order.id))})`);
  if (lines.size === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "OrderLineItem" AS stored
      (shop, id, "orderId", "productId", "variantId", title, "variantTitle", sku, quantity, price, "totalDiscount")
    SELECT ${shop}, r.id, r."orderId", r."productId", r."variantId", r.title, r."variantTitle", r.sku, r.quantity,
           r.price, r."totalDiscount"
    FROM jsonb_to_recordset(${jsonRows([...lines.values()])}) AS r(
      id bigint, "orderId" bigint, "productId" bigint, "variantId" bigint, title text, "variantTitle" text,
      sku text, quantity integer, price numeric, "totalDiscount" numeric)
    ON CONFLICT (shop, id) DO UPDATE SET
      "orderId" = EXCLUDED."orderId", "productId" = EXCLUDED."productId", "variantId" = EXCLUDED."variantId",
      title = EXCLUDED.title, "variantTitle" = EXCLUDED."variantTitle", sku = EXCLUDED.sku,
      quantity = EXCLUDED.quantity, price = EXCLUDED.price, "totalDiscount" = EXCLUDED."totalDiscount"`);
}

async function replaceDiscountApplications(tx: Tx, shop: string, orders: MirrorOrder[]): Promise<void> {
  const applications = orders.flatMap((order) =>
    order.discountApplications.map((application, index) => ({ ...application, orderId: order.id, index })),
  );
  await tx.$executeRaw(Prisma.sql`
    DELETE FROM "DiscountApplication"
    WHERE shop = ${shop} AND "orderId" = ANY(${bigintArray(orders.map((order) => order.id))})`);
  if (applications.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "DiscountApplication"
      (shop, "orderId", index, type, code, title, value, "valueType", "allocationMethod", "targetType")
    SELECT ${shop}, r."orderId", r.index, r.type, r.code, r.title, r.value, r."valueType", r."allocationMethod",
           r."targetType"
    FROM jsonb_to_recordset(${jsonRows(applications)}) AS r(
      "orderId" bigint, index integer, type text, code text, title text, value numeric, "valueType" text,
      "allocationMethod" text, "targetType" text)`);
}

/**
 * Written orders that carry a journey (or carry null: none any more) replace
 * the stored one; every other version in the batch that carries a journey
 * adds it where the order has none.
 */
async function writeJourneys(
  tx: Tx,
  shop: string,
  orders: readonly MirrorOrder[],
  written: Set<bigint>,
): Promise<void> {
  const replaced = new Map<bigint, MirrorJourney | null>();
  const fallback = new Map<bigint, MirrorJourney>();
  for (const order of newestPerKey(orders, (order) => String(order.id))) {
    if (written.has(order.id) && order.journey !== undefined) replaced.set(order.id, order.journey);
  }
  for (const order of orders) if (order.journey && !replaced.has(order.id)) fallback.set(order.id, order.journey);
  if (replaced.size > 0) {
    await tx.$executeRaw(Prisma.sql`
      DELETE FROM "CustomerJourney" WHERE shop = ${shop} AND "orderId" = ANY(${bigintArray(replaced.keys())})`);
  }
  const journeys = [...replaced, ...fallback].flatMap(([orderId, journey]) =>
    journey ? [{ ...journey, orderId }] : [],
  );
  if (journeys.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "CustomerJourney"
      (shop, "orderId", "occurredAt", source, "landingPage", "referrerUrl", "utmSource", "utmMedium",
       "utmCampaign", "utmContent", "utmTerm", "daysToConversion")
    SELECT ${shop}, r."orderId", r."occurredAt", r.source, r."landingPage", r."referrerUrl", r."utmSource",
           r."utmMedium", r."utmCampaign", r."utmContent", r."utmTerm", r."daysToConversion"
    FROM jsonb_to_recordset(${jsonRows(journeys)}) AS r(
      "orderId" bigint, "occurredAt" timestamp(3), source text, "landingPage" text, "referrerUrl" text,
      "utmSource" text, "utmMedium" text, "utmCampaign" text, "utmContent" text, "utmTerm" text,
      "daysToConversion" integer)
    ON CONFLICT (shop, "orderId") DO NOTHING`);
}

type OrderRefund = MirrorRefund & { orderId: bigint };

/** Upserts refunds and their lines by id; returns how many refunds were new or changed. */
async function writeRefunds(tx: Tx, shop: string, refunds: OrderRefund[]): Promise<number> {
  if (refunds.length === 0) return 0;
  const byId = new Map<bigint, OrderRefund>();
  for (const refund of refunds) byId.set(refund.id, refund);
  const lines = [...byId.values()].flatMap((refund) =>
    refund.lines.map((line) => ({ ...line, refundId: refund.id, orderId: refund.orderId })),
  );
  const rows = [...byId.values()].map(({ lines: _lines, ...refund }) => refund);
  const changed = await tx.$executeRaw(Prisma.sql`
    INSERT INTO "Refund" AS stored (shop, id, "orderId", "createdAt", note, total)
    SELECT ${shop}, r.id, r."orderId", r."createdAt", r.note, r.total
    FROM jsonb_to_recordset(${jsonRows(rows)}) AS r(
      id bigint, "orderId" bigint, "createdAt" timestamp(3), note text, total numeric)
    ON CONFLICT (shop, id) DO UPDATE SET
      "orderId" = EXCLUDED."orderId", "createdAt" = EXCLUDED."createdAt", note = EXCLUDED.note, total = EXCLUDED.total
    WHERE (stored."orderId", stored."createdAt", stored.note, stored.total)
      IS DISTINCT FROM (EXCLUDED."orderId", EXCLUDED."createdAt", EXCLUDED.note, EXCLUDED.total)`);
  if (lines.length > 0) {
    // One line item refunded in two parts (say, restocked at two locations) is one row: the sum.
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "RefundLineItem" AS stored (shop, "refundId", "lineItemId", "orderId", quantity, subtotal)
      SELECT ${shop}, r."refundId", r."lineItemId", min(r."orderId"), sum(r.quantity)::integer, sum(r.subtotal)
      FROM jsonb_to_recordset(${jsonRows(lines)}) AS r(
        "refundId" bigint, "lineItemId" bigint, "orderId" bigint, quantity integer, subtotal numeric)
      GROUP BY r."refundId", r."lineItemId"
      ON CONFLICT (shop, "refundId", "lineItemId") DO UPDATE SET
        "orderId" = EXCLUDED."orderId", quantity = EXCLUDED.quantity, subtotal = EXCLUDED.subtotal`);
  }
  return changed;
}

/** refunds/create: upserts the order's refunds by id (a refund never changes at Shopify). */
export async function applyRefunds(
  db: Db,
  shop: string,
  orderId: bigint,
  refunds: readonly MirrorRefund[],
): Promise<ApplyResult> {
  if (refunds.length === 0) return { applied: 0, stale: 0 };
  return atomically(db, async (tx) => {
    const changed = await writeRefunds(
      tx,
      shop,
      refunds.map((refund) => ({ ...refund, orderId })),
    );
    return { applied: changed, stale: refunds.length - changed };
  });
}
