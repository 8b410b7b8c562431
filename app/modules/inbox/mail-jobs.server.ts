/**
 * The inbox's jobs (registered in app/platform/jobs/handlers.server.ts):
 * - inbox.mail: mails one stored outbound message (a reply or an
 *   acknowledgement) to the ticket's customer. Each try records its outcome
 *   on the message (sent, or failed with the server's answer); a failure
 *   throws, so the queue retries it with backoff (MAIL_ATTEMPTS in all). A
 *   message already sent is not sent again when a job runs twice.
 * - inbox.satisfaction: mails the signed rating link (satisfaction.server.ts)
 *   once per ticket, when the ticket is still solved and not yet rated.
 * Payloads hold ids only, never an address or a text.
 */
import type { InboxMailStatus, InboxMessage, InboxTicket } from '@prisma/client';
import prisma from '~/db.server';
import { createI18n } from '~/i18n/i18n';
import { jobQueue } from '~/platform/jobs/index.server';
import type { JobHandlers, RunningJob } from '~/platform/jobs/types';
import { gatewayForShop } from '~/platform/sync/gateway-for-shop.server';
import { mailConfigured, sendMail, type ShopSender } from './mail.server';
import { LINK_DAYS, satisfactionLink, satisfactionToken } from './satisfaction.server';
import { ticketLocale } from './template-values.server';

export const MAIL_JOB = 'inbox.mail';
export const SATISFACTION_JOB = 'inbox.satisfaction';
export const MAIL_ATTEMPTS = 6;

export const INBOX_SHOP_SENDER_QUERY = `#graphql
  query InboxShopSender {
    shop {
      name
      contactEmail
    }
  }
`;

/** What an outbound message's mail starts as. */
export function initialMailStatus(ticket: Pick<InboxTicket, 'customerEmail'>): InboxMailStatus {
  if (!ticket.customerEmail) return 'no_recipient';
  return mailConfigured() ? 'queued' : 'not_configured';
}

/** Queues the mail of a stored outbound message (call after its transaction committed). */
export async function queueMessageMail(shop: string, message: Pick<InboxMessage, 'id' | 'mailStatus'>) {
  if (message.mailStatus !== 'queued') return;
  await jobQueue().enqueue(
    MAIL_JOB,
    { messageId: message.id },
    { shop, dedupeKey: `${MAIL_JOB}:${message.id}`, maxAttempts: MAIL_ATTEMPTS },
  );
}

/** Queues the satisfaction mail of a ticket just solved (call after its transaction committed). */
export async function queueSatisfaction(ticket: Pick<InboxTicket, 'shop' | 'id' | 'customerEmail'>) {
  if (!ticket.customerEmail || !mailConfigured()) return;
  await jobQueue().enqueue(
    SATISFACTION_JOB,
    { ticketId: ticket.id },
    { shop: ticket.shop, dedupeKey: `${SATISFACTION_JOB}:${ticket.id}`, maxAttempts: MAIL_ATTEMPTS },
  );
}

// The shop's name and contact e-mail, read from Shopify at most every ten minutes per shop.
const SENDER_TTL_MS = 10 * 60_000;
const senders = new Map<string, { sender: ShopSender; readAt: number }>();

async function shopSender(shop: string): Promise<ShopSender> {
  const cached = senders.get(shop);
  if (cached && Date.now() - cached.readAt < SENDER_TTL_MS) return cached.sender;
  const gateway = await gatewayForShop(shop);
  const { shop: profile } = await gateway.request(INBOX_SHOP_SENDER_QUERY);
  const sender = { name: profile.name, contactEmail: profile.contactEmail };
  senders.set(shop, { sender, readAt: Date.now() });
  return sender;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

function subjectOf(ticket: InboxTicket, message: InboxMessage): string {
  const i18n = createI18n(ticketLocale(ticket.locale));
  return message.authorType === 'steward'
    ? i18n.t('inboxStorefront.mail.acknowledgement.subject', { number: ticket.number })
    : i18n.t('inboxStorefront.mail.replySubject', { subject: ticket.subject, number: ticket.number });
}

export async function runMailJob(job: RunningJob): Promise<void> {
  const messageId = String(job.payload.messageId);
  const message = await prisma.inboxMessage.findFirst({ where: { shop: job.shop, id: messageId, direction: 'out' } });
  if (!message || message.mailStatus === 'sent') return;
  const ticket = await prisma.inboxTicket.findFirst({ where: { shop: job.shop, id: message.ticketId } });
  if (!ticket) return;
  const status = initialMailStatus(ticket);
  if (status !== 'queued') {
    await prisma.inboxMessage.updateMany({ where: { shop: job.shop, id: message.id }, data: { mailStatus: status } });
    return;
  }
  try {
    await sendMail({
      shop: job.shop,
      ticketId: ticket.id,
      mailId: message.id,
      sender: await shopSender(job.shop),
      to: ticket.customerEmail as string,
      subject: subjectOf(ticket, message),
      text: message.body,
    });
  } catch (error) {
    await prisma.inboxMessage.updateMany({
      where: { shop: job.shop, id: message.id },
      data: { mailStatus: 'failed', mailError: errorText(error), mailAttempts: { increment: 1 } },
    });
    throw error;
  }
  await prisma.inboxMessage.updateMany({
    where: { shop: job.shop, id: message.id },
    data: { mailStatus: 'sent', mailError: null, sentAt: new Date(), mailAttempts: { increment: 1 } },
  });
}

export async function runSatisfactionJob(job: RunningJob, now = new Date()): Promise<void> {
  const ticket = await prisma.inboxTicket.findFirst({ where: { shop: job.shop, id: String(job.payload.ticketId) } });
  if (!ticket || ticket.status !== 'solved' || ticket.satisfactionSentAt || ticket.rating !== null) return;
  if (!ticket.customerEmail || !mailConfigured()) return;
  const sender = await shopSender(job.shop);
  const link = satisfactionLink(
    job.shop,
    satisfactionToken(job.shop, ticket.number, new Date(now.getTime() + LINK_DAYS * 86_400_000)),
  );
  const i18n = createI18n(ticketLocale(ticket.locale));
  await sendMail({
    shop: job.shop,
    ticketId: ticket.id,
    mailId: 'satisfaction',
    sender,
    to: ticket.customerEmail,
    subject: i18n.t('inboxStorefront.mail.satisfaction.subject', { number: ticket.number }),
    text: i18n.t('inboxStorefront.mail.satisfaction.body', {
      name: ticket.customerName ?? i18n.t('inboxStorefront.mail.customer'),
      number: ticket.number,
      shop: sender.name,
      link,
      days: LINK_DAYS,
    }),
  });
  await prisma.inboxTicket.updateMany({
    where: { shop: job.shop, id: ticket.id, satisfactionSentAt: null },
    data: { satisfactionSentAt: now },
  });
}

export const INBOX_JOB_HANDLERS: JobHandlers = {
  [MAIL_JOB]: runMailJob,
  [SATISFACTION_JOB]: (job) => runSatisfactionJob(job),
};
