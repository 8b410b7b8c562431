/**
 * The inbox's words, shared by the server and the pages: ticket statuses,
 * priorities, channels, the support form's topics and the SLA of each
 * priority. The database enums (prisma/schema.prisma) hold the same values.
 */
import type { InboxChannel, InboxPriority, InboxTicketStatus } from '@prisma/client';

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const satisfies readonly InboxTicketStatus[];
/** In rising urgency. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly InboxPriority[];
export const CHANNELS = ['form', 'feedback', 'email'] as const satisfies readonly InboxChannel[];
export const TOPICS = ['order', 'product', 'shipping', 'returns', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * First response due, in hours after the ticket opened, by priority.
 * Calendar hours: a shop that answers at the weekend is measured the same
 * way as one that does not.
 */
export const SLA_HOURS: Record<InboxPriority, number> = { urgent: 1, high: 4, normal: 24, low: 72 };

export function slaDueAt(priority: InboxPriority, openedAt: Date): Date {
  return new Date(openedAt.getTime() + SLA_HOURS[priority] * 3_600_000);
}

/** The more urgent of two priorities. */
export function mostUrgent(a: InboxPriority, b: InboxPriority): InboxPriority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}

/** A ticket in this status can no longer change (closed is final). */
export const isFinal = (status: InboxTicketStatus) => status === 'closed';
