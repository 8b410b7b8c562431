/**
 * Builders of normalised mirror records (app/platform/mirror/types.ts) for
 * tests that write the mirror through its real apply functions: every field
 * has a plain default, and a test spells out only what it is about.
 */
import type {
  MirrorLineItem,
  MirrorOrder,
  MirrorProduct,
  MirrorRefund,
  MirrorVariant,
} from '../../app/platform/mirror/types';

const UPDATED = new Date('2026-01-01T00:00:00Z');

export function mirrorVariant(id: number, fields: Partial<MirrorVariant> = {}): MirrorVariant {
  return {
    id: BigInt(id),
    title: `Variant ${id}`,
    sku: null,
    price: '0.00',
    compareAtPrice: null,
    inventoryItemId: BigInt(id) * 10n,
    inventoryQuantity: 0,
    unitCost: null,
    updatedAt: UPDATED,
    ...fields,
  };
}

export function mirrorProduct(
  id: number,
  variants: MirrorVariant[],
  fields: Partial<MirrorProduct> = {},
): MirrorProduct {
  return {
    id: BigInt(id),
    title: `Product ${id}`,
    handle: `product-${id}`,
    status: 'ACTIVE',
    vendor: null,
    productType: null,
    tags: [],
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: UPDATED,
    variants,
    ...fields,
  };
}

export interface LineSpec {
  id: number;
  productId: number | null;
  variantId: number | null;
  quantity: number;
  /** Unit price before discounts, shop money. */
  price: string;
  /** Discount allocated to the whole line. */
  discount?: string;
}

export function mirrorLine(spec: LineSpec): MirrorLineItem {
  return {
    id: BigInt(spec.id),
    productId: spec.productId === null ? null : BigInt(spec.productId),
    variantId: spec.variantId === null ? null : BigInt(spec.variantId),
    title: `Line ${spec.id}`,
    variantTitle: null,
    sku: null,
    quantity: spec.quantity,
    price: spec.price,
    totalDiscount: spec.discount ?? '0.00',
  };
}

export function mirrorRefund(
  id: number,
  createdAt: string,
  lines: { lineItemId: number; quantity: number; subtotal: string }[],
  total?: string,
): MirrorRefund {
  const sum = lines.reduce((acc, line) => acc + Number(line.subtotal), 0);
  return {
    id: BigInt(id),
    createdAt: new Date(createdAt),
    note: null,
    total: total ?? sum.toFixed(2),
    lines: lines.map((line) => ({ ...line, lineItemId: BigInt(line.lineItemId) })),
  };
}

export interface OrderSpec {
  id: number;
  processedAt: string;
  customerId?: number | null;
  lines?: LineSpec[];
  refunds?: MirrorRefund[];
  cancelledAt?: string | null;
  test?: boolean;
  sourceName?: string | null;
  utm?: { source: string | null; medium: string | null } | null;
  currency?: string;
  presentmentCurrency?: string | null;
  updatedAt?: string;
}

/** An order whose totals follow from its lines (no shipping, no tax). */
export function mirrorOrder(spec: OrderSpec): MirrorOrder {
  const lines = (spec.lines ?? []).map(mirrorLine);
  const gross = (spec.lines ?? []).reduce((sum, line) => sum + Number(line.price) * line.quantity, 0);
  const discounts = (spec.lines ?? []).reduce((sum, line) => sum + Number(line.discount ?? 0), 0);
  const refunded = (spec.refunds ?? []).reduce((sum, refund) => sum + Number(refund.total), 0);
  const processedAt = new Date(spec.processedAt);
  return {
    id: BigInt(spec.id),
    name: `#${spec.id}`,
    customerId: spec.customerId == null ? null : BigInt(spec.customerId),
    email: null,
    phone: null,
    createdAt: processedAt,
    processedAt,
    updatedAt: new Date(spec.updatedAt ?? spec.cancelledAt ?? spec.processedAt),
    cancelledAt: spec.cancelledAt ? new Date(spec.cancelledAt) : null,
    closedAt: null,
    currency: spec.currency ?? 'CAD',
    presentmentCurrency: spec.presentmentCurrency ?? spec.currency ?? 'CAD',
    subtotal: (gross - discounts).toFixed(2),
    totalDiscounts: discounts.toFixed(2),
    totalShipping: '0.00',
    totalTax: '0.00',
    totalPrice: (gross - discounts).toFixed(2),
    totalRefunded: refunded.toFixed(2),
    financialStatus: 'PAID',
    fulfillmentStatus: null,
    sourceName: spec.sourceName === undefined ? 'web' : spec.sourceName,
    discountCodes: [],
    tags: [],
    test: spec.test ?? false,
    lineItems: lines,
    refunds: spec.refunds ?? [],
    discountApplications: [],
    journey: spec.utm
      ? {
          occurredAt: processedAt,
          source: null,
          landingPage: null,
          referrerUrl: null,
          utmSource: spec.utm.source,
          utmMedium: spec.utm.medium,
          utmCampaign: null,
          utmContent: null,
          utmTerm: null,
          daysToConversion: null,
        }
      : null,
  };
}
