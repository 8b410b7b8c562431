/**
 * What staff do to a ticket: reply (mailed by a job), add an internal note,
 * change its status or priority, assign it, tag it. Each change is one
 * transaction with its activity entry; mail and satisfaction jobs are queued
 * after the commit.
 *
 * - A reply's body is a template: its {{variables}} are filled from the
 *   ticket's customer and order (template-values.server.ts), and a reply with
 *   an unknown or unfilled variable is refused (TemplateProblemsError), never
 *   sent with a blank. The first reply is the first response (SLA); a reply
 *   moves the ticket to the status given, pending by default.
 * - Solving a ticket queues the satisfaction mail (once per ticket).
 * - Closed is final: a closed ticket takes notes and tags only.
 * - A priority change before the first response moves the SLA due time.
 */
import type { InboxMessage, InboxTicket, InboxTicketStatus, Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { InboxInputError } from './errors';
import {
  assigneeSchema,
  noteSchema,
  replySchema,
  tagSchema,
  zodErrors,
  type AssigneeInput,
  type ReplyInput,
} from './inputs';
import { initialMailStatus, queueMessageMail, queueSatisfaction } from './mail-jobs.server';
import { renderTemplate, type TemplateProblem } from './render-template';
import { recordTicketActivity, type Actor } from './ticket-activity.server';
import { toDetail, toMessageView, type MessageView, type TicketDetail } from './ticket-view';
import { requireTicket } from './tickets.server';
import { templateValues } from './template-values.server';
import { isFinal, PRIORITIES, slaDueAt, TICKET_STATUSES } from './vocabulary';

export interface InboxContext {
  shop: string;
  actor: Actor;
  /** Lets a reply's variables read a customer or order the mirror lacks. */
  gateway?: AdminGateway | null;
}

/** A reply whose variables are unknown or have no value for this ticket. */
export class TemplateProblemsError extends InboxInputError {
  override name = 'TemplateProblemsError';
  readonly problems: TemplateProblem[];
  constructor(problems: TemplateProblem[]) {
    super({ body: 'unresolved' });
    this.problems = problems;
  }
}

const MAX_TAGS = 20;

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InboxInputError(zodErrors(parsed.error));
  return parsed.data;
}

function refuseClosed(ticket: InboxTicket): void {
  if (isFinal(ticket.status)) throw new InboxInputError({ status: 'closed' });
}

/** The timestamps a move to `status` sets. */
function statusTimes(ticket: InboxTicket, status: InboxTicketStatus, now: Date) {
  return {
    status,
    solvedAt:
      status === 'solved'
        ? ticket.status === 'solved'
          ? ticket.solvedAt
          : now
        : status === 'closed'
          ? ticket.solvedAt
          : null,
    closedAt: status === 'closed' ? now : null,
  };
}

async function update(tx: Prisma.TransactionClient, ticket: InboxTicket, data: Prisma.InboxTicketUpdateInput) {
  return tx.inboxTicket.update({ where: { shop_number: { shop: ticket.shop, number: ticket.number } }, data });
}

async function logStatus(
  tx: Prisma.TransactionClient,
  ticket: InboxTicket,
  actor: Actor,
  status: InboxTicketStatus,
  now: Date,
) {
  await recordTicketActivity(
    tx,
    ticket,
    actor,
    'status_changed',
    `Ticket #${ticket.number} ${ticket.status} → ${status}`,
    { status, previousStatus: ticket.status },
    now,
  );
}

export async function setStatus(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  status: InboxTicketStatus,
  now = new Date(),
): Promise<TicketDetail> {
  const next = parse(z.enum(TICKET_STATUSES), status);
  const ticket = await requireTicket(db, ctx.shop, number);
  refuseClosed(ticket);
  if (ticket.status === next) return toDetail(ticket, now);
  const updated = await db.$transaction(async (tx) => {
    const changed = await update(tx, ticket, statusTimes(ticket, next, now));
    await logStatus(tx, ticket, ctx.actor, next, now);
    return changed;
  });
  if (next === 'solved') await queueSatisfaction(updated);
  return toDetail(updated, now);
}

export async function setPriority(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  priority: InboxTicket['priority'],
  now = new Date(),
): Promise<TicketDetail> {
  const next = parse(z.enum(PRIORITIES), priority);
  const ticket = await requireTicket(db, ctx.shop, number);
  refuseClosed(ticket);
  if (ticket.priority === next) return toDetail(ticket, now);
  const updated = await db.$transaction(async (tx) => {
    const changed = await update(tx, ticket, {
      priority: next,
      ...(ticket.firstRespondedAt ? {} : { slaDueAt: slaDueAt(next, ticket.createdAt) }),
    });
    await recordTicketActivity(
      tx,
      ticket,
      ctx.actor,
      'priority_changed',
      `Ticket #${ticket.number} priority ${ticket.priority} → ${next}`,
      { priority: next, previousPriority: ticket.priority },
      now,
    );
    return changed;
  });
  return toDetail(updated, now);
}

/** Assigns the ticket to a staff member, or unassigns it (null). */
export async function assign(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  assignee: AssigneeInput,
  now = new Date(),
): Promise<TicketDetail> {
  const next = parse(assigneeSchema, assignee);
  const ticket = await requireTicket(db, ctx.shop, number);
  refuseClosed(ticket);
  if ((next?.id ?? null) === ticket.assigneeId) return toDetail(ticket, now);
  const updated = await db.$transaction(async (tx) => {
    const changed = await update(tx, ticket, { assigneeId: next?.id ?? null, assigneeName: next?.name ?? null });
    await recordTicketActivity(
      tx,
      ticket,
      ctx.actor,
      next ? 'assigned' : 'unassigned',
      next ? `Ticket #${ticket.number} assigned to ${next.name ?? next.id}` : `Ticket #${ticket.number} unassigned`,
      next ? { assigneeId: next.id } : null,
      now,
    );
    return changed;
  });
  return toDetail(updated, now);
}

async function changeTags(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  tag: string,
  adding: boolean,
  now: Date,
): Promise<TicketDetail> {
  const value = parse(tagSchema, tag);
  const ticket = await requireTicket(db, ctx.shop, number);
  const has = ticket.tags.includes(value);
  if (has === adding) return toDetail(ticket, now);
  if (adding && ticket.tags.length >= MAX_TAGS) throw new InboxInputError({ tag: 'too_many' });
  const tags = adding ? [...ticket.tags, value] : ticket.tags.filter((existing) => existing !== value);
  const updated = await db.$transaction(async (tx) => {
    const changed = await update(tx, ticket, { tags });
    await recordTicketActivity(
      tx,
      ticket,
      ctx.actor,
      adding ? 'tagged' : 'untagged',
      `Ticket #${ticket.number} ${adding ? 'tagged' : 'untagged'} “${value}”`,
      { tag: value },
      now,
    );
    return changed;
  });
  return toDetail(updated, now);
}

export const tag = (db: PrismaClient, ctx: InboxContext, number: number, value: string, now = new Date()) =>
  changeTags(db, ctx, number, value, true, now);

export const untag = (db: PrismaClient, ctx: InboxContext, number: number, value: string, now = new Date()) =>
  changeTags(db, ctx, number, value, false, now);

function authorOf(actor: Actor) {
  return { authorType: 'staff', authorId: actor.id ?? null, authorName: actor.name ?? null };
}

export async function addNote(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  input: { body: string },
  now = new Date(),
): Promise<MessageView> {
  const { body } = parse(noteSchema, input);
  const ticket = await requireTicket(db, ctx.shop, number);
  const note = await db.$transaction(async (tx) => {
    const created = await tx.inboxMessage.create({
      data: { shop: ctx.shop, ticketId: ticket.id, direction: 'note', ...authorOf(ctx.actor), body, createdAt: now },
    });
    await recordTicketActivity(tx, ticket, ctx.actor, 'noted', `Note on ticket #${ticket.number}`, null, now);
    return created;
  });
  return toMessageView(note);
}

export interface ReplyResult {
  message: MessageView;
  ticket: TicketDetail;
}

export async function reply(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  input: ReplyInput,
  now = new Date(),
): Promise<ReplyResult> {
  const { body, templateId, status } = parse(replySchema, input);
  const ticket = await requireTicket(db, ctx.shop, number);
  refuseClosed(ticket);
  if (
    templateId &&
    !(await db.inboxTemplate.findFirst({ where: { shop: ctx.shop, id: templateId }, select: { id: true } }))
  ) {
    throw new InboxInputError({ templateId: 'invalid' });
  }
  // Only a body with placeholders needs the customer and order looked up.
  const rendered = body.includes('{{')
    ? renderTemplate(body, await templateValues(db, ctx.gateway ?? null, ticket))
    : { text: body, problems: [] };
  if (rendered.problems.length > 0) throw new TemplateProblemsError(rendered.problems);
  const next = status ?? 'pending';

  const { message, updated } = await db.$transaction(async (tx) => {
    const created: InboxMessage = await tx.inboxMessage.create({
      data: {
        shop: ctx.shop,
        ticketId: ticket.id,
        direction: 'out',
        ...authorOf(ctx.actor),
        body: rendered.text,
        templateId: templateId ?? null,
        mailStatus: initialMailStatus(ticket),
        createdAt: now,
      },
    });
    const changed = await update(tx, ticket, {
      ...statusTimes(ticket, next, now),
      lastMessageAt: now,
      firstRespondedAt: ticket.firstRespondedAt ?? now,
    });
    await recordTicketActivity(
      tx,
      ticket,
      ctx.actor,
      'replied',
      `Reply on ticket #${ticket.number}`,
      templateId ? { template: true } : null,
      now,
    );
    if (next !== ticket.status) await logStatus(tx, ticket, ctx.actor, next, now);
    return { message: created, updated: changed };
  });
  await queueMessageMail(ctx.shop, message);
  if (next === 'solved' && ticket.status !== 'solved') await queueSatisfaction(updated);
  return { message: toMessageView(message), ticket: toDetail(updated, now) };
}
