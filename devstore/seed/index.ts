/**
 * Seed data: a shop that looks real — catalog with images, customers, 18
 * months of orders with seasons and campaigns, content, themes and staff —
 * deterministic for a given seed and `now`. Two shops by default, to test
 * isolation; sizes are options (orders stream, so a million fit).
 */
import { ShopState } from '../state/shop-state';
import type { ShopRecord } from '../state/types';
import { sellingDays } from './calendar';
import { seedCatalog } from './catalog';
import { seedBlogs, seedMenus, seedPages, seedStaff, seedThemes } from './content';
import { seedCustomers } from './customers';
import { seedDiscounts, seedMarketingActivities } from './marketing';
import { seedOrders } from './orders';
import { DAY_MS, iso, stream } from './util';
import { regionFor } from './words';

/** Who the shop is. */
export interface ShopProfile {
  domain: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  /** The plan's display name, e.g. "Basic", "Advanced", "Shopify Plus". */
  plan: string;
  shopifyqlAvailable?: boolean;
  /** Storefront host; defaults to the myshopify name without dashes + ".example". */
  primaryDomainHost?: string;
  sslEnabled?: boolean;
  passwordProtected?: boolean;
  /** Whether the published theme has Steward's app embed switched on. */
  appEmbed?: boolean;
}

export interface SeedOptions extends ShopProfile {
  seed: number;
  products?: number;
  customers?: number;
  orders?: number;
  months?: number;
  now?: Date;
  images?: boolean;
}

export const DEFAULT_SHOPS: ShopProfile[] = [
  {
    domain: 'maple-thread.myshopify.com',
    name: 'Maple & Thread',
    currencyCode: 'CAD',
    ianaTimezone: 'America/Toronto',
    plan: 'Advanced',
    shopifyqlAvailable: true,
    primaryDomainHost: 'maplethread.example',
    sslEnabled: true,
    passwordProtected: false,
    appEmbed: true,
  },
  {
    domain: 'harbor-goods.myshopify.com',
    name: 'Harbor Goods',
    currencyCode: 'EUR',
    ianaTimezone: 'Europe/Paris',
    plan: 'Basic',
    shopifyqlAvailable: false,
    primaryDomainHost: 'harborgoods.example',
    sslEnabled: false,
    passwordProtected: true,
    appEmbed: false,
  },
];

function shopRecord(options: SeedOptions, createdAt: number): ShopRecord {
  const host = options.primaryDomainHost ?? `${options.domain.split('.')[0]?.replace(/-/g, '')}.example`;
  return {
    id: stream(options.seed, `shop:${options.domain}`).int(10_000_000, 99_999_999),
    domain: options.domain,
    name: options.name,
    email: `owner@${host}`,
    currencyCode: options.currencyCode,
    ianaTimezone: options.ianaTimezone,
    plan: { publicDisplayName: options.plan, partnerDevelopment: false, shopifyPlus: options.plan === 'Shopify Plus' },
    primaryDomain: { host, sslEnabled: options.sslEnabled ?? true },
    passwordProtected: options.passwordProtected ?? false,
    shopifyqlAvailable: options.shopifyqlAvailable ?? true,
    createdAt: iso(createdAt),
  };
}

export async function seedShop(options: SeedOptions): Promise<ShopState> {
  const random = (part: string) => stream(options.seed, `${options.domain}:${part}`);
  const now = (options.now ?? new Date()).getTime();
  const region = regionFor(options.currencyCode);
  const days = sellingDays({
    now: new Date(now),
    months: options.months ?? 18,
    timeZone: options.ianaTimezone,
    orders: options.orders ?? 20_000,
    random: random('calendar'),
  });
  const rangeStart = days[0]?.start ?? now;
  const since = rangeStart - 240 * DAY_MS;
  const shop = shopRecord(options, since);
  // Ids start at a per-shop base, so one shop's ids never name another shop's records.
  const state = new ShopState(shop, random('ids').int(100, 899) * 10_000_000_000 + 1000);
  const authors = seedStaff(state, random('staff'));
  const catalog = await seedCatalog(state, random('catalog'), random('media'), {
    products: options.products ?? 200,
    images: options.images ?? true,
    since,
    rangeStart,
    now,
    region,
  });
  const customers = seedCustomers(state, random('customers'), {
    count: options.customers ?? 5000,
    since: rangeStart - 180 * DAY_MS,
    now,
    region,
  });
  seedDiscounts(state, random('discounts'), { since, rangeStart, now });
  seedMarketingActivities(state, random('marketing'), { rangeStart, now });
  const content = { since, now, appEmbed: options.appEmbed ?? true };
  seedThemes(state, random('themes'), content);
  const pages = seedPages(state, random('pages'), content);
  seedBlogs(state, random('blogs'), { ...content, authors });
  seedMenus(state, pages);
  const origin = `${shop.primaryDomain.sslEnabled ? 'https' : 'http'}://${shop.primaryDomain.host}`;
  seedOrders(state, random('orders'), { days, now, region, origin, catalog, customers });
  return state;
}

/** The default shops (DEFAULT_SHOPS), each from its own seed (seed, seed + 1, …). */
export async function seedDefaultShops(
  options: { seed?: number; orders?: number; customers?: number; products?: number; images?: boolean; now?: Date } = {},
): Promise<ShopState[]> {
  const shops: ShopState[] = [];
  for (const [index, profile] of DEFAULT_SHOPS.entries()) {
    shops.push(await seedShop({ ...profile, ...options, seed: (options.seed ?? 1) + index }));
  }
  return shops;
}
