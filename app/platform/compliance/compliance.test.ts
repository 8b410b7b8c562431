import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { applyCustomers, applyOrders } from '../mirror/apply.server';
import { at, customer, order } from '../mirror/fixtures';
import type { InboxEvent } from '../webhooks/types';
import type { CustomerDataExport } from './compliance.server';
import { COMPLIANCE_WEBHOOK_HANDLERS } from './webhook-handlers.server';
import {
  BIG_ID,
  CUSTOMER,
  ORDERS,
  OTHER,
  PERSONAL_STRINGS,
  SHOP_MODELS,
  requestPayload,
  rowsAsText,
  seedCustomerData,
  seedEveryModel,
} from './test-shop-data';

let counter = 0;

function inboxEvent(shop: string, topic: string, payload: unknown, eventId = `${topic}-${++counter}`): InboxEvent {
  return {
    id: BigInt(counter),
    shop,
    topic,
    eventId,
    webhookId: `wh-${eventId}`,
    apiVersion: '2026-10',
    triggeredAt: at(50),
    receivedAt: at(51),
    payload,
  };
}

/** Runs a compliance topic the way the webhook processor does: inside its transaction. */
async function handle(event: InboxEvent): Promise<void> {
  const handler = COMPLIANCE_WEBHOOK_HANDLERS[event.topic];
  if (!handler) throw new Error(`no handler for ${event.topic}`);
  await prisma.$transaction((tx) => handler(tx, event));
}

function leftovers(tables: Record<string, string[]>): string[] {
  return Object.entries(tables).flatMap(([model, rows]) =>
    rows.flatMap((row) =>
      PERSONAL_STRINGS.filter((term) => row.toLowerCase().includes(term.toLowerCase())).map(
        (term) => `${model}: "${term}" in ${row.slice(0, 160)}`,
      ),
    ),
  );
}

describe('customers/redact', () => {
  it('leaves none of the customer in any table of the shop, keeps the accounts and the other shop', async () => {
    const [shop, neighbour] = ['redact-a.myshopify.com', 'redact-b.myshopify.com'];
    for (const name of [shop, neighbour]) {
      await seedCustomerData(prisma, name);
      // A data request made earlier: its export holds the customer's data too.
      await handle(inboxEvent(name, 'customers/data_request', requestPayload('data_request')));
    }
    const before = await rowsAsText(prisma, shop);
    expect(leftovers(before).length).toBeGreaterThan(20);
    const neighbourBefore = await rowsAsText(prisma, neighbour);

    const redact = inboxEvent(shop, 'customers/redact', requestPayload('redact'), 'redact-event');
    await prisma.webhookEvent.create({
      data: {
        shop,
        topic: redact.topic,
        eventId: redact.eventId,
        webhookId: redact.webhookId,
        apiVersion: redact.apiVersion,
        payload: redact.payload as object,
      },
    });
    await handle(redact);

    const after = await rowsAsText(prisma, shop);
    expect(leftovers(after)).toEqual([]);
    expect(await rowsAsText(prisma, neighbour)).toEqual(neighbourBefore);

    // The shop's accounting keeps the orders, their money and lines; the other customer keeps everything.
    const orders = await prisma.order.findMany({ where: { shop }, orderBy: { id: 'asc' } });
    expect(orders.map((row) => [row.id, row.name, row.totalPrice.toFixed(2), row.email])).toEqual([
      [ORDERS.theirs, `#${ORDERS.theirs}`, '45.00', null],
      [ORDERS.guest, `#${ORDERS.guest}`, '45.00', null],
      [ORDERS.others, `#${ORDERS.others}`, '45.00', OTHER.email],
    ]);
    expect(await prisma.orderLineItem.count({ where: { shop } })).toBe(3);
    expect(await prisma.refund.count({ where: { shop } })).toBe(1);
    const other = await prisma.customer.findUniqueOrThrow({ where: { shop_id: { shop, id: OTHER.id } } });
    expect(other).toMatchObject({ firstName: OTHER.firstName, email: OTHER.email, deletedAt: null });
    expect(after.ActivityEntry!.some((row) => row.includes(OTHER.lastName))).toBe(true);
    expect(after.WebhookEvent!.some((row) => row.includes(OTHER.email))).toBe(true);
    expect(after.Job!.some((row) => row.includes(OTHER.email))).toBe(true);

    // Scrubbed payloads keep 64-bit ids exact, so a pending event still applies to the right order.
    const exact = await prisma.$queryRaw<{ reference: string }[]>`
      SELECT payload->>'merchant_reference' AS reference FROM "WebhookEvent"
      WHERE shop = ${shop} AND payload::jsonb ? 'merchant_reference'`;
    expect(exact.map((row) => row.reference)).toEqual([BIG_ID, BIG_ID, BIG_ID]);

    // The customer's mirror row is an empty tombstone that no late webhook or sync page fills again.
    const tombstone = await prisma.customer.findUniqueOrThrow({ where: { shop_id: { shop, id: CUSTOMER.id } } });
    expect(tombstone).toMatchObject({ firstName: null, email: null, phone: null });
    expect(tombstone.deletedAt).not.toBeNull();
    expect(await applyCustomers(prisma, shop, [customer(CUSTOMER.id, at(59), { ...CUSTOMER })])).toEqual({
      applied: 0,
      stale: 1,
    });

    // A redelivery of the same request finds it done.
    const request = await prisma.complianceRequest.findUniqueOrThrow({
      where: { shop_eventId: { shop, eventId: 'redact-event' } },
    });
    expect(request).toMatchObject({ topic: 'customers/redact', customerId: String(CUSTOMER.id), receivedAt: at(51) });
    expect(request.completedAt).not.toBeNull();
    await handle(redact);
    const again = await prisma.complianceRequest.findUniqueOrThrow({
      where: { shop_eventId: { shop, eventId: 'redact-event' } },
    });
    expect(again.completedAt).toEqual(request.completedAt);
    expect(await prisma.complianceRequest.count({ where: { shop, topic: 'customers/redact' } })).toBe(1);
  });

  it('a customer never mirrored still gets a tombstone, and a bad request fails loudly', async () => {
    const shop = 'redact-c.myshopify.com';
    await handle(inboxEvent(shop, 'customers/redact', requestPayload('redact')));
    const row = await prisma.customer.findUniqueOrThrow({ where: { shop_id: { shop, id: CUSTOMER.id } } });
    expect(row.email).toBeNull();
    expect(row.deletedAt).not.toBeNull();
    await expect(
      handle(inboxEvent(shop, 'customers/redact', { customer: { email: 'x@example.com' } })),
    ).rejects.toThrow('customers/redact payload is not a customer request');
  });
});

describe('customers/data_request', () => {
  it("exports the customer's stored data and nothing of anyone else's", async () => {
    const shop = 'data-request.myshopify.com';
    await seedCustomerData(prisma, shop);
    await applyOrders(prisma, 'elsewhere.myshopify.com', [order(ORDERS.theirs, at(5), { customerId: CUSTOMER.id })]);
    await handle(inboxEvent(shop, 'customers/data_request', requestPayload('data_request'), 'dr-1'));
    const request = await prisma.complianceRequest.findUniqueOrThrow({
      where: { shop_eventId: { shop, eventId: 'dr-1' } },
    });
    expect(request).toMatchObject({ topic: 'customers/data_request', customerId: String(CUSTOMER.id) });
    const exported = request.export as unknown as CustomerDataExport;
    expect(exported).toMatchObject({ shop, customerId: String(CUSTOMER.id) });
    expect(exported.data.Customer).toEqual([
      expect.objectContaining({ id: String(CUSTOMER.id), email: CUSTOMER.email, phone: CUSTOMER.phone }),
    ]);
    expect(exported.data.Order!.map((row) => row.id)).toEqual([String(ORDERS.theirs), String(ORDERS.guest)]);
    expect(exported.data.Order![0]).toMatchObject({ totalPrice: '45', currency: 'EUR' });
    expect(exported.data.OrderLineItem!.map((row) => row.orderId)).toEqual([
      String(ORDERS.theirs),
      String(ORDERS.guest),
    ]);
    expect(exported.data.Refund).toEqual([expect.objectContaining({ id: '70', orderId: String(ORDERS.theirs) })]);
    expect(exported.data.CustomerJourney).toHaveLength(1);
    expect(exported.data.ActivityEntry!.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(exported);
    for (const stranger of [OTHER.email, OTHER.lastName, String(ORDERS.others), 'elsewhere']) {
      expect(text).not.toContain(stranger);
    }
    expect(request.result).toMatchObject({ Customer: 1, Order: 2, OrderLineItem: 2, Refund: 1 });
    // Redelivered: the export is not assembled twice.
    await handle(inboxEvent(shop, 'customers/data_request', requestPayload('data_request'), 'dr-1'));
    const again = await prisma.complianceRequest.findUniqueOrThrow({
      where: { shop_eventId: { shop, eventId: 'dr-1' } },
    });
    expect(again.completedAt).toEqual(request.completedAt);
  });
});

describe('shop/redact', () => {
  it('leaves no row of the shop in any model and every row of the other shop', async () => {
    const [shop, neighbour] = ['gone.myshopify.com', 'stays.myshopify.com'];
    for (const name of [shop, neighbour]) {
      await seedEveryModel(prisma, name);
      await seedCustomerData(prisma, name);
    }
    const neighbourBefore = await rowsAsText(prisma, neighbour);
    const before = await rowsAsText(prisma, shop);
    for (const model of SHOP_MODELS) expect(before[model.name]!.length, model.name).toBeGreaterThan(0);

    await handle(inboxEvent(shop, 'shop/redact', { shop_id: 1, shop_domain: shop }));

    const after = await rowsAsText(prisma, shop);
    expect(Object.entries(after).filter(([, rows]) => rows.length > 0)).toEqual([]);
    expect(await rowsAsText(prisma, neighbour)).toEqual(neighbourBefore);
  });
});
