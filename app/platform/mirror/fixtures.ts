/**
 * Record builders for the mirror's tests: plausible normalised records with
 * every field set, to adjust per test.
 */
import type {
  MirrorCustomer,
  MirrorDiscountApplication,
  MirrorJourney,
  MirrorOrder,
  MirrorProduct,
  MirrorRefund,
  MirrorVariant,
} from './types';

export const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

export function variant(id: bigint, updatedAt: Date, fields: Partial<MirrorVariant> = {}): MirrorVariant {
  return {
    id,
    title: `Variant ${id}`,
    sku: `SKU-${id}`,
    price: '19.9900',
    compareAtPrice: null,
    inventoryItemId: id * 10n,
    inventoryQuantity: 5,
    updatedAt,
    ...fields,
  };
}

export function product(id: bigint, updatedAt: Date, fields: Partial<MirrorProduct> = {}): MirrorProduct {
  return {
    id,
    title: `Product ${id} at ${updatedAt.toISOString()}`,
    handle: `product-${id}`,
    status: 'ACTIVE',
    vendor: 'Acme',
    productType: 'Shirts',
    tags: ['summer', 'cotton'],
    createdAt: at(0),
    updatedAt,
    variants: [variant(id * 100n + 1n, updatedAt)],
    ...fields,
  };
}

export function customer(id: bigint, updatedAt: Date, fields: Partial<MirrorCustomer> = {}): MirrorCustomer {
  return {
    id,
    firstName: 'Ada',
    lastName: `Version ${updatedAt.getTime()}`,
    email: `ada${id}@example.com`,
    phone: null,
    state: 'ENABLED',
    tags: [],
    numberOfOrders: 2,
    amountSpent: '80.0000',
    createdAt: at(0),
    updatedAt,
    ...fields,
  };
}

export function refund(id: bigint, lineItemId: bigint, fields: Partial<MirrorRefund> = {}): MirrorRefund {
  return {
    id,
    createdAt: at(30),
    note: null,
    total: '10.0000',
    lines: [{ lineItemId, quantity: 1, subtotal: '10.0000' }],
    ...fields,
  };
}

export function order(id: bigint, updatedAt: Date, fields: Partial<MirrorOrder> = {}): MirrorOrder {
  return {
    id,
    name: `#${id}`,
    customerId: 7n,
    email: 'buyer@example.com',
    phone: null,
    createdAt: at(0),
    processedAt: at(0),
    updatedAt,
    cancelledAt: null,
    closedAt: null,
    currency: 'EUR',
    presentmentCurrency: 'EUR',
    subtotal: '40.0000',
    totalDiscounts: '0.0000',
    totalShipping: '5.0000',
    totalTax: '0.0000',
    totalPrice: '45.0000',
    totalRefunded: '0.0000',
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    sourceName: 'web',
    discountCodes: [],
    tags: [],
    test: false,
    lineItems: [
      {
        id: id * 10n + 1n,
        productId: 1n,
        variantId: 101n,
        title: 'Shirt',
        variantTitle: 'M',
        sku: 'SKU-101',
        quantity: 2,
        price: '20.0000',
        totalDiscount: '0.0000',
      },
    ],
    refunds: [],
    discountApplications: [],
    journey: undefined,
    ...fields,
  };
}

export function journey(fields: Partial<MirrorJourney> = {}): MirrorJourney {
  return {
    occurredAt: at(0),
    source: 'google',
    landingPage: '/?utm_source=google',
    referrerUrl: null,
    utmSource: 'google',
    utmMedium: 'cpc',
    utmCampaign: 'fall',
    utmContent: null,
    utmTerm: null,
    daysToConversion: 2,
    ...fields,
  };
}

export function discountApplication(fields: Partial<MirrorDiscountApplication> = {}): MirrorDiscountApplication {
  return {
    type: 'AUTOMATIC',
    code: null,
    title: 'Fall sale',
    value: '5',
    valueType: 'FIXED_AMOUNT',
    allocationMethod: 'ACROSS',
    targetType: 'LINE_ITEM',
    ...fields,
  };
}

/** An order as a sync writes them in bulk: three lines, a discount application, a journey, maybe a refund. */
export function bulkOrder(id: bigint, { refunded }: { refunded: boolean }): MirrorOrder {
  const line = order(id, at(0)).lineItems[0]!;
  return order(id, at(10), {
    lineItems: [1n, 2n, 3n].map((n) => ({ ...line, id: id * 10n + n })),
    refunds: refunded ? [refund(id * 100n, id * 10n + 1n)] : [],
    discountApplications: [discountApplication()],
    journey: journey(),
  });
}
