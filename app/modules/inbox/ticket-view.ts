/**
 * Tickets and messages as the module API hands them to the pages: plain,
 * JSON-safe objects (customer ids as strings), customer text untouched (the
 * pages render it escaped).
 */
import type {
  InboxChannel,
  InboxMailStatus,
  InboxMessage,
  InboxMessageDirection,
  InboxPriority,
  InboxTicket,
  InboxTicketStatus,
} from '@prisma/client';

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  status: InboxTicketStatus;
  priority: InboxPriority;
  assigneeId: string | null;
  assigneeName: string | null;
  tags: string[];
  channel: InboxChannel;
  topic: string | null;
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  slaDueAt: Date;
  firstRespondedAt: Date | null;
  /** No first response yet and past its SLA. */
  overdue: boolean;
  rating: number | null;
  lastMessageAt: Date;
  createdAt: Date;
}

export interface TicketDetail extends TicketSummary {
  orderRef: string | null;
  orderId: string | null;
  locale: string;
  solvedAt: Date | null;
  closedAt: Date | null;
  satisfactionSentAt: Date | null;
  ratingComment: string | null;
  ratedAt: Date | null;
}

export interface MessageView {
  id: string;
  direction: InboxMessageDirection;
  /** customer | staff | steward */
  authorType: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  templateId: string | null;
  mailStatus: InboxMailStatus | null;
  mailError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

const idText = (id: bigint | null) => (id === null ? null : id.toString());

export function isOverdue(ticket: Pick<InboxTicket, 'firstRespondedAt' | 'slaDueAt' | 'status'>, now: Date) {
  return (
    ticket.firstRespondedAt === null &&
    (ticket.status === 'open' || ticket.status === 'pending') &&
    ticket.slaDueAt.getTime() < now.getTime()
  );
}

export function toSummary(ticket: InboxTicket, now: Date): TicketSummary {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    assigneeName: ticket.assigneeName,
    tags: ticket.tags,
    channel: ticket.channel,
    topic: ticket.topic,
    customerId: idText(ticket.customerId),
    customerName: ticket.customerName,
    customerEmail: ticket.customerEmail,
    slaDueAt: ticket.slaDueAt,
    firstRespondedAt: ticket.firstRespondedAt,
    overdue: isOverdue(ticket, now),
    rating: ticket.rating,
    lastMessageAt: ticket.lastMessageAt,
    createdAt: ticket.createdAt,
  };
}

export function toDetail(ticket: InboxTicket, now: Date): TicketDetail {
  return {
    ...toSummary(ticket, now),
    orderRef: ticket.orderRef,
    orderId: idText(ticket.orderId),
    locale: ticket.locale,
    solvedAt: ticket.solvedAt,
    closedAt: ticket.closedAt,
    satisfactionSentAt: ticket.satisfactionSentAt,
    ratingComment: ticket.ratingComment,
    ratedAt: ticket.ratedAt,
  };
}

export function toMessageView(message: InboxMessage): MessageView {
  return {
    id: message.id,
    direction: message.direction,
    authorType: message.authorType,
    authorId: message.authorId,
    authorName: message.authorName,
    body: message.body,
    templateId: message.templateId,
    mailStatus: message.mailStatus,
    mailError: message.mailError,
    sentAt: message.sentAt,
    createdAt: message.createdAt,
  };
}
