/**
 * For bench/insights.ts: the devstore's seeded shop (devstore/seed — a
 * catalog with unit costs and stock in two locations, customers, orders over
 * 18 months with seasons, discounts, refunds, cancellations and UTM
 * journeys) turned into the mirror's normalised records and written through
 * the mirror's own apply functions, the way the sync writes them.
 */
import type { PrismaClient } from '@prisma/client';
import { orderTotals } from '../devstore/resolvers/sales-totals';
import type { ShopState } from '../devstore/state/shop-state';
import type { OrderRecord } from '../devstore/state/types';
import { applyInventoryLevels, applyOrders, applyProducts } from '../app/platform/mirror/apply.server';
import type { MirrorOrder, MirrorProduct } from '../app/platform/mirror/types';

const decimal = (cents: number) => (cents / 100).toFixed(2);
const date = (iso: string | null) => (iso ? new Date(iso) : null);

export function mirrorOrderOf(order: OrderRecord, currency: string): MirrorOrder {
  const totals = orderTotals(order);
  return {
    id: BigInt(order.id),
    name: `#${order.number}`,
    customerId: order.customerId === null ? null : BigInt(order.customerId),
    email: order.email,
    phone: null,
    createdAt: new Date(order.createdAt),
    processedAt: new Date(order.processedAt),
    updatedAt: new Date(order.updatedAt),
    cancelledAt: date(order.cancelledAt),
    closedAt: null,
    currency,
    presentmentCurrency: order.presentmentCurrencyCode,
    subtotal: decimal(totals.subtotal),
    totalDiscounts: decimal(totals.discounts),
    totalShipping: decimal(totals.shipping),
    totalTax: decimal(totals.tax),
    totalPrice: decimal(totals.total),
    totalRefunded: decimal(totals.refunded),
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    sourceName: order.sourceName,
    discountCodes: order.discountCodes,
    tags: [],
    test: order.test,
    lineItems: order.lineItems.map((line) => ({
      id: BigInt(line.id),
      productId: line.productId === null ? null : BigInt(line.productId),
      variantId: line.variantId === null ? null : BigInt(line.variantId),
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      price: line.unitPrice,
      totalDiscount: line.discount,
    })),
    refunds: order.refunds.map((refund) => ({
      id: BigInt(refund.id),
      createdAt: new Date(refund.createdAt),
      note: refund.note,
      total: refund.total,
      lines: refund.lines.map((line) => ({ ...line, lineItemId: BigInt(line.lineItemId) })),
    })),
    discountApplications: order.discountApplications.map((application) => ({
      type: application.kind,
      code: application.code,
      title: application.title,
      value: application.value,
      valueType: application.valueType,
      allocationMethod: application.allocationMethod,
      targetType: application.targetType,
    })),
    journey: order.journey && {
      occurredAt: new Date(order.journey.occurredAt),
      source: order.journey.source,
      landingPage: order.journey.landingPage,
      referrerUrl: order.journey.referrerUrl,
      utmSource: order.journey.utm?.source ?? null,
      utmMedium: order.journey.utm?.medium ?? null,
      utmCampaign: order.journey.utm?.campaign ?? null,
      utmContent: order.journey.utm?.content ?? null,
      utmTerm: order.journey.utm?.term ?? null,
      daysToConversion: order.journey.daysToConversion,
    },
  };
}

function mirrorProducts(state: ShopState): MirrorProduct[] {
  return [...state.products.values()].map((product) => ({
    id: BigInt(product.id),
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    createdAt: new Date(product.createdAt),
    updatedAt: new Date(product.updatedAt),
    variants: product.variantIds.flatMap((id) => {
      const variant = state.variants.get(id);
      if (!variant) return [];
      return [
        {
          id: BigInt(variant.id),
          title: variant.title,
          sku: variant.sku,
          price: variant.price,
          compareAtPrice: variant.compareAtPrice,
          inventoryItemId: BigInt(variant.inventoryItemId),
          inventoryQuantity: null,
          unitCost: state.inventoryItems.get(variant.inventoryItemId)?.unitCost ?? null,
          updatedAt: new Date(variant.updatedAt),
        },
      ];
    }),
  }));
}

/** Writes the shop's catalog, stock and orders to the mirror; returns the orders written. */
export async function writeMirror(
  db: PrismaClient,
  state: ShopState,
  onProgress: (done: number) => void,
  batchSize = 1_000,
): Promise<number> {
  const shop = state.shop.domain;
  await applyProducts(db, shop, mirrorProducts(state));
  await applyInventoryLevels(
    db,
    shop,
    [...state.inventoryLevels.values()].map((level) => ({
      inventoryItemId: BigInt(level.inventoryItemId),
      locationId: BigInt(level.locationId),
      available: level.available,
      updatedAt: new Date(level.updatedAt),
    })),
  );
  let batch: MirrorOrder[] = [];
  let done = 0;
  for (const order of state.orders.values()) {
    batch.push(mirrorOrderOf(order, state.shop.currencyCode));
    if (batch.length === batchSize) {
      await applyOrders(db, shop, batch);
      done += batch.length;
      batch = [];
      onProgress(done);
    }
  }
  if (batch.length > 0) await applyOrders(db, shop, batch);
  return done + batch.length;
}
