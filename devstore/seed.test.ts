import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedDefaultShops, seedShop, type SeedOptions } from './seed/index';
import type { ShopState } from './state/shop-state';
import type { MenuItemRecord } from './state/types';
import { gql } from './test-support';

const NOW = new Date('2026-06-15T12:00:00Z');
const MAPLE = DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number];
const HARBOR = DEFAULT_SHOPS[1] as (typeof DEFAULT_SHOPS)[number];

function small(overrides: Partial<SeedOptions> = {}): SeedOptions {
  return { ...MAPLE, seed: 42, products: 40, customers: 300, orders: 1500, now: NOW, images: false, ...overrides };
}

/** A digest of every table, so two seeds can be compared record for record. */
function digest(state: ShopState): string {
  const tables = {
    shop: state.shop,
    products: [...state.products.values()],
    variants: [...state.variants.values()],
    inventoryItems: [...state.inventoryItems.values()],
    inventoryLevels: [...state.inventoryLevels.values()],
    locations: [...state.locations.values()],
    media: [...state.media.values()],
    collections: [...state.collections.values()],
    customers: [...state.customers.values()],
    orders: [...state.orders.values()],
    discounts: [...state.discounts.values()],
    marketingActivities: [...state.marketingActivities.values()],
    themes: [...state.themes.values()].map((theme) => ({ ...theme, files: [...theme.files] })),
    pages: [...state.pages.values()],
    blogs: [...state.blogs.values()],
    articles: [...state.articles.values()],
    menus: [...state.menus.values()],
    staff: [...state.staff.values()],
    metafields: [...state.metafields.values()],
    files: [...state.files].map(([key, file]) => [
      key,
      file.mimeType,
      createHash('sha256').update(file.bytes).digest('hex'),
    ]),
  };
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

function links(items: MenuItemRecord[]): MenuItemRecord[] {
  return items.flatMap((item) => [item, ...links(item.items)]);
}

function share(count: number, total: number): number {
  return Math.round((count / total) * 1000) / 1000;
}

describe('devstore seed: determinism and sizes', () => {
  it('gives identical records for the same seed and now, images included', async () => {
    const first = await seedShop(small({ images: true }));
    const second = await seedShop(small({ images: true }));
    expect(digest(second)).toEqual(digest(first));
    expect([...second.orders.values()].slice(-3)).toEqual([...first.orders.values()].slice(-3));
  });

  it('gives different records for a different seed', async () => {
    const first = await seedShop(small());
    const other = await seedShop(small({ seed: 43 }));
    expect(digest(other)).not.toEqual(digest(first));
    const titles = (state: ShopState) => [...state.products.values()].map((product) => product.title);
    expect(titles(other)).not.toEqual(titles(first));
    expect([...other.orders.values()].map((order) => order.createdAt)).not.toEqual(
      [...first.orders.values()].map((order) => order.createdAt),
    );
  });

  it('creates exactly the requested numbers of products, customers and orders', async () => {
    const state = await seedShop(small({ products: 37, customers: 211, orders: 1234 }));
    expect({ products: state.products.size, customers: state.customers.size, orders: state.orders.size }).toEqual({
      products: 37,
      customers: 211,
      orders: 1234,
    });
    expect(state.media.size).toEqual(0);
    expect(state.files.size).toEqual(0);
    expect(state.grantedScopes).toEqual([]);
  });

  it('seeds a tiny shop: one product, no customers, guest orders only', async () => {
    const state = await seedShop(small({ products: 1, customers: 0, orders: 25, months: 1 }));
    const orders = [...state.orders.values()];
    expect([state.products.size, orders.length]).toEqual([1, 25]);
    expect(new Set(orders.map((order) => order.customerId))).toEqual(new Set([null]));
    expect(new Set(orders.flatMap((order) => order.lineItems.map((line) => line.productId)))).toEqual(
      new Set(state.products.keys()),
    );
  });

  it('keeps the catalog and customers the same when only the number of orders changes', async () => {
    const few = await seedShop(small({ orders: 500 }));
    const many = await seedShop(small({ orders: 2500 }));
    expect([...many.products.values()]).toEqual([...few.products.values()]);
    expect([...many.customers.values()]).toEqual([...few.customers.values()]);
    expect(many.orders.size).toEqual(2500);
  });
});

describe('devstore seed: the default shops', () => {
  let shops: ShopState[];
  beforeAll(async () => {
    shops = await seedDefaultShops({ seed: 7, orders: 3000, customers: 600, now: NOW });
  });

  it('seeds two isolated shops as described by DEFAULT_SHOPS', () => {
    const [maple, harbor] = shops as [ShopState, ShopState];
    const { id: _mapleId, ...mapleShop } = maple.shop;
    expect(mapleShop).toEqual({
      domain: 'maple-thread.myshopify.com',
      name: 'Maple & Thread',
      email: 'owner@maplethread.example',
      currencyCode: 'CAD',
      ianaTimezone: 'America/Toronto',
      plan: { publicDisplayName: 'Advanced', partnerDevelopment: false, shopifyPlus: false },
      primaryDomain: { host: 'maplethread.example', sslEnabled: true },
      passwordProtected: false,
      shopifyqlAvailable: true,
      createdAt: maple.shop.createdAt,
    });
    expect([harbor.shop.currencyCode, harbor.shop.ianaTimezone, harbor.shop.plan.publicDisplayName]).toEqual([
      'EUR',
      'Europe/Paris',
      'Basic',
    ]);
    expect([
      harbor.shop.primaryDomain.sslEnabled,
      harbor.shop.passwordProtected,
      harbor.shop.shopifyqlAvailable,
    ]).toEqual([false, true, false]);
    expect(maple.shop.id).not.toEqual(harbor.shop.id);
    const mapleIds = new Set([...maple.products.keys(), ...maple.orders.keys(), ...maple.customers.keys()]);
    expect(
      [...harbor.products.keys(), ...harbor.orders.keys(), ...harbor.customers.keys()].filter((id) => mapleIds.has(id)),
    ).toEqual([]);
  });

  it('answers the seeded shop through Shopify’s schema', async () => {
    const maple = shops[0] as ShopState;
    const result = await gql(
      maple,
      '{ shop { name currencyCode primaryDomain { url sslEnabled } accountOwner { email isShopOwner } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      shop: {
        name: 'Maple & Thread',
        currencyCode: 'CAD',
        primaryDomain: { url: 'https://maplethread.example', sslEnabled: true },
        accountOwner: { email: 'owner@maplethread.example', isShopOwner: true },
      },
    });
  });

  it('renders real product images matching their records, ~30% without alt text', async () => {
    const maple = shops[0] as ShopState;
    const media = [...maple.media.values()];
    expect(media.length).toBeGreaterThanOrEqual(200);
    expect(media.length).toBeLessThanOrEqual(600);
    for (const record of media) {
      const file = maple.files.get(record.key);
      expect(file?.mimeType).toEqual(record.mimeType);
      const metadata = await sharp(file?.bytes).metadata();
      expect({
        width: metadata.width,
        height: metadata.height,
        format: metadata.format,
        size: file?.bytes.length,
      }).toEqual({
        width: record.width,
        height: record.height,
        format: record.mimeType === 'image/png' ? 'png' : 'jpeg',
        size: record.fileSize,
      });
    }
    const missingAlt = share(media.filter((record) => record.alt === '').length, media.length);
    expect(missingAlt).toBeGreaterThan(0.2);
    expect(missingAlt).toBeLessThan(0.4);
    expect(media.filter((record) => record.width === 3000 && record.height === 3000).length).toBeGreaterThanOrEqual(3);
    expect(new Set(media.map((record) => record.mimeType))).toEqual(new Set(['image/jpeg', 'image/png']));
    expect(new Set(media.map((record) => `${record.width}x${record.height}`))).toEqual(
      new Set(['800x800', '1200x1500', '3000x3000']),
    );
    const products = [...maple.products.values()];
    expect(products.every((product) => product.mediaIds.length >= 1 && product.mediaIds.length <= 3)).toEqual(true);
    expect(products.flatMap((product) => product.mediaIds).sort()).toEqual([...maple.media.keys()].sort());
  });

  it('fills a catalog that looks like a shop’s, with gaps for the audits to find', () => {
    const maple = shops[0] as ShopState;
    const products = [...maple.products.values()];
    expect(new Set(products.map((product) => product.productType))).toEqual(
      new Set(['Apparel', 'Home Decor', 'Kitchen', 'Accessories', 'Stationery']),
    );
    expect(new Set(products.map((product) => product.handle)).size).toEqual(products.length);
    const missingSeo = share(products.filter((product) => product.seo.title === null).length, products.length);
    expect(missingSeo).toBeGreaterThan(0.2);
    expect(missingSeo).toBeLessThan(0.45);
    expect(products.filter((product) => product.descriptionHtml === '').length).toBeGreaterThan(0);
    expect(new Set(products.map((product) => product.status))).toEqual(new Set(['ACTIVE', 'DRAFT', 'ARCHIVED']));
    expect(products.every((product) => product.variantIds.length >= 1 && product.variantIds.length <= 6)).toEqual(true);
    const variants = [...maple.variants.values()];
    expect(variants.some((variant) => variant.compareAtPrice !== null)).toEqual(true);
    expect(new Set(variants.map((variant) => variant.sku)).size).toEqual(variants.length);
    const costed = share(
      [...maple.inventoryItems.values()].filter((item) => item.unitCost !== null).length,
      maple.inventoryItems.size,
    );
    expect(costed).toBeGreaterThan(0.7);
    expect(costed).toBeLessThan(0.9);
    const levels = [...maple.inventoryLevels.values()];
    expect(levels.length).toEqual(variants.length * 2);
    expect(new Set(levels.map((level) => level.locationId))).toEqual(new Set(maple.locations.keys()));
    expect(levels.some((level) => level.available === 0)).toEqual(true);
    expect(levels.some((level) => level.available > 0 && level.available <= 5)).toEqual(true);
    const collections = [...maple.collections.values()];
    expect(collections.length).toEqual(6);
    expect(
      collections.filter((collection) => collection.productIds.length === 0).map((collection) => collection.title),
    ).toEqual(['Gift Guide']);
    expect(maple.metafields.size).toBeGreaterThan(0);
  });

  it('links one menu item to a page that does not exist', () => {
    for (const state of shops) {
      const pageIds = new Set([...state.pages.values()].map((page) => `gid://shopify/Page/${page.id}`));
      const menuLinks = [...state.menus.values()].flatMap((menu) => links(menu.items));
      const broken = menuLinks.filter(
        (item) => item.type === 'PAGE' && (item.resourceId === null || !pageIds.has(item.resourceId)),
      );
      expect(broken.map((item) => ({ title: item.title, url: item.url }))).toEqual([
        { title: 'Size guide', url: '/pages/size-guide' },
      ]);
      expect([...state.menus.values()].map((menu) => menu.handle)).toEqual(['main-menu', 'footer']);
    }
  });

  it('publishes one theme, with Steward’s app embed on the first shop only', () => {
    const embeds = shops.map((state) => {
      const themes = [...state.themes.values()];
      expect(themes.map((theme) => theme.role)).toEqual(['MAIN', 'UNPUBLISHED']);
      const main = themes[0];
      expect([...(main?.files.keys() ?? [])]).toEqual([
        'config/settings_data.json',
        'templates/index.json',
        'templates/product.json',
        'layout/theme.liquid',
      ]);
      const settings = JSON.parse(main?.files.get('config/settings_data.json') ?? '{}') as {
        current: { blocks: Record<string, { type: string; disabled: boolean }> };
      };
      return Object.values(settings.current.blocks)
        .filter((block) => block.type.startsWith('shopify://apps/steward/blocks/help-launcher/'))
        .map((block) => block.disabled);
    });
    expect(embeds).toEqual([[false], []]);
  });

  it('adds pages, two blogs with some drafts, staff and campaigns', () => {
    const maple = shops[0] as ShopState;
    expect([...maple.pages.values()].map((page) => page.handle)).toEqual(['about-us', 'contact', 'faq', 'shipping']);
    expect([...maple.blogs.values()].map((blog) => blog.handle)).toEqual(['news', 'journal']);
    const articles = [...maple.articles.values()];
    expect(articles.length).toBeGreaterThanOrEqual(10);
    expect(articles.some((article) => !article.isPublished && article.publishedAt === null)).toEqual(true);
    expect(articles.some((article) => article.isPublished)).toEqual(true);
    const staff = [...maple.staff.values()];
    expect(staff.map((member) => [member.isShopOwner, member.accountType])).toEqual([
      [true, 'REGULAR'],
      [false, 'REGULAR'],
      [false, 'REGULAR'],
      [false, 'RESTRICTED'],
    ]);
    const campaigns = new Set([...maple.marketingActivities.values()].map((activity) => activity.utm?.campaign));
    const used = [...maple.orders.values()].flatMap((order) =>
      order.journey?.utm?.campaign ? [order.journey.utm.campaign] : [],
    );
    expect(used.filter((campaign) => !campaigns.has(campaign))).toEqual([]);
    const codes = new Set([...maple.discounts.values()].flatMap((discount) => discount.codes));
    expect(
      [...new Set([...maple.orders.values()].flatMap((order) => order.discountCodes))].filter(
        (code) => !codes.has(code),
      ),
    ).toEqual([]);
  });

  it('gives customers unique emails, some without email or phone, some tagged', () => {
    const customers = [...(shops[0] as ShopState).customers.values()];
    const emails = customers.flatMap((customer) => (customer.email ? [customer.email] : []));
    expect(new Set(emails).size).toEqual(emails.length);
    expect(emails.length).toBeLessThan(customers.length);
    expect(customers.some((customer) => customer.phone === null)).toEqual(true);
    expect(new Set(customers.flatMap((customer) => customer.tags))).toEqual(
      new Set(['VIP', 'wholesale', 'newsletter']),
    );
  });
});

describe('devstore seed: orders', () => {
  let state: ShopState;
  beforeAll(async () => {
    state = await seedShop({
      ...HARBOR,
      seed: 11,
      products: 120,
      customers: 2000,
      orders: 30_000,
      now: NOW,
      images: false,
    });
  });

  it('numbers orders from #1001 in time order, ids growing with them', () => {
    const orders = [...state.orders.values()];
    expect(orders.map((order) => order.number)).toEqual(orders.map((_, index) => 1001 + index));
    expect(
      orders.every((order, index) => index === 0 || (orders[index - 1]?.createdAt ?? '') <= order.createdAt),
    ).toEqual(true);
    expect(orders.every((order, index) => index === 0 || (orders[index - 1]?.id ?? 0) < order.id)).toEqual(true);
    expect(orders.at(-1)?.createdAt.localeCompare(NOW.toISOString())).toEqual(-1);
    const start = Date.parse(orders[0]?.createdAt ?? '');
    expect(Math.round((NOW.getTime() - start) / 86_400_000 / 30.4)).toEqual(18);
  });

  it('refunds and cancels after the order, and updatedAt is the latest of them', () => {
    const orders = [...state.orders.values()];
    for (const order of orders) {
      const times = [order.createdAt, order.cancelledAt ?? '', ...order.refunds.map((refund) => refund.createdAt)];
      expect(order.updatedAt).toEqual(times.sort().at(-1));
      for (const refund of order.refunds) {
        expect(refund.createdAt > order.createdAt && refund.createdAt <= NOW.toISOString()).toEqual(true);
      }
    }
    const refunded = orders.filter((order) => order.cancelledAt === null && order.refunds.length > 0);
    expect(new Set(refunded.map((order) => order.financialStatus))).toEqual(
      new Set(['REFUNDED', 'PARTIALLY_REFUNDED']),
    );
    const refundShare = share(refunded.length, orders.length);
    expect(refundShare).toBeGreaterThan(0.04);
    expect(refundShare).toBeLessThan(0.06);
    const cancelled = orders.filter((order) => order.cancelledAt !== null);
    expect(new Set(cancelled.map((order) => order.financialStatus))).toEqual(new Set(['VOIDED', 'REFUNDED']));
    const cancelShare = share(cancelled.length, orders.length);
    expect(cancelShare).toBeGreaterThan(0.01);
    expect(cancelShare).toBeLessThan(0.02);
    const full = refunded.find((order) => order.financialStatus === 'REFUNDED');
    const total = (order: typeof full) =>
      (order?.lineItems ?? []).reduce(
        (sum, line) => sum + Number(line.unitPrice) * line.quantity - Number(line.discount),
        0,
      ) +
      Number(order?.shipping) +
      Number(order?.tax);
    expect(Number(full?.refunds[0]?.total)).toBeCloseTo(total(full), 2);
  });

  it('sells more per day in December than in February, and on weekends', () => {
    const perDay = new Map<string, number>();
    const formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: HARBOR.ianaTimezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (const order of state.orders.values()) {
      const day = formatter.format(new Date(order.createdAt));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const average = (filter: (day: string) => boolean) => {
      const counts = [...perDay].filter(([day]) => filter(day)).map(([, count]) => count);
      return counts.reduce((sum, count) => sum + count, 0) / counts.length;
    };
    expect(average((day) => day.slice(5, 7) === '12')).toBeGreaterThan(
      average((day) => day.slice(5, 7) === '02') * 1.8,
    );
    const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
    const full = (day: string) => day < '2026-06-15' && day > '2024-12-15';
    expect(average((day) => full(day) && [0, 6].includes(weekday(day)))).toBeGreaterThan(
      average((day) => full(day) && [1, 2, 3].includes(weekday(day))),
    );
  });

  it('fills lines from active products at their variant prices, with code discounts allocated to lines', () => {
    const orders = [...state.orders.values()];
    for (const order of orders.slice(0, 2000)) {
      expect(order.lineItems.length).toBeGreaterThanOrEqual(1);
      expect(order.lineItems.length).toBeLessThanOrEqual(4);
      for (const line of order.lineItems) {
        const variant = state.variants.get(line.variantId ?? 0);
        expect([state.products.get(line.productId ?? 0)?.status, variant?.price, variant?.sku]).toEqual([
          'ACTIVE',
          line.unitPrice,
          line.sku,
        ]);
      }
      const discounted = order.lineItems.reduce((sum, line) => sum + Number(line.discount), 0);
      expect(order.discountApplications.map((application) => application.code)).toEqual(order.discountCodes);
      expect(discounted > 0).toEqual(order.discountCodes.length > 0);
    }
    const codeShare = share(orders.filter((order) => order.discountCodes.length > 0).length, orders.length);
    expect(codeShare).toBeGreaterThan(0.12);
    expect(codeShare).toBeLessThan(0.18);
    expect(new Set(orders.flatMap((order) => order.discountCodes))).toEqual(
      new Set(['WELCOME10', 'VIP15', 'SUMMER20', 'HOLIDAY25', 'SAVE10']),
    );
    expect(new Set(orders.map((order) => order.sourceName))).toEqual(new Set(['web', 'pos', 'shopify_draft_order']));
    expect(new Set(orders.map((order) => order.presentmentCurrencyCode))).toEqual(new Set(['EUR', 'GBP', 'USD']));
  });

  it('brings buyers back, after their accounts exist, with some guest checkouts', () => {
    const orders = [...state.orders.values()];
    const counts = new Map<number, number>();
    for (const order of orders) {
      if (order.customerId === null) continue;
      const customer = state.customers.get(order.customerId);
      expect((customer?.createdAt ?? '9') <= order.createdAt).toEqual(true);
      counts.set(order.customerId, (counts.get(order.customerId) ?? 0) + 1);
    }
    const repeat = share([...counts.values()].filter((count) => count > 1).length, counts.size);
    expect(repeat).toBeGreaterThan(0.28);
    expect(repeat).toBeLessThan(0.42);
    const guests = share(orders.filter((order) => order.customerId === null).length, orders.length);
    expect(guests).toBeGreaterThan(0.05);
    expect(guests).toBeLessThan(0.15);
  });

  it('records journeys with UTM parameters for campaigns, and risk for a few orders', () => {
    const orders = [...state.orders.values()];
    const channels = new Map<string, number>();
    for (const order of orders) {
      const journey = order.journey;
      const key =
        journey === null
          ? 'none'
          : journey.utm
            ? `${journey.utm.source}/${journey.utm.medium}`
            : journey.referrerUrl
              ? 'organic'
              : 'direct';
      channels.set(key, (channels.get(key) ?? 0) + 1);
      if (journey) expect(journey.occurredAt <= order.createdAt && journey.daysToConversion >= 0).toEqual(true);
    }
    expect(new Set(channels.keys())).toEqual(
      new Set(['google/cpc', 'facebook/paid_social', 'email/newsletter', 'organic', 'direct', 'none']),
    );
    for (const key of ['google/cpc', 'facebook/paid_social', 'email/newsletter', 'organic', 'direct']) {
      expect(share(channels.get(key) ?? 0, orders.length)).toBeGreaterThan(0.08);
    }
    const levels = (level: string) => share(orders.filter((order) => order.risk.level === level).length, orders.length);
    expect(levels('MEDIUM')).toBeGreaterThan(0.02);
    expect(levels('MEDIUM')).toBeLessThan(0.04);
    expect(levels('HIGH')).toBeGreaterThan(0.005);
    expect(levels('HIGH')).toBeLessThan(0.015);
    expect(orders.filter((order) => order.risk.level !== 'LOW').every((order) => order.risk.facts.length > 0)).toEqual(
      true,
    );
  });

  it('leaves the last days unfulfilled and older orders fulfilled', () => {
    const orders = [...state.orders.values()].filter(
      (order) => order.cancelledAt === null && order.sourceName === 'web',
    );
    const recent = orders.filter((order) => NOW.getTime() - Date.parse(order.createdAt) < 86_400_000);
    const old = orders.filter((order) => NOW.getTime() - Date.parse(order.createdAt) > 30 * 86_400_000);
    expect(
      share(recent.filter((order) => order.fulfillmentStatus === 'UNFULFILLED').length, recent.length),
    ).toBeGreaterThan(0.8);
    expect(share(old.filter((order) => order.fulfillmentStatus === 'FULFILLED').length, old.length)).toBeGreaterThan(
      0.95,
    );
  });
});
