/**
 * Code discounts: DiscountCodeNode / DiscountNode over DiscountRecord as
 * DiscountCodeBasic (an amount or percentage off the entire order), their
 * lists and lookups, and discountCodeBasicCreate. A percentage record's
 * `value` is the fraction Shopify's API uses ("0.15" for 15%); an amount
 * record's `value` is money in the shop's currency. Usage counts come from
 * the orders that carry the code.
 */
import { connection, type ConnectionArgs, type ConnectionOptions } from '../engine/connection';
import { gid, parseGid } from '../engine/ids';
import type { DiscountRecord } from '../state/types';
import type { DevstoreContext } from './context';
import { moneyV2 } from './money';

/** Orders per code (upper case), counted once per request. */
const usageByRequest = new WeakMap<DevstoreContext, Map<string, number>>();

function usage(context: DevstoreContext): Map<string, number> {
  let counts = usageByRequest.get(context);
  if (!counts) {
    counts = new Map();
    for (const order of context.state.orders.values()) {
      for (const code of order.discountCodes) counts.set(code.toUpperCase(), (counts.get(code.toUpperCase()) ?? 0) + 1);
    }
    usageByRequest.set(context, counts);
  }
  return counts;
}

const timesUsed = (discount: DiscountRecord, context: DevstoreContext) =>
  discount.codes.reduce((sum, code) => sum + (usage(context).get(code.toUpperCase()) ?? 0), 0);

export function discountStatus(discount: DiscountRecord, now = Date.now()): 'ACTIVE' | 'EXPIRED' | 'SCHEDULED' {
  if (Date.parse(discount.startsAt) > now) return 'SCHEDULED';
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= now) return 'EXPIRED';
  return 'ACTIVE';
}

function valueText(discount: DiscountRecord, currencyCode: string): string {
  if (discount.kind === 'percentage') return `${Number((Number(discount.value) * 100).toFixed(2))}% off entire order`;
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyCode }).format(
    Number(discount.value),
  );
  return `${amount} off entire order`;
}

function summary(discount: DiscountRecord, currencyCode: string): string {
  const parts = [valueText(discount, currencyCode)];
  if (discount.appliesOncePerCustomer) parts.push('One use per customer');
  if (discount.usageLimit !== null) parts.push(`Limit of ${discount.usageLimit} uses`);
  return parts.join(' • ');
}

/** Redeem codes get stable ids from their discount and position. */
const redeemCodeId = (discount: DiscountRecord, index: number) => discount.id * 1000 + index + 1;

function codesConnection(discount: DiscountRecord, args: ConnectionArgs, context: DevstoreContext) {
  const codes = discount.codes.map((code, index) => ({ code, id: redeemCodeId(discount, index) }));
  return connection(codes, args, {
    id: (code) => gid('DiscountRedeemCode', code.id),
    node: (code) => ({
      id: gid('DiscountRedeemCode', code.id),
      code: code.code,
      asyncUsageCount: () => usage(context).get(code.code.toUpperCase()) ?? 0,
    }),
    searchFields: { code: (code) => code.code },
    searchText: (code) => code.code,
  });
}

function customerGetsValue(discount: DiscountRecord, currencyCode: string) {
  if (discount.kind === 'percentage') return { __typename: 'DiscountPercentage', percentage: Number(discount.value) };
  return { __typename: 'DiscountAmount', amount: moneyV2(discount.value, currencyCode), appliesOnEachItem: false };
}

export function codeDiscountBasic(discount: DiscountRecord, context: DevstoreContext) {
  const currencyCode = context.state.shop.currencyCode;
  return {
    __typename: 'DiscountCodeBasic',
    title: discount.title,
    status: discountStatus(discount),
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    usageLimit: discount.usageLimit,
    appliesOncePerCustomer: discount.appliesOncePerCustomer,
    asyncUsageCount: () => timesUsed(discount, context),
    codesCount: { count: discount.codes.length, precision: 'EXACT' },
    codes: (args: ConnectionArgs) => codesConnection(discount, args, context),
    customerGets: {
      value: customerGetsValue(discount, currencyCode),
      items: { __typename: 'AllDiscountItems', allItems: true },
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
    },
    combinesWith: {
      orderDiscounts: false,
      productDiscounts: false,
      shippingDiscounts: false,
      productDiscountsWithTagsOnSameCartLine: null,
    },
    context: { __typename: 'DiscountBuyerSelectionAll', all: 'ALL' },
    discountClasses: ['ORDER'],
    minimumRequirement: null,
    tags: [],
    hasTimelineComment: false,
    shareableUrls: [],
    summary: summary(discount, currencyCode),
    shortSummary: valueText(discount, currencyCode),
    createdAt: discount.createdAt,
    updatedAt: discount.updatedAt,
  };
}

export function discountCodeNode(discount: DiscountRecord, context: DevstoreContext) {
  return {
    __typename: 'DiscountCodeNode',
    id: gid('DiscountCodeNode', discount.id),
    codeDiscount: codeDiscountBasic(discount, context),
  };
}

export function discountNode(discount: DiscountRecord, context: DevstoreContext) {
  return {
    __typename: 'DiscountNode',
    id: gid('DiscountNode', discount.id),
    discount: codeDiscountBasic(discount, context),
  };
}

/** The `query:` fields of discount lists. */
export function discountSearch(
  context: DevstoreContext,
): Pick<ConnectionOptions<DiscountRecord>, 'searchFields' | 'searchText'> {
  return {
    searchFields: {
      id: (discount) => discount.id,
      title: (discount) => discount.title,
      code: (discount) => discount.codes,
      status: (discount) => discountStatus(discount),
      discount_type: (discount) => (discount.kind === 'percentage' ? 'percentage' : 'fixed_amount'),
      type: (discount) => (discount.kind === 'percentage' ? 'percentage' : 'fixed_amount'),
      starts_at: (discount) => discount.startsAt,
      ends_at: (discount) => discount.endsAt,
      created_at: (discount) => discount.createdAt,
      updated_at: (discount) => discount.updatedAt,
      times_used: (discount) => timesUsed(discount, context),
    },
    searchText: (discount) => `${discount.title} ${discount.codes.join(' ')}`,
  };
}

export function discountsConnection(
  type: 'DiscountCodeNode' | 'DiscountNode',
  args: Record<string, unknown>,
  context: DevstoreContext,
) {
  const build = type === 'DiscountCodeNode' ? discountCodeNode : discountNode;
  return connection(
    context.state.discounts.values(),
    { ...args, sortKey: args.sortKey === 'RELEVANCE' ? 'ID' : (args.sortKey as string) },
    {
      id: (discount) => gid(type, discount.id),
      node: (discount) => build(discount, context),
      sortKeys: {
        CREATED_AT: (discount) => discount.createdAt,
        UPDATED_AT: (discount) => discount.updatedAt,
        STARTS_AT: (discount) => discount.startsAt,
        ENDS_AT: (discount) => discount.endsAt ?? '9999',
        TITLE: (discount) => discount.title.toLowerCase(),
      },
      ...discountSearch(context),
    },
  );
}

export function discountByGid(value: unknown, type: string, { state }: DevstoreContext): DiscountRecord | undefined {
  const parsed = parseGid(String(value));
  return parsed?.type === type ? state.discounts.get(Number(parsed.id)) : undefined;
}

export function discountByCode(code: string, { state }: DevstoreContext): DiscountRecord | undefined {
  const wanted = code.toUpperCase();
  return [...state.discounts.values()].find((discount) => discount.codes.some((c) => c.toUpperCase() === wanted));
}
