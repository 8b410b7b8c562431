/**
 * The inbox under Shopify's compliance requests (the registry runs every
 * model's eraser; app/platform/compliance/compliance.test.ts checks no
 * personal string survives anywhere): what a data request hands over of the
 * inbox, and what customers/redact keeps and empties there.
 */
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { customerDataRequest, customerRedact, type CustomerDataExport } from '~/platform/compliance/compliance.server';
import { CUSTOMER, ORDERS, OTHER, PERSONAL_STRINGS } from '~/platform/compliance/test-shop-data';
import { applyCustomers } from '~/platform/mirror/apply.server';
import { at, customer } from '~/platform/mirror/fixtures';
import { seedInboxData } from './test-shop-data';

const ref = {
  id: String(CUSTOMER.id),
  email: CUSTOMER.email,
  phone: CUSTOMER.phone,
  orderIds: [String(ORDERS.theirs)],
};

async function seed(shop: string) {
  await applyCustomers(prisma, shop, [
    customer(CUSTOMER.id, at(1), { ...CUSTOMER }),
    customer(OTHER.id, at(1), { ...OTHER }),
  ]);
  await seedInboxData(prisma, shop, { customer: CUSTOMER, other: OTHER, orders: ORDERS });
}

async function inboxText(shop: string): Promise<string> {
  const rows = await prisma.$queryRaw<{ row: string }[]>`
    SELECT t::text AS row FROM "InboxTicket" t WHERE shop = ${shop}
    UNION ALL SELECT m::text FROM "InboxMessage" m WHERE shop = ${shop}
    UNION ALL SELECT f::text FROM "InboxFeedback" f WHERE shop = ${shop}`;
  return rows
    .map((row) => row.row)
    .join('\n')
    .toLowerCase();
}

describe('the inbox under compliance requests', () => {
  it("exports the customer's tickets, their threads and feedback, and nothing of the other customer's", async () => {
    const shop = 'inbox-export.myshopify.com';
    await seed(shop);
    await customerDataRequest(prisma, shop, 'dr-inbox', ref);
    const request = await prisma.complianceRequest.findUniqueOrThrow({
      where: { shop_eventId: { shop, eventId: 'dr-inbox' } },
    });
    const { data } = request.export as unknown as CustomerDataExport;
    expect(data.InboxTicket!.map((row) => [row.customerId, row.customerEmail])).toEqual([
      [String(CUSTOMER.id), CUSTOMER.email],
      [null, CUSTOMER.email.toUpperCase()],
      // Their feedback's comment opened a ticket too.
      [String(CUSTOMER.id), CUSTOMER.email],
    ]);
    expect(data.InboxMessage!.map((row) => row.direction)).toEqual(['in', 'out', 'note', 'in', 'in']);
    expect(data.InboxFeedback!.map((row) => row.rating)).toEqual([2]);
    expect(request.result).toMatchObject({ InboxTicket: 3, InboxMessage: 5, InboxFeedback: 1 });
    const text =
      JSON.stringify(data.InboxTicket) + JSON.stringify(data.InboxMessage) + JSON.stringify(data.InboxFeedback);
    expect(text).not.toContain(OTHER.email);
    expect(text).not.toContain('gift');
  });

  it('keeps the service record and empties who wrote and what was written; quotes elsewhere are cut', async () => {
    const shop = 'inbox-redact.myshopify.com';
    await seed(shop);
    const before = await inboxText(shop);
    for (const term of PERSONAL_STRINGS) expect(before, term).toContain(term.toLowerCase());
    const ticketsBefore = await prisma.inboxTicket.findMany({ where: { shop }, orderBy: { number: 'asc' } });

    await customerRedact(prisma, shop, 'redact-inbox', ref);

    const after = await inboxText(shop);
    for (const term of PERSONAL_STRINGS) expect(after, term).not.toContain(term.toLowerCase());
    const tickets = await prisma.inboxTicket.findMany({ where: { shop }, orderBy: { number: 'asc' } });
    expect(tickets.map((ticket) => [ticket.number, ticket.status, ticket.rating])).toEqual(
      ticketsBefore.map((ticket) => [ticket.number, ticket.status, ticket.rating]),
    );
    const [theirs, guest, theirFeedback, others] = tickets as (typeof tickets)[0][] as [
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
    ];
    expect(theirs).toMatchObject({
      customerName: null,
      customerEmail: null,
      subject: '[redacted]',
      ratingComment: null,
      rating: 5,
    });
    expect(guest).toMatchObject({ customerName: null, customerEmail: null, subject: '[redacted]' });
    expect(theirFeedback).toMatchObject({ channel: 'feedback', customerEmail: null, subject: '[redacted]' });
    expect(others).toMatchObject({ customerName: `${OTHER.firstName} ${OTHER.lastName}`, customerEmail: OTHER.email });
    expect(others.subject).toBe("A gift for [redacted] ([redacted]), [redacted]'s birthday");
    const thread = await prisma.inboxMessage.findMany({
      where: { shop, ticketId: theirs.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(thread.map((message) => [message.direction, message.authorName, message.body, message.mailError])).toEqual([
      ['in', null, '[redacted]', null],
      ['out', 'Shop Owner', '[redacted]', null],
      ['note', 'Shop Owner', '[redacted]', null],
    ]);
    const feedback = await prisma.inboxFeedback.findMany({ where: { shop }, orderBy: { rating: 'asc' } });
    expect(feedback.map((row) => [row.rating, row.comment, row.page])).toEqual([
      [2, null, '/account?email=[redacted]'],
      [4, 'My friend [redacted] recommended you', '/'],
    ]);
  });
});
