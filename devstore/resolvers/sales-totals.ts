/**
 * An order's money, worked out once from its record in whole cents so sums
 * never drift: what the Order and LineItem money bags, Customer.amountSpent
 * and ShopifyQL's sales table all read.
 */
import type { LineItemRecord, OrderRecord, RefundRecord } from '../state/types';

export const cents = (amount: string | number): number => Math.round(Number(amount) * 100);
export const decimal = (amountInCents: number): string => (amountInCents / 100).toFixed(2);

export interface LineTotals {
  unitPrice: number;
  original: number;
  discount: number;
  discounted: number;
}

export function lineTotals(line: LineItemRecord): LineTotals {
  const unitPrice = cents(line.unitPrice);
  const original = unitPrice * line.quantity;
  const discount = cents(line.discount);
  return { unitPrice, original, discount, discounted: original - discount };
}

/** Line subtotals a refund returns; the rest of its total is refunded shipping. */
export function refundLineCents(refund: RefundRecord): number {
  return refund.lines.reduce((sum, line) => sum + cents(line.subtotal), 0);
}

export function refundedQuantity(order: OrderRecord, lineItemId: number): number {
  let quantity = 0;
  for (const refund of order.refunds) {
    for (const line of refund.lines) if (line.lineItemId === lineItemId) quantity += line.quantity;
  }
  return quantity;
}

export interface OrderTotals {
  /** Line items at their original prices. */
  gross: number;
  discounts: number;
  /** Line items after their discounts. */
  subtotal: number;
  shipping: number;
  tax: number;
  /** subtotal + shipping + tax, as placed. */
  total: number;
  refunded: number;
  refundedLines: number;
  refundedShipping: number;
  refundedTax: number;
  /** What the buyer paid: nothing while pending, authorized or voided. */
  received: number;
}

const PAID_STATUSES = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

export function orderTotals(order: OrderRecord): OrderTotals {
  let gross = 0;
  let discounts = 0;
  for (const line of order.lineItems) {
    const totals = lineTotals(line);
    gross += totals.original;
    discounts += totals.discount;
  }
  const subtotal = gross - discounts;
  const shipping = cents(order.shipping);
  const tax = cents(order.tax);
  const total = subtotal + shipping + tax;
  const refunded = order.refunds.reduce((sum, refund) => sum + cents(refund.total), 0);
  const refundedLines = order.refunds.reduce((sum, refund) => sum + refundLineCents(refund), 0);
  const received = PAID_STATUSES.has(order.financialStatus) ? total : 0;
  // A refund returns merchandise, the tax on it, then shipping. The records keep
  // the merchandise per line and the total, so the tax is the order's tax rate
  // on the refunded merchandise, and shipping what remains.
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const proportionalTax = subtotal > 0 ? Math.round((tax * refundedLines) / subtotal) : 0;
  const refundedShipping = clamp(refunded - refundedLines - clamp(proportionalTax, tax), shipping);
  const refundedTax = clamp(refunded - refundedLines - refundedShipping, tax);
  return {
    gross,
    discounts,
    subtotal,
    shipping,
    tax,
    total,
    refunded,
    refundedLines,
    refundedShipping,
    refundedTax,
    received,
  };
}
