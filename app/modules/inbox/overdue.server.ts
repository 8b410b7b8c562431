/**
 * Tickets waiting past their first-reply target (open or pending, no reply
 * yet, SLA due before now), for Today: how many, and the most overdue few.
 */
import type { PrismaClient } from '@prisma/client';
import { toSummary, type TicketSummary } from './ticket-view';

export interface OverdueTickets {
  count: number;
  /** Most overdue first. */
  tickets: TicketSummary[];
}

export async function overdueTickets(db: PrismaClient, shop: string, now: Date, limit = 3): Promise<OverdueTickets> {
  const where = {
    shop,
    firstRespondedAt: null,
    status: { in: ['open' as const, 'pending' as const] },
    slaDueAt: { lt: now },
  };
  const [count, rows] = await Promise.all([
    db.inboxTicket.count({ where }),
    db.inboxTicket.findMany({ where, orderBy: [{ slaDueAt: 'asc' }, { number: 'asc' }], take: limit }),
  ]);
  return { count, tickets: rows.map((ticket) => toSummary(ticket, now)) };
}
