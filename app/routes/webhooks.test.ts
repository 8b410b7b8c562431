import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { Session } from '@shopify/shopify-api';
import prisma from '~/db.server';
import { sessionStorage } from '~/shopify.server';
import { WEBHOOK_HANDLERS } from '~/platform/webhooks/handlers.server';
import { call, webhookRequest } from '../../tests/support/shopify-requests';
import { action } from './webhooks';

async function install(shop: string, scope = 'read_products') {
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: 'installed',
      isOnline: false,
      scope,
      accessToken: 'shpat_webhook_test',
    }),
  );
}

async function deliver(...args: Parameters<typeof webhookRequest>) {
  const result = await call(action, webhookRequest(...args));
  return result as Response;
}

describe('webhooks', () => {
  it('accepts app/uninstalled with a correct HMAC and removes the shop’s sessions only', async () => {
    await install('leaving.myshopify.com');
    await install('staying.myshopify.com');
    const response = await deliver('app/uninstalled', 'leaving.myshopify.com', {
      id: 1,
      domain: 'leaving.myshopify.com',
    });
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop: 'leaving.myshopify.com' } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: 'staying.myshopify.com' } })).toBe(1);
  });

  it.each([
    ['a wrong HMAC', 'dGhpcyBpcyBub3QgdGhlIGhtYWM='],
    ['no HMAC at all', null],
  ])('answers 401 to %s and changes nothing', async (_label, hmac) => {
    await install('guarded.myshopify.com');
    const response = await deliver('app/uninstalled', 'guarded.myshopify.com', { id: 2 }, { hmac });
    expect(response.status).toBe(401);
    expect(await prisma.session.count({ where: { shop: 'guarded.myshopify.com' } })).toBe(1);
    await prisma.session.deleteMany({ where: { shop: 'guarded.myshopify.com' } });
  });

  it('handles a genuine webhook even when the shop’s expired token can no longer be refreshed', async () => {
    const shop = 'expired-token.myshopify.com';
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: 'installed',
        isOnline: false,
        scope: 'read_products',
        accessToken: 'shpat_expired',
        expires: new Date(Date.now() - 3_600_000),
        refreshToken: 'shprt_refused',
        refreshTokenExpires: new Date(Date.now() + 3_600_000),
      }),
    );
    const response = await deliver('app/uninstalled', shop, { id: 4, domain: shop });
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    // …but a forged one for that shop is still refused.
    await install(shop);
    expect((await deliver('app/uninstalled', shop, { id: 4 }, { hmac: 'Zm9yZ2Vk' })).status).toBe(401);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
  });

  it('records the new scopes on app/scopes_update', async () => {
    await install('rescoped.myshopify.com', 'read_products');
    const response = await deliver('app/scopes_update', 'rescoped.myshopify.com', {
      id: 3,
      previous: ['read_products'],
      current: ['read_products', 'read_orders'],
      updated_at: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
    const session = await prisma.session.findUniqueOrThrow({ where: { id: 'offline_rescoped.myshopify.com' } });
    expect(session.scope).toBe('read_products,read_orders');
  });

  it('carries out the compliance topics', async () => {
    const shop = 'compliance.myshopify.com';
    await install(shop);
    const customer = { id: 207119551, email: 'bob@example.com', phone: '+16136120707' };
    const request = await deliver(
      'customers/data_request',
      shop,
      { shop_id: 9, shop_domain: shop, customer, orders_requested: [1] },
      { eventId: 'dr-1' },
    );
    const redact = await deliver(
      'customers/redact',
      shop,
      { shop_id: 9, shop_domain: shop, customer, orders_to_redact: [1] },
      { eventId: 'cr-1' },
    );
    expect([request.status, redact.status]).toEqual([200, 200]);
    const done = await prisma.complianceRequest.findMany({ where: { shop }, orderBy: { topic: 'asc' } });
    expect(done.map((row) => [row.topic, row.customerId, Boolean(row.completedAt)])).toEqual([
      ['customers/data_request', '207119551', true],
      ['customers/redact', '207119551', true],
    ]);

    const shopRedact = await deliver('shop/redact', shop, { shop_id: 9, shop_domain: shop });
    expect(shopRedact.status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shop } })).toBe(0);
  });

  it('has a handler for every topic subscribed in shopify.app.toml', () => {
    const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
      webhooks: { subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
    };
    const topics = toml.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect(topics.length).toBeGreaterThanOrEqual(5);
    for (const subscription of toml.webhooks.subscriptions) expect(subscription.uri).toBe('/webhooks');
    const libraryTopics = topics.map((topic) => topic.toUpperCase().replace(/\//g, '_')).sort();
    expect(Object.keys(WEBHOOK_HANDLERS).sort()).toEqual(libraryTopics);
  });
});
