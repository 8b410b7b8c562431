/**
 * The activity log's entries for the inbox: one per change to a ticket
 * (opened, replied, note, status, priority, assignee, tags, rated) and to
 * the shop's templates and rules, recorded in the change's transaction.
 * The title is the ticket's number only: the subject is customer text, and
 * customer names go in actorName with customerId set (record.server.ts).
 */
import { randomUUID } from 'node:crypto';
import type { InboxTicket } from '@prisma/client';
import { recordActivity, type ActivityDetails, type ActivityInput } from '~/modules/activity/record.server';
import type { Db } from '~/platform/mirror/batch.server';

export type Actor = ActivityInput['actor'];

export type TicketVerb =
  | 'created'
  | 'replied'
  | 'noted'
  | 'status_changed'
  | 'priority_changed'
  | 'assigned'
  | 'unassigned'
  | 'tagged'
  | 'untagged'
  | 'rated';

export async function recordTicketActivity(
  db: Db,
  ticket: Pick<InboxTicket, 'shop' | 'id' | 'number' | 'customerId'>,
  actor: Actor,
  verb: TicketVerb,
  summary: string,
  details: ActivityDetails | null = null,
  occurredAt = new Date(),
): Promise<void> {
  await recordActivity(db, {
    shop: ticket.shop,
    occurredAt,
    actor,
    verb,
    resource: { type: 'ticket', id: String(ticket.number), title: `#${ticket.number}` },
    summary,
    details,
    link: `/app/inbox/${ticket.number}`,
    source: 'steward',
    sourceKey: `inbox:ticket:${ticket.id}:${verb}:${randomUUID()}`,
    customerId: ticket.customerId === null ? null : ticket.customerId.toString(),
  });
}

export async function recordSettingActivity(
  db: Db,
  shop: string,
  actor: Actor,
  resource: { type: 'inbox_template' | 'inbox_rule'; id: string; title: string },
  verb: 'created' | 'updated' | 'deleted',
  summary: string,
): Promise<void> {
  await recordActivity(db, {
    shop,
    occurredAt: new Date(),
    actor,
    verb,
    resource,
    summary,
    link: '/app/inbox/settings',
    source: 'steward',
    sourceKey: `inbox:${resource.type}:${resource.id}:${verb}:${randomUUID()}`,
  });
}
