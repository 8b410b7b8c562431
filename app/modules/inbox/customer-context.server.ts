/**
 * Who wrote a ticket and what they bought: the customer, their last five
 * orders and what they spent, shown beside the thread and used to fill reply
 * templates. The mirror (app/platform/mirror) answers first; the Admin API,
 * through the gateway, only for a customer or an order the mirror does not
 * hold (a shop still syncing). A ticket's order counts only when it belongs
 * to the ticket's customer (same customer id, or same e-mail for a guest),
 * so a stranger typing someone's order number learns nothing about it.
 */
import type { InboxTicket, Order, PrismaClient } from '@prisma/client';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';

export const INBOX_CUSTOMER_QUERY = `#graphql
  query InboxCustomer($id: ID!) {
    customer(id: $id) {
      legacyResourceId
      firstName
      lastName
      defaultEmailAddress {
        emailAddress
      }
      defaultPhoneNumber {
        phoneNumber
      }
      numberOfOrders
      amountSpent {
        amount
        currencyCode
      }
      orders(first: 5, sortKey: PROCESSED_AT, reverse: true) {
        nodes {
          ...InboxOrderFields
        }
      }
    }
  }
  fragment InboxOrderFields on Order {
    legacyResourceId
    name
    email
    processedAt
    displayFinancialStatus
    displayFulfillmentStatus
    customer {
      legacyResourceId
    }
    totalPriceSet {
      shopMoney {
        amount
        currencyCode
      }
    }
  }
`;

export const INBOX_ORDERS_SEARCH_QUERY = `#graphql
  query InboxOrdersSearch($query: String!) {
    orders(first: 5, query: $query, sortKey: PROCESSED_AT, reverse: true) {
      nodes {
        legacyResourceId
        name
        email
        processedAt
        displayFinancialStatus
        displayFulfillmentStatus
        customer {
          legacyResourceId
        }
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
    }
  }
`;

export interface ContextOrder {
  id: string;
  name: string;
  processedAt: Date | null;
  /** Decimal string in `currency` (shop money). */
  total: string;
  currency: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
}

export interface ContextCustomer {
  id: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  numberOfOrders: number | null;
  /** id: the signed-in customer; email: a guest whose e-mail matches a customer. */
  matchedBy: 'id' | 'email';
  source: 'mirror' | 'shopify';
}

export interface CustomerContext {
  customer: ContextCustomer | null;
  lastOrders: ContextOrder[];
  totalSpent: { amount: string; currency: string } | null;
}

type TicketRef = Pick<InboxTicket, 'shop' | 'customerId' | 'customerEmail'>;

interface ApiOrder {
  legacyResourceId: string;
  name: string;
  email?: string | null;
  processedAt: string;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus: string;
  customer?: { legacyResourceId: string } | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
}

const sameEmail = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

function fromMirror(order: Order): ContextOrder {
  return {
    id: order.id.toString(),
    name: order.name,
    processedAt: order.processedAt ?? order.createdAt,
    total: order.totalPrice.toString(),
    currency: order.currency,
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
  };
}

function fromApi(order: ApiOrder): ContextOrder {
  return {
    id: order.legacyResourceId,
    name: order.name,
    processedAt: new Date(order.processedAt),
    total: order.totalPriceSet.shopMoney.amount,
    currency: order.totalPriceSet.shopMoney.currencyCode,
    financialStatus: order.displayFinancialStatus ?? null,
    fulfillmentStatus: order.displayFulfillmentStatus,
  };
}

/** The mirrored customer a ticket is about: by id, else (a guest) by e-mail. */
async function mirroredCustomer(db: PrismaClient, ticket: TicketRef) {
  if (ticket.customerId !== null) {
    const byId = await db.customer.findFirst({
      where: { shop: ticket.shop, id: ticket.customerId, deletedAt: null },
    });
    return byId ? { row: byId, matchedBy: 'id' as const } : null;
  }
  if (!ticket.customerEmail) return null;
  const byEmail = await db.customer.findFirst({
    where: { shop: ticket.shop, email: { equals: ticket.customerEmail, mode: 'insensitive' }, deletedAt: null },
    orderBy: { updatedAt: 'desc' },
  });
  return byEmail ? { row: byEmail, matchedBy: 'email' as const } : null;
}

function ordersWhere(ticket: TicketRef, customerId: bigint | null) {
  const owners = [
    ...(customerId !== null ? [{ customerId }] : []),
    ...(ticket.customerEmail ? [{ email: { equals: ticket.customerEmail, mode: 'insensitive' as const } }] : []),
  ];
  return { shop: ticket.shop, deletedAt: null, test: false, OR: owners };
}

async function fromShopify(gateway: AdminGateway, ticket: TicketRef): Promise<CustomerContext | null> {
  if (ticket.customerId === null) return null;
  const { customer } = await gateway.request(INBOX_CUSTOMER_QUERY, {
    id: `gid://shopify/Customer/${ticket.customerId}`,
  });
  if (!customer) return null;
  return {
    customer: {
      id: customer.legacyResourceId,
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
      email: customer.defaultEmailAddress?.emailAddress ?? null,
      phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
      numberOfOrders: Number(customer.numberOfOrders),
      matchedBy: 'id',
      source: 'shopify',
    },
    lastOrders: customer.orders.nodes.map(fromApi),
    totalSpent: { amount: customer.amountSpent.amount, currency: customer.amountSpent.currencyCode },
  };
}

/** The customer beside a ticket, their last five orders and what they spent (orders less refunds, cancelled left out). */
export async function customerContext(
  db: PrismaClient,
  gateway: AdminGateway | null,
  ticket: TicketRef,
): Promise<CustomerContext> {
  const mirrored = await mirroredCustomer(db, ticket);
  if (!mirrored && gateway && ticket.customerId !== null) {
    const live = await fromShopify(gateway, ticket);
    if (live) return live;
  }
  const customerId = mirrored?.row.id ?? ticket.customerId;
  const where = ordersWhere(ticket, customerId);
  if (where.OR.length === 0) return { customer: null, lastOrders: [], totalSpent: null };
  const orders = await db.order.findMany({
    where,
    orderBy: [{ processedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    take: 5,
  });
  const spent = await db.order.aggregate({
    where: { ...where, cancelledAt: null },
    _sum: { totalPrice: true, totalRefunded: true },
  });
  const currency = orders[0]?.currency;
  const total = (spent._sum.totalPrice ?? 0).valueOf();
  const refunded = (spent._sum.totalRefunded ?? 0).valueOf();
  const row = mirrored?.row;
  return {
    customer: row
      ? {
          id: row.id.toString(),
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          phone: row.phone,
          numberOfOrders: row.numberOfOrders,
          matchedBy: mirrored.matchedBy,
          source: 'mirror',
        }
      : null,
    lastOrders: orders.map(fromMirror),
    totalSpent: currency ? { amount: (Number(total) - Number(refunded)).toFixed(2), currency } : null,
  };
}

/** "1001", "#1001" → the names an order could carry. */
function orderNames(reference: string): string[] {
  const bare = reference.trim().replace(/^#/, '');
  return [...new Set([reference.trim(), bare, `#${bare}`])].filter(Boolean);
}

/**
 * The order a ticket is about, when it is the ticket customer's: the linked
 * one, else the one its typed number names (mirror first, then Shopify).
 */
export async function ticketOrder(
  db: PrismaClient,
  gateway: AdminGateway | null,
  ticket: TicketRef & Pick<InboxTicket, 'orderId' | 'orderRef'>,
): Promise<ContextOrder | null> {
  if (ticket.orderId !== null) {
    const linked = await db.order.findFirst({ where: { shop: ticket.shop, id: ticket.orderId, deletedAt: null } });
    if (linked) return fromMirror(linked);
  }
  if (!ticket.orderRef) return null;
  const mirrored = await findOwnedOrder(db, ticket, ticket.orderRef);
  if (mirrored) return fromMirror(mirrored);
  if (!gateway) return null;
  const bare = ticket.orderRef.trim().replace(/^#/, '');
  const { orders } = await gateway.request(INBOX_ORDERS_SEARCH_QUERY, { query: `name:${JSON.stringify(`#${bare}`)}` });
  const owned = orders.nodes.find(
    (order) =>
      orderNames(ticket.orderRef as string).includes(order.name) &&
      ((ticket.customerId !== null && order.customer?.legacyResourceId === ticket.customerId.toString()) ||
        sameEmail(order.email, ticket.customerEmail)),
  );
  return owned ? fromApi(owned) : null;
}

/** The mirrored order named `reference` that belongs to the ticket's customer. */
export async function findOwnedOrder(db: PrismaClient, ticket: TicketRef, reference: string): Promise<Order | null> {
  const where = ordersWhere(ticket, ticket.customerId);
  if (where.OR.length === 0) return null;
  return db.order.findFirst({ where: { ...where, name: { in: orderNames(reference) } }, orderBy: { id: 'desc' } });
}
