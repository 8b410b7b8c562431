/**
 * Live traffic: keeps each shop moving — new orders, new customers, refunds,
 * cancellations, inventory changes and product edits — at a steady rate.
 * Every change is written into the ShopState at once (so Admin API queries,
 * `updated_at:>` filters included, see it) with the shop's clock, and
 * announced on the devstore's event bus for webhook delivery. Orders and
 * customers come from the seed's own generators (seed/orders.ts,
 * seed/customers.ts); the same seed gives the same changes.
 *
 *   const traffic = startTraffic(devstore.state, { perSecond: 2, seed: 1 });
 *   traffic.tick(10); // ten changes in each shop, right now
 *   traffic.stop();
 */
import { cents, orderTotals, refundedQuantity } from './resolvers/sales-totals';
import type { Random } from './engine/random';
import type { SellingDay } from './seed/calendar';
import { emptySellableVariants, type SellableVariants } from './seed/catalog';
import { Buyer, createCustomer, type CustomerTable, emptyCustomerTable } from './seed/customers';
import { CANCEL_REASONS, type OrderResume, OrderWriter } from './seed/orders';
import { DAY_MS, money, stream, zoneOffset } from './seed/util';
import { PRODUCT_TAGS, type Region, regionFor } from './seed/words';
import type { DevstoreState } from './state/devstore-state';
import type { ShopState } from './state/shop-state';
import type * as R from './state/types';
import type { DevstoreEvent } from './webhooks/events';

export type TrafficKind = 'order' | 'customer' | 'refund' | 'cancellation' | 'inventory' | 'product';

/** The share of each kind of change. */
export const TRAFFIC_MIX: readonly (readonly [TrafficKind, number])[] = [
  ['order', 0.6],
  ['customer', 0.1],
  ['refund', 0.08],
  ['cancellation', 0.02],
  ['inventory', 0.12],
  ['product', 0.08],
];

export interface TrafficOptions {
  /** Changes per second in each shop; 0 starts no timer (tick() only). */
  perSecond: number;
  seed: number;
  /** Shop domains to move (default: every shop of the devstore). */
  shops?: string[];
}

/** One change in one shop and the events it published. */
export interface TrafficChange {
  shop: string;
  kind: TrafficKind;
  occurredAt: string;
  events: DevstoreEvent[];
}

export interface TrafficStats {
  changes: number;
  events: number;
  byKind: Record<TrafficKind, number>;
}

export interface Traffic {
  /** Performs `count` changes in each shop, synchronously, and returns them. */
  tick(count?: number): TrafficChange[];
  /** Stops the timer; tick() still works. */
  stop(): void;
  stats(): TrafficStats;
}

/** The fastest the timer fires; higher rates make several changes a firing. */
const MIN_INTERVAL_MS = 50;
export const MAX_TRAFFIC_PER_SECOND = 1000;
/** Refunds and cancellations pick among the shop's latest orders. */
const RECENT_ORDERS = 250;
const TITLE_SUFFIXES = ['Limited Edition', 'Restocked', 'New Colours'];
const REFUND_NOTES = ['Damaged in transit', 'Returned one item', 'Changed their mind', null];
const SEO_LINES = [
  (title: string, shop: string) => `The ${title}, made to last and shipped fast from ${shop}.`,
  (title: string, shop: string) => `Shop the ${title} at ${shop}: free returns within 30 days.`,
  (title: string) => `${title}: a customer favourite, back in stock.`,
];

/** Parses `--traffic` values: "2/s", "0.5/s" or "2" (changes per second in each shop). */
export function parseTrafficRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*s)?\s*$/.exec(text);
  const rate = match ? Number(match[1]) : Number.NaN;
  if (!Number.isFinite(rate) || rate > MAX_TRAFFIC_PER_SECOND)
    throw new Error(
      `--traffic must be a rate like 2/s (changes per second in each shop, at most ${MAX_TRAFFIC_PER_SECOND}), not "${text}"`,
    );
  return rate;
}

export function startTraffic(devstore: DevstoreState, options: TrafficOptions): Traffic {
  const { perSecond } = options;
  if (!Number.isFinite(perSecond) || perSecond < 0 || perSecond > MAX_TRAFFIC_PER_SECOND)
    throw new Error(`traffic: perSecond must be between 0 and ${MAX_TRAFFIC_PER_SECOND}, not ${perSecond}`);
  const movers = (options.shops ?? [...devstore.shops.keys()]).map((domain) => {
    const state = devstore.shop(domain);
    if (!state) throw new Error(`traffic: the devstore has no shop ${domain}`);
    return new ShopTraffic(state, stream(options.seed, `traffic:${domain}`), (event) => devstore.publish(event));
  });
  const stats: TrafficStats = { changes: 0, events: 0, byKind: zeroCounts() };
  const tick = (count = 1): TrafficChange[] => {
    const changes: TrafficChange[] = [];
    for (let n = 0; n < count; n++) {
      for (const mover of movers) {
        const change = mover.change();
        stats.changes++;
        stats.events += change.events.length;
        stats.byKind[change.kind]++;
        changes.push(change);
      }
    }
    return changes;
  };
  const timer = perSecond > 0 ? startTimer(perSecond, tick) : null;
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
    stats: () => ({ ...stats, byKind: { ...stats.byKind } }),
  };
}

function zeroCounts(): Record<TrafficKind, number> {
  return { order: 0, customer: 0, refund: 0, cancellation: 0, inventory: 0, product: 0 };
}

/** Fires every 1/perSecond s (at least 50 ms apart), carrying fractions over; never keeps the process alive. */
function startTimer(perSecond: number, tick: (count: number) => unknown): NodeJS.Timeout {
  const interval = Math.max(MIN_INTERVAL_MS, 1000 / perSecond);
  let owed = 0;
  const timer = setInterval(() => {
    owed += (perSecond * interval) / 1000;
    const count = Math.floor(owed + 1e-9);
    owed -= count;
    try {
      if (count > 0) tick(count);
    } catch (error) {
      console.error('devstore traffic:', error);
    }
  }, interval);
  timer.unref();
  return timer;
}

/** Net of `quantity` units of a line, its discount shared out per unit. */
function lineNet(line: R.LineItemRecord, quantity: number): number {
  return cents(line.unitPrice) * quantity - Math.round((cents(line.discount) * quantity) / line.quantity);
}

/** Units of a line not refunded yet. */
const remainingQuantity = (order: R.OrderRecord, line: R.LineItemRecord) =>
  line.quantity - refundedQuantity(order, line.id);

/** Money still refundable on an order: its total less what was refunded. */
function unrefunded(order: R.OrderRecord): number {
  const totals = orderTotals(order);
  return totals.total - totals.refunded;
}

function refundable(order: R.OrderRecord): boolean {
  return (
    order.cancelledAt === null &&
    (order.financialStatus === 'PAID' || order.financialStatus === 'PARTIALLY_REFUNDED') &&
    unrefunded(order) > 0 &&
    order.lineItems.some((line) => remainingQuantity(order, line) > 0)
  );
}

function cancellable(order: R.OrderRecord): boolean {
  return (
    order.cancelledAt === null &&
    order.fulfillmentStatus === 'UNFULFILLED' &&
    order.refunds.length === 0 &&
    (order.financialStatus === 'PAID' || order.financialStatus === 'AUTHORIZED' || order.financialStatus === 'PENDING')
  );
}

/** The shop's local calendar day around `time`, as the order generator wants it. */
function sellingDay(time: number, timeZone: string): SellingDay {
  const local = new Date(time + zoneOffset(timeZone, time));
  const start = time - (((local.getTime() % DAY_MS) + DAY_MS) % DAY_MS);
  return {
    start,
    end: start + DAY_MS,
    length: DAY_MS,
    month: local.getUTCMonth(),
    weekday: local.getUTCDay(),
    year: local.getUTCFullYear(),
    orders: 0,
  };
}

/** Active variants as the order generator's tables, weighted like the seed's, by product. */
function sellableVariants(state: ShopState): { catalog: SellableVariants; byProduct: Map<number, number[]> } {
  const catalog = emptySellableVariants();
  const byProduct = new Map<number, number[]>();
  let position = 0;
  for (const product of state.products.values()) {
    const popularity = (product.tags.includes('bestseller') ? 4 : 1) / (1 + (position++ % 40) / 8);
    if (product.status !== 'ACTIVE') continue;
    const indexes: number[] = [];
    product.variantIds.forEach((variantId, n) => {
      const variant = state.variants.get(variantId);
      if (!variant) return;
      indexes.push(catalog.variantIds.length);
      catalog.productIds.push(product.id);
      catalog.variantIds.push(variant.id);
      catalog.titles.push(product.title);
      catalog.variantTitles.push(variant.title === 'Default Title' ? null : variant.title);
      catalog.skus.push(variant.sku);
      catalog.priceCents.push(cents(variant.price));
      catalog.handles.push(product.handle);
      catalog.popularity.push(popularity * (n === 0 ? 1.5 : 1));
    });
    byProduct.set(product.id, indexes);
  }
  return { catalog, byProduct };
}

/** The shop's customers as the order generator's table; those who have ordered buy again. */
function customerTable(state: ShopState): { table: CustomerTable; resume: OrderResume; taken: Set<string> } {
  const table = emptyCustomerTable();
  const buyers = new Set<number>();
  let lastNumber = 1000;
  for (const order of state.orders.values()) {
    if (order.customerId !== null) buyers.add(order.customerId);
    lastNumber = Math.max(lastNumber, order.number);
  }
  const repeaters: number[] = [];
  const taken = new Set<string>();
  for (const customer of state.customers.values()) {
    if (buyers.has(customer.id)) repeaters.push(table.ids.length);
    if (customer.email !== null) taken.add(customer.email);
    table.ids.push(customer.id);
    table.createdAt.push(Date.parse(customer.createdAt));
    table.emails.push(customer.email);
    table.buyer.push(buyers.has(customer.id) ? Buyer.Repeat : Buyer.Never);
    table.vip.push(customer.tags.includes('VIP') ? 1 : 0);
    table.addresses.push({ firstName: customer.firstName, lastName: customer.lastName, ...customer.address });
  }
  return { table, resume: { nextNumber: lastNumber + 1, nextCustomer: table.ids.length, repeaters }, taken };
}

/** One shop's traffic: its own random stream, order writer and customer table. */
class ShopTraffic {
  readonly #state: ShopState;
  readonly #random: Random;
  readonly #publish: (event: DevstoreEvent) => void;
  readonly #region: Region;
  readonly #catalog: SellableVariants;
  readonly #catalogIndexes: Map<number, number[]>;
  readonly #customers: CustomerTable;
  readonly #emails: Set<string>;
  readonly #writer: OrderWriter;
  readonly #recent: number[];
  readonly #levelIds: number[];
  readonly #productIds: number[];
  #events: DevstoreEvent[] = [];

  constructor(state: ShopState, random: Random, publish: (event: DevstoreEvent) => void) {
    this.#state = state;
    this.#random = random;
    this.#publish = publish;
    this.#region = regionFor(state.shop.currencyCode);
    const { catalog, byProduct } = sellableVariants(state);
    this.#catalog = catalog;
    this.#catalogIndexes = byProduct;
    const { table, resume, taken } = customerTable(state);
    this.#customers = table;
    this.#emails = taken;
    const origin = `${state.shop.primaryDomain.sslEnabled ? 'https' : 'http'}://${state.shop.primaryDomain.host}`;
    const options = { days: [], now: Date.now(), region: this.#region, origin, catalog, customers: table };
    this.#writer = new OrderWriter(state, random, options, resume);
    this.#recent = [...state.orders.keys()].slice(-RECENT_ORDERS);
    this.#levelIds = [...state.inventoryLevels.keys()];
    this.#productIds = [...state.products.keys()];
  }

  /** One change, of a kind drawn from TRAFFIC_MIX; one that cannot happen becomes a new order or customer. */
  change(): TrafficChange {
    const at = this.#state.now();
    this.#events = [];
    const drawn = this.#random.weighted(TRAFFIC_MIX);
    const kind = ([drawn, 'order', 'customer'] as const).find((k) => this.#perform(k, at)) ?? 'customer';
    const events = this.#events;
    for (const event of events) this.#publish(event);
    return { shop: this.#state.shop.domain, kind, occurredAt: at, events };
  }

  #perform(kind: TrafficKind, at: string): boolean {
    switch (kind) {
      case 'order':
        return this.#order(at);
      case 'customer':
        return this.#customer(at);
      case 'refund':
        return this.#refund(at);
      case 'cancellation':
        return this.#cancel(at);
      case 'inventory':
        return this.#inventory(at);
      case 'product':
        return this.#productEdit(at);
    }
  }

  #emit(event: DevstoreEvent): void {
    this.#events.push(event);
  }

  #emitOrder(topic: 'orders/create' | 'orders/updated' | 'orders/paid' | 'orders/cancelled', order: R.OrderRecord) {
    this.#emit({ shop: this.#state.shop.domain, topic, orderId: order.id });
  }

  /** A customer's order count or amount spent changed. */
  #customerStatsChanged(order: R.OrderRecord, at: string): void {
    const customer = order.customerId === null ? undefined : this.#state.customers.get(order.customerId);
    if (!customer) return;
    customer.updatedAt = at;
    this.#emit({ shop: this.#state.shop.domain, topic: 'customers/update', customerId: customer.id });
  }

  #order(at: string): boolean {
    if (this.#catalog.variantIds.length === 0) return false;
    const time = Date.parse(at);
    const order = this.#writer.write(time, sellingDay(time, this.#state.shop.ianaTimezone), time);
    order.createdAt = at;
    order.processedAt = at;
    order.updatedAt = at;
    this.#recent.push(order.id);
    if (this.#recent.length > RECENT_ORDERS) this.#recent.shift();
    this.#emitOrder('orders/create', order);
    if (order.financialStatus === 'PAID') this.#emitOrder('orders/paid', order);
    this.#customerStatsChanged(order, at);
    return true;
  }

  #customer(at: string): boolean {
    const time = Date.parse(at);
    const customer = createCustomer(this.#state, this.#random, this.#customers, {
      index: this.#state.customers.size,
      createdAt: time,
      now: time,
      region: this.#region,
      taken: this.#emails,
    });
    customer.createdAt = at;
    customer.updatedAt = at;
    this.#emit({ shop: this.#state.shop.domain, topic: 'customers/create', customerId: customer.id });
    return true;
  }

  #recentOrder(eligible: (order: R.OrderRecord) => boolean): R.OrderRecord | null {
    const candidates: R.OrderRecord[] = [];
    for (const id of this.#recent) {
      const order = this.#state.orders.get(id);
      if (order && eligible(order)) candidates.push(order);
    }
    return candidates.length === 0 ? null : this.#random.pick(candidates);
  }

  #refund(at: string): boolean {
    const order = this.#recentOrder(refundable);
    if (!order) return false;
    this.#addRefund(order, at, this.#random.chance(0.35));
    order.updatedAt = at;
    this.#emitOrder('orders/updated', order);
    this.#customerStatsChanged(order, at);
    return true;
  }

  /**
   * A full refund returns everything not yet returned; a partial one returns
   * one unit of one line with its tax. Never more than the order's total.
   */
  #addRefund(order: R.OrderRecord, at: string, full: boolean): void {
    const open = order.lineItems.filter((line) => remainingQuantity(order, line) > 0);
    const lines = full ? open : [this.#random.pick(open)];
    const refundLines = lines.map((line) => {
      const quantity = full ? remainingQuantity(order, line) : 1;
      return { lineItemId: line.id, quantity, subtotal: money(lineNet(line, quantity)) };
    });
    const remaining = unrefunded(order);
    const everything = full || (open.length === 1 && remainingQuantity(order, open[0] as R.LineItemRecord) === 1);
    const partial = cents(refundLines[0]?.subtotal ?? '0');
    const total = everything ? remaining : Math.min(remaining, partial + Math.round(partial * this.#region.taxRate));
    const refund: R.RefundRecord = {
      id: this.#state.nextId(),
      createdAt: at,
      note: full ? null : this.#random.pick(REFUND_NOTES),
      lines: refundLines,
      total: money(total),
    };
    order.refunds.push(refund);
    order.financialStatus = total >= remaining ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    this.#emit({ shop: this.#state.shop.domain, topic: 'refunds/create', orderId: order.id, refundId: refund.id });
  }

  /** Cancels an unfulfilled order (a risky one first): paid money goes back, an authorization is voided. */
  #cancel(at: string): boolean {
    const risky = this.#random.chance(0.5) ? this.#recentOrder((o) => cancellable(o) && o.risk.level === 'HIGH') : null;
    const order = risky ?? this.#recentOrder(cancellable);
    if (!order) return false;
    order.cancelledAt = at;
    order.cancelReason = order.risk.level === 'HIGH' ? 'FRAUD' : this.#random.weighted(CANCEL_REASONS);
    order.updatedAt = at;
    this.#emitOrder('orders/cancelled', order);
    if (order.financialStatus === 'PAID') this.#addRefund(order, at, true);
    else order.financialStatus = 'VOIDED';
    this.#emitOrder('orders/updated', order);
    this.#customerStatsChanged(order, at);
    return true;
  }

  /** A sale or adjustment takes 1–3 units; a restock adds 5–40 (always, once a level is empty). */
  #inventory(at: string): boolean {
    if (this.#levelIds.length === 0) return false;
    const level = this.#state.inventoryLevels.get(this.#random.pick(this.#levelIds));
    if (!level) return false;
    const restock = level.available <= 0 || this.#random.chance(0.35);
    level.available = restock
      ? Math.max(0, level.available) + this.#random.int(5, 40)
      : level.available - Math.min(level.available, this.#random.int(1, 3));
    level.updatedAt = at;
    this.#emit({ shop: this.#state.shop.domain, topic: 'inventory_levels/update', inventoryLevelId: level.id });
    return true;
  }

  /** A merchant's edit: the title, a tag, the prices or the SEO fields. */
  #productEdit(at: string): boolean {
    if (this.#productIds.length === 0) return false;
    const product = this.#state.products.get(this.#random.pick(this.#productIds));
    if (!product) return false;
    const edit = this.#random.pick(['title', 'tags', 'price', 'seo'] as const);
    if (edit === 'title') this.#retitle(product);
    else if (edit === 'tags') this.#retag(product);
    else if (edit === 'price') this.#reprice(product, at);
    else this.#rewriteSeo(product);
    product.updatedAt = at;
    this.#emit({ shop: this.#state.shop.domain, topic: 'products/update', productId: product.id });
    return true;
  }

  #retitle(product: R.ProductRecord): void {
    const dash = product.title.indexOf(' – ');
    product.title =
      dash >= 0 ? product.title.slice(0, dash) : `${product.title} – ${this.#random.pick(TITLE_SUFFIXES)}`;
    for (const index of this.#catalogIndexes.get(product.id) ?? []) this.#catalog.titles[index] = product.title;
  }

  #retag(product: R.ProductRecord): void {
    const removable = product.tags.filter((tag) => tag !== product.productType.toLowerCase());
    const addable = PRODUCT_TAGS.filter((tag) => !product.tags.includes(tag));
    if (addable.length > 0 && (removable.length === 0 || this.#random.chance(0.6)))
      product.tags = [...product.tags, this.#random.pick(addable)];
    else {
      const gone = this.#random.pick(removable);
      product.tags = product.tags.filter((tag) => tag !== gone);
    }
  }

  /** All variants up or down 10–15%, to whole units (…,90 in France, as the seed prices). */
  #reprice(product: R.ProductRecord, at: string): void {
    const factor = this.#random.pick([0.85, 0.9, 1.1, 1.15]);
    const prices = new Map<number, number>();
    for (const variantId of product.variantIds) {
      const variant = this.#state.variants.get(variantId);
      if (!variant) continue;
      const whole = Math.max(100, Math.round((cents(variant.price) * factor) / 100) * 100);
      const price = this.#region.countryCode === 'FR' ? whole - 10 : whole;
      variant.price = money(price);
      if (variant.compareAtPrice !== null && cents(variant.compareAtPrice) <= price) variant.compareAtPrice = null;
      variant.updatedAt = at;
      prices.set(variant.id, price);
    }
    for (const index of this.#catalogIndexes.get(product.id) ?? []) {
      const price = prices.get(this.#catalog.variantIds[index] ?? -1);
      if (price !== undefined) this.#catalog.priceCents[index] = price;
    }
  }

  #rewriteSeo(product: R.ProductRecord): void {
    const line = this.#random.pick(SEO_LINES);
    product.seo = {
      title: `${product.title} | ${this.#state.shop.name}`,
      description: line(product.title, this.#state.shop.name),
    };
  }
}
