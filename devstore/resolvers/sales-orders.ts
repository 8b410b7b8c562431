/**
 * Order, LineItem and Refund nodes, and how order connections sort and
 * search. Money comes from sales-totals (cents), shown in the shop's currency
 * and, converted at the order's rate, in the buyer's presentment currency.
 */
import { connection, type ConnectionArgs, type ConnectionOptions } from '../engine/connection';
import { gid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { LineItemRecord, OrderRecord, RefundRecord } from '../state/types';
import { moneyBag } from './money';
import { mailingAddressNode } from './sales-address';
import { customerNode } from './sales-customers';
import { discountApplicationNodes, journeySummaryNode, riskSummaryNode } from './sales-order-parts';
import { cents, decimal, lineTotals, orderTotals, refundedQuantity } from './sales-totals';

type Bag = (amountInCents: number) => ReturnType<typeof moneyBag>;

function bagFor(order: OrderRecord, state: ShopState): Bag {
  return (amountInCents) =>
    moneyBag(decimal(amountInCents), state.shop.currencyCode, order.presentmentCurrencyCode, order.presentmentRate);
}

/** Only ids, titles and handles: the catalog module owns full Product and ProductVariant nodes. */
function productReference(state: ShopState, productId: number | null) {
  const product = productId === null ? undefined : state.products.get(productId);
  if (!product) return null;
  return {
    __typename: 'Product',
    id: gid('Product', product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
  };
}

function variantReference(state: ShopState, variantId: number | null) {
  const variant = variantId === null ? undefined : state.variants.get(variantId);
  if (!variant) return null;
  const product = productReference(state, variant.productId);
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    sku: variant.sku,
    price: variant.price,
    displayName: product ? `${product.title} - ${variant.title}` : variant.title,
    product,
  };
}

export function lineItemNode(line: LineItemRecord, order: OrderRecord, state: ShopState) {
  const bag = bagFor(order, state);
  const totals = lineTotals(line);
  const currentQuantity = line.quantity - refundedQuantity(order, line.id);
  const discountedUnit = line.quantity > 0 ? Math.round(totals.discounted / line.quantity) : totals.unitPrice;
  return {
    __typename: 'LineItem',
    id: gid('LineItem', line.id),
    title: line.title,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: (line.productId === null ? undefined : state.products.get(line.productId)?.vendor) ?? null,
    quantity: line.quantity,
    currentQuantity,
    refundableQuantity: currentQuantity,
    isGiftCard: false,
    requiresShipping: true,
    taxable: true,
    customAttributes: [],
    product: () => productReference(state, line.productId),
    variant: () => variantReference(state, line.variantId),
    originalUnitPriceSet: bag(totals.unitPrice),
    discountedUnitPriceSet: bag(discountedUnit),
    discountedUnitPriceAfterAllDiscountsSet: bag(discountedUnit),
    originalTotalSet: bag(totals.original),
    discountedTotalSet: bag(totals.discounted),
    totalDiscountSet: bag(totals.discount),
  };
}

/** RefundLineItem has no id of its own in the records: refund id × 1000 + position. */
export function refundNode(refund: RefundRecord, order: OrderRecord, state: ShopState) {
  const bag = bagFor(order, state);
  const lines = refund.lines.map((line, position) => ({ line, position }));
  return {
    __typename: 'Refund',
    id: gid('Refund', refund.id),
    legacyResourceId: String(refund.id),
    createdAt: refund.createdAt,
    processedAt: refund.createdAt,
    updatedAt: refund.createdAt,
    note: refund.note,
    staffMember: null,
    totalRefundedSet: bag(cents(refund.total)),
    order: () => orderNode(order, state),
    refundLineItems: (args: ConnectionArgs) =>
      connection(lines, args, {
        id: ({ position }) => gid('RefundLineItem', refund.id * 1000 + position),
        node: ({ line, position }) => {
          const lineItem = order.lineItems.find((item) => item.id === line.lineItemId);
          const subtotal = cents(line.subtotal);
          const unit = line.quantity > 0 ? Math.round(subtotal / line.quantity) : 0;
          return {
            id: gid('RefundLineItem', refund.id * 1000 + position),
            lineItem: lineItem ? lineItemNode(lineItem, order, state) : null,
            quantity: line.quantity,
            priceSet: bag(unit),
            subtotalSet: bag(subtotal),
            totalTaxSet: bag(0),
            restocked: false,
            restockType: 'NO_RESTOCK',
            location: null,
          };
        },
      }),
  };
}

/** Shopify closes (archives) an order once it is paid and fulfilled, or cancelled. */
export function isClosed(order: OrderRecord): boolean {
  if (order.cancelledAt) return true;
  return (
    order.fulfillmentStatus === 'FULFILLED' &&
    ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(order.financialStatus)
  );
}

function orderMoney(order: OrderRecord, state: ShopState) {
  const bag = bagFor(order, state);
  const t = orderTotals(order);
  const currentShipping = t.shipping - t.refundedShipping;
  return {
    subtotalPriceSet: bag(t.subtotal),
    currentSubtotalPriceSet: bag(t.subtotal - t.refundedLines),
    totalDiscountsSet: bag(t.discounts),
    currentTotalDiscountsSet: bag(t.discounts),
    totalShippingPriceSet: bag(t.shipping),
    currentShippingPriceSet: bag(currentShipping),
    totalRefundedShippingSet: bag(t.refundedShipping),
    totalTaxSet: bag(t.tax),
    currentTotalTaxSet: bag(t.tax - t.refundedTax),
    totalPriceSet: bag(t.total),
    originalTotalPriceSet: bag(t.total),
    currentTotalPriceSet: bag(t.total - t.refunded),
    totalRefundedSet: bag(t.refunded),
    totalReceivedSet: bag(t.received),
    netPaymentSet: bag(t.received - t.refunded),
    totalOutstandingSet: bag(order.financialStatus === 'VOIDED' ? 0 : Math.max(t.total - t.refunded - t.received, 0)),
  };
}

export function orderNode(order: OrderRecord, state: ShopState) {
  const quantity = order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
  const refunded = order.refunds.reduce(
    (sum, refund) => sum + refund.lines.reduce((n, line) => n + line.quantity, 0),
    0,
  );
  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: `#${order.number}`,
    number: order.number,
    email: order.email,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closed: isClosed(order),
    // The records keep no closing time, phone or tags; like the webhook payloads, none.
    closedAt: null,
    phone: null,
    tags: [],
    test: order.test,
    confirmed: true,
    currencyCode: state.shop.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    sourceName: order.sourceName,
    note: null,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    fullyPaid: ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(order.financialStatus),
    unpaid: ['PENDING', 'AUTHORIZED'].includes(order.financialStatus),
    discountCodes: order.discountCodes,
    discountCode: order.discountCodes[0] ?? null,
    subtotalLineItemsQuantity: quantity,
    currentSubtotalLineItemsQuantity: quantity - refunded,
    ...orderMoney(order, state),
    lineItems: (args: ConnectionArgs) =>
      connection(order.lineItems, args, {
        id: (line) => gid('LineItem', line.id),
        node: (line) => lineItemNode(line, order, state),
      }),
    refunds: (args: { first?: number | null }) =>
      order.refunds.slice(0, args.first ?? undefined).map((refund) => refundNode(refund, order, state)),
    discountApplications: (args: ConnectionArgs) => discountApplicationNodes(order, state, args),
    customer: () => {
      const customer = order.customerId === null ? undefined : state.customers.get(order.customerId);
      return customer ? customerNode(customer, state) : null;
    },
    customerJourneySummary: () => journeySummaryNode(order, state),
    risk: riskSummaryNode(order),
    shippingAddress: order.shippingAddress
      ? mailingAddressNode(order.shippingAddress, `${order.id}?model_name=ShippingAddress`)
      : null,
    billingAddress: order.billingAddress
      ? mailingAddressNode(order.billingAddress, `${order.id}?model_name=BillingAddress`)
      : null,
  };
}

/** Sort keys and search fields of `orders` (root and Customer.orders). Totals are memoised per call. */
export function orderConnectionOptions(state: ShopState): ConnectionOptions<OrderRecord> {
  const totals = new Map<number, ReturnType<typeof orderTotals>>();
  const totalsOf = (order: OrderRecord) => {
    let found = totals.get(order.id);
    if (!found) totals.set(order.id, (found = orderTotals(order)));
    return found;
  };
  const customerName = (order: OrderRecord) => {
    const customer = order.customerId === null ? undefined : state.customers.get(order.customerId);
    return customer ? `${customer.firstName} ${customer.lastName}` : '';
  };
  return {
    id: (order) => gid('Order', order.id),
    node: (order) => orderNode(order, state),
    sortKeys: {
      CREATED_AT: (order) => order.createdAt,
      PROCESSED_AT: (order) => order.processedAt,
      UPDATED_AT: (order) => order.updatedAt,
      ORDER_NUMBER: (order) => order.number,
      TOTAL_PRICE: (order) => totalsOf(order).total,
      CURRENT_TOTAL_PRICE: (order) => totalsOf(order).total - totalsOf(order).refunded,
      CUSTOMER_NAME: (order) => customerName(order).toLowerCase(),
      FINANCIAL_STATUS: (order) => order.financialStatus,
      FULFILLMENT_STATUS: (order) => order.fulfillmentStatus,
      TOTAL_ITEMS_QUANTITY: (order) => order.lineItems.reduce((sum, line) => sum + line.quantity, 0),
      RELEVANCE: (order) => order.id,
    },
    searchFields: {
      id: (order) => order.id,
      created_at: (order) => order.createdAt,
      processed_at: (order) => order.processedAt,
      updated_at: (order) => order.updatedAt,
      financial_status: (order) => order.financialStatus.toLowerCase(),
      fulfillment_status: (order) => FULFILLMENT_SEARCH[order.fulfillmentStatus],
      status: (order) => (order.cancelledAt ? ['cancelled', 'closed'] : isClosed(order) ? ['closed'] : ['open']),
      customer_id: (order) => order.customerId,
      email: (order) => order.email,
      name: (order) => [`#${order.number}`, String(order.number)],
      discount_code: (order) => order.discountCodes,
      source_name: (order) => order.sourceName,
      risk_level: (order) => order.risk.level.toLowerCase(),
      sku: (order) => order.lineItems.map((line) => line.sku),
      test: (order) => order.test,
    },
    searchText: (order) => `#${order.number} ${order.email ?? ''} ${customerName(order)}`,
  };
}

const FULFILLMENT_SEARCH: Record<OrderRecord['fulfillmentStatus'], string[]> = {
  FULFILLED: ['fulfilled', 'shipped'],
  PARTIALLY_FULFILLED: ['partial', 'partially_fulfilled'],
  UNFULFILLED: ['unfulfilled', 'unshipped'],
};
