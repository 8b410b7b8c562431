/**
 * The inbox's mail for real: an SMTP server in this process
 * (scripts/mail-sink.ts, smtp-server + mailparser) as SMTP_URL, the shop's
 * name and contact e-mail from the devstore (Shopify), and the job queue's
 * worker running the mail jobs. What arrives is asserted: recipients,
 * sender, subject, threading, the body with the template rendered; a mail
 * server that is down is retried; a solved ticket mails its signed rating
 * link, which the storefront's rate endpoint accepts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../../devstore/test-support';
import { startMailSink, type MailSink } from '../../../scripts/mail-sink';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';

const SHOP = 'mail-shop.myshopify.com';
let sink: MailSink = await startMailSink();
const SMTP_PORT = Number(new URL(sink.smtpUrl).port);
process.env.SMTP_URL = sink.smtpUrl;
const devstore = await startAppDevstore({
  shops: [
    emptyShop({ id: 1, domain: SHOP, name: 'Maple & Thread', email: 'help@maple-thread.example', currencyCode: 'EUR' }),
  ],
});
await installOn(devstore, [SHOP]);

const { default: prisma } = await import('~/db.server');
const { JOB_HANDLERS } = await import('~/platform/jobs/handlers.server');
const { jobQueue } = await import('~/platform/jobs/index.server');
const { workUntil } = await import('~/platform/jobs/queue.contract');
const { applyCustomers, applyOrders } = await import('~/platform/mirror/apply.server');
const { at, customer, order } = await import('~/platform/mirror/fixtures');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { senderHeaders } = await import('./mail.server');
const { satisfactionSummary } = await import('./satisfaction.server');
const { saveRule, saveTemplate } = await import('./settings.server');
const { reply, setStatus } = await import('./ticket-changes.server');
const { openTicket } = await import('./tickets.server');
const { callRoute, installShop, proxyRequest } = await import('./test-support');
const { action: rateAction } = await import('~/routes/proxy.rate');

afterAll(async () => {
  await jobQueue().close();
  await sink.close();
  await devstore.close();
});

const STAFF = { shop: SHOP, actor: { type: 'steward' as const, id: '71', name: 'Sam Rivera' } };

await applyCustomers(prisma, SHOP, [
  customer(81n, at(1), { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' }),
]);
await applyOrders(prisma, SHOP, [
  order(9101n, at(2), {
    name: '#9101',
    customerId: 81n,
    email: 'grace@example.org',
    currency: 'EUR',
    totalPrice: '45.0000',
    financialStatus: 'PAID',
    fulfillmentStatus: 'FULFILLED',
  }),
]);

function openFor(email: string | null, message: string, extra: Partial<Parameters<typeof openTicket>[2]> = {}) {
  return openTicket(prisma, SHOP, {
    channel: 'form',
    topic: 'order',
    message,
    customer: { id: email === 'grace@example.org' ? 81n : null, name: email ? 'Grace Hopper' : null, email },
    orderRef: '#9101',
    locale: 'en',
    ...extra,
  });
}

/** Runs the worker until every mail message of the ticket has left the queue (sent, or failed for good). */
async function runJobsUntil(done: () => Promise<boolean>) {
  await workUntil(jobQueue(), JOB_HANDLERS, done, 1);
}

const messageOf = (ticketId: string, direction: 'out') =>
  prisma.inboxMessage.findFirstOrThrow({ where: { shop: SHOP, ticketId, direction }, orderBy: { createdAt: 'desc' } });

describe('replies by e-mail', () => {
  it('mails a reply written from a template, filled from the mirror and Shopify', async () => {
    const ticket = await openFor('grace@example.org', 'Has my order left?\nThanks');
    const template = await saveTemplate(prisma, STAFF, {
      name: 'Shipped',
      body: 'Hello {{customer.first_name}},\n\nOrder {{order.name}} is {{order.fulfillment_status}} and {{order.financial_status}} ({{order.total}}).\n\n{{shop.name}} (ticket #{{ticket.number}})',
    });
    const gateway = await gatewayForShop(SHOP);
    const { message } = await reply(prisma, { ...STAFF, gateway }, ticket.number, {
      body: template.body,
      templateId: template.id,
    });
    expect(message.mailStatus).toBe('queued');

    await runJobsUntil(async () => (await messageOf(ticket.id, 'out')).mailStatus === 'sent');
    const mail = await sink.waitFor(
      (arrived) => arrived.subject.includes(`[#${ticket.number}]`) && arrived.subject.startsWith('Re:'),
    );
    expect(mail).toMatchObject({
      envelope: { from: 'help@maple-thread.example', to: ['grace@example.org'] },
      from: 'Maple & Thread <help@maple-thread.example>',
      to: ['grace@example.org'],
      replyTo: null,
      subject: `Re: Has my order left? [#${ticket.number}]`,
      inReplyTo: `<ticket-${ticket.id}@${SHOP}>`,
    });
    expect(mail.text.trim()).toBe(
      `Hello Grace,\n\nOrder #9101 is fulfilled and paid (€45.00).\n\nMaple & Thread (ticket #${ticket.number})`,
    );
    const stored = await messageOf(ticket.id, 'out');
    expect(stored).toMatchObject({ mailStatus: 'sent', mailError: null, mailAttempts: 1, body: mail.text.trim() });
    expect(stored.sentAt).not.toBeNull();
  });

  it('acknowledges a new ticket when a rule says so, in the customer’s language', async () => {
    await saveRule(prisma, STAFF, { name: 'Acknowledge all', autoAcknowledge: true });
    const ticket = await openFor('grace@example.org', 'Où est mon colis ?', { locale: 'fr' });
    await runJobsUntil(async () => (await messageOf(ticket.id, 'out')).mailStatus === 'sent');
    const mail = await sink.waitFor(
      (arrived) => arrived.subject === `Nous avons bien reçu votre demande [n° ${ticket.number}]`,
    );
    expect(mail.to).toEqual(['grace@example.org']);
    expect(mail.text).toContain(`Nous avons bien reçu votre demande n° ${ticket.number}`);
    expect(mail.text).toContain('Bonjour Grace Hopper');
    await prisma.inboxRule.deleteMany({ where: { shop: SHOP } });
  });

  it('retries while the mail server is down, recording each failure, and sends once it is back', async () => {
    const ticket = await openFor('grace@example.org', 'Second question');
    await sink.close();
    await reply(prisma, STAFF, ticket.number, { body: 'We are on it.' });
    await runJobsUntil(async () => (await messageOf(ticket.id, 'out')).mailStatus === 'failed');
    const failed = await messageOf(ticket.id, 'out');
    expect(failed.mailError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.mailAttempts).toBe(1);

    sink = await startMailSink({ smtpPort: SMTP_PORT });
    await runJobsUntil(async () => (await messageOf(ticket.id, 'out')).mailStatus === 'sent');
    const mail = await sink.waitFor((arrived) => arrived.text.includes('We are on it.'));
    expect(mail.subject).toBe(`Re: Second question [#${ticket.number}]`);
    expect(await messageOf(ticket.id, 'out')).toMatchObject({ mailStatus: 'sent', mailError: null, mailAttempts: 2 });
  });

  it('stores a reply to a ticket without an e-mail address as not mailed', async () => {
    const ticket = await openFor(null, 'Anonymous feedback', { channel: 'feedback', orderRef: null });
    const { message } = await reply(prisma, STAFF, ticket.number, { body: 'Thank you!' });
    expect(message.mailStatus).toBe('no_recipient');
    expect(
      await prisma.job.count({ where: { shop: SHOP, payload: { path: ['messageId'], equals: message.id } } }),
    ).toBe(0);
  });

  it('sends from MAIL_FROM when set, with the shop as Reply-To', () => {
    const shop = { name: 'Maple & Thread', contactEmail: 'help@maple-thread.example' };
    expect(senderHeaders(shop, undefined)).toEqual({
      from: { name: 'Maple & Thread', address: 'help@maple-thread.example' },
      replyTo: undefined,
    });
    expect(senderHeaders(shop, 'relay@steward.example')).toEqual({
      from: { name: 'Maple & Thread', address: 'relay@steward.example' },
      replyTo: { name: 'Maple & Thread', address: 'help@maple-thread.example' },
    });
    expect(senderHeaders(shop, 'Steward Support <relay@steward.example>').from).toEqual({
      name: 'Steward Support',
      address: 'relay@steward.example',
    });
  });
});

describe('satisfaction', () => {
  it('mails a signed link once the ticket is solved; the customer rates through the storefront', async () => {
    await installShop(SHOP);
    const ticket = await openFor('grace@example.org', 'Wrong size');
    await reply(prisma, STAFF, ticket.number, { body: 'Exchanged.', status: 'solved' });
    await runJobsUntil(async () =>
      Boolean((await prisma.inboxTicket.findUniqueOrThrow({ where: { id: ticket.id } })).satisfactionSentAt),
    );
    const mail = await sink.waitFor((arrived) => arrived.subject === `How did we do? [#${ticket.number}]`);
    expect(mail.to).toEqual(['grace@example.org']);
    const link = /https?:\/\/\S+\/apps\/steward\/rate\?t=\S+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.pathname).toBe(`/shops/${SHOP}/apps/steward/rate`);

    const rated = await callRoute(
      rateAction,
      proxyRequest('rate', { shop: SHOP, body: { t: url.searchParams.get('t')!, rating: '5', comment: 'Perfect' } }),
    );
    expect(rated.status).toBe(200);
    expect(await prisma.inboxTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      rating: 5,
      ratingComment: 'Perfect',
    });

    // Reopened and solved again: no second survey.
    await setStatus(prisma, STAFF, ticket.number, 'open');
    await setStatus(prisma, STAFF, ticket.number, 'solved');
    await runJobsUntil(async () => (await jobQueue().stats(SHOP)).queued === 0);
    expect(sink.messages.filter((arrived) => arrived.subject === `How did we do? [#${ticket.number}]`)).toHaveLength(1);

    const summary = await satisfactionSummary(prisma, SHOP);
    expect(summary.satisfaction).toMatchObject({
      count: 1,
      average: 5,
      distribution: [0, 0, 0, 0, 1],
      sent: 1,
      responseRate: 1,
    });
  });
});
