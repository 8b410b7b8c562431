/**
 * Discount codes and marketing campaigns. Campaigns run a quarter each on
 * three channels (Google search ads, Facebook/Instagram ads, the newsletter);
 * order journeys carry the UTM parameters of the campaign running that day.
 */
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import { DAY_MS, iso, money } from './util';

export interface Channel {
  source: string;
  medium: string;
  /** Shown in the journey: where the visit came from. */
  referrerUrl: string | null;
  tactic: string;
  marketingChannelType: string;
  remoteUrl: string | null;
  /** Daily budget in cents, or null for unpaid channels. */
  dailyBudgetCents: number | null;
  campaign: (season: string, year: number) => string;
  label: string;
}

export const CHANNELS = {
  google: {
    source: 'google',
    medium: 'cpc',
    referrerUrl: 'https://www.google.com/',
    tactic: 'AD',
    marketingChannelType: 'SEARCH',
    remoteUrl: 'https://ads.google.example/campaigns/',
    dailyBudgetCents: 4000,
    campaign: (season: string, year: number) => `search-${season}-${year}`,
    label: 'Google Search',
  },
  facebook: {
    source: 'facebook',
    medium: 'paid_social',
    referrerUrl: 'https://l.facebook.com/',
    tactic: 'AD',
    marketingChannelType: 'SOCIAL',
    remoteUrl: 'https://business.facebook.example/adsmanager/',
    dailyBudgetCents: 3000,
    campaign: (season: string, year: number) => `${season}-${year}-prospecting`,
    label: 'Facebook & Instagram',
  },
  email: {
    source: 'email',
    medium: 'newsletter',
    referrerUrl: null,
    tactic: 'NEWSLETTER',
    marketingChannelType: 'EMAIL',
    remoteUrl: null,
    dailyBudgetCents: null,
    campaign: (season: string, year: number) => `newsletter-${season}-${year}`,
    label: 'Newsletter',
  },
} satisfies Record<string, Channel>;

const SEASONS = ['winter-sale', 'spring-refresh', 'summer-edit', 'holiday-gifting'];

/** The campaign running on a channel in a month (quarterly campaigns). */
export function campaignName(channel: Channel, year: number, month: number): string {
  return channel.campaign(SEASONS[Math.floor(month / 3)] ?? 'always-on', year);
}

export function seedMarketingActivities(
  state: ShopState,
  random: Random,
  options: { rangeStart: number; now: number },
): void {
  const first = new Date(options.rangeStart);
  let quarterStart = Date.UTC(first.getUTCFullYear(), Math.floor(first.getUTCMonth() / 3) * 3, 1);
  for (; quarterStart < options.now;) {
    const start = new Date(quarterStart);
    const quarterEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1);
    for (const channel of Object.values(CHANNELS))
      seedActivity(state, random, channel, { quarterStart, quarterEnd, now: options.now });
    quarterStart = quarterEnd;
  }
}

function seedActivity(
  state: ShopState,
  random: Random,
  channel: Channel,
  period: { quarterStart: number; quarterEnd: number; now: number },
): void {
  const start = new Date(period.quarterStart);
  const name = campaignName(channel, start.getUTCFullYear(), start.getUTCMonth());
  const running = period.quarterEnd > period.now;
  const until = Math.min(period.quarterEnd, period.now);
  const days = Math.max(1, Math.round((until - period.quarterStart) / DAY_MS));
  const id = state.nextId();
  const daily = channel.dailyBudgetCents === null ? null : channel.dailyBudgetCents + random.int(0, 4) * 500;
  state.marketingActivities.set(id, {
    id,
    remoteId: `${channel.source}-${name}`,
    title: `${channel.label}: ${name.replace(/-/g, ' ')}`,
    status: running ? 'ACTIVE' : 'INACTIVE',
    tactic: channel.tactic,
    marketingChannelType: channel.marketingChannelType,
    remoteUrl: channel.remoteUrl === null ? null : `${channel.remoteUrl}${random.int(100000, 999999)}`,
    utm: { source: channel.source, medium: channel.medium, campaign: name },
    budget:
      daily === null ? null : { amount: money(daily), currencyCode: state.shop.currencyCode, budgetType: 'DAILY' },
    adSpend: daily === null ? null : money(Math.round(daily * days * (0.85 + random.next() * 0.15))),
    startedAt: iso(period.quarterStart),
    endedAt: running ? null : iso(period.quarterEnd),
    createdAt: iso(period.quarterStart - random.int(1, 10) * DAY_MS),
    updatedAt: iso(until),
  });
}

/** A discount code orders can use: percentages in whole percent, amounts in cents. */
export interface Code {
  code: string;
  title: string;
  percentage: number | null;
  amountCents: number | null;
}

export const CODES = {
  welcome: { code: 'WELCOME10', title: 'Welcome 10% off', percentage: 10, amountCents: null },
  vip: { code: 'VIP15', title: 'VIP 15% off', percentage: 15, amountCents: null },
  summer: { code: 'SUMMER20', title: 'Summer sale 20% off', percentage: 20, amountCents: null },
  holiday: { code: 'HOLIDAY25', title: 'Holiday 25% off', percentage: 25, amountCents: null },
  save: { code: 'SAVE10', title: '10 off orders over 50', percentage: null, amountCents: 1000 },
} satisfies Record<string, Code>;

/**
 * DiscountRecords for the codes orders use. A percentage is stored as a
 * fraction ("0.1" for 10%), as discountCodeBasicCreate takes it.
 */
export function seedDiscounts(
  state: ShopState,
  random: Random,
  options: { since: number; rangeStart: number; now: number },
): void {
  for (const code of Object.values(CODES)) {
    const id = state.nextId();
    const createdAt = options.since + random.int(0, 30) * DAY_MS;
    state.discounts.set(id, {
      id,
      title: code.title,
      codes: [code.code],
      kind: code.percentage === null ? 'amount' : 'percentage',
      value: code.percentage === null ? money(code.amountCents ?? 0) : String(code.percentage / 100),
      startsAt: iso(createdAt),
      endsAt: null,
      usageLimit: code === CODES.welcome ? null : code === CODES.vip ? 500 : null,
      appliesOncePerCustomer: code === CODES.welcome,
      createdAt: iso(createdAt),
      updatedAt: iso(Math.min(options.now, options.rangeStart + random.int(0, 200) * DAY_MS)),
    });
  }
}
