/**
 * The store mirror's records as every source produces them: the webhook
 * payloads (REST-shaped JSON, app/platform/mirror/from-webhook.ts) and the
 * bulk-operation JSONL of a sync (GraphQL-shaped, app/platform/sync) are both
 * normalised to these before app/platform/mirror/apply.server.ts writes them.
 * Ids are Shopify's numeric ids; money is a decimal string in the shop's
 * currency (shop money, never presentment); times are Dates.
 */

export interface MirrorVariant {
  id: bigint;
  title: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryItemId: bigint | null;
  inventoryQuantity: number | null;
  /** InventoryItem.unitCost; undefined when the source does not carry it (keep the stored value). */
  unitCost?: string | null;
  updatedAt: Date;
}

export interface MirrorProduct {
  id: bigint;
  title: string;
  handle: string;
  status: string;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date;
  /** The product's complete list of variants: variants not in it are marked deleted. */
  variants: MirrorVariant[];
  /**
   * Every variant id of the product, when `variants` carries only some of them
   * (products/* webhooks detail the first 100 and list the rest in
   * variant_gids): listed variants are kept even without details.
   */
  variantIds?: bigint[];
}

export interface MirrorInventoryLevel {
  inventoryItemId: bigint;
  locationId: bigint;
  available: number;
  updatedAt: Date;
}

export interface MirrorCustomer {
  id: bigint;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  state: string | null;
  tags: string[];
  /** undefined (with amountSpent): the source does not carry the totals (customers/* webhooks); keep the stored ones. */
  numberOfOrders?: number | null;
  amountSpent?: string | null;
  createdAt: Date | null;
  updatedAt: Date;
}

export interface MirrorLineItem {
  id: bigint;
  productId: bigint | null;
  variantId: bigint | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Unit price before discounts. */
  price: string;
  /** Discount allocated to the whole line. */
  totalDiscount: string;
}

export interface MirrorRefund {
  id: bigint;
  createdAt: Date;
  note: string | null;
  /** Money returned, lines and shipping together. */
  total: string;
  lines: { lineItemId: bigint; quantity: number; subtotal: string }[];
}

export interface MirrorDiscountApplication {
  type: string;
  code: string | null;
  title: string | null;
  value: string;
  valueType: string;
  allocationMethod: string | null;
  targetType: string | null;
}

export interface MirrorJourney {
  occurredAt: Date | null;
  source: string | null;
  landingPage: string | null;
  referrerUrl: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  daysToConversion: number | null;
}

export interface MirrorOrder {
  id: bigint;
  name: string;
  customerId: bigint | null;
  email: string | null;
  phone: string | null;
  createdAt: Date | null;
  processedAt: Date | null;
  updatedAt: Date;
  cancelledAt: Date | null;
  closedAt: Date | null;
  currency: string;
  presentmentCurrency: string | null;
  subtotal: string;
  totalDiscounts: string;
  totalShipping: string;
  totalTax: string;
  totalPrice: string;
  totalRefunded: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  sourceName: string | null;
  discountCodes: string[];
  tags: string[];
  test: boolean;
  /** Complete lists: they replace what is stored when this update is applied. */
  lineItems: MirrorLineItem[];
  refunds: MirrorRefund[];
  discountApplications: MirrorDiscountApplication[];
  /** undefined: the source does not carry the journey (keep the stored one). */
  journey?: MirrorJourney | null;
}

/** What a mirror write did, for sync progress and tests. */
export interface ApplyResult {
  /** Rows written (new or newer). */
  applied: number;
  /** Updates skipped because the stored row is newer (or deleted later). */
  stale: number;
}
