/**
 * Who a customer compliance request is about, resolved once before any
 * eraser runs: the customer's id, the orders that are theirs (by customer id,
 * by the ids Shopify lists in the request, by e-mail for guest checkouts),
 * and the strings that identify them, gathered from the request and from
 * what the mirror stores (which the erasers are about to remove).
 */
import { Prisma } from '@prisma/client';
import type { Db } from '../mirror/batch.server';
import { normaliseTerms } from './scrub';

/** The customer as Shopify names them in customers/redact and customers/data_request. */
export interface CustomerRef {
  /** Numeric customer id as Shopify sends it in compliance payloads. */
  id: string;
  email?: string | null;
  phone?: string | null;
  /** orders_to_redact / orders_requested. */
  orderIds?: string[];
}

export interface CustomerScope {
  id: bigint;
  orderIds: bigint[];
  /**
   * Strings that identify this customer and no one else (e-mails, phones,
   * full names): searched for in every table of the shop.
   */
  identifiers: string[];
  /** identifiers plus first and last names: replaced in the rows that are about the customer. */
  terms: string[];
}

function toId(value: string, what: string): bigint {
  if (!/^\d+$/.test(value)) throw new Error(`Compliance request: ${what} "${value}" is not a numeric Shopify id`);
  return BigInt(value);
}

export async function resolveCustomerScope(tx: Db, shop: string, ref: CustomerRef): Promise<CustomerScope> {
  const id = toId(ref.id, 'customer id');
  const listed = (ref.orderIds ?? []).map((orderId) => toId(orderId, 'order id'));
  const stored = await tx.customer.findUnique({
    where: { shop_id: { shop, id } },
    select: { firstName: true, lastName: true, email: true, phone: true },
  });
  const emails = [ref.email, stored?.email].filter((email): email is string => Boolean(email));
  const orders = await tx.order.findMany({
    where: {
      shop,
      OR: [
        { customerId: id },
        { id: { in: listed } },
        ...emails.map((email) => ({ email: { equals: email, mode: Prisma.QueryMode.insensitive } })),
      ],
    },
    select: { id: true, email: true, phone: true },
  });
  const fullName = [stored?.firstName, stored?.lastName].filter(Boolean).join(' ');
  const identifiers = normaliseTerms([
    ...emails,
    ref.phone,
    stored?.phone,
    fullName.includes(' ') ? fullName : null,
    ...orders.flatMap((order) => [order.email, order.phone]),
  ]);
  const terms = normaliseTerms([...identifiers, stored?.firstName, stored?.lastName]);
  return { id, orderIds: [...new Set([...listed, ...orders.map((order) => order.id)])], identifiers, terms };
}
