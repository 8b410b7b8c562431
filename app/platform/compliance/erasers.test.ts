import { Prisma } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { customerDataRequest, customerRedact, shopRedact } from './compliance.server';
import { SHOP_DATA_ERASERS, type ShopDataEraser } from './erasers.server';

describe('shop data erasers', () => {
  it('cover every Prisma model that holds a shop', () => {
    const modelsWithShop = Prisma.dmmf.datamodel.models
      .filter((model) => model.fields.some((field) => field.name === 'shop'))
      .map((model) => model.name)
      .sort();
    expect(modelsWithShop.length).toBeGreaterThan(0);
    const covered = SHOP_DATA_ERASERS.map((eraser) => eraser.model).sort();
    expect(covered).toEqual(modelsWithShop);
  });

  it('shop/redact erases the shop and nothing of any other shop', async () => {
    const [gone, kept] = ['redacted-shop.myshopify.com', 'neighbour-shop.myshopify.com'];
    for (const shop of [gone, kept]) {
      await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: 's', accessToken: 'enc:v1:x:a.b.c' } });
      await prisma.complianceRequest.create({
        data: { shop, topic: 'customers/data_request', eventId: `e-${shop}`, customerId: '7' },
      });
      await prisma.job.create({ data: { shop, name: 'sync-products', payload: {} } });
    }
    const counts = await shopRedact(prisma, gone);
    expect(counts).toMatchObject({ Session: 1, ComplianceRequest: 1, Job: 1, Customer: 0 });
    expect(await prisma.session.count({ where: { shop: gone } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shop: gone } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: kept } })).toBe(1);
    expect(await prisma.complianceRequest.count({ where: { shop: kept } })).toBe(1);
    expect(await prisma.job.count({ where: { shop: gone } })).toBe(0);
    expect(await prisma.job.count({ where: { shop: kept } })).toBe(1);
  });

  it('customer requests run each eraser once per event, record the result, and are idempotent', async () => {
    const shop = 'customer-requests.myshopify.com';
    const calls: string[] = [];
    const probe: ShopDataEraser = {
      model: 'Session',
      eraseShop: async () => 0,
      exportCustomer: async (_tx, _shop, customer) => {
        calls.push(`export ${customer.id}`);
        return [{ id: '1' }, { id: '2' }];
      },
      eraseCustomer: async (_tx, _shop, customer) => {
        calls.push(`erase ${customer.id}`);
        return 2;
      },
    };
    const first = await customerDataRequest(prisma, shop, 'event-1', { id: '1001', email: 'a@example.com' }, [probe]);
    expect(first).toEqual({ Session: 2 });
    // A redelivery of the same event does not run the work again and answers the same.
    expect(await customerDataRequest(prisma, shop, 'event-1', { id: '1001' }, [probe])).toEqual(first);
    expect(await customerRedact(prisma, shop, 'event-2', { id: '1001' }, [probe])).toEqual({ Session: 2 });
    expect(await customerRedact(prisma, shop, 'event-2', { id: '1001' }, [probe])).toEqual({ Session: 2 });
    expect(calls).toEqual(['export 1001', 'erase 1001']);
    // With the real registry and nothing stored about the customer, the report says so model by model.
    const counts = await customerDataRequest(prisma, shop, 'event-3', { id: '1002' });
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
    expect(Object.keys(counts)).toContain('Order');
    const rows = await prisma.complianceRequest.findMany({ where: { shop }, orderBy: { receivedAt: 'asc' } });
    expect(rows.map((row) => [row.topic, row.customerId, row.completedAt !== null])).toEqual([
      ['customers/data_request', '1001', true],
      ['customers/redact', '1001', true],
      ['customers/data_request', '1002', true],
    ]);
  });
});
