/**
 * Orders, generated in one chronological pass and written straight into
 * state.orders (nothing bigger than one day's timestamps is held), so a
 * million orders fit. Order numbers and ids grow with time from #1001.
 * OrderWriter also writes one order at a time for live traffic
 * (devstore/traffic.ts), resuming after a shop's existing orders.
 */
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import type {
  AddressRecord,
  DiscountApplicationRecord,
  JourneyRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
} from '../state/types';
import { HOUR_WEIGHT, type SellingDay } from './calendar';
import type { SellableVariants } from './catalog';
import { Buyer, type CustomerTable, randomAddress } from './customers';
import { campaignName, type Channel, CHANNELS, type Code, CODES } from './marketing';
import { DAY_MS, HOUR_MS, iso, money, WeightedIndex } from './util';
import { FIRST_NAMES, LAST_NAMES, type Region } from './words';

export interface OrderOptions {
  days: SellingDay[];
  now: number;
  region: Region;
  /** Storefront origin for landing pages, e.g. https://maplethread.example. */
  origin: string;
  catalog: SellableVariants;
  customers: CustomerTable;
}

interface OrderBuyer {
  index: number;
  firstOrder: boolean;
  email: string | null;
  address: AddressRecord;
}

interface Totals {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
}

export const CANCEL_REASONS = [
  ['CUSTOMER', 0.5],
  ['INVENTORY', 0.2],
  ['DECLINED', 0.15],
  ['OTHER', 0.1],
  ['STAFF', 0.05],
] as const;
const MEDIUM_FACTS = [
  { description: 'Billing address does not match the shipping address', sentiment: 'NEGATIVE' },
  { description: 'Card verification (CVV) was correct', sentiment: 'POSITIVE' },
] as const;
const HIGH_FACTS = [
  { description: 'Order placed from an IP address flagged as high risk', sentiment: 'NEGATIVE' },
  { description: 'Several payment attempts with different cards', sentiment: 'NEGATIVE' },
  { description: 'Shipping address is a known freight forwarder', sentiment: 'NEGATIVE' },
] as const;
const JOURNEY_CHANNELS = [
  ['direct', 0.28],
  ['organic', 0.22],
  ['google', 0.2],
  ['facebook', 0.16],
  ['email', 0.14],
] as const;
const FACEBOOK_CONTENT = ['carousel', 'video-15s', 'story', 'static-lifestyle'];

/** Where a writer carries on from: the next order number and the customers already seen. */
export interface OrderResume {
  nextNumber: number;
  /** Index (in the customer table) of the first customer who has not ordered yet. */
  nextCustomer: number;
  /** Indexes of customers who order again and again. */
  repeaters: number[];
}

/**
 * Draws everything an order needs from precomputed tables. Prices are read
 * from the catalog table on each order, so a repriced variant sells at its
 * new price.
 */
export class OrderWriter {
  readonly #state: ShopState;
  readonly #random: Random;
  readonly #options: OrderOptions;
  readonly #variants: WeightedIndex;
  readonly #repeaters: number[];
  readonly #guests: { email: string; address: AddressRecord }[];
  #nextCustomer: number;
  #number: number;
  /** The catalog index of the current order's first line, for its landing page. */
  #firstVariant = 0;

  constructor(state: ShopState, random: Random, options: OrderOptions, resume?: OrderResume) {
    this.#state = state;
    this.#random = random;
    this.#options = options;
    this.#variants = new WeightedIndex(options.catalog.popularity);
    this.#repeaters = [...(resume?.repeaters ?? [])];
    this.#nextCustomer = resume?.nextCustomer ?? 0;
    this.#number = resume?.nextNumber ?? 1001;
    this.#guests = Array.from({ length: 400 }, (_, n) => {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      return {
        email: `${first}.${last}${n}@guest.example`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
        address: randomAddress(random, options.region, first, last),
      };
    });
  }

  /** Writes the order placed at `time` into state.orders, settled as it stands at `now`. */
  write(time: number, day: SellingDay, now = this.#options.now): OrderRecord {
    const random = this.#random;
    const roll = random.next();
    const sourceName = roll < 0.85 ? 'web' : roll < 0.95 ? 'pos' : 'shopify_draft_order';
    const buyer = this.#buyer(time, random.chance(sourceName === 'pos' ? 0.3 : 0.08));
    const lineItems = this.#lineItems();
    const totals: Totals = { subtotal: 0, discount: 0, shipping: 0, tax: 0 };
    for (const line of lineItems) totals.subtotal += Math.round(Number(line.unitPrice) * 100) * line.quantity;
    const code = sourceName === 'shopify_draft_order' ? null : this.#code(buyer, day, totals.subtotal);
    const discountApplications = code ? this.#applyCode(code, lineItems, totals) : [];
    const net = totals.subtotal - totals.discount;
    totals.shipping =
      sourceName === 'pos'
        ? 0
        : net >= this.#options.region.freeShippingCents
          ? 0
          : sourceName === 'web' || random.chance(0.5)
            ? this.#options.region.shippingCents
            : 0;
    totals.tax = Math.round((net + totals.shipping) * this.#options.region.taxRate);
    const presentment =
      sourceName === 'web' && random.chance(0.1) ? random.pick(this.#options.region.presentment) : null;
    const order: OrderRecord = {
      id: this.#state.nextId(),
      number: this.#number++,
      customerId: buyer.index < 0 ? null : (this.#options.customers.ids[buyer.index] ?? null),
      email: buyer.email,
      createdAt: iso(time),
      processedAt: iso(time),
      updatedAt: iso(time),
      cancelledAt: null,
      cancelReason: null,
      presentmentCurrencyCode: presentment?.currencyCode ?? this.#state.shop.currencyCode,
      presentmentRate: presentment?.rate ?? 1,
      sourceName,
      lineItems,
      shipping: money(totals.shipping),
      tax: money(totals.tax),
      discountCodes: code ? [code.code] : [],
      discountApplications,
      refunds: [],
      financialStatus: 'PAID',
      fulfillmentStatus: 'UNFULFILLED',
      risk: this.#risk(),
      journey: sourceName === 'web' && random.chance(0.95) ? this.#journey(time, day) : null,
      // A customer's address object is shared by their orders; seeded orders are never edited in place.
      shippingAddress: sourceName === 'pos' ? null : buyer.address,
      billingAddress: buyer.address,
      test: false,
    };
    this.#settle(order, time, totals, now);
    this.#state.orders.set(order.id, order);
    return order;
  }

  /** A returning customer, a new one whose account exists by now, or a guest (index −1). */
  #buyer(time: number, guest: boolean): OrderBuyer {
    const customers = this.#options.customers;
    if (!guest) {
      while (this.#nextCustomer < customers.ids.length && customers.buyer[this.#nextCustomer] === Buyer.Never)
        this.#nextCustomer++;
      const next = this.#nextCustomer;
      if (next < customers.ids.length && (customers.createdAt[next] ?? Infinity) <= time) {
        this.#nextCustomer++;
        if (customers.buyer[next] === Buyer.Repeat) this.#repeaters.push(next);
        return {
          index: next,
          firstOrder: true,
          email: customers.emails[next] ?? null,
          address: customers.addresses[next] as AddressRecord,
        };
      }
      if (this.#repeaters.length > 0) {
        const index = this.#repeaters[this.#random.int(0, this.#repeaters.length - 1)] ?? 0;
        return {
          index,
          firstOrder: false,
          email: customers.emails[index] ?? null,
          address: customers.addresses[index] as AddressRecord,
        };
      }
    }
    const identity = this.#random.pick(this.#guests);
    return { index: -1, firstOrder: true, email: identity.email, address: identity.address };
  }

  #lineItems(): LineItemRecord[] {
    const random = this.#random;
    const catalog = this.#options.catalog;
    const roll = random.next();
    const count = roll < 0.6 ? 1 : roll < 0.85 ? 2 : roll < 0.95 ? 3 : 4;
    const lines: LineItemRecord[] = [];
    for (let n = 0; n < count; n++) {
      const v = this.#variants.draw(random);
      if (n === 0) this.#firstVariant = v;
      const quantityRoll = random.next();
      lines.push({
        id: this.#state.nextId(),
        productId: catalog.productIds[v] ?? null,
        variantId: catalog.variantIds[v] ?? null,
        title: catalog.titles[v] ?? '',
        variantTitle: catalog.variantTitles[v] ?? null,
        sku: catalog.skus[v] ?? null,
        quantity: quantityRoll < 0.82 ? 1 : quantityRoll < 0.96 ? 2 : random.int(3, 4),
        unitPrice: money(catalog.priceCents[v] ?? 0),
        discount: '0.00',
      });
    }
    return lines;
  }

  /** About 15% of orders use a code: the welcome code on first orders, VIP15 for VIPs, seasonal ones in season. */
  #code(buyer: OrderBuyer, day: SellingDay, subtotal: number): Code | null {
    const random = this.#random;
    if (!random.chance(buyer.firstOrder ? 0.22 : 0.13)) return null;
    if (buyer.firstOrder && random.chance(0.6)) return CODES.welcome;
    if (buyer.index >= 0 && this.#options.customers.vip[buyer.index] === 1) return CODES.vip;
    if (day.month >= 5 && day.month <= 7 && random.chance(0.7)) return CODES.summer;
    if (day.month >= 10 && random.chance(0.7)) return CODES.holiday;
    return subtotal >= 5000 ? CODES.save : CODES.welcome;
  }

  /** Allocates the code's value across the lines (proportionally for a fixed amount). */
  #applyCode(code: Code, lines: LineItemRecord[], totals: Totals): DiscountApplicationRecord[] {
    let remaining = Math.min(code.amountCents ?? 0, totals.subtotal);
    lines.forEach((line, index) => {
      const lineTotal = Math.round(Number(line.unitPrice) * 100) * line.quantity;
      let cents: number;
      if (code.percentage !== null) cents = Math.round((lineTotal * code.percentage) / 100);
      else if (index === lines.length - 1) cents = remaining;
      else cents = Math.floor(((code.amountCents ?? 0) * lineTotal) / totals.subtotal);
      remaining -= cents;
      totals.discount += cents;
      line.discount = money(cents);
    });
    return [
      {
        kind: 'DISCOUNT_CODE',
        code: code.code,
        title: code.title,
        valueType: code.percentage === null ? 'FIXED_AMOUNT' : 'PERCENTAGE',
        value: code.percentage === null ? money(code.amountCents ?? 0) : code.percentage.toFixed(1),
        allocationMethod: 'ACROSS',
        targetType: 'LINE_ITEM',
      },
    ];
  }

  #risk(): OrderRecord['risk'] {
    const roll = this.#random.next();
    if (roll < 0.01)
      return { level: 'HIGH', facts: HIGH_FACTS.slice(0, this.#random.int(1, 3)).map((fact) => ({ ...fact })) };
    if (roll < 0.04) return { level: 'MEDIUM', facts: MEDIUM_FACTS.map((fact) => ({ ...fact })) };
    return { level: 'LOW', facts: [] };
  }

  /** How the buyer arrived: direct, organic search, or a campaign with its UTM parameters. */
  #journey(time: number, day: SellingDay): JourneyRecord {
    const random = this.#random;
    const kind = random.weighted(JOURNEY_CHANNELS);
    const index = this.#firstVariant;
    const path = random.chance(0.3) ? '/' : `/products/${this.#options.catalog.handles[index]}`;
    const landing = `${this.#options.origin}${path}`;
    const daysToConversion =
      kind === 'direct' || kind === 'email'
        ? random.chance(0.7)
          ? 0
          : random.int(1, 3)
        : random.chance(0.45)
          ? 0
          : random.int(1, 14);
    const occurredAt = iso(
      Math.max(this.#options.days[0]?.start ?? 0, time - daysToConversion * DAY_MS - random.int(1, 180) * 60_000),
    );
    if (kind === 'direct')
      return { occurredAt, source: 'direct', landingPage: landing, referrerUrl: null, utm: null, daysToConversion };
    if (kind === 'organic')
      return {
        occurredAt,
        source: 'google',
        landingPage: landing,
        referrerUrl: 'https://www.google.com/',
        utm: null,
        daysToConversion,
      };
    const channel: Channel = CHANNELS[kind];
    const campaign = campaignName(channel, day.year, day.month);
    const term =
      kind === 'google'
        ? (this.#options.catalog.titles[index] ?? '').toLowerCase().split(' ').slice(-2).join(' ')
        : null;
    const content = kind === 'facebook' ? random.pick(FACEBOOK_CONTENT) : null;
    return {
      occurredAt,
      source: channel.source,
      landingPage: `${landing}?utm_source=${channel.source}&utm_medium=${channel.medium}&utm_campaign=${campaign}`,
      referrerUrl: channel.referrerUrl,
      utm: { source: channel.source, medium: channel.medium, campaign, content, term },
      daysToConversion,
    };
  }

  /** What happened after checkout: cancellation, refunds, payment and fulfillment, and updatedAt. */
  #settle(order: OrderRecord, time: number, totals: Totals, now: number): void {
    const random = this.#random;
    const age = now - time;
    const cancels = age > HOUR_MS && (order.risk.level === 'HIGH' ? random.chance(0.4) : random.chance(0.011));
    if (cancels) {
      const cancelledAt = time + Math.floor(HOUR_MS * 0.5 + random.next() * Math.min(2 * DAY_MS, age - HOUR_MS));
      order.cancelledAt = iso(cancelledAt);
      order.cancelReason = order.risk.level === 'HIGH' ? 'FRAUD' : random.weighted(CANCEL_REASONS);
      const refundAt = cancelledAt + 5 * 60_000;
      if (refundAt < now && random.chance(0.5)) {
        order.refunds.push(this.#refund(order, refundAt, totals, true));
        order.financialStatus = 'REFUNDED';
      } else order.financialStatus = 'VOIDED';
      order.updatedAt = iso(Math.max(cancelledAt, order.refunds.length ? refundAt : 0));
      return;
    }
    order.fulfillmentStatus = this.#fulfillment(order, age);
    if (age > DAY_MS && random.chance(0.05)) {
      const delay = HOUR_MS + random.next() * (Math.min(21 * DAY_MS, age - 60_000) - HOUR_MS);
      const refundAt = Math.floor(time + delay);
      const full = random.chance(0.35);
      order.refunds.push(this.#refund(order, refundAt, totals, full));
      order.financialStatus = full ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      order.updatedAt = iso(refundAt);
      return;
    }
    if (age < 2 * DAY_MS && random.chance(0.08)) order.financialStatus = 'AUTHORIZED';
    else if (order.sourceName === 'shopify_draft_order' && age < 7 * DAY_MS && random.chance(0.3))
      order.financialStatus = 'PENDING';
  }

  #fulfillment(order: OrderRecord, age: number): OrderRecord['fulfillmentStatus'] {
    if (order.sourceName === 'pos') return 'FULFILLED';
    const roll = this.#random.next();
    if (age > 4 * DAY_MS) return roll < 0.97 ? 'FULFILLED' : roll < 0.99 ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED';
    if (age > DAY_MS) return roll < 0.6 ? 'FULFILLED' : roll < 0.7 ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED';
    return roll < 0.1 ? 'FULFILLED' : 'UNFULFILLED';
  }

  /** A full refund returns every line, shipping and tax; a partial one returns one unit of one line with its tax. */
  #refund(order: OrderRecord, at: number, totals: Totals, full: boolean): RefundRecord {
    const random = this.#random;
    const lines = full ? order.lineItems : [random.pick(order.lineItems)];
    let total = 0;
    const refundLines = lines.map((line) => {
      const quantity = full ? line.quantity : 1;
      const lineDiscount = Math.round(Number(line.discount) * 100);
      const subtotal =
        Math.round(Number(line.unitPrice) * 100) * quantity - Math.round((lineDiscount * quantity) / line.quantity);
      total += subtotal;
      return { lineItemId: line.id, quantity, subtotal: money(subtotal) };
    });
    total = full
      ? totals.subtotal - totals.discount + totals.shipping + totals.tax
      : total + Math.round(total * this.#options.region.taxRate);
    return {
      id: this.#state.nextId(),
      createdAt: iso(at),
      note: random.pick(
        full
          ? ['Returned: did not fit', 'Changed their mind', null]
          : ['Damaged in transit', 'Returned one item', null],
      ),
      lines: refundLines,
      total: money(total),
    };
  }
}

const HOURS = new WeightedIndex(HOUR_WEIGHT);

/** A time on the day, more likely in busy hours, before the day's end (`now` on the last day). */
function timeOfDay(random: Random, day: SellingDay): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const time = day.start + ((HOURS.draw(random) + random.next()) / 24) * day.length;
    if (time < day.end) return Math.floor(time);
  }
  return Math.floor(day.start + random.next() * (day.end - day.start));
}

export function seedOrders(state: ShopState, random: Random, options: OrderOptions): void {
  if (options.catalog.variantIds.length === 0) return;
  const writer = new OrderWriter(state, random, options);
  for (const day of options.days) {
    if (day.orders <= 0) continue;
    const times = new Float64Array(day.orders);
    for (let n = 0; n < day.orders; n++) times[n] = timeOfDay(random, day);
    times.sort();
    for (const time of times) writer.write(time, day);
  }
}
