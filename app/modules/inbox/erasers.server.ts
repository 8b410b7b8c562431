/**
 * The inbox's rows in the compliance registry (app/platform/compliance).
 *
 * A customer's tickets are theirs when they wrote signed in (customerId) or
 * from one of their addresses (a guest: customerEmail). For them:
 * - customers/data_request exports those tickets, their whole thread (notes
 *   included: they are about the customer) and the customer's feedback;
 * - customers/redact keeps the tickets (numbers, status, times, rating —
 *   the shop's service record) but empties who wrote and what was written:
 *   name, e-mail, subject, rating comment, every message body of the thread,
 *   the customer's name as author, mail errors; their feedback loses its
 *   comment. Any other ticket, message or feedback that quotes their e-mail,
 *   phone or full name loses the quote.
 * Templates, rules, rate-limit counters (keyed hashes of addresses) and
 * ticket numbers hold no customer data: shop/redact removes them with the rest.
 */
import { Prisma } from '@prisma/client';
import type { CustomerScope, ShopDataEraser } from '~/platform/compliance/erasers.server';
import { toJsonRow, type JsonRow } from '~/platform/compliance/json-row';
import { scrubTextColumns } from '~/platform/compliance/scrub-sql.server';
import { REDACTED } from '~/platform/compliance/scrub';
import type { Db } from '~/platform/mirror/batch.server';

const rows = <T extends object>(list: T[]): JsonRow[] => list.map((row) => toJsonRow(row as Record<string, unknown>));

/** The customer's addresses among their identifiers, lower case. */
const emailsOf = (customer: CustomerScope) =>
  customer.identifiers.filter((term) => term.includes('@')).map((term) => term.toLowerCase());

/** Their tickets, as a condition on InboxTicket. */
const theirTickets = (shop: string, customer: CustomerScope) => Prisma.sql`
  shop = ${shop} AND ("customerId" = ${customer.id} OR lower("customerEmail") = ANY(${emailsOf(customer)}::text[]))`;

const theirTicketIds = (shop: string, customer: CustomerScope) =>
  Prisma.sql`SELECT id FROM "InboxTicket" WHERE ${theirTickets(shop, customer)}`;

async function ticketIds(tx: Db, shop: string, customer: CustomerScope): Promise<string[]> {
  const found = await tx.$queryRaw<{ id: string }[]>(theirTicketIds(shop, customer));
  return found.map((row) => row.id);
}

export const INBOX_DATA_ERASERS: ShopDataEraser[] = [
  {
    // Before InboxTicket's: that one forgets the e-mail address these are found by.
    model: 'InboxMessage',
    eraseShop: async (tx, shop) => (await tx.inboxMessage.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.inboxMessage.findMany({
          where: { shop, ticketId: { in: await ticketIds(tx, shop, customer) } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
    eraseCustomer: async (tx, shop, customer) => {
      const theirs = await tx.$executeRaw(Prisma.sql`
        UPDATE "InboxMessage" SET body = ${REDACTED}, "mailError" = NULL,
          "authorName" = CASE WHEN "authorType" = 'customer' THEN NULL ELSE "authorName" END
        WHERE shop = ${shop} AND "ticketId" IN (${theirTicketIds(shop, customer)})
          AND (body <> ${REDACTED} OR "mailError" IS NOT NULL OR ("authorType" = 'customer' AND "authorName" IS NOT NULL))`);
      const quoting = await scrubTextColumns(
        tx,
        shop,
        'InboxMessage',
        [{ name: 'body' }, { name: 'authorName' }, { name: 'mailError' }],
        customer.identifiers,
      );
      return theirs + quoting;
    },
  },
  {
    model: 'InboxTicket',
    eraseShop: async (tx, shop) => (await tx.inboxTicket.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.inboxTicket.findMany({
          where: { shop, id: { in: await ticketIds(tx, shop, customer) } },
          orderBy: { number: 'asc' },
        }),
      ),
    eraseCustomer: async (tx, shop, customer) => {
      const theirs = await tx.$executeRaw(Prisma.sql`
        UPDATE "InboxTicket" SET "customerName" = NULL, "customerEmail" = NULL, subject = ${REDACTED},
          "ratingComment" = NULL
        WHERE ${theirTickets(shop, customer)}`);
      const quoting = await scrubTextColumns(
        tx,
        shop,
        'InboxTicket',
        [{ name: 'subject' }, { name: 'customerName' }, { name: 'customerEmail' }, { name: 'ratingComment' }],
        customer.identifiers,
      );
      return theirs + quoting;
    },
  },
  {
    model: 'InboxFeedback',
    eraseShop: async (tx, shop) => (await tx.inboxFeedback.deleteMany({ where: { shop } })).count,
    exportCustomer: async (tx, shop, customer) =>
      rows(
        await tx.inboxFeedback.findMany({ where: { shop, customerId: customer.id }, orderBy: { createdAt: 'asc' } }),
      ),
    eraseCustomer: async (tx, shop, customer) =>
      (
        await tx.inboxFeedback.updateMany({
          where: { shop, customerId: customer.id, comment: { not: null } },
          data: { comment: null },
        })
      ).count +
      (await scrubTextColumns(
        tx,
        shop,
        'InboxFeedback',
        [{ name: 'comment' }, { name: 'page' }],
        customer.identifiers,
      )),
  },
  {
    model: 'InboxTemplate',
    eraseShop: async (tx, shop) => (await tx.inboxTemplate.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InboxRule',
    eraseShop: async (tx, shop) => (await tx.inboxRule.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InboxRateBucket',
    eraseShop: async (tx, shop) => (await tx.inboxRateBucket.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'InboxSequence',
    eraseShop: async (tx, shop) => (await tx.inboxSequence.deleteMany({ where: { shop } })).count,
  },
];
