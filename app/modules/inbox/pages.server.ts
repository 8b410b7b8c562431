/**
 * What the inbox's pages load: the list (tickets of the URL's tab, filters
 * and page, the counts per tab, the satisfaction average, who can be
 * assigned, the tags in use) and one ticket (its thread with the notes in
 * order, the customer beside it, the templates to reply with). Everything is
 * read through the module API and handed to the pages as plain data.
 */
import { data } from '@remix-run/node';
import type { PrismaClient } from '@prisma/client';
import { Prisma } from '@prisma/client';
import { env } from '~/env.server';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { InboxParamError, inboxUrl, parseInboxFilters, type InboxFilters } from './components/filters';
import type { CustomerView, MessageView, SlaState, TicketRowView, TicketView } from './components/types';
import { customerContext } from './customer-context.server';
import { InboxNotFoundError } from './errors';
import { mailConfigured } from './mail.server';
import { satisfactionSummary } from './satisfaction.server';
import { listTemplates } from './settings.server';
import { listStaff } from './staff.server';
import { getTicket, listTickets } from './tickets.server';
import type { MessageView as ModuleMessage, TicketDetail, TicketSummary } from './ticket-view';

const MAX_TAG_CHOICES = 100;

export function slaState(ticket: TicketSummary): SlaState {
  if (ticket.firstRespondedAt) return { state: 'met' };
  if (ticket.status === 'solved' || ticket.status === 'closed') return { state: 'none' };
  return { state: ticket.overdue ? 'overdue' : 'due', dueAt: ticket.slaDueAt.toISOString() };
}

export function ticketRowView(ticket: TicketSummary): TicketRowView {
  return {
    number: ticket.number,
    subject: ticket.subject,
    customerName: ticket.customerName,
    customerEmail: ticket.customerEmail,
    status: ticket.status,
    priority: ticket.priority,
    assigneeName: ticket.assigneeName,
    tags: ticket.tags,
    sla: slaState(ticket),
    lastMessageAt: ticket.lastMessageAt.toISOString(),
  };
}

function messageView(message: ModuleMessage): MessageView {
  return {
    id: message.id,
    direction: message.direction,
    authorType: message.authorType,
    authorName: message.authorName,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    mailStatus: message.mailStatus,
    mailError: message.mailError,
  };
}

/** The shop's tags in use, on tickets and in rules, for the tag filter. */
async function tagsInUse(db: PrismaClient, shop: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>(Prisma.sql`
    SELECT tag FROM (
      SELECT unnest(tags) AS tag FROM "InboxTicket" WHERE shop = ${shop}
      UNION SELECT unnest("addTags") FROM "InboxRule" WHERE shop = ${shop}
    ) used ORDER BY tag LIMIT ${MAX_TAG_CHOICES}`);
  return rows.map((row) => row.tag);
}

function readFilters(url: URL): InboxFilters {
  try {
    return parseInboxFilters(url.searchParams);
  } catch (error) {
    if (error instanceof InboxParamError) throw data({ param: error.param }, { status: 400 });
    throw error;
  }
}

export async function loadInboxList(db: PrismaClient, { session, gateway }: AdminContext, url: URL, now = new Date()) {
  const shop = session.shop;
  const filters = readFilters(url);
  const [profile, staff] = await Promise.all([readShopProfile(gateway), listStaff(gateway)]);
  const list = await listTickets(
    db,
    shop,
    {
      status: filters.status,
      priority: filters.priority,
      assignee: filters.assignee,
      tag: filters.tag,
      query: filters.q || null,
      overdue: filters.overdue,
      cursor: filters.cursor,
    },
    now,
  );
  const { satisfaction } = await satisfactionSummary(db, shop);
  const shopHasTickets =
    list.counts.all > 0 || (await db.inboxTicket.findFirst({ where: { shop }, select: { id: true } })) !== null;
  return {
    filters,
    tickets: list.tickets.map(ticketRowView),
    counts: list.counts,
    previousUrl: list.pageInfo.previousCursor ? inboxUrl({ ...filters, cursor: list.pageInfo.previousCursor }) : null,
    nextUrl: list.pageInfo.nextCursor ? inboxUrl({ ...filters, cursor: list.pageInfo.nextCursor }) : null,
    shopHasTickets,
    staff,
    tags: await tagsInUse(db, shop),
    satisfaction: { average: satisfaction.average, count: satisfaction.count },
    timeZone: profile.timeZone,
    currencyCode: profile.currencyCode,
  };
}

function ticketView(ticket: TicketDetail, thread: ModuleMessage[]): TicketView {
  return {
    ...ticketRowView(ticket),
    channel: ticket.channel,
    topic: ticket.topic,
    orderRef: ticket.orderRef,
    assigneeId: ticket.assigneeId,
    createdAt: ticket.createdAt.toISOString(),
    rating: ticket.rating,
    ratingComment: ticket.ratingComment,
    ratedAt: ticket.ratedAt?.toISOString() ?? null,
    satisfactionSentAt: ticket.satisfactionSentAt?.toISOString() ?? null,
    messages: thread.map(messageView),
  };
}

/** "12" from the URL → 12; anything else is a ticket that does not exist. */
export function ticketNumber(param: string | undefined): number {
  const number = /^\d{1,9}$/.test(param ?? '') ? Number(param) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw data({ problem: 'notFound' }, { status: 404 });
  return number;
}

export async function loadTicketPage(
  db: PrismaClient,
  { session, gateway }: AdminContext,
  number: number,
  now = new Date(),
) {
  const shop = session.shop;
  const page = await getTicket(db, shop, number, now).catch((error: unknown) => {
    if (error instanceof InboxNotFoundError) throw data({ problem: 'notFound' }, { status: 404 });
    throw error;
  });
  const thread = [...page.messages, ...page.notes].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const [profile, staff, context, templates] = await Promise.all([
    readShopProfile(gateway),
    listStaff(gateway),
    customerContext(db, gateway, {
      shop,
      customerId: page.ticket.customerId === null ? null : BigInt(page.ticket.customerId),
      customerEmail: page.ticket.customerEmail,
    }),
    listTemplates(db, shop),
  ]);
  const adminBase = adminBaseUrl(shop, env.DEVSTORE_URL);
  const customerName = context.customer
    ? [context.customer.firstName, context.customer.lastName].filter(Boolean).join(' ') || null
    : null;
  const customer: CustomerView = {
    id: context.customer?.id ?? null,
    name: customerName ?? page.ticket.customerName,
    email: context.customer?.email ?? page.ticket.customerEmail,
    numberOfOrders: context.customer?.numberOfOrders ?? null,
    totalSpent: context.totalSpent
      ? { amount: context.totalSpent.amount, currencyCode: context.totalSpent.currency }
      : null,
    adminUrl: context.customer?.id ? `${adminBase}/customers/${context.customer.id}` : null,
    lastOrders: context.lastOrders.map((order) => ({
      id: order.id,
      name: order.name,
      processedAt: order.processedAt?.toISOString() ?? null,
      total: order.total,
      currencyCode: order.currency,
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus,
      adminUrl: `${adminBase}/orders/${order.id}`,
    })),
  };
  return {
    ticket: ticketView(page.ticket, thread),
    customer,
    staff,
    templates: templates.map((template) => ({ id: template.id, name: template.name, body: template.body })),
    emailConfigured: mailConfigured(),
    timeZone: profile.timeZone,
    currencyCode: profile.currencyCode,
  };
}
