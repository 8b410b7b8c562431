/**
 * Customer nodes, and how customer connections sort and search. Order counts
 * and amount spent come from the customer's orders (sales-index).
 */
import { connection, type ConnectionArgs, type ConnectionOptions } from '../engine/connection';
import { gid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { CustomerRecord, OrderRecord } from '../state/types';
import { moneyV2 } from './money';
import { countryName, mailingAddressNode } from './sales-address';
import { ordersOfCustomer } from './sales-index';
import { orderConnectionOptions, orderNode } from './sales-orders';
import { decimal, orderTotals } from './sales-totals';

/** Orders that are not cancelled, at their totals less refunds. */
function amountSpentCents(state: ShopState, customerId: number): number {
  let spent = 0;
  for (const order of ordersOfCustomer(state, customerId)) {
    if (order.cancelledAt) continue;
    const totals = orderTotals(order);
    spent += totals.total - totals.refunded;
  }
  return spent;
}

function latestOrder(orders: OrderRecord[]): OrderRecord | null {
  let latest: OrderRecord | null = null;
  for (const order of orders) {
    if (!latest || order.createdAt > latest.createdAt || (order.createdAt === latest.createdAt && order.id > latest.id))
      latest = order;
  }
  return latest;
}

function displayName(customer: CustomerRecord): string {
  return `${customer.firstName} ${customer.lastName}`.trim() || customer.email || customer.phone || 'Unknown customer';
}

export function customerNode(customer: CustomerRecord, state: ShopState) {
  const orders = () => ordersOfCustomer(state, customer.id);
  return {
    __typename: 'Customer',
    id: gid('Customer', customer.id),
    legacyResourceId: String(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: displayName(customer),
    defaultEmailAddress: customer.email
      ? {
          emailAddress: customer.email,
          marketingState: customer.acceptsMarketing ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED',
          marketingOptInLevel: customer.acceptsMarketing ? 'SINGLE_OPT_IN' : null,
          marketingUpdatedAt: null,
          validFormat: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(customer.email),
        }
      : null,
    defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
    defaultAddress: mailingAddressNode(
      { firstName: customer.firstName, lastName: customer.lastName, ...customer.address },
      `${customer.id}?model_name=CustomerAddress`,
    ),
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    tags: customer.tags,
    state: customer.state,
    note: null,
    locale: 'en',
    verifiedEmail: customer.email !== null,
    taxExempt: false,
    numberOfOrders: () => String(orders().length),
    amountSpent: () => moneyV2(decimal(amountSpentCents(state, customer.id)), state.shop.currencyCode),
    canDelete: () => orders().length === 0,
    lastOrder: () => {
      const last = latestOrder(orders());
      return last ? orderNode(last, state) : null;
    },
    orders: (args: ConnectionArgs) => connection(orders(), args, orderConnectionOptions(state)),
  };
}

/** Sort keys and search fields of `customers` and `customersCount`. */
export function customerConnectionOptions(state: ShopState): ConnectionOptions<CustomerRecord> {
  return {
    id: (customer) => gid('Customer', customer.id),
    node: (customer) => customerNode(customer, state),
    sortKeys: {
      CREATED_AT: (customer) => customer.createdAt,
      UPDATED_AT: (customer) => customer.updatedAt,
      NAME: (customer) => displayName(customer).toLowerCase(),
      LOCATION: (customer) =>
        `${customer.address.countryCode} ${customer.address.provinceCode ?? ''} ${customer.address.city}`.toLowerCase(),
      RELEVANCE: (customer) => customer.id,
    },
    searchFields: {
      id: (customer) => customer.id,
      customer_id: (customer) => customer.id,
      email: (customer) => customer.email,
      phone: (customer) => customer.phone,
      first_name: (customer) => customer.firstName,
      last_name: (customer) => customer.lastName,
      created_at: (customer) => customer.createdAt,
      updated_at: (customer) => customer.updatedAt,
      tag: (customer) => customer.tags,
      state: (customer) => customer.state.toLowerCase(),
      country: (customer) => [customer.address.countryCode, countryName(customer.address.countryCode)],
      accepts_marketing: (customer) => customer.acceptsMarketing,
      orders_count: (customer) => ordersOfCustomer(state, customer.id).length,
    },
    searchText: (customer) =>
      `${customer.firstName} ${customer.lastName} ${customer.email ?? ''} ${customer.phone ?? ''}`,
  };
}
