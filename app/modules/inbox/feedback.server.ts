/**
 * The storefront feedback block's ratings: every one is stored
 * (InboxFeedback); one with a comment also opens a ticket (channel
 * feedback) so that someone reads it and, when the customer is known,
 * can answer.
 */
import type { PrismaClient } from '@prisma/client';
import type { Locale } from '~/i18n/i18n';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { openTicket } from './tickets.server';

export interface NewFeedback {
  rating: number;
  comment: string | null;
  page: string | null;
  customer: { id: bigint | null; name: string | null; email: string | null };
  locale: Locale;
}

export async function storeFeedback(
  db: PrismaClient,
  shop: string,
  input: NewFeedback,
  gateway: AdminGateway | null = null,
  now = new Date(),
): Promise<{ feedbackId: string; ticketNumber: number | null }> {
  const ticket = input.comment
    ? await openTicket(
        db,
        shop,
        {
          channel: 'feedback',
          topic: null,
          message: input.comment,
          customer: input.customer,
          orderRef: null,
          locale: input.locale,
        },
        gateway,
        now,
      )
    : null;
  const feedback = await db.inboxFeedback.create({
    data: {
      shop,
      rating: input.rating,
      comment: input.comment,
      page: input.page,
      customerId: input.customer.id,
      ticketId: ticket?.id ?? null,
      createdAt: now,
    },
  });
  return { feedbackId: feedback.id, ticketNumber: ticket?.number ?? null };
}
