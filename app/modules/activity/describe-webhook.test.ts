/**
 * describeWebhook on the payloads the devstore sends for every subscribed
 * topic (built from a seeded shop's records exactly as it delivers them), on
 * partial and malformed payloads, and the sentences those entries render in
 * English and French.
 */
import { describe, expect, it } from 'vitest';
import { seedDefaultShops } from '../../../devstore/seed';
import type { DevstoreEvent } from '../../../devstore/webhooks/events';
import { buildPayload } from '../../../devstore/webhooks/payloads';
import { createI18n } from '~/i18n/i18n';
import { WEBHOOK_HANDLERS } from '~/platform/webhooks/handlers.server';
import type { InboxEvent } from '~/platform/webhooks/types';
import { DESCRIBED_TOPICS, describeWebhook } from './describe-webhook';
import { activitySentence } from './sentence';
import { VERBS, RESOURCE_TYPES } from './vocabulary';

const [maple] = await seedDefaultShops({ seed: 3, products: 12, customers: 30, orders: 300, images: false });
if (!maple) throw new Error('no seeded shop');
const SHOP = maple.shop.domain;
const orders = [...maple.orders.values()];
const withCustomer = orders.find((order) => order.customerId !== null && !order.cancelledAt) ?? orders[0];
const cancelled = orders.find((order) => order.cancelledAt !== null);
const refunded = orders.find((order) => order.refunds.length > 0 && !order.cancelledAt);
const customer = [...maple.customers.values()][0];
const product = [...maple.products.values()][0];
const level = [...maple.inventoryLevels.values()][0];
const theme = [...maple.themes.values()].find((candidate) => candidate.role === 'MAIN');
const owner = [...maple.staff.values()].find((member) => member.isShopOwner);
if (!withCustomer || !cancelled || !refunded || !customer || !product || !level || !theme || !owner)
  throw new Error('the seeded shop lacks a record this test needs');
maple.bulkOperations.set(77, {
  id: 77,
  type: 'QUERY',
  status: 'COMPLETED',
  query: '{ products { edges { node { id } } } }',
  errorCode: null,
  objectCount: 12,
  rootObjectCount: 12,
  fileSize: 900,
  resultKey: 'bulk/77.jsonl',
  createdAt: '2026-01-05T10:00:00.000Z',
  completedAt: '2026-01-05T10:01:00.000Z',
});
maple.grantedScopes = ['read_products', 'read_orders'];

const triggeredAt = new Date('2026-01-05T15:30:00.000Z');
const receivedAt = new Date('2026-01-05T15:30:02.000Z');
let sequence = 0;

function inbox(topic: string, payload: unknown, overrides: Partial<InboxEvent> = {}): InboxEvent {
  sequence += 1;
  return {
    id: BigInt(sequence),
    shop: SHOP,
    topic,
    eventId: `evt-${sequence}`,
    webhookId: `wh-${sequence}`,
    apiVersion: '2026-10',
    triggeredAt,
    receivedAt,
    payload,
    ...overrides,
  };
}

/** The payload the devstore delivers for an event, as JSON on the wire. */
function delivered(event: DevstoreEvent): InboxEvent {
  const payload = buildPayload(event, maple as NonNullable<typeof maple>, {
    baseUrl: 'http://devstore.test',
    sequence: 1,
    at: triggeredAt.toISOString(),
  });
  if (!payload) throw new Error(`the devstore has no payload for ${event.topic}`);
  return inbox(event.topic, JSON.parse(JSON.stringify(payload)));
}

const money = (amount: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: 'CAD' }).format(Number(amount));
const orderTotal = (event: InboxEvent) => (event.payload as { total_price: string }).total_price;
const customerName = `${customer.firstName} ${customer.lastName}`.trim();

describe('describeWebhook on the devstore’s payloads', () => {
  it('orders/create: placed by the customer, with the total, linked to the order', () => {
    const event = delivered({ topic: 'orders/create', shop: SHOP, orderId: withCustomer.id });
    const buyer = maple.customers.get(withCustomer.customerId as number);
    const entry = describeWebhook(event);
    expect(entry).toMatchObject({
      shop: SHOP,
      occurredAt: triggeredAt,
      actor: {
        type: 'customer',
        id: String(withCustomer.customerId),
        name: `${buyer?.firstName} ${buyer?.lastName}`.trim(),
      },
      verb: 'placed',
      resource: { type: 'order', id: String(withCustomer.id), title: `#${withCustomer.number}` },
      link: `/orders/${withCustomer.id}`,
      customerId: String(withCustomer.customerId),
      details: { amount: orderTotal(event), currency: 'CAD' },
      source: 'webhook',
      sourceKey: `webhook:${event.eventId}`,
    });
    expect(entry?.summary).toBe(`Order #${withCustomer.number} placed — ${money(orderTotal(event))}`);
    // The customer's name is in actorName only, never in the summary (redaction relies on it).
    expect(entry?.summary).not.toContain(buyer?.lastName);
  });

  it('orders/paid: "Order #1042 paid — CA$84.00"', () => {
    const event = delivered({ topic: 'orders/paid', shop: SHOP, orderId: withCustomer.id });
    const entry = describeWebhook(event);
    expect(entry).toMatchObject({ actor: { type: 'shopify' }, verb: 'paid' });
    expect(entry?.summary).toBe(`Order #${withCustomer.number} paid — ${money(orderTotal(event))}`);
    expect(entry?.summary).toMatch(/^Order #\d+ paid — CA\$\d+\.\d\d$/);
  });

  it('orders/updated: the payment status, translated', () => {
    const entry = describeWebhook(delivered({ topic: 'orders/updated', shop: SHOP, orderId: refunded.id }));
    const status = refunded.financialStatus.toLowerCase();
    expect(entry).toMatchObject({ verb: 'updated', details: { financialStatus: status } });
    expect(entry?.details).not.toHaveProperty('amount');
    expect(entry?.summary).toMatch(new RegExp(`^Order #${refunded.number} updated — (partially )?refunded$`));
  });

  it('orders/cancelled: the reason, translated', () => {
    const entry = describeWebhook(delivered({ topic: 'orders/cancelled', shop: SHOP, orderId: cancelled.id }));
    const reason = (cancelled.cancelReason as string).toLowerCase();
    expect(entry).toMatchObject({ verb: 'cancelled', details: { cancelReason: reason } });
    const fr = createI18n('fr');
    const sentence = activitySentence(fr, {
      verb: 'cancelled',
      resourceType: 'order',
      resourceId: entry?.resource.id ?? null,
      resourceTitle: entry?.resource.title ?? null,
      summary: entry?.summary ?? '',
      details: entry?.details ?? null,
    });
    expect(sentence).toContain(`Commande #${cancelled.number} annulée — `);
    expect(sentence).toContain(fr.t(`activity.values.cancelReason.${reason}`));
  });

  it('refunds/create: the staff member who refunded, the amount refunded, linked to the order', () => {
    const latest = refunded.refunds.at(-1);
    const entry = describeWebhook(
      delivered({ topic: 'refunds/create', shop: SHOP, orderId: refunded.id, refundId: latest?.id as number }),
    );
    expect(entry).toMatchObject({
      actor: { type: 'staff', id: String(owner.id) },
      verb: 'refunded',
      resource: { type: 'order', id: String(refunded.id), title: null },
      link: `/orders/${refunded.id}`,
      details: { amount: Number(latest?.total).toFixed(2), currency: 'CAD', refundId: String(latest?.id) },
    });
    expect(entry?.summary).toBe(`Refund issued — ${money(String(latest?.total))}`);
  });

  it('products/create, products/update and products/delete', () => {
    const created = describeWebhook(delivered({ topic: 'products/create', shop: SHOP, productId: product.id }));
    expect(created).toMatchObject({
      actor: { type: 'shopify' },
      verb: 'created',
      resource: { type: 'product', id: String(product.id), title: product.title },
      link: `/products/${product.id}`,
      details: { productStatus: product.status.toLowerCase() },
    });
    expect(created?.summary).toBe(`Product “${product.title}” created — ${product.status.toLowerCase()}`);
    const updated = describeWebhook(delivered({ topic: 'products/update', shop: SHOP, productId: product.id }));
    expect(updated?.summary).toBe(`Product “${product.title}” updated — ${product.status.toLowerCase()}`);
    const deleted = describeWebhook(delivered({ topic: 'products/delete', shop: SHOP, productId: product.id }));
    expect(deleted).toMatchObject({ verb: 'deleted', resource: { id: String(product.id), title: null }, link: null });
    expect(deleted?.summary).toBe('Product deleted');
  });

  it('customers/create, customers/update and customers/delete: about the customer, name kept out of the summary', () => {
    const created = describeWebhook(delivered({ topic: 'customers/create', shop: SHOP, customerId: customer.id }));
    expect(created).toMatchObject({
      verb: 'created',
      resource: { type: 'customer', id: String(customer.id), title: customerName },
      customerId: String(customer.id),
      link: `/customers/${customer.id}`,
      summary: 'Customer account created',
    });
    const updated = describeWebhook(delivered({ topic: 'customers/update', shop: SHOP, customerId: customer.id }));
    expect(updated).toMatchObject({ verb: 'updated', summary: 'Customer details updated' });
    const deleted = describeWebhook(delivered({ topic: 'customers/delete', shop: SHOP, customerId: customer.id }));
    expect(deleted).toMatchObject({ verb: 'deleted', customerId: String(customer.id), link: null });
  });

  it('inventory_levels/update: the quantity now available, linked to the location’s inventory', () => {
    const entry = describeWebhook(
      delivered({ topic: 'inventory_levels/update', shop: SHOP, inventoryLevelId: level.id }),
    );
    expect(entry).toMatchObject({
      verb: 'updated',
      resource: { type: 'inventory', id: String(level.inventoryItemId) },
      link: `/products/inventory?location_id=${level.locationId}`,
      details: { available: level.available, locationId: String(level.locationId) },
      summary: `Inventory level changed — available: ${level.available}`,
    });
  });

  it('themes/publish, bulk_operations/finish, app/uninstalled and app/scopes_update', () => {
    expect(describeWebhook(delivered({ topic: 'themes/publish', shop: SHOP, themeId: theme.id }))).toMatchObject({
      verb: 'published',
      resource: { type: 'theme', id: String(theme.id), title: theme.name },
      link: `/themes/${theme.id}/editor`,
      summary: `Theme “${theme.name}” published`,
    });
    expect(
      describeWebhook(delivered({ topic: 'bulk_operations/finish', shop: SHOP, bulkOperationId: 77 })),
    ).toMatchObject({
      verb: 'completed',
      resource: { type: 'bulk_operation', id: '77' },
      link: '/app/sync',
      details: { operation: 'query' },
      summary: 'Bulk export finished',
    });
    expect(describeWebhook(delivered({ topic: 'app/uninstalled', shop: SHOP }))).toMatchObject({
      verb: 'uninstalled',
      resource: { type: 'app', title: 'Steward' },
      summary: 'Steward was uninstalled',
    });
    expect(
      describeWebhook(delivered({ topic: 'app/scopes_update', shop: SHOP, previousScopes: ['read_products'] })),
    ).toMatchObject({
      verb: 'scopes_updated',
      details: { scopes: 'read_products, read_orders' },
      summary: 'Steward’s access to the store changed — now: read_products, read_orders',
    });
  });

  it('customers/data_request and customers/redact name the customer by id only; shop/redact records nothing', () => {
    const request = describeWebhook(
      delivered({ topic: 'customers/data_request', shop: SHOP, customerId: customer.id }),
    );
    expect(request).toMatchObject({
      actor: { type: 'customer', id: String(customer.id) },
      verb: 'data_requested',
      resource: { type: 'customer', id: String(customer.id), title: null },
      customerId: String(customer.id),
    });
    const redact = describeWebhook(delivered({ topic: 'customers/redact', shop: SHOP, customerId: customer.id }));
    expect(redact).toMatchObject({ verb: 'redaction_requested', customerId: String(customer.id), link: null });
    for (const entry of [request, redact]) {
      expect(JSON.stringify(entry)).not.toContain(customer.email ?? '@');
      expect(JSON.stringify(entry)).not.toContain(customer.lastName);
    }
    expect(describeWebhook(delivered({ topic: 'shop/redact', shop: SHOP }))).toBeNull();
  });

  it('renders every entry it can produce in English and in French, with no empty quotes or placeholders', () => {
    const en = createI18n('en');
    const fr = createI18n('fr');
    for (const resourceType of RESOURCE_TYPES) {
      for (const verb of VERBS) {
        if (!en.exists(`activity.sentences.${resourceType}.${verb}`)) continue;
        expect(fr.exists(`activity.sentences.${resourceType}.${verb}`)).toBe(true);
        for (const title of ['Wool hat', null]) {
          for (const i18n of [en, fr]) {
            const text = activitySentence(i18n, {
              verb,
              resourceType,
              resourceId: '5',
              resourceTitle: title,
              summary: 'fallback',
              details: {
                amount: '84.00',
                currency: 'CAD',
                operation: 'query',
                topic: 'x/y',
                tag: 'fragile',
                rating: 4,
                version: 2,
                restoredVersion: 0,
              },
            });
            expect(text).not.toMatch(/\{\{|“”|« »|^fallback$/);
          }
        }
      }
    }
  });

  it('reads the library’s topic names too ("ORDERS_PAID") and prefers the trigger time', () => {
    const event = delivered({ topic: 'orders/paid', shop: SHOP, orderId: withCustomer.id });
    expect(describeWebhook({ ...event, topic: 'ORDERS_PAID' })?.verb).toBe('paid');
    expect(describeWebhook({ ...event, triggeredAt: null })?.occurredAt).toEqual(receivedAt);
    expect(describeWebhook({ ...event, triggeredAt: new Date('nonsense') })?.occurredAt).toEqual(receivedAt);
  });
});

describe('the topics describeWebhook knows', () => {
  it('are the subscribed topics: the ones with a handler (which shopify.app.toml lists)', () => {
    expect([...DESCRIBED_TOPICS].sort()).toEqual(Object.keys(WEBHOOK_HANDLERS).sort());
  });
});

describe('describeWebhook on partial and malformed payloads', () => {
  const topics = DESCRIBED_TOPICS.filter((topic) => topic !== 'shop/redact');

  it('never throws, and an entry keeps the event’s shop, time and source key', () => {
    const payloads: unknown[] = [
      null,
      'not json',
      42,
      [],
      {},
      { id: 'abc', title: 42, customer: 'nobody', total_price_set: { shop_money: null }, transactions: 'none' },
      { id: 5, name: null, status: 7, customer: { id: -1, first_name: {} }, refund_line_items: [null, 3] },
      { admin_graphql_api_id: 'gid://shopify/Whatever/9?x=1', current: [1, null, 'read_orders'] },
    ];
    for (const topic of topics) {
      for (const payload of payloads) {
        const event = inbox(topic, payload);
        const entry = describeWebhook(event);
        expect(entry, `${topic} ${JSON.stringify(payload)}`).toMatchObject({
          shop: SHOP,
          occurredAt: triggeredAt,
          source: 'webhook',
          sourceKey: `webhook:${event.eventId}`,
        });
        expect(entry?.summary).toBeTruthy();
      }
    }
  });

  it('gives a generic entry when the payload names no resource', () => {
    expect(describeWebhook(inbox('orders/paid', { name: '#1001' }))).toMatchObject({
      actor: { type: 'shopify' },
      verb: 'received',
      resource: { type: 'webhook', id: null, title: null },
      details: { topic: 'orders/paid' },
      summary: 'Shopify event orders/paid',
    });
    expect(describeWebhook(inbox('orders/paid', 'garbage'))?.verb).toBe('received');
    expect(describeWebhook(inbox('carts/update', { id: 1 }))).toMatchObject({
      verb: 'received',
      details: { topic: 'carts/update' },
    });
  });

  it('keeps what a partial payload has', () => {
    expect(describeWebhook(inbox('orders/paid', { id: 12 }))).toMatchObject({
      verb: 'paid',
      resource: { type: 'order', id: '12', title: null },
      details: null,
      summary: 'Order paid',
    });
    expect(
      describeWebhook(inbox('orders/create', { id: 12, name: '#1012', total_price: '9.50', currency: 'EUR' })),
    ).toMatchObject({
      actor: { type: 'customer', id: null, name: null },
      customerId: null,
      summary: 'Order #1012 placed — €9.50',
    });
    expect(
      describeWebhook(inbox('orders/create', { id: 12, user_id: 44, customer: { id: 7, first_name: 'Ada' } })),
    ).toMatchObject({ actor: { type: 'staff', id: '44' }, customerId: '7' });
    expect(describeWebhook(inbox('refunds/create', { id: 3, order_id: 12 }))).toMatchObject({
      actor: { type: 'shopify' },
      details: { refundId: '3' },
      summary: 'Refund issued',
    });
    expect(
      describeWebhook(
        inbox('refunds/create', {
          order_id: 12,
          transactions: [{ kind: 'refund', status: 'failure', amount: '5.00', currency: 'CAD' }],
          refund_line_items: [
            { subtotal_set: { shop_money: { amount: '2.10', currency_code: 'CAD' } } },
            { subtotal_set: { shop_money: { amount: '0.95', currency_code: 'CAD' } } },
          ],
        }),
      )?.details,
    ).toEqual({ amount: '3.05', currency: 'CAD' });
    expect(describeWebhook(inbox('customers/update', { id: 7, first_name: 'Ada' }))?.resource.title).toBe('Ada');
    expect(
      describeWebhook(
        inbox('bulk_operations/finish', {
          admin_graphql_api_id: 'gid://shopify/BulkOperation/5',
          status: 'FAILED',
          error_code: 'timeout',
        }),
      ),
    ).toMatchObject({
      verb: 'failed',
      summary: 'Bulk operation did not finish — failed, timeout',
    });
  });
});
