/**
 * Satisfaction: when a ticket is solved, a job mails the customer a signed
 * link to /apps/steward/rate (mail-jobs.server.ts); the rating (1–5, with an
 * optional comment) is stored on the ticket. The link is
 * <payload>.<signature>: the payload names the shop, the ticket number and
 * the expiry (LINK_DAYS), the signature is an HMAC-SHA256 over it with a key
 * derived from the app's secret (keys.server.ts), so no link can be made or
 * altered without the secret, and one shop's link is refused on another's
 * storefront. The customer may change their rating until the ticket is
 * closed or the link expires; the last rating counts.
 *
 * satisfactionSummary: the average and distribution of these ratings and of
 * the feedback block's, for the inbox and Today.
 */
import { timingSafeEqual } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import { env } from '~/env.server';
import { devstoreUrlFor } from '~/platform/shopify/devstore-routing.server';
import { keyedHash } from './keys.server';
import { recordTicketActivity } from './ticket-activity.server';

export const LINK_DAYS = 30;
const SIGNATURE_BYTES = 16;

function sign(payload: string): Buffer {
  return keyedHash('satisfaction-link', `v1.${payload}`).subarray(0, SIGNATURE_BYTES);
}

export function satisfactionToken(shop: string, number: number, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify([shop, number, Math.floor(expiresAt.getTime() / 1000)])).toString(
    'base64url',
  );
  return `${payload}.${sign(payload).toString('base64url')}`;
}

export type TokenCheck =
  { ok: true; number: number; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' | 'other_shop' };

/** Checks a link's token for this shop's storefront (the shop from the verified proxy request). */
export function readSatisfactionToken(token: string, shop: string, now = new Date()): TokenCheck {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(fields) || fields.length !== 3) return { ok: false, reason: 'invalid' };
  const [tokenShop, number, expires] = fields as [unknown, unknown, unknown];
  if (typeof tokenShop !== 'string' || !Number.isSafeInteger(number) || !Number.isSafeInteger(expires)) {
    return { ok: false, reason: 'invalid' };
  }
  if (tokenShop !== shop) return { ok: false, reason: 'other_shop' };
  const expiresAt = new Date((expires as number) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, number: number as number, expiresAt };
}

/** The rate page on the shop's storefront (through the devstore's storefront in development). */
export function satisfactionLink(shop: string, token: string): string {
  const url = `https://${shop}/apps/steward/rate?t=${encodeURIComponent(token)}`;
  return env.DEVSTORE_URL ? devstoreUrlFor(env.DEVSTORE_URL, url) : url;
}

export type RatingOutcome = 'saved' | 'closed' | 'not_found';

export async function recordSatisfaction(
  db: PrismaClient,
  shop: string,
  number: number,
  rating: number,
  comment: string | null,
  now = new Date(),
): Promise<RatingOutcome> {
  return db.$transaction(async (tx) => {
    const ticket = await tx.inboxTicket.findUnique({ where: { shop_number: { shop, number } } });
    if (!ticket) return 'not_found';
    if (ticket.status === 'closed') return 'closed';
    await tx.inboxTicket.update({
      where: { shop_number: { shop, number } },
      data: { rating, ratingComment: comment, ratedAt: now },
    });
    await recordTicketActivity(
      tx,
      ticket,
      {
        type: 'customer',
        id: ticket.customerId?.toString() ?? null,
        // A guest's name stays out of the log (see openTicket).
        name: ticket.customerId === null ? null : ticket.customerName,
      },
      'rated',
      `Ticket #${ticket.number} rated ${rating}/5`,
      { rating },
      now,
    );
    return 'saved';
  });
}

export interface RatingSummary {
  count: number;
  /** Mean of 1–5, two decimals; null without ratings. */
  average: number | null;
  /** How many of each rating, index 0 = rating 1. */
  distribution: [number, number, number, number, number];
}

export interface SatisfactionSummary {
  satisfaction: RatingSummary & {
    /** Tickets whose satisfaction link was mailed. */
    sent: number;
    /** rated / sent, 0–1; null when none was sent. */
    responseRate: number | null;
  };
  feedback: RatingSummary;
}

function summarise(rows: { rating: number; count: number }[]): RatingSummary {
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    if (row.rating < 1 || row.rating > 5) continue;
    distribution[row.rating - 1] = (distribution[row.rating - 1] ?? 0) + row.count;
    count += row.count;
    sum += row.rating * row.count;
  }
  return { count, average: count ? Math.round((sum / count) * 100) / 100 : null, distribution };
}

/** Satisfaction (tickets rated, by when they were rated) and feedback, since `since` (default: all time). */
export async function satisfactionSummary(
  db: PrismaClient,
  shop: string,
  { since }: { since?: Date } = {},
): Promise<SatisfactionSummary> {
  const from = since ?? new Date(0);
  const [ratings, feedback, sent] = await Promise.all([
    db.$queryRaw<{ rating: number; count: number }[]>(Prisma.sql`
      SELECT rating, count(*)::int AS count FROM "InboxTicket"
      WHERE shop = ${shop} AND rating IS NOT NULL AND "ratedAt" >= ${from} GROUP BY rating`),
    db.$queryRaw<{ rating: number; count: number }[]>(Prisma.sql`
      SELECT rating, count(*)::int AS count FROM "InboxFeedback"
      WHERE shop = ${shop} AND "createdAt" >= ${from} GROUP BY rating`),
    db.inboxTicket.count({ where: { shop, satisfactionSentAt: { gte: from } } }),
  ]);
  const satisfaction = summarise(ratings);
  return {
    satisfaction: {
      ...satisfaction,
      sent,
      responseRate: sent ? Math.min(1, Math.round((satisfaction.count / sent) * 1000) / 1000) : null,
    },
    feedback: summarise(feedback),
  };
}
