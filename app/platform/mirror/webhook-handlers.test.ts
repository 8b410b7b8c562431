import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { seedDefaultShops } from '../../../devstore/seed';
import { buildPayload } from '../../../devstore/webhooks/payloads';
import type { DevstoreEvent } from '../../../devstore/webhooks/events';
import type { InboxEvent } from '../webhooks/types';
import { WebhookPayloadError } from './from-webhook';
import { MIRROR_WEBHOOK_HANDLERS } from './webhook-handlers.server';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const [state] = await seedDefaultShops({ seed: 5, products: 6, customers: 20, orders: 60, images: false, now: NOW });
if (!state) throw new Error('the devstore seeded no shop');
const SHOP = state.shop.domain;

let sequence = 0;

function inboxEvent(topic: string, payload: unknown, triggeredAt: Date | null = null): InboxEvent {
  sequence++;
  return {
    id: BigInt(sequence),
    shop: SHOP,
    topic,
    eventId: `event-${sequence}`,
    webhookId: `webhook-${sequence}`,
    apiVersion: '2026-10',
    triggeredAt,
    receivedAt: new Date(NOW.getTime() + sequence * 1000),
    payload,
  };
}

function devstoreEvent(event: DevstoreEvent, triggeredAt: Date | null = null): InboxEvent {
  const payload = buildPayload(event, state!, { baseUrl: 'http://devstore.test', sequence: 1, at: NOW.toISOString() });
  if (!payload) throw new Error(`the devstore has nothing for ${event.topic}`);
  return inboxEvent(event.topic, JSON.parse(JSON.stringify(payload)), triggeredAt);
}

/** As the webhook processor runs a handler: inside the event's transaction. */
async function handle(event: InboxEvent): Promise<void> {
  const handler = MIRROR_WEBHOOK_HANDLERS[event.topic];
  if (!handler) throw new Error(`no mirror handler for ${event.topic}`);
  await prisma.$transaction((tx) => handler(tx, event));
}

describe('mirror webhook handlers', () => {
  it('cover the mirror topics', () => {
    expect(Object.keys(MIRROR_WEBHOOK_HANDLERS).sort()).toEqual(
      [
        'customers/create',
        'customers/delete',
        'customers/update',
        'inventory_levels/update',
        'orders/cancelled',
        'orders/create',
        'orders/paid',
        'orders/updated',
        'products/create',
        'products/delete',
        'products/update',
        'refunds/create',
      ].sort(),
    );
  });

  it("write every devstore record's webhook to the mirror, and a replay changes nothing", async () => {
    const events: InboxEvent[] = [
      ...[...state.products.values()].map((p) =>
        devstoreEvent({ topic: 'products/update', shop: SHOP, productId: p.id }),
      ),
      ...[...state.customers.values()].map((c) =>
        devstoreEvent({ topic: 'customers/create', shop: SHOP, customerId: c.id }),
      ),
      ...[...state.orders.values()].flatMap((o) => [
        devstoreEvent({ topic: 'orders/create', shop: SHOP, orderId: o.id }),
        ...o.refunds.map((r) => devstoreEvent({ topic: 'refunds/create', shop: SHOP, orderId: o.id, refundId: r.id })),
      ]),
      ...[...state.inventoryLevels.values()].map((l) =>
        devstoreEvent({ topic: 'inventory_levels/update', shop: SHOP, inventoryLevelId: l.id }),
      ),
    ];
    for (const event of events) await handle(event);
    const counts = async () => ({
      products: await prisma.product.count({ where: { shop: SHOP } }),
      variants: await prisma.productVariant.count({ where: { shop: SHOP, deletedAt: null } }),
      customers: await prisma.customer.count({ where: { shop: SHOP } }),
      orders: await prisma.order.count({ where: { shop: SHOP } }),
      lines: await prisma.orderLineItem.count({ where: { shop: SHOP } }),
      refunds: await prisma.refund.count({ where: { shop: SHOP } }),
      levels: await prisma.inventoryLevel.count({ where: { shop: SHOP } }),
    });
    const expected = {
      products: state.products.size,
      variants: [...state.products.values()].reduce((sum, p) => sum + p.variantIds.length, 0),
      customers: state.customers.size,
      orders: state.orders.size,
      lines: [...state.orders.values()].reduce((sum, o) => sum + o.lineItems.length, 0),
      refunds: [...state.orders.values()].reduce((sum, o) => sum + o.refunds.length, 0),
      levels: state.inventoryLevels.size,
    };
    expect(await counts()).toEqual(expected);
    for (const event of events.slice(0, 40)) await handle(event);
    expect(await counts()).toEqual(expected);
  });

  it('a late older order update is ignored; a deletion stays a deletion', async () => {
    const record = [...state.orders.values()].find((o) => o.lineItems.length > 0)!;
    const newer = devstoreEvent({ topic: 'orders/paid', shop: SHOP, orderId: record.id });
    const older = structuredClone(newer.payload) as Record<string, unknown>;
    older.updated_at = '2020-01-01T00:00:00+00:00';
    older.tags = 'stale';
    await handle(newer);
    await handle(inboxEvent('orders/updated', older));
    const stored = await prisma.order.findUniqueOrThrow({ where: { shop_id: { shop: SHOP, id: BigInt(record.id) } } });
    expect(stored.tags).not.toContain('stale');

    const product = [...state.products.values()][0]!;
    const update = devstoreEvent({ topic: 'products/update', shop: SHOP, productId: product.id });
    const deletedAt = new Date('2030-01-01T00:00:00.000Z');
    await handle(devstoreEvent({ topic: 'products/delete', shop: SHOP, productId: product.id }, deletedAt));
    await handle(update);
    const row = await prisma.product.findUniqueOrThrow({ where: { shop_id: { shop: SHOP, id: BigInt(product.id) } } });
    expect(row.deletedAt).toEqual(deletedAt);

    const person = [...state.customers.values()][0]!;
    await handle(devstoreEvent({ topic: 'customers/delete', shop: SHOP, customerId: person.id }));
    const customer = await prisma.customer.findUniqueOrThrow({
      where: { shop_id: { shop: SHOP, id: BigInt(person.id) } },
    });
    expect(customer.deletedAt).not.toBeNull();
  });

  it('reject a payload without what the mirror needs, with a message saying what', async () => {
    await expect(handle(inboxEvent('orders/updated', { id: 1, name: '#1' }))).rejects.toThrow(WebhookPayloadError);
    await expect(handle(inboxEvent('products/delete', { title: 'no id' }))).rejects.toThrow(
      'products/delete payload rejected: id: Required',
    );
  });
});
