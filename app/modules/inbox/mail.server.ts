/**
 * The inbox's outgoing mail: nodemailer over SMTP_URL. Only the mail jobs
 * (mail-jobs.server.ts) send; requests never wait on a mail server. Without
 * SMTP_URL nothing is sent and the inbox says e-mail is not configured.
 *
 * From: MAIL_FROM when set (with the shop's name when MAIL_FROM names no one,
 * and the shop's contact e-mail as Reply-To), else the shop's own name and
 * contact e-mail. Every mail of a ticket carries References to the ticket's
 * own id, so mail clients thread them.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '~/env.server';

export interface ShopSender {
  name: string;
  contactEmail: string;
}

export interface OutgoingMail {
  shop: string;
  ticketId: string;
  /** The stored message's id, or a name for a mail that is not a stored message (satisfaction). */
  mailId: string;
  sender: ShopSender;
  to: string;
  subject: string;
  text: string;
}

export function mailConfigured(): boolean {
  return Boolean(env.SMTP_URL);
}

// One transport per process, surviving Vite's module reloads in development.
const TRANSPORT_KEY = Symbol.for('steward.inboxMailTransport');
type WithTransport = typeof globalThis & { [TRANSPORT_KEY]?: { url: string; transport: Transporter } };
const holder = globalThis as WithTransport;

function transport(url: string): Transporter {
  if (holder[TRANSPORT_KEY]?.url !== url) {
    holder[TRANSPORT_KEY]?.transport.close();
    holder[TRANSPORT_KEY] = {
      url,
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return holder[TRANSPORT_KEY].transport;
}

/** "Name <address>" → its parts; a bare address has no name. */
function parseMailbox(mailbox: string): { name: string | null; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(mailbox);
  return match ? { name: match[1] || null, address: match[2]! } : { name: null, address: mailbox.trim() };
}

export function senderHeaders(sender: ShopSender, mailFrom = env.MAIL_FROM) {
  if (!mailFrom) return { from: { name: sender.name, address: sender.contactEmail }, replyTo: undefined };
  const configured = parseMailbox(mailFrom);
  return {
    from: { name: configured.name ?? sender.name, address: configured.address },
    replyTo: { name: sender.name, address: sender.contactEmail },
  };
}

/** Sends one mail; throws what the mail server said when it refuses. */
export async function sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
  if (!env.SMTP_URL) throw new Error('SMTP_URL is not set');
  const domain = mail.shop.replace(/[^a-z0-9.-]/gi, '') || 'steward.invalid';
  const thread = `<ticket-${mail.ticketId}@${domain}>`;
  const { from, replyTo } = senderHeaders(mail.sender);
  const info = await transport(env.SMTP_URL).sendMail({
    from,
    ...(replyTo ? { replyTo } : {}),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.mailId}.${mail.ticketId}@${domain}>`,
    inReplyTo: thread,
    references: [thread],
  });
  return { messageId: String(info.messageId) };
}
