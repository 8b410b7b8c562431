/** recordActivity on a real database: one entry per (shop, sourceKey) however often it is recorded, details kept. */
import { Session } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { recordActivity, stewardActor, type ActivityInput } from './record.server';

const SHOP = 'record-shop.myshopify.com';

const change = (sourceKey: string, shop = SHOP): ActivityInput => ({
  shop,
  occurredAt: new Date('2026-02-01T09:00:00.000Z'),
  actor: { type: 'steward', id: '71', name: 'Alex Kim' },
  verb: 'updated',
  resource: { type: 'budget_plan', id: '3', title: 'Spring budget' },
  summary: 'Budget plan “Spring budget” updated',
  details: { amount: '1200.00', currency: 'CAD' },
  link: '/app/budget/3',
  source: 'steward',
  sourceKey,
});

describe('recordActivity', () => {
  it('records each (shop, sourceKey) once, however often a retried job records it', async () => {
    expect(await recordActivity(prisma, [change('budget:3:v1'), change('budget:3:v2')])).toBe(2);
    expect(await recordActivity(prisma, change('budget:3:v1'))).toBe(0);
    expect(await recordActivity(prisma, [change('budget:3:v2'), change('budget:3:v3')])).toBe(1);
    expect(await recordActivity(prisma, [])).toBe(0);
    // The same key in another shop is another entry.
    expect(await recordActivity(prisma, change('budget:3:v1', 'other-shop.myshopify.com'))).toBe(1);
    const rows = await prisma.activityEntry.findMany({ where: { shop: SHOP }, orderBy: { sourceKey: 'asc' } });
    expect(rows.map((row) => row.sourceKey)).toEqual(['budget:3:v1', 'budget:3:v2', 'budget:3:v3']);
    expect(rows[0]).toMatchObject({
      actorType: 'steward',
      actorName: 'Alex Kim',
      resourceType: 'budget_plan',
      resourceTitle: 'Spring budget',
      details: { amount: '1200.00', currency: 'CAD' },
      link: '/app/budget/3',
      customerId: null,
    });
  });

  it('records inside the caller’s transaction, and not at all when it rolls back', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await recordActivity(tx, change('rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await prisma.activityEntry.count({ where: { shop: SHOP, sourceKey: 'rolled-back' } })).toBe(0);
  });
});

describe('stewardActor', () => {
  it('names the staff member from an online session, else gives the session token’s user id', () => {
    const online = new Session({ id: 'online', shop: SHOP, state: '', isOnline: true });
    online.onlineAccessInfo = {
      expires_in: 60,
      associated_user_scope: 'read_products',
      associated_user: {
        id: 71,
        first_name: 'Alex',
        last_name: 'Kim',
        email: 'alex@example.com',
        email_verified: true,
        account_owner: false,
        locale: 'en',
        collaborator: false,
      },
    };
    expect(stewardActor(online)).toEqual({ type: 'steward', id: '71', name: 'Alex Kim' });
    const offline = new Session({ id: 'offline', shop: SHOP, state: '', isOnline: false });
    expect(stewardActor(offline, { sub: '99' })).toEqual({ type: 'steward', id: '99', name: null });
    expect(stewardActor(offline)).toEqual({ type: 'steward', id: null, name: null });
  });
});
