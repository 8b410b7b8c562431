/**
 * Sessions and conversion through ShopifyQL, over real HTTP to the devstore
 * (Shopify's schema executed): the period and the previous one summed apart,
 * conversion = completed checkouts / sessions; and on a plan without
 * analytics, an explicit "unavailable" — never a number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startDevstore } from '../../../devstore/index';
import { dailySessions } from '../../../devstore/resolvers/sales-shopifyql-tables';
import { emptyShop, orderRecord } from '../../../devstore/test-support';
import { createAdminGateway } from '~/platform/shopify/admin-gateway.server';
import { datesOf, previousPeriod } from './periods';
import { readSessions, sessionsShopifyql } from './sessions.server';

const ANALYTICS = 'analytics-shop.myshopify.com';
const BASIC = 'basic-shop.myshopify.com';
const withAnalytics = emptyShop({
  id: 1,
  domain: ANALYTICS,
  ianaTimezone: 'America/Toronto',
  shopifyqlAvailable: true,
});
// Orders (local days in Toronto): one on 03-03, two on 02-25.
for (const [id, at] of [
  [1, '2026-03-03T17:00:00.000Z'],
  [2, '2026-02-25T17:00:00.000Z'],
  [3, '2026-02-25T18:00:00.000Z'],
] as const)
  withAnalytics.orders.set(id, orderRecord(id, { createdAt: at, processedAt: at }));
const devstore = await startDevstore({
  app: { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: (process.env.SCOPES as string).split(',') },
  shops: [withAnalytics, emptyShop({ id: 2, domain: BASIC, shopifyqlAvailable: false })],
});
process.env.DEVSTORE_URL = devstore.url;
// The library's HTTP goes to the devstore once shopify.server has loaded with DEVSTORE_URL set.
await import('~/shopify.server');
afterAll(() => devstore.close());

const gateway = (shop: string) => createAdminGateway({ shop, accessToken: devstore.grantToken(shop) });

describe('sessions from ShopifyQL', () => {
  it('sums each period’s days and derives the conversion rate from the counts', async () => {
    const period = { start: '2026-03-01', end: '2026-03-07' };
    expect(sessionsShopifyql(period)).toBe(
      'FROM sessions SHOW sessions, sessions_that_completed_checkout TIMESERIES day SINCE 2026-02-22 UNTIL 2026-03-07',
    );
    const result = await readSessions(gateway(ANALYTICS), period);
    // The devstore derives each day's sessions from that day's orders (dailySessions); the expected
    // figures add them up day by day: one completed checkout now (03-03), two before (02-25).
    const ordersOn = (day: string) => (day === '2026-03-03' ? 1 : day === '2026-02-25' ? 2 : 0);
    const sum = (days: string[]) =>
      days.reduce((total, day) => total + dailySessions(ANALYTICS, day, ordersOn(day)), 0);
    const current = sum(datesOf(period));
    const previous = sum(datesOf(previousPeriod(period)));
    const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
    const rate = (completed: number, sessions: number) => round4(completed / sessions);
    expect(result).toEqual({
      status: 'available',
      current: { sessions: current, completedCheckout: 1, conversionRate: rate(1, current) },
      previous: {
        sessions: previous,
        completedCheckout: 2,
        conversionRate: rate(2, previous),
      },
      change: {
        sessions: {
          absolute: current - previous,
          relative: round4((current - previous) / previous),
        },
        // The change of the two (rounded) rates.
        conversionRate: {
          absolute: round4(rate(1, current) - rate(2, previous)),
          relative: round4((rate(1, current) - rate(2, previous)) / rate(2, previous)),
        },
      },
    });
  });

  it('says "unavailable" when the plan has no analytics, instead of a number', async () => {
    expect(await readSessions(gateway(BASIC), { start: '2026-03-01', end: '2026-03-07' })).toEqual({
      status: 'unavailable',
      reason: 'plan',
    });
  });
});
