import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { readSatisfactionToken, satisfactionSummary, satisfactionToken } from './satisfaction.server';

const SHOP = 'csat.myshopify.com';
const NOW = new Date('2026-04-01T12:00:00.000Z');
const LATER = new Date('2026-05-01T12:00:00.000Z');

describe('satisfaction links', () => {
  it('round-trips, and refuses another shop, expiry, tampering and junk', () => {
    const token = satisfactionToken(SHOP, 42, LATER);
    expect(readSatisfactionToken(token, SHOP, NOW)).toEqual({ ok: true, number: 42, expiresAt: LATER });
    expect(readSatisfactionToken(token, 'other.myshopify.com', NOW)).toEqual({ ok: false, reason: 'other_shop' });
    expect(readSatisfactionToken(token, SHOP, LATER)).toEqual({ ok: false, reason: 'expired' });
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify([SHOP, 43, Math.floor(LATER.getTime() / 1000)])).toString('base64url');
    expect(readSatisfactionToken(`${forged}.${signature}`, SHOP, NOW)).toEqual({ ok: false, reason: 'invalid' });
    const flipped = signature.replace(/^./, (char) => (char === 'A' ? 'B' : 'A'));
    expect(readSatisfactionToken(`${payload}.${flipped}`, SHOP, NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', '.', 'abc', `${payload}.`, `${payload}.${signature}.x`, 'a'.repeat(2000)]) {
      expect(readSatisfactionToken(junk, SHOP, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('satisfactionSummary', () => {
  it('averages the ratings of tickets and of the feedback block, with their distribution and response rate', async () => {
    const base = { shop: SHOP, channel: 'form' as const, subject: 's', slaDueAt: NOW, lastMessageAt: NOW };
    await prisma.inboxTicket.createMany({
      data: [
        { ...base, number: 1, satisfactionSentAt: NOW, rating: 5, ratedAt: NOW },
        { ...base, number: 2, satisfactionSentAt: NOW, rating: 4, ratedAt: NOW },
        { ...base, number: 3, satisfactionSentAt: NOW, rating: 2, ratedAt: new Date('2025-01-01T00:00:00Z') },
        { ...base, number: 4, satisfactionSentAt: NOW },
      ],
    });
    await prisma.inboxFeedback.createMany({
      data: [
        { shop: SHOP, rating: 3 },
        { shop: SHOP, rating: 4 },
        { shop: 'else.myshopify.com', rating: 1 },
      ],
    });
    const all = await satisfactionSummary(prisma, SHOP);
    expect(all.satisfaction).toEqual({
      count: 3,
      average: 3.67,
      distribution: [0, 1, 0, 1, 1],
      sent: 4,
      responseRate: 0.75,
    });
    expect(all.feedback).toEqual({ count: 2, average: 3.5, distribution: [0, 0, 1, 1, 0] });
    const recent = await satisfactionSummary(prisma, SHOP, { since: new Date('2026-01-01T00:00:00Z') });
    expect(recent.satisfaction).toMatchObject({ count: 2, average: 4.5 });
    expect((await satisfactionSummary(prisma, 'empty.myshopify.com')).satisfaction).toEqual({
      count: 0,
      average: null,
      distribution: [0, 0, 0, 0, 0],
      sent: 0,
      responseRate: null,
    });
  });
});
