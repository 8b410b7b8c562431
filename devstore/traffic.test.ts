import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDevstore } from './index';
import { DEFAULT_SHOPS, seedShop, type SeedOptions } from './seed/index';
import type { ShopState } from './state/shop-state';
import type { OrderRecord } from './state/types';
import { devstoreWith, gql } from './test-support';
import { parseTrafficRate, startTraffic, TRAFFIC_MIX, type TrafficKind } from './traffic';
import type { DevstoreEvent } from './webhooks/events';

const NOW = new Date('2026-06-15T12:00:00Z');
/** The live clock: an hour after the seeded history ends. */
const LIVE = new Date('2026-06-15T13:00:00Z');
const MAPLE = DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number];
const HARBOR = DEFAULT_SHOPS[1] as (typeof DEFAULT_SHOPS)[number];

function small(overrides: Partial<SeedOptions> = {}): Promise<ShopState> {
  return seedShop({
    ...MAPLE,
    seed: 5,
    products: 30,
    customers: 200,
    orders: 600,
    now: NOW,
    images: false,
    ...overrides,
  });
}

/** A devstore over the shops that records every published event. */
function recorded(...shops: ShopState[]) {
  const devstore = devstoreWith(...shops);
  const events: DevstoreEvent[] = [];
  devstore.subscribe((event) => events.push(event));
  return { devstore, events };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

function orderTotal(order: OrderRecord): number {
  const lines = order.lineItems.reduce(
    (sum, line) => sum + cents(line.unitPrice) * line.quantity - cents(line.discount),
    0,
  );
  return lines + cents(order.shipping) + cents(order.tax);
}

/** "topic id[/id]" of an event, to compare with what changed. */
function key(event: DevstoreEvent): string {
  if ('refundId' in event) return `${event.topic} ${event.orderId}/${event.refundId}`;
  if ('orderId' in event) return `${event.topic} ${event.orderId}`;
  if ('customerId' in event) return `${event.topic} ${event.customerId}`;
  if ('productId' in event) return `${event.topic} ${event.productId}`;
  if ('inventoryLevelId' in event) return `${event.topic} ${event.inventoryLevelId}`;
  return event.topic;
}

/** What a state holds, for comparing two runs and finding what changed. */
function snapshot(state: ShopState) {
  return JSON.parse(
    JSON.stringify({
      orders: [...state.orders.values()],
      customers: [...state.customers.values()],
      products: [...state.products.values()],
      variants: [...state.variants.values()],
      levels: [...state.inventoryLevels.values()],
    }),
  ) as {
    orders: OrderRecord[];
    customers: ShopState['customers'] extends Map<number, infer C> ? C[] : never;
    products: ShopState['products'] extends Map<number, infer P> ? P[] : never;
    variants: ShopState['variants'] extends Map<number, infer V> ? V[] : never;
    levels: ShopState['inventoryLevels'] extends Map<number, infer L> ? L[] : never;
  };
}

/** The events a change between two snapshots must have published, as keys. */
function expectedEvents(before: ReturnType<typeof snapshot>, state: ShopState): string[] {
  const keys = new Set<string>();
  const oldOrders = new Map(before.orders.map((order) => [order.id, order]));
  for (const order of state.orders.values()) {
    const old = oldOrders.get(order.id);
    if (!old) {
      keys.add(`orders/create ${order.id}`);
      // Paid at checkout: refunds may have moved it on since.
      if (['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(order.financialStatus))
        keys.add(`orders/paid ${order.id}`);
    }
    if ((old?.updatedAt ?? order.createdAt) !== order.updatedAt) keys.add(`orders/updated ${order.id}`);
    if ((old?.cancelledAt ?? null) === null && order.cancelledAt !== null) keys.add(`orders/cancelled ${order.id}`);
    const oldRefunds = new Set((old?.refunds ?? []).map((refund) => refund.id));
    for (const refund of order.refunds)
      if (!oldRefunds.has(refund.id)) keys.add(`refunds/create ${order.id}/${refund.id}`);
  }
  const oldCustomers = new Map(before.customers.map((customer) => [customer.id, customer]));
  for (const customer of state.customers.values()) {
    const old = oldCustomers.get(customer.id);
    if (!old) keys.add(`customers/create ${customer.id}`);
    if (old ? old.updatedAt !== customer.updatedAt : customer.updatedAt !== customer.createdAt)
      keys.add(`customers/update ${customer.id}`);
  }
  const oldProducts = new Map(before.products.map((product) => [product.id, product.updatedAt]));
  for (const product of state.products.values())
    if (oldProducts.get(product.id) !== product.updatedAt) keys.add(`products/update ${product.id}`);
  const oldLevels = new Map(before.levels.map((level) => [level.id, level.updatedAt]));
  for (const level of state.inventoryLevels.values())
    if (oldLevels.get(level.id) !== level.updatedAt) keys.add(`inventory_levels/update ${level.id}`);
  return [...keys].sort();
}

describe('devstore traffic: changes in the shop', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: LIVE });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds orders numbered on from the seed, with line items from active variants at their prices', async () => {
    const state = await small();
    const { devstore } = recorded(state);
    const lastNumber = Math.max(...[...state.orders.values()].map((order) => order.number));
    const before = state.orders.size;
    const problems: string[] = [];
    devstore.subscribe((event) => {
      if (event.topic !== 'orders/create') return;
      const order = state.orders.get(event.orderId) as OrderRecord;
      for (const line of order.lineItems) {
        const variant = state.variants.get(line.variantId ?? -1);
        const product = state.products.get(line.productId ?? -1);
        if (!variant || variant.productId !== product?.id || product.status !== 'ACTIVE')
          problems.push(`#${order.number}: line ${line.id} is not an active variant`);
        else if (line.unitPrice !== variant.price || line.sku !== variant.sku || line.title !== product.title)
          problems.push(`#${order.number}: line ${line.id} sells at ${line.unitPrice}, not ${variant.price}`);
        if (line.quantity < 1) problems.push(`#${order.number}: quantity ${line.quantity}`);
      }
    });
    const traffic = startTraffic(devstore, { perSecond: 0, seed: 3 });
    const changes = traffic.tick(400);
    const created = changes.filter((change) => change.kind === 'order').length;
    const newOrders = [...state.orders.values()].slice(before);

    expect(problems).toEqual([]);
    expect(state.orders.size).toEqual(before + created);
    expect(created).toBeGreaterThan(200);
    expect(newOrders.map((order) => order.number)).toEqual(newOrders.map((_, n) => lastNumber + 1 + n));
    for (const order of newOrders) {
      expect(order.createdAt > NOW.toISOString()).toEqual(true);
      expect(order.lineItems.length).toBeGreaterThan(0);
      expect(order.presentmentRate > 0 && orderTotal(order) > 0).toEqual(true);
    }
    const sources = new Set(newOrders.map((order) => order.sourceName));
    expect([...sources].sort()).toEqual(['pos', 'shopify_draft_order', 'web']);
    expect(newOrders.some((order) => order.discountCodes.length > 0)).toEqual(true);
    expect(newOrders.some((order) => order.journey?.utm?.source === 'google')).toEqual(true);
    expect(newOrders.some((order) => order.risk.level !== 'LOW')).toEqual(true);
    expect(newOrders.some((order) => order.customerId === null)).toEqual(true);
  });

  it('lets new customers place first orders, and returning customers order again', async () => {
    const state = await small();
    const { devstore } = recorded(state);
    const existing = new Set(state.customers.keys());
    const traffic = startTraffic(devstore, { perSecond: 0, seed: 3 });
    traffic.tick(400);
    const created = [...state.customers.values()].filter((customer) => !existing.has(customer.id));
    const emails = [...state.customers.values()].flatMap((customer) => (customer.email ? [customer.email] : []));
    const buyers = new Set([...state.orders.values()].slice(600).map((order) => order.customerId));

    expect(created.length).toEqual(traffic.stats().byKind.customer);
    expect(created.filter((customer) => buyers.has(customer.id)).length).toBeGreaterThan(0);
    expect([...existing].filter((id) => buyers.has(id)).length).toBeGreaterThan(0);
    expect(new Set(emails).size).toEqual(emails.length);
    for (const customer of created) expect(customer.createdAt > NOW.toISOString()).toEqual(true);
  });

  it('never refunds more than an order total, and keeps the financial status in step', async () => {
    const state = await small();
    const { devstore, events } = recorded(state);
    startTraffic(devstore, { perSecond: 0, seed: 11 }).tick(1500);
    const refundEvents = events.filter((event) => event.topic === 'refunds/create');
    const ids = refundEvents.map((event) => ('orderId' in event ? event.orderId : 0));
    const refunded = [...new Set(ids)].map((id) => state.orders.get(id) as OrderRecord);

    expect(refundEvents.length).toBeGreaterThan(50);
    expect(refunded.some((order) => order.refunds.length > 1)).toEqual(true);
    for (const order of refunded) {
      const total = orderTotal(order);
      const returned = order.refunds.reduce((sum, refund) => sum + cents(refund.total), 0);
      expect(returned).toBeLessThanOrEqual(total);
      if (order.financialStatus === 'PARTIALLY_REFUNDED') expect(returned).toBeLessThan(total);
      if (order.financialStatus === 'REFUNDED') expect(returned).toEqual(total);
      for (const line of order.lineItems) {
        const quantity = order.refunds.flatMap((refund) => refund.lines).filter((r) => r.lineItemId === line.id);
        expect(quantity.reduce((sum, r) => sum + r.quantity, 0)).toBeLessThanOrEqual(line.quantity);
      }
    }
    const some = ids.slice(0, 20);
    const query = `query($q: String) { orders(first: 50, query: $q) { nodes { id
      totalPriceSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } } displayFinancialStatus } } }`;
    const result = await gql(state, query, { q: some.map((id) => `id:${id}`).join(' OR ') });
    const nodes = result.data?.orders.nodes as {
      totalPriceSet: { shopMoney: { amount: string } };
      totalRefundedSet: { shopMoney: { amount: string } };
      displayFinancialStatus: string;
    }[];
    expect(nodes.length).toEqual(new Set(some).size);
    for (const node of nodes) {
      expect(cents(node.totalRefundedSet.shopMoney.amount)).toBeLessThanOrEqual(
        cents(node.totalPriceSet.shopMoney.amount),
      );
      expect(['PARTIALLY_REFUNDED', 'REFUNDED']).toContain(node.displayFinancialStatus);
    }
  });

  it('cancels unfulfilled orders: paid ones refunded in full, others voided', async () => {
    const state = await small();
    const { devstore } = recorded(state);
    const changes = startTraffic(devstore, { perSecond: 0, seed: 11 }).tick(1500);
    const cancelled = changes
      .filter((change) => change.kind === 'cancellation')
      .map((change) => state.orders.get((change.events[0] as { orderId: number }).orderId) as OrderRecord);

    expect(cancelled.length).toBeGreaterThan(10);
    for (const order of cancelled) {
      expect(order.cancelledAt !== null && order.cancelReason !== null).toEqual(true);
      if (order.risk.level === 'HIGH') expect(order.cancelReason).toEqual('FRAUD');
      expect(['REFUNDED', 'VOIDED']).toContain(order.financialStatus);
      if (order.financialStatus === 'REFUNDED')
        expect(order.refunds.reduce((sum, refund) => sum + cents(refund.total), 0)).toEqual(orderTotal(order));
    }
  });

  it('publishes the right event for every change, and nothing else', async () => {
    const state = await small();
    const { devstore, events } = recorded(state);
    const before = snapshot(state);
    const traffic = startTraffic(devstore, { perSecond: 0, seed: 7 });
    const changes = traffic.tick(600);

    expect([...new Set(events.map(key))].sort()).toEqual(expectedEvents(before, state));
    expect(changes.flatMap((change) => change.events)).toEqual(events);
    expect(events.every((event) => event.shop === MAPLE.domain)).toEqual(true);
    for (const change of changes) {
      const topics = change.events.map((event) => event.topic);
      const first: Record<TrafficKind, string> = {
        order: 'orders/create',
        customer: 'customers/create',
        refund: 'refunds/create',
        cancellation: 'orders/cancelled',
        inventory: 'inventory_levels/update',
        product: 'products/update',
      };
      expect(topics[0]).toEqual(first[change.kind]);
    }
    const stats = traffic.stats();
    expect(stats.changes).toEqual(600);
    expect(stats.events).toEqual(events.length);
    const share = (kind: TrafficKind) => stats.byKind[kind] / stats.changes;
    for (const [kind, weight] of TRAFFIC_MIX) expect(Math.abs(share(kind) - weight)).toBeLessThan(0.05);
  });

  it('moves inventory levels and edits products (title, tags, prices, SEO) with the shop clock', async () => {
    const state = await small();
    const { devstore } = recorded(state);
    const before = snapshot(state);
    const startedAt = state.now();
    startTraffic(devstore, { perSecond: 0, seed: 7 }).tick(600);
    const changedLevels = before.levels.filter((old) => state.inventoryLevels.get(old.id)?.updatedAt !== old.updatedAt);
    const edited = before.products.filter((old) => state.products.get(old.id)?.updatedAt !== old.updatedAt);
    const repriced = before.variants.filter((old) => state.variants.get(old.id)?.price !== old.price);

    expect(changedLevels.length).toBeGreaterThan(20);
    expect(changedLevels.some((old) => (state.inventoryLevels.get(old.id)?.available ?? 0) > old.available)).toEqual(
      true,
    );
    expect(changedLevels.some((old) => (state.inventoryLevels.get(old.id)?.available ?? 0) < old.available)).toEqual(
      true,
    );
    expect([...state.inventoryLevels.values()].every((level) => level.available >= 0)).toEqual(true);
    expect(edited.some((old) => state.products.get(old.id)?.title !== old.title)).toEqual(true);
    expect(edited.some((old) => state.products.get(old.id)?.tags.join() !== old.tags.join())).toEqual(true);
    expect(edited.some((old) => state.products.get(old.id)?.seo.description !== old.seo.description)).toEqual(true);
    expect(repriced.length).toBeGreaterThan(0);
    for (const old of repriced) {
      const variant = state.variants.get(old.id);
      const productUpdatedAt = state.products.get(old.productId)?.updatedAt ?? '';
      expect((variant?.updatedAt ?? '') > startedAt && (variant?.updatedAt ?? '') <= productUpdatedAt).toEqual(true);
    }
  });

  it('makes every changed order visible to updated_at:> through the Admin API', async () => {
    const state = await small();
    const { devstore, events } = recorded(state);
    const since = state.now();
    startTraffic(devstore, { perSecond: 0, seed: 21 }).tick(150);
    const changed = new Set(
      events.flatMap((event) => ('orderId' in event ? [`gid://shopify/Order/${event.orderId}`] : [])),
    );
    const query = `query($q: String, $after: String) { orders(first: 40, after: $after, query: $q) {
      pageInfo { hasNextPage endCursor } nodes { id updatedAt } } }`;
    const found: string[] = [];
    let after: string | null = null;
    do {
      const result = await gql(state, query, { q: `updated_at:>'${since}'`, after });
      const page = result.data?.orders as {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { id: string; updatedAt: string }[];
      };
      found.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);

    expect(changed.size).toBeGreaterThan(40);
    expect(found.length).toEqual(new Set(found).size);
    expect([...found].sort()).toEqual([...changed].sort());
  });

  it('makes the same changes for the same seed, and others for another seed', async () => {
    const run = async (seed: number) => {
      vi.setSystemTime(LIVE);
      const state = await small();
      const { devstore, events } = recorded(state);
      startTraffic(devstore, { perSecond: 0, seed }).tick(300);
      return { state: snapshot(state), events };
    };
    const first = await run(4);
    const second = await run(4);
    const other = await run(5);

    expect(second).toEqual(first);
    expect(other.events.map(key)).not.toEqual(first.events.map(key));
  });

  it('moves only the shops it is given, each from its own catalog', async () => {
    const maple = await small();
    const harbor = await small({ ...HARBOR, seed: 6 });
    const { devstore, events } = recorded(maple, harbor);
    const mapleBefore = snapshot(maple);
    startTraffic(devstore, { perSecond: 0, seed: 2, shops: [HARBOR.domain] }).tick(100);

    expect(snapshot(maple)).toEqual(mapleBefore);
    expect(events.length).toBeGreaterThan(100);
    expect(events.every((event) => event.shop === HARBOR.domain)).toEqual(true);
    for (const order of [...harbor.orders.values()].slice(600))
      for (const line of order.lineItems) expect(harbor.variants.has(line.variantId ?? -1)).toEqual(true);

    const both = recorded(maple, harbor);
    const changes = startTraffic(both.devstore, { perSecond: 0, seed: 2 }).tick(10);
    expect(changes.map((change) => change.shop)).toEqual(
      Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? MAPLE.domain : HARBOR.domain)),
    );
  });
});

describe('devstore traffic: timer and options', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes perSecond changes a second in each shop until stopped', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: LIVE });
    const maple = await small();
    const harbor = await small({ ...HARBOR, seed: 6 });
    const { devstore, events } = recorded(maple, harbor);
    const traffic = startTraffic(devstore, { perSecond: 4, seed: 1 });
    vi.advanceTimersByTime(2000);
    expect(traffic.stats().changes).toEqual(16);
    expect(events.length).toEqual(traffic.stats().events);
    traffic.stop();
    vi.advanceTimersByTime(5000);
    expect(traffic.stats().changes).toEqual(16);
    expect(vi.getTimerCount()).toEqual(0);

    const slow = startTraffic(devstore, { perSecond: 0.5, seed: 1, shops: [MAPLE.domain] });
    vi.advanceTimersByTime(4000);
    expect(slow.stats().changes).toEqual(2);
    const fast = startTraffic(devstore, { perSecond: 200, seed: 1, shops: [MAPLE.domain] });
    vi.advanceTimersByTime(1000);
    expect(fast.stats().changes).toEqual(200);
    slow.stop();
    fast.stop();
    expect(vi.getTimerCount()).toEqual(0);
  });

  it('runs on a real timer that does not keep the process alive', async () => {
    const state = await small();
    const { devstore } = recorded(state);
    const setTimer = vi.spyOn(globalThis, 'setInterval');
    const clearTimer = vi.spyOn(globalThis, 'clearInterval');
    const traffic = startTraffic(devstore, { perSecond: 100, seed: 1 });
    const timer = setTimer.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toEqual(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    traffic.stop();
    const made = traffic.stats().changes;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(100);
    expect(traffic.stats().changes).toEqual(made);
    expect(clearTimer).toHaveBeenCalledWith(timer);
    vi.restoreAllMocks();
  });

  it('starts with startDevstore({ traffic }) and stops on close()', async () => {
    const state = await small();
    const devstore = await startDevstore({
      port: 0,
      shops: [state],
      traffic: 50,
      app: { apiKey: 'key', apiSecret: 'secret', scopes: ['read_orders'] },
    });
    const off = await startDevstore({
      port: 0,
      shops: [await small()],
      app: { apiKey: 'key', apiSecret: 'secret', scopes: ['read_orders'] },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await devstore.close();
    await off.close();
    const made = devstore.traffic?.stats().changes ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(made).toBeGreaterThan(0);
    expect(devstore.traffic?.stats().changes).toEqual(made);
    expect(off.traffic).toEqual(null);
  });

  it('parses --traffic rates and refuses bad ones', async () => {
    expect(['2/s', '2', '0.5/s', ' 3 / s ', '0'].map(parseTrafficRate)).toEqual([2, 2, 0.5, 3, 0]);
    for (const bad of ['fast', '-1/s', '2/m', '5000/s', ''])
      expect(() => parseTrafficRate(bad)).toThrow(`--traffic must be a rate like 2/s`);
    const devstore = devstoreWith(await small());
    expect(() => startTraffic(devstore, { perSecond: -1, seed: 1 })).toThrow('perSecond must be between 0 and 1000');
    expect(() => startTraffic(devstore, { perSecond: 1, seed: 1, shops: ['nowhere.myshopify.com'] })).toThrow(
      'the devstore has no shop nowhere.myshopify.com',
    );
  });
});
