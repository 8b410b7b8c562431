/**
 * The inbox's part of the compliance tests' shop data
 * (app/platform/compliance/test-shop-data.ts), written through the module's
 * own functions: a signed-in customer's ticket with a reply, a note and a
 * rating; a ticket they wrote as a guest from their e-mail address; their
 * feedback; and another customer's ticket and feedback that quote them.
 */
import type { PrismaClient } from '@prisma/client';
import { storeFeedback } from './feedback.server';
import { recordSatisfaction } from './satisfaction.server';
import { addNote, reply } from './ticket-changes.server';
import { openTicket } from './tickets.server';

interface Person {
  id: bigint;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
}

export async function seedInboxData(
  db: PrismaClient,
  shop: string,
  people: { customer: Person & { phone: string }; other: Person; orders: { theirs: bigint } },
): Promise<void> {
  const { customer, other } = people;
  const fullName = `${customer.firstName} ${customer.lastName}`;
  const staff = { shop, actor: { type: 'steward' as const, id: 'staff-1', name: 'Shop Owner' } };
  const signedIn = await openTicket(db, shop, {
    channel: 'form',
    topic: 'order',
    message: `${customer.firstName} here: order #${people.orders.theirs} never came. Call me on ${customer.phone}.`,
    customer: { id: customer.id, name: fullName, email: customer.email },
    orderRef: `#${people.orders.theirs}`,
    locale: 'fr',
  });
  await reply(db, staff, signedIn.number, {
    body: `Hello ${customer.firstName}, a new parcel left today.`,
    status: 'solved',
  });
  await addNote(db, staff, signedIn.number, { body: `${customer.lastName} called twice from ${customer.phone}` });
  await db.inboxMessage.updateMany({
    where: { shop, ticketId: signedIn.id, direction: 'out' },
    data: { mailStatus: 'failed', mailError: `550 mailbox ${customer.email} full` },
  });
  await recordSatisfaction(db, shop, signedIn.number, 5, `Thanks, ${customer.firstName} ${customer.lastName}`);

  await openTicket(db, shop, {
    channel: 'form',
    topic: 'returns',
    message: `Hi, it is ${customer.lastName} again, without logging in.`,
    customer: { id: null, name: `${customer.firstName} Q.`, email: customer.email.toUpperCase() },
    orderRef: null,
    locale: 'en',
  });
  await storeFeedback(db, shop, {
    rating: 2,
    comment: `Slow site — ${fullName}`,
    page: `/account?email=${encodeURIComponent(customer.email)}`,
    customer: { id: customer.id, name: fullName, email: customer.email },
    locale: 'en',
  });

  await openTicket(db, shop, {
    channel: 'form',
    topic: 'other',
    message: `A gift for ${customer.email} (${customer.phone}), ${fullName}'s birthday`,
    customer: { id: other.id, name: `${other.firstName} ${other.lastName}`, email: other.email },
    orderRef: null,
    locale: 'en',
  });
  await storeFeedback(db, shop, {
    rating: 4,
    comment: `My friend ${customer.email} recommended you`,
    page: '/',
    customer: { id: other.id, name: `${other.firstName} ${other.lastName}`, email: other.email },
    locale: 'en',
  });
}
