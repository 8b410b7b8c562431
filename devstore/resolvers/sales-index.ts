/**
 * Lookups over a shop's orders that would otherwise scan them all: a
 * customer's orders, and the order that owns a line item or a refund. Built
 * lazily per shop and rebuilt when the number of orders changes; a missed
 * owner lookup rebuilds once, so a refund added to an existing order is found.
 */
import type { ShopState } from '../state/shop-state';
import type { OrderRecord } from '../state/types';

interface SalesIndex {
  size: number;
  ordersByCustomer: Map<number, number[]>;
  orderOfLineItem: Map<number, number>;
  orderOfRefund: Map<number, number>;
}

const INDEXES = new WeakMap<ShopState, SalesIndex>();

function build(state: ShopState): SalesIndex {
  const index: SalesIndex = {
    size: state.orders.size,
    ordersByCustomer: new Map(),
    orderOfLineItem: new Map(),
    orderOfRefund: new Map(),
  };
  for (const order of state.orders.values()) {
    if (order.customerId !== null) {
      const ids = index.ordersByCustomer.get(order.customerId);
      if (ids) ids.push(order.id);
      else index.ordersByCustomer.set(order.customerId, [order.id]);
    }
    for (const line of order.lineItems) index.orderOfLineItem.set(line.id, order.id);
    for (const refund of order.refunds) index.orderOfRefund.set(refund.id, order.id);
  }
  INDEXES.set(state, index);
  return index;
}

function current(state: ShopState): SalesIndex {
  const index = INDEXES.get(state);
  return index && index.size === state.orders.size ? index : build(state);
}

/** The customer's orders, in the order they were added. */
export function ordersOfCustomer(state: ShopState, customerId: number): OrderRecord[] {
  const ids = current(state).ordersByCustomer.get(customerId) ?? [];
  const orders: OrderRecord[] = [];
  for (const id of ids) {
    const order = state.orders.get(id);
    if (order?.customerId === customerId) orders.push(order);
  }
  return orders;
}

function owner(
  state: ShopState,
  pick: (index: SalesIndex) => Map<number, number>,
  id: number,
  owns: (order: OrderRecord) => boolean,
) {
  const found = state.orders.get(pick(current(state)).get(id) ?? -1);
  if (found && owns(found)) return found;
  const rebuilt = state.orders.get(pick(build(state)).get(id) ?? -1);
  return rebuilt && owns(rebuilt) ? rebuilt : null;
}

export function orderOfLineItem(state: ShopState, lineItemId: number): OrderRecord | null {
  return owner(
    state,
    (index) => index.orderOfLineItem,
    lineItemId,
    (order) => order.lineItems.some((line) => line.id === lineItemId),
  );
}

export function orderOfRefund(state: ShopState, refundId: number): OrderRecord | null {
  return owner(
    state,
    (index) => index.orderOfRefund,
    refundId,
    (order) => order.refunds.some((refund) => refund.id === refundId),
  );
}
