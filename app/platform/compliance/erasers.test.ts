import { Prisma } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { customerDataRequest, customerRedact, shopRedact } from './compliance.server';
import { SHOP_DATA_ERASERS } from './erasers.server';

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
        data: { shop, topic: 'customers/data_request', webhookId: `w-${shop}`, customerId: '7' },
      });
    }
    const counts = await shopRedact(prisma, gone);
    expect(counts).toEqual({ Session: 1, ComplianceRequest: 1 });
    expect(await prisma.session.count({ where: { shop: gone } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shop: gone } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: kept } })).toBe(1);
    expect(await prisma.complianceRequest.count({ where: { shop: kept } })).toBe(1);
  });

  it('customer requests are recorded once, completed, and idempotent on the webhook id', async () => {
    const shop = 'customer-requests.myshopify.com';
    const first = await customerDataRequest(prisma, shop, 'webhook-1', { id: '1001', email: 'a@example.com' });
    // No model holds customer data yet: the report is empty, and says so.
    expect(first).toEqual({});
    const again = await customerDataRequest(prisma, shop, 'webhook-1', { id: '1001' });
    expect(again).toEqual(first);
    await customerRedact(prisma, shop, 'webhook-2', { id: '1001' });
    const rows = await prisma.complianceRequest.findMany({ where: { shop }, orderBy: { receivedAt: 'asc' } });
    expect(rows.map((row) => [row.topic, row.customerId, row.completedAt !== null])).toEqual([
      ['customers/data_request', '1001', true],
      ['customers/redact', '1001', true],
    ]);
  });
});
