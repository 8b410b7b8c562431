/**
 * Normalises the REST-shaped webhook payloads Shopify sends to the mirror's
 * records (types.ts), validated with zod: unknown extra fields are ignored; a
 * payload missing a field the mirror needs throws a WebhookPayloadError
 * saying which (the processor records it on the event).
 *
 * Conventions, the same as the sync's GraphQL records:
 * - ids come from admin_graphql_api_id where the payload has one, since a
 *   numeric id above 2^53 has already lost digits in JSON.parse;
 * - money is shop money, from the *_set.shop_money amounts;
 * - enums are spelled as in the Admin GraphQL API ("ACTIVE", "PAID",
 *   "PARTIALLY_FULFILLED", "DISCOUNT_CODE").
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
} from './types';

export class WebhookPayloadError extends Error {
  override name = 'WebhookPayloadError';
}

// ─── Building blocks ─────────────────────────────────────────────────────────

const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'not a numeric id')]);
const gid = z.string().nullish();

/** The id, exact: from the gid when there is one, else from the number. */
function idOf(id: number | string, graphqlId?: string | null): bigint {
  const exact = graphqlId?.match(/^gid:\/\/shopify\/\w+\/(\d+)/)?.[1];
  return BigInt(exact ?? id);
}

function optionalId(id: number | string | null | undefined): bigint | null {
  return id === null || id === undefined ? null : BigInt(id);
}

const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
const toDate = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

const amount = z.union([z.string().regex(/^-?\d+(\.\d+)?$/, 'not a decimal amount'), z.number()]).transform(String);
const moneySet = z.object({ shop_money: z.object({ amount, currency_code: z.string().nullish() }) });
type MoneySet = z.infer<typeof moneySet>;

/** "a, b" (REST) → ["a", "b"]. */
const tagList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((tags) =>
    (Array.isArray(tags) ? tags : (tags ?? '').split(',')).map((tag) => tag.trim()).filter((tag) => tag.length > 0),
  );

const upper = (value: string | null | undefined): string | null => (value ? value.toUpperCase() : null);

/** Exact decimal sum (4 places, the mirror's money scale) of decimal strings. */
export function sumAmounts(amounts: readonly string[]): string {
  let units = 0n;
  for (const value of amounts) {
    const negative = value.startsWith('-');
    const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const scaled = BigInt(whole || '0') * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4) || '0');
    units += negative ? -scaled : scaled;
  }
  const sign = units < 0n ? '-' : '';
  const magnitude = units < 0n ? -units : units;
  return `${sign}${magnitude / 10_000n}.${String(magnitude % 10_000n).padStart(4, '0')}`;
}

function parse<T extends z.ZodTypeAny>(topic: string, schema: T, payload: unknown): z.output<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const valueAt = (path: (string | number)[]) =>
    path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | null)?.[key], payload);
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => {
      // A union (say, an id as number or string) reports "Invalid input" for a field that is simply absent.
      const message = valueAt(issue.path) === undefined && issue.path.length > 0 ? 'Required' : issue.message;
      return `${issue.path.join('.') || '(payload)'}: ${message}`;
    })
    .join('; ');
  throw new WebhookPayloadError(`${topic} payload rejected: ${problems}`);
}

// ─── Products ────────────────────────────────────────────────────────────────

const variantSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  title: z.string(),
  sku: z.string().nullish(),
  price: amount,
  compare_at_price: amount.nullish(),
  inventory_item_id: numericId.nullish(),
  inventory_quantity: z.number().int().nullish(),
  updated_at: time.nullish(),
});

const productSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  title: z.string(),
  handle: z.string(),
  status: z.string(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
  tags: tagList,
  created_at: time.nullish(),
  updated_at: time,
  variants: z.array(variantSchema).default([]),
  variant_gids: z.array(z.object({ admin_graphql_api_id: z.string() })).nullish(),
});

/** products/create, products/update. */
export function productFromWebhook(payload: unknown, topic = 'products/update'): MirrorProduct {
  const product = parse(topic, productSchema, payload);
  const updatedAt = new Date(product.updated_at);
  const variants = product.variants.map((variant): MirrorVariant => ({
    id: idOf(variant.id, variant.admin_graphql_api_id),
    title: variant.title,
    sku: variant.sku || null,
    price: variant.price,
    compareAtPrice: variant.compare_at_price ?? null,
    inventoryItemId: optionalId(variant.inventory_item_id),
    inventoryQuantity: variant.inventory_quantity ?? null,
    updatedAt: toDate(variant.updated_at) ?? updatedAt,
  }));
  return {
    id: idOf(product.id, product.admin_graphql_api_id),
    title: product.title,
    handle: product.handle,
    status: product.status.toUpperCase(),
    vendor: product.vendor ?? null,
    productType: product.product_type ?? null,
    tags: product.tags,
    createdAt: toDate(product.created_at),
    updatedAt,
    variants,
    // Webhooks detail the first 100 variants; variant_gids lists them all.
    ...(product.variant_gids
      ? { variantIds: product.variant_gids.map((entry) => idOf(0, entry.admin_graphql_api_id)) }
      : {}),
  };
}

const deletionSchema = z.object({ id: numericId, admin_graphql_api_id: gid });

/** products/delete and customers/delete carry only the id. */
export function deletedIdFromWebhook(payload: unknown, topic: string): bigint {
  const { id, admin_graphql_api_id } = parse(topic, deletionSchema, payload);
  return idOf(id, admin_graphql_api_id);
}

// ─── Inventory ───────────────────────────────────────────────────────────────

const inventoryLevelSchema = z.object({
  inventory_item_id: numericId,
  location_id: numericId,
  available: z.number().int().nullable(),
  updated_at: time,
  admin_graphql_api_id: gid,
});

/** inventory_levels/update; null when the item is not tracked there (available: null), nothing to store. */
export function inventoryLevelFromWebhook(payload: unknown): MirrorInventoryLevel | null {
  const level = parse('inventory_levels/update', inventoryLevelSchema, payload);
  if (level.available === null) return null;
  // "gid://shopify/InventoryLevel/<level>?inventory_item_id=<item>" carries the item's id exactly.
  const exactItem = level.admin_graphql_api_id?.match(/[?&]inventory_item_id=(\d+)/)?.[1];
  return {
    inventoryItemId: BigInt(exactItem ?? level.inventory_item_id),
    locationId: BigInt(level.location_id),
    available: level.available,
    updatedAt: new Date(level.updated_at),
  };
}

// ─── Customers ───────────────────────────────────────────────────────────────

const customerSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  state: z.string().nullish(),
  tags: tagList,
  created_at: time.nullish(),
  updated_at: time,
});

/**
 * customers/create, customers/update. Their payloads no longer carry the
 * order count or amount spent, so those are left out (the stored ones stay).
 */
export function customerFromWebhook(payload: unknown, topic = 'customers/update'): MirrorCustomer {
  const customer = parse(topic, customerSchema, payload);
  return {
    id: idOf(customer.id, customer.admin_graphql_api_id),
    firstName: customer.first_name ?? null,
    lastName: customer.last_name ?? null,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    state: upper(customer.state),
    tags: customer.tags,
    createdAt: toDate(customer.created_at),
    updatedAt: new Date(customer.updated_at),
  };
}

// ─── Refunds ─────────────────────────────────────────────────────────────────

const refundSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  order_id: numericId,
  created_at: time,
  note: z.string().nullish(),
  refund_line_items: z
    .array(
      z.object({
        line_item_id: numericId,
        line_item: z.object({ admin_graphql_api_id: gid }).nullish(),
        quantity: z.number().int(),
        subtotal: amount.nullish(),
        subtotal_set: moneySet.nullish(),
        total_tax_set: moneySet.nullish(),
      }),
    )
    .default([]),
  refund_shipping_lines: z
    .array(z.object({ subtotal_amount_set: moneySet.nullish(), tax_amount_set: moneySet.nullish() }))
    .nullish(),
  transactions: z
    .array(z.object({ kind: z.string(), status: z.string().nullish(), amount, currency: z.string().nullish() }))
    .default([]),
  total_duties_set: moneySet.nullish(),
});

type RefundPayload = z.infer<typeof refundSchema>;

const shopAmount = (set: MoneySet | null | undefined): string[] => (set ? [set.shop_money.amount] : []);

/**
 * Money returned: the successful refund transactions when they are in the
 * shop's currency; otherwise (a refund in the buyer's currency) the refund's
 * lines, their tax and refunded shipping in shop money.
 */
function refundTotal(refund: RefundPayload, shopCurrency: string | null): string {
  const paid = refund.transactions.filter(
    (transaction) => transaction.kind === 'refund' && (transaction.status ?? 'success') === 'success',
  );
  const inShopMoney = paid.every(
    (transaction) => !transaction.currency || !shopCurrency || transaction.currency === shopCurrency,
  );
  if (inShopMoney) return sumAmounts(paid.map((transaction) => transaction.amount));
  return sumAmounts([
    ...refund.refund_line_items.flatMap((line) => [
      ...shopAmount(line.subtotal_set),
      ...shopAmount(line.total_tax_set),
    ]),
    ...(refund.refund_shipping_lines ?? []).flatMap((line) => [
      ...shopAmount(line.subtotal_amount_set),
      ...shopAmount(line.tax_amount_set),
    ]),
  ]);
}

function toRefund(refund: RefundPayload, shopCurrency: string | null): MirrorRefund {
  const currency =
    shopCurrency ??
    refund.refund_line_items.find((line) => line.subtotal_set?.shop_money.currency_code)?.subtotal_set?.shop_money
      .currency_code ??
    refund.total_duties_set?.shop_money.currency_code ??
    null;
  return {
    id: idOf(refund.id, refund.admin_graphql_api_id),
    createdAt: new Date(refund.created_at),
    note: refund.note ?? null,
    total: refundTotal(refund, currency),
    lines: refund.refund_line_items.map((line) => ({
      lineItemId: idOf(line.line_item_id, line.line_item?.admin_graphql_api_id),
      quantity: line.quantity,
      subtotal: line.subtotal_set?.shop_money.amount ?? line.subtotal ?? '0',
    })),
  };
}

/** refunds/create: the refund and the id of its order. */
export function refundFromWebhook(payload: unknown): { orderId: bigint; refund: MirrorRefund } {
  const refund = parse('refunds/create', refundSchema, payload);
  return { orderId: BigInt(refund.order_id), refund: toRefund(refund, null) };
}

// ─── Orders ──────────────────────────────────────────────────────────────────

const lineItemSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  product_id: numericId.nullish(),
  variant_id: numericId.nullish(),
  title: z.string(),
  variant_title: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int(),
  price: amount,
  price_set: moneySet.nullish(),
  total_discount: amount.nullish(),
  total_discount_set: moneySet.nullish(),
  discount_allocations: z.array(z.object({ amount: amount.nullish(), amount_set: moneySet.nullish() })).nullish(),
});

const discountApplicationSchema = z.object({
  type: z.string(),
  code: z.string().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  value: amount,
  value_type: z.string(),
  allocation_method: z.string().nullish(),
  target_type: z.string().nullish(),
});

const orderSchema = z.object({
  id: numericId,
  admin_graphql_api_id: gid,
  name: z.string(),
  customer: z.object({ id: numericId, admin_graphql_api_id: gid }).nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  created_at: time.nullish(),
  processed_at: time.nullish(),
  updated_at: time,
  cancelled_at: time.nullish(),
  closed_at: time.nullish(),
  currency: z.string(),
  presentment_currency: z.string().nullish(),
  subtotal_price_set: moneySet,
  total_discounts_set: moneySet,
  total_shipping_price_set: moneySet,
  total_tax_set: moneySet,
  total_price_set: moneySet,
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  source_name: z.string().nullish(),
  discount_codes: z.array(z.object({ code: z.string() })).default([]),
  tags: tagList,
  test: z.boolean().default(false),
  landing_site: z.string().nullish(),
  referring_site: z.string().nullish(),
  line_items: z.array(lineItemSchema),
  refunds: z.array(refundSchema).default([]),
  discount_applications: z.array(discountApplicationSchema).default([]),
});

type OrderPayload = z.infer<typeof orderSchema>;

const FULFILLMENT_STATUS: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
};

function toLineItem(line: z.infer<typeof lineItemSchema>): MirrorLineItem {
  // Shopify allocates discounts to lines in discount_allocations; total_discount is the older field.
  const allocations = line.discount_allocations ?? [];
  const totalDiscount =
    allocations.length > 0
      ? sumAmounts(
          allocations.map((allocation) => allocation.amount_set?.shop_money.amount ?? allocation.amount ?? '0'),
        )
      : (line.total_discount_set?.shop_money.amount ?? line.total_discount ?? '0');
  return {
    id: idOf(line.id, line.admin_graphql_api_id),
    productId: optionalId(line.product_id),
    variantId: optionalId(line.variant_id),
    title: line.title,
    variantTitle: line.variant_title || null,
    sku: line.sku || null,
    quantity: line.quantity,
    price: line.price_set?.shop_money.amount ?? line.price,
    totalDiscount,
  };
}

function toDiscountApplication(application: z.infer<typeof discountApplicationSchema>): MirrorDiscountApplication {
  return {
    type: application.type.toUpperCase(),
    code: application.code ?? null,
    title: application.title ?? application.description ?? null,
    value: application.value,
    valueType: application.value_type.toUpperCase(),
    allocationMethod: upper(application.allocation_method),
    targetType: upper(application.target_type),
  };
}

const UTM_FIELDS = {
  utmSource: 'utm_source',
  utmMedium: 'utm_medium',
  utmCampaign: 'utm_campaign',
  utmContent: 'utm_content',
  utmTerm: 'utm_term',
} as const;

/** The journey the landing page's UTM parameters tell; undefined when it has none (the stored journey stays). */
export function journeyFromLanding(
  landingSite: string | null | undefined,
  referringSite: string | null | undefined,
): MirrorJourney | undefined {
  if (!landingSite) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(landingSite, 'https://landing.invalid').searchParams;
  } catch {
    return undefined;
  }
  const utm = Object.fromEntries(
    Object.entries(UTM_FIELDS).map(([field, param]) => [field, params.get(param)?.trim() || null]),
  ) as Record<keyof typeof UTM_FIELDS, string | null>;
  if (Object.values(utm).every((value) => value === null)) return undefined;
  return {
    occurredAt: null,
    source: null,
    landingPage: landingSite,
    referrerUrl: referringSite || null,
    ...utm,
    daysToConversion: null,
  };
}

function toOrder(order: OrderPayload): MirrorOrder {
  const refunds = order.refunds.map((refund) => toRefund(refund, order.currency));
  return {
    id: idOf(order.id, order.admin_graphql_api_id),
    name: order.name,
    customerId: order.customer ? idOf(order.customer.id, order.customer.admin_graphql_api_id) : null,
    email: order.email || order.contact_email || null,
    phone: order.phone || null,
    createdAt: toDate(order.created_at),
    processedAt: toDate(order.processed_at),
    updatedAt: new Date(order.updated_at),
    cancelledAt: toDate(order.cancelled_at),
    closedAt: toDate(order.closed_at),
    currency: order.currency,
    presentmentCurrency: order.presentment_currency ?? null,
    subtotal: order.subtotal_price_set.shop_money.amount,
    totalDiscounts: order.total_discounts_set.shop_money.amount,
    totalShipping: order.total_shipping_price_set.shop_money.amount,
    totalTax: order.total_tax_set.shop_money.amount,
    totalPrice: order.total_price_set.shop_money.amount,
    totalRefunded: sumAmounts(refunds.map((refund) => refund.total)),
    financialStatus: upper(order.financial_status),
    fulfillmentStatus: order.fulfillment_status
      ? (FULFILLMENT_STATUS[order.fulfillment_status] ?? order.fulfillment_status.toUpperCase())
      : 'UNFULFILLED',
    sourceName: order.source_name ?? null,
    discountCodes: order.discount_codes.map((discount) => discount.code),
    tags: order.tags,
    test: order.test,
    lineItems: order.line_items.map(toLineItem),
    refunds,
    discountApplications: order.discount_applications.map(toDiscountApplication),
    journey: journeyFromLanding(order.landing_site, order.referring_site),
  };
}

/** orders/create, orders/updated, orders/paid, orders/cancelled: the whole order. */
export function orderFromWebhook(payload: unknown, topic = 'orders/updated'): MirrorOrder {
  return toOrder(parse(topic, orderSchema, payload));
}
