/**
 * The registry of "shop data erasers": for every Prisma model that holds a
 * shop's data, how to erase all of it (shop/redact, 48 h after uninstall) and,
 * where the model holds customer data, how to find and erase one customer's
 * (customers/data_request, customers/redact). A test reads Prisma's DMMF and
 * fails if any model with a `shop` field is missing here.
 */
import type { Prisma, PrismaClient } from '@prisma/client';

export interface CustomerRef {
  /** Numeric customer id as Shopify sends it in compliance payloads. */
  id: string;
  email?: string | null;
  phone?: string | null;
}

type Tx = Prisma.TransactionClient | PrismaClient;

export interface ShopDataEraser {
  model: Prisma.ModelName;
  /** Deletes every row of the shop; returns how many. */
  eraseShop(tx: Tx, shop: string): Promise<number>;
  /** Counts a customer's rows (data request). Absent: the model holds no customer data. */
  findCustomer?(tx: Tx, shop: string, customer: CustomerRef): Promise<number>;
  /** Deletes or anonymises a customer's rows; returns how many. */
  eraseCustomer?(tx: Tx, shop: string, customer: CustomerRef): Promise<number>;
}

export const SHOP_DATA_ERASERS: ShopDataEraser[] = [
  {
    // Staff sessions; no customer data.
    model: 'Session',
    eraseShop: async (tx, shop) => (await tx.session.deleteMany({ where: { shop } })).count,
  },
  {
    // The record of compliance requests themselves: a customer id and counts,
    // kept as proof that a request was carried out, erased with the shop.
    model: 'ComplianceRequest',
    eraseShop: async (tx, shop) => (await tx.complianceRequest.deleteMany({ where: { shop } })).count,
  },
  {
    // Background jobs (the database queue driver). Payloads may name a
    // customer, but jobs are short-lived and erased with the shop; the BullMQ
    // driver's jobs in Redis expire on their own (a day for done jobs).
    model: 'Job',
    eraseShop: async (tx, shop) => (await tx.job.deleteMany({ where: { shop } })).count,
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
    model: 'InsightsFinding',
    eraseShop: async (tx, shop) => (await tx.insightsFinding.deleteMany({ where: { shop } })).count,
  },
];
