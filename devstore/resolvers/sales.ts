/**
 * Orders, customers and the ShopifyQL reports Insights reads. Orders change
 * through the devstore's traffic generator, not the Admin API, so this
 * module has no mutations. Nodes: sales-orders, sales-order-parts,
 * sales-customers; reports: sales-shopifyql.
 */
import { GraphQLError } from 'graphql';
import { connection, type ConnectionArgs, type ConnectionOptions } from '../engine/connection';
import { searchPredicate } from '../engine/search-query';
import { parseGid } from '../engine/ids';
import type { ResolverModule } from './context';
import { customerConnectionOptions, customerNode } from './sales-customers';
import { orderOfLineItem, orderOfRefund } from './sales-index';
import { lineItemNode, orderConnectionOptions, orderNode, refundNode } from './sales-orders';
import { shopifyqlResponse } from './sales-shopifyql';

const REPORTS_ACCESS =
  '`read_reports` access scope. Also: Level 2 access to Customer data including name, address, phone, and email fields.';

function idOf(value: unknown, type: string): number | null {
  const parsed = parseGid(String(value));
  return parsed?.type === type && /^\d+$/.test(parsed.id) ? Number(parsed.id) : null;
}

/** `ordersCount` / `customersCount`: matches of `query`, capped at `limit` (then AT_LEAST). */
function count<T>(items: Iterable<T>, args: Record<string, unknown>, options: ConnectionOptions<T>) {
  const matches = searchPredicate(
    args.query as string | null | undefined,
    options.searchFields ?? {},
    options.searchText ?? (() => ''),
  );
  const limit = typeof args.limit === 'number' ? args.limit : null;
  let found = 0;
  for (const item of items) {
    if (!matches(item)) continue;
    if (limit !== null && found === limit) return { count: limit, precision: 'AT_LEAST' };
    found += 1;
  }
  return { count: found, precision: 'EXACT' };
}

export const sales: ResolverModule = {
  query: {
    order: (args, { state }) => {
      const order = state.orders.get(idOf(args.id, 'Order') ?? -1);
      return order ? orderNode(order, state) : null;
    },
    orders: (args, { state }) =>
      connection(state.orders.values(), args as ConnectionArgs, orderConnectionOptions(state)),
    ordersCount: (args, { state }) => count(state.orders.values(), args, orderConnectionOptions(state)),
    customer: (args, { state }) => {
      const customer = state.customers.get(idOf(args.id, 'Customer') ?? -1);
      return customer ? customerNode(customer, state) : null;
    },
    customers: (args, { state }) =>
      connection(state.customers.values(), args as ConnectionArgs, customerConnectionOptions(state)),
    customersCount: (args, { state }) => count(state.customers.values(), args, customerConnectionOptions(state)),
    shopifyqlQuery: (args, { state }) => {
      if (!state.shop.shopifyqlAvailable) {
        throw new GraphQLError(`Access denied for shopifyqlQuery field. Required access: ${REPORTS_ACCESS}`, {
          extensions: {
            code: 'ACCESS_DENIED',
            documentation: 'https://shopify.dev/api/usage/access-scopes',
            requiredAccess: REPORTS_ACCESS,
          },
        });
      }
      return shopifyqlResponse(String(args.query), state);
    },
  },
  nodes: {
    Order: (id, { state }) => {
      const order = state.orders.get(id);
      return order ? orderNode(order, state) : null;
    },
    Customer: (id, { state }) => {
      const customer = state.customers.get(id);
      return customer ? customerNode(customer, state) : null;
    },
    LineItem: (id, { state }) => {
      const order = orderOfLineItem(state, id);
      const line = order?.lineItems.find((item) => item.id === id);
      return order && line ? lineItemNode(line, order, state) : null;
    },
    Refund: (id, { state }) => {
      const order = orderOfRefund(state, id);
      const refund = order?.refunds.find((item) => item.id === id);
      return order && refund ? refundNode(refund, order, state) : null;
    },
  },
};
