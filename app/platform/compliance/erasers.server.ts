/**
 * The registry of "shop data erasers": for every Prisma model that holds a
 * shop's data, how to erase all of it (shop/redact, 48 h after uninstall) and,
 * where the model holds customer data, how to export one customer's rows
 * (customers/data_request) and erase them (customers/redact). A test reads
 * Prisma's DMMF and fails if any model with a `shop` field is missing here.
 *
 * customers/redact keeps what the shop's accounting needs (order numbers,
 * amounts, lines, refunds) and removes who the customer is: their mirror row
 * is emptied into a tombstone, their orders lose e-mail and phone, and their
 * name, e-mail and phone are replaced wherever Steward wrote them down
 * (activity entries, refund notes, journeys, webhook payloads, job payloads).
 */
import { Prisma } from '@prisma/client';
import { CONTENT_DATA_ERASERS } from '../../modules/content/erasers.server';
import { INBOX_DATA_ERASERS } from '../../modules/inbox/erasers.server';
import { STUDIO_DATA_ERASERS } from '../../modules/studio/erasers.server';
import type { Db } from '../mirror/batch.server';
import type { CustomerScope } from './customer-scope.server';
import { toJsonRow, type JsonRow } from './json-row';
import { scrubJsonColumn, scrubTextColumns } from './scrub-sql.server';
import { termsPattern } from './scrub';

export type { CustomerRef, CustomerScope } from './customer-scope.server';

export interface ShopDataEraser {
  model: Prisma.ModelName;
  /** Deletes every row of the shop; returns how many. */
  eraseShop(tx: Db, shop: string): Promise<number>;
  /** The customer's rows for the data-request export. Absent: the model holds no customer data to hand over. */
  exportCustomer?(tx: Db, shop: string, customer: CustomerScope): Promise<JsonRow[]>;
  /** Deletes or anonymises the customer's rows; returns how many changed. */
  eraseCustomer?(tx: Db, shop: string, customer: CustomerScope): Promise<number>;
}

/**
 * A redacted customer's tombstone is newer than any version Shopify could
 * still deliver, so no late webhook or sync page writes their data back.
 */
const REDACTED_CUSTOMER_UPDATED_AT = new Date('9999-12-31T00:00:00.000Z');

const rows = <T extends object>(list: T[]): JsonRow[] => list.map((row) => toJsonRow(row as Record<string, unknown>));
const orderIdTexts = (customer: CustomerScope) => customer.orderIds.map(String);
const ofOrders = (customer: CustomerScope) => Prisma.sql`"orderId" = ANY(${orderIdTexts(customer)}::text[]::bigint[])`;

/** Entries about the customer: theirs, their customer record's, their orders'. */
const activityAbout = (shop: string, customer: CustomerScope) => Prisma.sql`
  shop = ${shop} AND ("customerId" = ${String(customer.id)}
    OR ("resourceType" = 'customer' AND "resourceId" = ${String(customer.id)})
    OR ("resourceType" = 'order' AND "resourceId" = ANY(${orderIdTexts(customer)}::text[])))`;

/** Webhook payloads about the customer: their customer record, their orders and refunds, requests about them. */
const eventsAbout = (customer: CustomerScope) => Prisma.sql`
  payload->'customer'->>'id' = ${String(customer.id)}
  OR (topic LIKE 'customers/%' AND payload->>'id' = ${String(customer.id)})
  OR (topic LIKE 'orders/%' AND payload->>'id' = ANY(${orderIdTexts(customer)}::text[]))
  OR (topic = 'refunds/create' AND payload->>'order_id' = ANY(${orderIdTexts(customer)}::text[]))`;

const mentions = (column: string, customer: CustomerScope) =>
  customer.identifiers.length > 0
    ? Prisma.sql`${Prisma.raw(`"${column}"`)}::text ~* ${termsPattern(customer.identifiers)}`
    : Prisma.sql`false`;

export const SHOP_DATA_ERASERS: ShopDataEraser[] = [
  {
    // Staff sessions; no customer data.
    model: 'Session',
    eraseShop: async (tx, shop) => (await tx.session.deleteMany({ where: { shop } })).count,
  },
  {
    // The record of compliance requests: a customer id and counts, kept as
    // proof that a request was carried out. A data request's export holds the
    // customer's data: it goes when the customer is redacted.
    model: 'ComplianceRequest',
    eraseShop: async (tx, shop) => (await tx.complianceRequest.deleteMany({ where: { shop } })).count,
    eraseCustomer: async (tx, shop, customer) =>
      (
        await tx.complianceRequest.updateMany({
          where: { shop, customerId: String(customer.id), export: { not: Prisma.AnyNull } },
          data: { export: Prisma.DbNull },
        })
      ).count,
  },
  {
    // Background jobs (the database queue driver): payloads and errors may
    // quote a customer. The BullMQ driver's jobs in Redis expire on their own
    // (a day for done jobs).
    model: 'Job',
    eraseShop: async (tx, shop) => (await tx.job.deleteMany({ where: { shop } })).count,
    eraseCustomer: async (tx, shop, customer) =>
      (await scrubJsonColumn(tx, shop, { table: 'Job', idType: 'text', column: 'payload' }, [
        { where: mentions('payload', customer), terms: customer.identifiers, personalFields: false },
      ])) + (await scrubTextColumns(tx, shop, 'Job', [{ name: 'lastError' }], customer.identifiers)),
  },
  {
    // The webhook inbox keeps raw payloads: the customer's own (their record,
    // their orders and refunds) lose every personal field; any other payload
    // that quotes them loses the quote.
    model: 'WebhookEvent',
    eraseShop: async (tx, shop) => (await tx.webhookEvent.deleteMany({ where: { shop } })).count,
    eraseCustomer: async (tx, shop, customer) =>
      (await scrubJsonColumn(tx, shop, { table: 'WebhookEvent', idType: 'bigint', column: 'payload' }, [
        { where: eventsAbout(customer), terms: customer.terms, personalFields: true },
        { where: mentions('payload', customer), terms: customer.identifiers, personalFields: false },
      ])) + (await scrubTextColumns(tx, shop, 'WebhookEvent', [{ name: 'lastError' }], customer.identifiers)),
  },
  {
    model: 'SyncRun',
    eraseShop: async (tx, shop) => (await tx.syncRun.deleteMany({ where: { shop } })).count,
  },
  // ─── The store mirror ────────────────────────────────────────────────────
  {
    model: 'Product',
    eraseShop: async (tx, shop) => (await tx.product.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'ProductVariant',
    eraseShop: async (tx, shop) => (await tx.productVariant.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InventoryLevel',
    eraseShop: async (tx, shop) => (await tx.inventoryLevel.deleteMany({ where: { shop } })).count,
  },
  {
    // The customer's row becomes an empty tombstone (see REDACTED_CUSTOMER_UPDATED_AT).
    model: 'Customer',
    eraseShop: async (tx, shop) => (await tx.customer.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.customer.findMany({
          where: { shop, id: customer.id, updatedAt: { lt: REDACTED_CUSTOMER_UPDATED_AT } },
        }),
      ),
    eraseCustomer: async (tx, shop, customer) => {
      const erased = await tx.$executeRaw(Prisma.sql`
        UPDATE "Customer" SET "firstName" = NULL, "lastName" = NULL, email = NULL, phone = NULL, tags = '{}',
          "deletedAt" = COALESCE("deletedAt", now() AT TIME ZONE 'UTC'), "updatedAt" = ${REDACTED_CUSTOMER_UPDATED_AT}
        WHERE shop = ${shop} AND id = ${customer.id} AND "updatedAt" < ${REDACTED_CUSTOMER_UPDATED_AT}`);
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO "Customer" (shop, id, tags, "updatedAt", "deletedAt")
        VALUES (${shop}, ${customer.id}, '{}', ${REDACTED_CUSTOMER_UPDATED_AT}, now() AT TIME ZONE 'UTC')
        ON CONFLICT (shop, id) DO NOTHING`);
      return erased;
    },
  },
  {
    // Orders stay for the shop's accounting (numbers, money, lines); who placed them goes.
    model: 'Order',
    eraseShop: async (tx, shop) => (await tx.order.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(await tx.order.findMany({ where: { shop, id: { in: customer.orderIds } }, orderBy: { id: 'asc' } })),
    eraseCustomer: async (tx, shop, customer) => {
      const where = Prisma.sql`shop = ${shop} AND id = ANY(${orderIdTexts(customer)}::text[]::bigint[])`;
      const contact = await tx.$executeRaw(Prisma.sql`
        UPDATE "Order" SET email = NULL, phone = NULL
        WHERE ${where} AND (email IS NOT NULL OR phone IS NOT NULL)`);
      const tagged = await scrubTextColumns(tx, shop, 'Order', [{ name: 'tags', array: true }], customer.terms, where);
      return contact + tagged;
    },
  },
  {
    model: 'OrderLineItem',
    eraseShop: async (tx, shop) => (await tx.orderLineItem.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.orderLineItem.findMany({
          where: { shop, orderId: { in: customer.orderIds } },
          orderBy: { id: 'asc' },
        }),
      ),
  },
  {
    // A refund's note is free text a merchant may have written the customer's name in.
    model: 'Refund',
    eraseShop: async (tx, shop) => (await tx.refund.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(await tx.refund.findMany({ where: { shop, orderId: { in: customer.orderIds } }, orderBy: { id: 'asc' } })),
    eraseCustomer: (tx, shop, customer) =>
      scrubTextColumns(tx, shop, 'Refund', [{ name: 'note' }], customer.terms, ofOrders(customer)),
  },
  {
    model: 'RefundLineItem',
    eraseShop: async (tx, shop) => (await tx.refundLineItem.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.refundLineItem.findMany({
          where: { shop, orderId: { in: customer.orderIds } },
          orderBy: [{ refundId: 'asc' }, { lineItemId: 'asc' }],
        }),
      ),
  },
  {
    model: 'DiscountApplication',
    eraseShop: async (tx, shop) => (await tx.discountApplication.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.discountApplication.findMany({
          where: { shop, orderId: { in: customer.orderIds } },
          orderBy: [{ orderId: 'asc' }, { index: 'asc' }],
        }),
      ),
  },
  {
    // Landing pages and referrers are URLs, which can carry an e-mail address.
    model: 'CustomerJourney',
    eraseShop: async (tx, shop) => (await tx.customerJourney.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(await tx.customerJourney.findMany({ where: { shop, orderId: { in: customer.orderIds } } })),
    eraseCustomer: (tx, shop, customer) =>
      scrubTextColumns(
        tx,
        shop,
        'CustomerJourney',
        [{ name: 'landingPage' }, { name: 'referrerUrl' }, { name: 'source' }],
        customer.terms,
        ofOrders(customer),
      ),
  },
  // ─── Activity log ────────────────────────────────────────────────────────
  {
    // Entries about the customer lose their name, e-mail and phone; any other
    // entry that quotes their e-mail, phone or full name loses the quote.
    model: 'ActivityEntry',
    eraseShop: async (tx, shop) => (await tx.activityEntry.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.$queryRaw<object[]>(Prisma.sql`
          SELECT id, "occurredAt", "actorType", "actorName", verb, "resourceType", "resourceId", "resourceTitle",
                 summary, details
          FROM "ActivityEntry" WHERE ${activityAbout(shop, customer)} ORDER BY "occurredAt", id`),
      ),
    eraseCustomer: async (tx, shop, customer) => {
      const columns = [{ name: 'actorName' }, { name: 'resourceTitle' }, { name: 'summary' }];
      const about = await scrubTextColumns(
        tx,
        shop,
        'ActivityEntry',
        columns,
        customer.terms,
        activityAbout(shop, customer),
      );
      const quoting = await scrubTextColumns(tx, shop, 'ActivityEntry', columns, customer.identifiers);
      const details = await scrubJsonColumn(tx, shop, { table: 'ActivityEntry', idType: 'bigint', column: 'details' }, [
        { where: activityAbout(shop, customer), terms: customer.terms, personalFields: false },
        { where: mentions('details', customer), terms: customer.identifiers, personalFields: false },
      ]);
      return about + quoting + details;
    },
  },
  // Insights (app/modules/insights): the shop's settings, daily rollups and
  // findings. Aggregates only, no customer data: erased with the shop.
  {
    model: 'ShopSettings',
    eraseShop: async (tx, shop) => (await tx.shopSettings.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsRollupState',
    eraseShop: async (tx, shop) => (await tx.insightsRollupState.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsDaily',
    eraseShop: async (tx, shop) => (await tx.insightsDaily.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsProductDaily',
    eraseShop: async (tx, shop) => (await tx.insightsProductDaily.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsChannelDaily',
    eraseShop: async (tx, shop) => (await tx.insightsChannelDaily.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsCustomerDaily',
    eraseShop: async (tx, shop) => (await tx.insightsCustomerDaily.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsCohortDaily',
    eraseShop: async (tx, shop) => (await tx.insightsCohortDaily.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsPendingOrder',
    eraseShop: async (tx, shop) => (await tx.insightsPendingOrder.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsOrderFact',
    eraseShop: async (tx, shop) => (await tx.insightsOrderFact.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InsightsFinding',
    eraseShop: async (tx, shop) => (await tx.insightsFinding.deleteMany({ where: { shop } })).count,
  },
  ...STUDIO_DATA_ERASERS,
  ...CONTENT_DATA_ERASERS,
  ...INBOX_DATA_ERASERS,
];
