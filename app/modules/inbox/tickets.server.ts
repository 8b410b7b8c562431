/**
 * Tickets: opening one (from the storefront's form or feedback block, or by
 * staff from an e-mail), the list with its filters and pages, and one ticket
 * with its thread. Opening runs the shop's rules (rules.ts), sets the first
 * response due by priority (vocabulary.ts), links the typed order number
 * when the order is the customer's, stores the customer's message and, when
 * a rule says so, the acknowledgement — all in one transaction with its
 * activity entry; the acknowledgement's mail is queued after the commit.
 */
import { Prisma, type InboxChannel, type InboxTicket, type PrismaClient } from '@prisma/client';
import type { Locale } from '~/i18n/i18n';
import { createI18n } from '~/i18n/i18n';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { findOwnedOrder } from './customer-context.server';
import { InboxNotFoundError } from './errors';
import { initialMailStatus, queueMessageMail } from './mail-jobs.server';
import { renderTemplate } from './render-template';
import { applyRules, type RuleSpec } from './rules';
import { recordTicketActivity, type Actor } from './ticket-activity.server';
import {
  toDetail,
  toMessageView,
  toSummary,
  type MessageView,
  type TicketDetail,
  type TicketSummary,
} from './ticket-view';
import { shopName, templateValues } from './template-values.server';
import { slaDueAt, type Topic } from './vocabulary';

export const PAGE_SIZE = 25;
const SUBJECT_LENGTH = 120;

export interface NewTicket {
  channel: InboxChannel;
  topic: Topic | null;
  message: string;
  customer: { id: bigint | null; name: string | null; email: string | null };
  orderRef: string | null;
  locale: Locale;
  /** Who opened it (default: the customer); the message is the customer's either way. */
  actor?: Actor;
}

/** The first line of the message, shortened on a word. */
export function subjectOf(message: string): string {
  const line = message.trim().split(/\r?\n/, 1)[0]!.trim().replace(/\s+/g, ' ');
  if (line.length <= SUBJECT_LENGTH) return line;
  const cut = line.slice(0, SUBJECT_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > SUBJECT_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * The shop's next ticket number: the sequence row, locked by the upsert so
 * concurrent tickets get distinct numbers, and never at or below a number
 * already given (the unique index makes max() a single lookup).
 */
async function nextNumber(tx: Prisma.TransactionClient, shop: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ lastNumber: number }[]>(Prisma.sql`
    INSERT INTO "InboxSequence" (shop, "lastNumber")
    VALUES (${shop}, COALESCE((SELECT max(number) FROM "InboxTicket" WHERE shop = ${shop}), 0) + 1)
    ON CONFLICT (shop) DO UPDATE
      SET "lastNumber" = GREATEST("InboxSequence"."lastNumber" + 1, EXCLUDED."lastNumber")
    RETURNING "lastNumber"`);
  return row!.lastNumber;
}

async function activeRules(db: PrismaClient | Prisma.TransactionClient, shop: string): Promise<RuleSpec[]> {
  return db.inboxRule.findMany({
    where: { shop, enabled: true },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  });
}

/**
 * The acknowledgement's text: the rule's template when it renders without a
 * problem, else the default text in the customer's language.
 */
async function acknowledgementText(
  db: PrismaClient,
  gateway: AdminGateway | null,
  ticket: InboxTicket,
  templateId: string | null,
): Promise<string> {
  if (templateId) {
    const template = await db.inboxTemplate.findFirst({ where: { shop: ticket.shop, id: templateId } });
    if (template) {
      const rendered = renderTemplate(template.body, await templateValues(db, gateway, ticket));
      if (rendered.problems.length === 0) return rendered.text;
    }
  }
  const name = (await shopName(db, ticket.shop, gateway)) ?? ticket.shop.replace(/\.myshopify\.com$/, '');
  const i18n = createI18n(ticket.locale === 'fr' ? 'fr' : 'en');
  return i18n.t('inboxStorefront.mail.acknowledgement.body', {
    name: ticket.customerName ?? i18n.t('inboxStorefront.mail.customer'),
    shop: name,
    number: ticket.number,
  });
}

export async function openTicket(
  db: PrismaClient,
  shop: string,
  input: NewTicket,
  gateway: AdminGateway | null = null,
  now = new Date(),
): Promise<TicketDetail> {
  const subject = subjectOf(input.message);
  const outcome = applyRules(await activeRules(db, shop), { subject, message: input.message, topic: input.topic });
  const order = input.orderRef ? await findOwnedOrder(db, { shop, ...customerRef(input) }, input.orderRef) : null;
  // A guest's typed name stays out of the activity log: only an entry with a
  // customer id can be found again by customers/redact.
  const actor: Actor = input.actor ?? {
    type: 'customer',
    id: input.customer.id?.toString() ?? null,
    name: input.customer.id === null ? null : input.customer.name,
  };

  const ticket = await db.$transaction(async (tx) => {
    const created = await tx.inboxTicket.create({
      data: {
        shop,
        number: await nextNumber(tx, shop),
        priority: outcome.priority,
        assigneeId: outcome.assignee?.id ?? null,
        assigneeName: outcome.assignee?.name ?? null,
        tags: outcome.tags,
        channel: input.channel,
        topic: input.topic,
        subject,
        customerId: input.customer.id,
        customerName: input.customer.name,
        customerEmail: input.customer.email,
        orderRef: input.orderRef,
        orderId: order?.id ?? null,
        locale: input.locale,
        slaDueAt: slaDueAt(outcome.priority, now),
        lastMessageAt: now,
        createdAt: now,
      },
    });
    await tx.inboxMessage.create({
      data: {
        shop,
        ticketId: created.id,
        direction: 'in',
        authorType: 'customer',
        authorId: input.customer.id?.toString() ?? null,
        authorName: input.customer.name,
        body: input.message,
        createdAt: now,
      },
    });
    await recordTicketActivity(
      tx,
      created,
      actor,
      'created',
      `Ticket #${created.number} opened (${input.channel}${outcome.matched.length ? `, rules: ${outcome.matched.map((rule) => rule.name).join(', ')}` : ''})`,
      { channel: input.channel, priority: outcome.priority, rules: outcome.matched.length },
      now,
    );
    return created;
  });

  if (outcome.acknowledge) {
    const body = await acknowledgementText(db, gateway, ticket, outcome.acknowledge.templateId);
    const message = await db.inboxMessage.create({
      data: {
        shop,
        ticketId: ticket.id,
        direction: 'out',
        authorType: 'steward',
        body,
        templateId: outcome.acknowledge.templateId,
        mailStatus: initialMailStatus(ticket),
      },
    });
    await queueMessageMail(shop, message);
  }
  return toDetail(ticket, now);
}

function customerRef(input: NewTicket) {
  return { customerId: input.customer.id, customerEmail: input.customer.email };
}

/** One ticket of the shop by its number, or InboxNotFoundError. */
export async function requireTicket(
  db: PrismaClient | Prisma.TransactionClient,
  shop: string,
  number: number,
): Promise<InboxTicket> {
  const ticket = Number.isSafeInteger(number)
    ? await db.inboxTicket.findUnique({ where: { shop_number: { shop, number } } })
    : null;
  if (!ticket) throw new InboxNotFoundError(`No ticket #${number} in ${shop}`);
  return ticket;
}

export interface TicketPage {
  ticket: TicketDetail;
  /** The customer's messages and the replies, oldest first. */
  messages: MessageView[];
  /** Internal notes, oldest first. */
  notes: MessageView[];
  /** The customer's satisfaction rating, once given. */
  rating: { rating: number; comment: string | null; ratedAt: Date } | null;
  /** The feedback block's rating this ticket came from (channel feedback). */
  feedback: { rating: number; page: string | null } | null;
}

export async function getTicket(db: PrismaClient, shop: string, number: number, now = new Date()): Promise<TicketPage> {
  const ticket = await requireTicket(db, shop, number);
  const thread = await db.inboxMessage.findMany({
    where: { shop, ticketId: ticket.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const feedback =
    ticket.channel === 'feedback'
      ? await db.inboxFeedback.findFirst({ where: { shop, ticketId: ticket.id }, select: { rating: true, page: true } })
      : null;
  return {
    ticket: toDetail(ticket, now),
    messages: thread.filter((message) => message.direction !== 'note').map(toMessageView),
    notes: thread.filter((message) => message.direction === 'note').map(toMessageView),
    rating:
      ticket.rating !== null && ticket.ratedAt
        ? { rating: ticket.rating, comment: ticket.ratingComment, ratedAt: ticket.ratedAt }
        : null,
    feedback,
  };
}

// ─── The list ────────────────────────────────────────────────────────────────

export interface TicketFilters {
  status?: InboxTicket['status'] | null;
  priority?: InboxTicket['priority'] | null;
  /** A staff id, or "none" for unassigned tickets. */
  assignee?: string | null;
  tag?: string | null;
  /** Words of the subject, the customer's name, e-mail or order number, or any message; "#12" or "12": that ticket. */
  query?: string | null;
  overdue?: boolean;
  /** From pageInfo (nextCursor / previousCursor). */
  cursor?: string | null;
}

export interface TicketList {
  tickets: TicketSummary[];
  pageInfo: {
    hasNextPage: boolean;
    nextCursor: string | null;
    hasPreviousPage: boolean;
    previousCursor: string | null;
  };
  /** The shop's tickets per status (all filters but the status left out), and overdue ones. */
  counts: Record<InboxTicket['status'] | 'all' | 'overdue', number>;
}

interface Cursor {
  direction: 'next' | 'previous';
  at: Date;
  number: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.direction, cursor.at.toISOString(), cursor.number])).toString('base64url');
}

/** A cursor the list wrote, or null for anything else (a stale or tampered URL starts at the first page). */
function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [direction, at, number] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if ((direction !== 'next' && direction !== 'previous') || Number.isNaN(date.getTime())) return null;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) return null;
    return { direction, at: date, number };
  } catch {
    return null;
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

async function filterWhere(
  db: PrismaClient,
  shop: string,
  filters: TicketFilters,
  now: Date,
): Promise<Prisma.InboxTicketWhereInput> {
  const and: Prisma.InboxTicketWhereInput[] = [{ shop }];
  if (filters.priority) and.push({ priority: filters.priority });
  if (filters.assignee === 'none') and.push({ assigneeId: null });
  else if (filters.assignee) and.push({ assigneeId: filters.assignee });
  if (filters.tag) and.push({ tags: { has: filters.tag.trim().toLowerCase() } });
  if (filters.overdue) {
    and.push({ firstRespondedAt: null, status: { in: ['open', 'pending'] }, slaDueAt: { lt: now } });
  }
  const query = filters.query?.trim();
  if (query) {
    const numbered = /^#?(\d{1,9})$/.exec(query);
    const contains = { contains: query, mode: 'insensitive' as const };
    const inMessages = await db.$queryRaw<{ ticketId: string }[]>(Prisma.sql`
      SELECT DISTINCT "ticketId" FROM "InboxMessage"
      WHERE shop = ${shop} AND body ILIKE ${likePattern(query)} LIMIT 1000`);
    and.push({
      OR: [
        ...(numbered ? [{ number: Number(numbered[1]) }] : []),
        { subject: contains },
        { customerName: contains },
        { customerEmail: contains },
        { orderRef: contains },
        { id: { in: inMessages.map((row) => row.ticketId) } },
      ],
    });
  }
  return { AND: and };
}

export async function listTickets(
  db: PrismaClient,
  shop: string,
  filters: TicketFilters = {},
  now = new Date(),
): Promise<TicketList> {
  const base = await filterWhere(db, shop, filters, now);
  const where: Prisma.InboxTicketWhereInput = filters.status ? { AND: [base, { status: filters.status }] } : base;
  const cursor = decodeCursor(filters.cursor);
  const backwards = cursor?.direction === 'previous';
  const seek: Prisma.InboxTicketWhereInput | null = cursor
    ? backwards
      ? {
          OR: [{ lastMessageAt: { gt: cursor.at } }, { lastMessageAt: cursor.at, number: { gt: cursor.number } }],
        }
      : {
          OR: [{ lastMessageAt: { lt: cursor.at } }, { lastMessageAt: cursor.at, number: { lt: cursor.number } }],
        }
    : null;
  const order = backwards ? ('asc' as const) : ('desc' as const);
  const rows = await db.inboxTicket.findMany({
    where: seek ? { AND: [where, seek] } : where,
    orderBy: [{ lastMessageAt: order }, { number: order }],
    take: PAGE_SIZE + 1,
  });
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  if (backwards) page.reverse();

  const [byStatus, overdue] = await Promise.all([
    db.inboxTicket.groupBy({ by: ['status'], where: base, _count: { _all: true } }),
    db.inboxTicket.count({
      where: { AND: [base, { firstRespondedAt: null, status: { in: ['open', 'pending'] }, slaDueAt: { lt: now } }] },
    }),
  ]);
  const counts: TicketList['counts'] = { open: 0, pending: 0, solved: 0, closed: 0, all: 0, overdue };
  for (const group of byStatus) {
    counts[group.status] = group._count._all;
    counts.all += group._count._all;
  }

  const first = page[0];
  const last = page[page.length - 1];
  const hasNextPage = backwards ? Boolean(cursor) : more;
  const hasPreviousPage = backwards ? more : Boolean(cursor);
  return {
    tickets: page.map((ticket) => toSummary(ticket, now)),
    pageInfo: {
      hasNextPage: hasNextPage && Boolean(last),
      nextCursor:
        hasNextPage && last ? encodeCursor({ direction: 'next', at: last.lastMessageAt, number: last.number }) : null,
      hasPreviousPage: hasPreviousPage && Boolean(first),
      previousCursor:
        hasPreviousPage && first
          ? encodeCursor({ direction: 'previous', at: first.lastMessageAt, number: first.number })
          : null,
    },
    counts,
  };
}
