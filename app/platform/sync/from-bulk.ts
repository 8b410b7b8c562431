/**
 * From Shopify's GraphQL shapes (a bulk operation's JSONL objects, or the
 * nodes of a paged catch-up read) to the store mirror's normalised records
 * (app/platform/mirror/types.ts). A record is a root object with the nodes of
 * its nested connections (`children`, each naming its `__typename`).
 *
 * Every object is checked with zod; anything unexpected is a SyncDataError
 * naming the resource, the object's id and the field, never a silently wrong
 * row. Money is the shop's (shopMoney); a fixed discount value Shopify gives
 * in the buyer's currency is converted at the order's own rate.
 */
import { z } from 'zod';
import type {
  MirrorCustomer,
  MirrorDiscountApplication,
  MirrorInventoryLevel,
  MirrorJourney,
  MirrorLineItem,
  MirrorOrder,
  MirrorProduct,
  MirrorRefund,
  MirrorVariant,
} from '../mirror/types';

export interface BulkRecord {
  node: Record<string, unknown>;
  children: Record<string, unknown>[];
}

export class SyncDataError extends Error {
  override name = 'SyncDataError';
}

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

const gid = (type: string) =>
  z.string().transform((value, context) => {
    const match = GID.exec(value);
    if (match?.[1] === type) return BigInt(match[2] as string);
    context.addIssue({ code: z.ZodIssueCode.custom, message: `expected a ${type} id, got "${value}"` });
    return z.NEVER;
  });
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount');
const instant = z
  .string()
  .datetime({ offset: true })
  .transform((value) => new Date(value));
const shopMoney = z.object({ shopMoney: z.object({ amount: decimal }) }).transform((bag) => bag.shopMoney.amount);
const reference = (type: string) =>
  z
    .object({ id: gid(type) })
    .nullable()
    .transform((object) => object?.id ?? null);

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const id = (value as { id?: unknown } | null)?.id;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new SyncDataError(`Unexpected ${what}${typeof id === 'string' ? ` ${id}` : ''}: ${problems.join('; ')}`);
}

function childrenOf(record: BulkRecord, typenames: readonly string[]): Record<string, unknown>[] {
  return record.children.filter((child) => typenames.includes(String(child.__typename)));
}

// ─── Products ────────────────────────────────────────────────────────────────

const variantSchema = z.object({
  id: gid('ProductVariant'),
  title: z.string(),
  sku: z.string().nullable(),
  price: decimal,
  compareAtPrice: decimal.nullable(),
  inventoryQuantity: z.number().int().nullable(),
  updatedAt: instant,
  inventoryItem: z.object({ id: gid('InventoryItem'), unitCost: z.object({ amount: decimal }).nullable() }).nullable(),
});

const productSchema = z.object({
  id: gid('Product'),
  title: z.string(),
  handle: z.string(),
  status: z.string(),
  vendor: z.string().nullable(),
  productType: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: instant.nullable(),
  updatedAt: instant,
});

export function productFromBulk(record: BulkRecord): MirrorProduct {
  const product = parse(productSchema, record.node, 'product');
  const variants = childrenOf(record, ['ProductVariant']).map((child): MirrorVariant => {
    const variant = parse(variantSchema, child, 'product variant');
    return {
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      inventoryItemId: variant.inventoryItem?.id ?? null,
      inventoryQuantity: variant.inventoryQuantity,
      // The sync reads the unit cost: null means none is recorded.
      unitCost: variant.inventoryItem?.unitCost?.amount ?? null,
      updatedAt: variant.updatedAt,
    };
  });
  return { ...product, variants };
}

// ─── Customers ───────────────────────────────────────────────────────────────

const customerSchema = z.object({
  id: gid('Customer'),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  defaultEmailAddress: z.object({ emailAddress: z.string().nullable() }).nullable(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
  state: z.string().nullable(),
  tags: z.array(z.string()),
  numberOfOrders: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number),
  amountSpent: z.object({ amount: decimal }).nullable(),
  createdAt: instant.nullable(),
  updatedAt: instant,
});

export function customerFromBulk(record: BulkRecord): MirrorCustomer {
  const customer = parse(customerSchema, record.node, 'customer');
  return {
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
    state: customer.state,
    tags: customer.tags,
    numberOfOrders: customer.numberOfOrders,
    amountSpent: customer.amountSpent?.amount ?? null,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

// ─── Orders ──────────────────────────────────────────────────────────────────

const visitSchema = z
  .object({
    occurredAt: instant.nullable(),
    source: z.string().nullable(),
    landingPage: z.string().nullable(),
    referrerUrl: z.string().nullable(),
    utmParameters: z
      .object({
        source: z.string().nullable(),
        medium: z.string().nullable(),
        campaign: z.string().nullable(),
        content: z.string().nullable(),
        term: z.string().nullable(),
      })
      .nullable(),
  })
  .nullable();

const refundSchema = z.object({
  id: gid('Refund'),
  createdAt: instant,
  note: z.string().nullable(),
  totalRefundedSet: shopMoney,
  /** Only in paged reads: a bulk query cannot hold a connection inside the refunds list. */
  refundLineItems: z.unknown().optional(),
});

const orderSchema = z.object({
  id: gid('Order'),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: instant.nullable(),
  processedAt: instant.nullable(),
  updatedAt: instant,
  cancelledAt: instant.nullable(),
  closedAt: instant.nullable(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string().nullable(),
  customer: reference('Customer'),
  subtotalPriceSet: shopMoney.nullable(),
  totalDiscountsSet: shopMoney,
  totalShippingPriceSet: shopMoney,
  totalTaxSet: shopMoney.nullable(),
  totalPriceSet: z.object({
    shopMoney: z.object({ amount: decimal }),
    presentmentMoney: z.object({ amount: decimal }),
  }),
  totalRefundedSet: shopMoney,
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string().nullable(),
  sourceName: z.string().nullable(),
  discountCodes: z.array(z.string()),
  tags: z.array(z.string()),
  test: z.boolean(),
  refunds: z.array(refundSchema),
  customerJourneySummary: z
    .object({ daysToConversion: z.number().int().nullable(), firstVisit: visitSchema, lastVisit: visitSchema })
    .nullable(),
});

const lineItemSchema = z.object({
  id: gid('LineItem'),
  title: z.string(),
  variantTitle: z.string().nullable(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  product: reference('Product'),
  variant: reference('ProductVariant'),
  originalUnitPriceSet: shopMoney,
  totalDiscountSet: shopMoney,
});

const DISCOUNT_TYPES: Record<string, string> = {
  DiscountCodeApplication: 'DISCOUNT_CODE',
  AutomaticDiscountApplication: 'AUTOMATIC',
  ManualDiscountApplication: 'MANUAL',
  ScriptDiscountApplication: 'SCRIPT',
};

const discountSchema = z.object({
  __typename: z.enum([
    'DiscountCodeApplication',
    'AutomaticDiscountApplication',
    'ManualDiscountApplication',
    'ScriptDiscountApplication',
  ]),
  index: z.number().int(),
  allocationMethod: z.string().nullable(),
  targetType: z.string().nullable(),
  value: z.discriminatedUnion('__typename', [
    z.object({ __typename: z.literal('MoneyV2'), amount: decimal, currencyCode: z.string() }),
    z.object({ __typename: z.literal('PricingPercentageValue'), percentage: z.number() }),
  ]),
  code: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
});

/** decimal ÷ rate, to cents. */
function inShopCurrency(amount: string, rate: number): string {
  return rate > 0 && rate !== 1 ? (Number(amount) / rate).toFixed(2) : amount;
}

function discountFrom(
  child: Record<string, unknown>,
  currency: string,
  rate: number,
): MirrorDiscountApplication & {
  index: number;
} {
  const application = parse(discountSchema, child, 'discount application');
  const { value } = application;
  return {
    index: application.index,
    type: DISCOUNT_TYPES[application.__typename] as string,
    code: application.code ?? null,
    title: application.title ?? null,
    value:
      value.__typename === 'PricingPercentageValue'
        ? String(value.percentage)
        : value.currencyCode === currency
          ? value.amount
          : inShopCurrency(value.amount, rate),
    valueType: value.__typename === 'PricingPercentageValue' ? 'PERCENTAGE' : 'FIXED_AMOUNT',
    allocationMethod: application.allocationMethod,
    targetType: application.targetType,
  };
}

type Visit = z.output<typeof visitSchema>;

/** The visit that converted (Shopify's last visit), else the first one. */
function journeyFrom(summary: z.output<typeof orderSchema>['customerJourneySummary']): MirrorJourney | null {
  if (!summary) return null;
  const visit: Visit = summary.lastVisit ?? summary.firstVisit;
  return {
    occurredAt: visit?.occurredAt ?? null,
    source: visit?.source ?? null,
    landingPage: visit?.landingPage ?? null,
    referrerUrl: visit?.referrerUrl ?? null,
    utmSource: visit?.utmParameters?.source ?? null,
    utmMedium: visit?.utmParameters?.medium ?? null,
    utmCampaign: visit?.utmParameters?.campaign ?? null,
    utmContent: visit?.utmParameters?.content ?? null,
    utmTerm: visit?.utmParameters?.term ?? null,
    daysToConversion: summary.daysToConversion,
  };
}

const refundLineSchema = z.object({
  lineItem: z.object({ id: gid('LineItem') }),
  quantity: z.number().int(),
  subtotalSet: shopMoney,
});

/** A refund's lines from RefundLineItem nodes (refund-lines.server.ts, paged catch-up). */
export function refundLinesFrom(nodes: readonly unknown[]): MirrorRefund['lines'] {
  return nodes.map((node) => {
    const line = parse(refundLineSchema, node, 'refund line');
    return { lineItemId: line.lineItem.id, quantity: line.quantity, subtotal: line.subtotalSet };
  });
}

export function orderFromBulk(record: BulkRecord): MirrorOrder {
  const order = parse(orderSchema, record.node, 'order');
  const shopTotal = Number(order.totalPriceSet.shopMoney.amount);
  const rate = shopTotal > 0 ? Number(order.totalPriceSet.presentmentMoney.amount) / shopTotal : 1;
  const lineItems = childrenOf(record, ['LineItem']).map((child): MirrorLineItem => {
    const line = parse(lineItemSchema, child, 'line item');
    return {
      id: line.id,
      productId: line.product,
      variantId: line.variant,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      price: line.originalUnitPriceSet,
      totalDiscount: line.totalDiscountSet,
    };
  });
  const discountApplications = childrenOf(record, Object.keys(DISCOUNT_TYPES))
    .map((child) => discountFrom(child, order.currencyCode, rate))
    .sort((a, b) => a.index - b.index)
    .map(({ index: _index, ...application }) => application);
  const refunds = order.refunds.map((refund): MirrorRefund => ({
    id: refund.id,
    createdAt: refund.createdAt,
    note: refund.note,
    total: refund.totalRefundedSet,
    lines: refundLinesOf(refund.refundLineItems),
  }));
  return {
    id: order.id,
    name: order.name,
    customerId: order.customer,
    email: order.email,
    phone: order.phone,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    closedAt: order.closedAt,
    currency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    subtotal: order.subtotalPriceSet ?? '0',
    totalDiscounts: order.totalDiscountsSet,
    totalShipping: order.totalShippingPriceSet,
    totalTax: order.totalTaxSet ?? '0',
    totalPrice: order.totalPriceSet.shopMoney.amount,
    totalRefunded: order.totalRefundedSet,
    financialStatus: order.displayFinancialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus,
    sourceName: order.sourceName,
    discountCodes: order.discountCodes,
    tags: order.tags,
    test: order.test,
    lineItems,
    refunds,
    discountApplications,
    journey: journeyFrom(order.customerJourneySummary),
  };
}

/** Paged reads carry a refund's first lines inline (`refundLineItems { nodes }`); bulk reads none. */
function refundLinesOf(connection: unknown): MirrorRefund['lines'] {
  const nodes = (connection as { nodes?: unknown[] } | undefined)?.nodes;
  return nodes ? refundLinesFrom(nodes) : [];
}

// ─── Inventory ───────────────────────────────────────────────────────────────

const locationSchema = z.object({ id: gid('Location') });

const levelSchema = z.object({
  item: z.object({ id: gid('InventoryItem') }),
  quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
  updatedAt: instant,
});

/** A location's inventory levels: the `available` quantity of each item stocked there. */
export function inventoryLevelsFromBulk(record: BulkRecord): MirrorInventoryLevel[] {
  const location = parse(locationSchema, record.node, 'location');
  return childrenOf(record, ['InventoryLevel']).map((child) => {
    const level = parse(levelSchema, child, 'inventory level');
    const available = level.quantities.find((quantity) => quantity.name === 'available');
    if (!available) throw new SyncDataError(`Inventory level ${String(child.id)} has no "available" quantity`);
    return {
      inventoryItemId: level.item.id,
      locationId: location.id,
      available: available.quantity,
      updatedAt: level.updatedAt,
    };
  });
}
