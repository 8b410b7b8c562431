/** The app's own topics, applied by the processor through the real registry. */
import { Session } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import prisma, { sqlPool } from '~/db.server';
import { sessionStorage } from '~/shopify.server';
import { WEBHOOK_HANDLERS } from './handlers.server';
import { WebhookInbox } from './inbox.server';
import { processShopEvents } from './processor.server';

const inbox = new WebhookInbox(sqlPool);
let sequence = 0;

async function store(shop: string, topic: string, payload: unknown, triggeredAt = new Date()) {
  sequence += 1;
  await inbox.accept({
    shop,
    topic,
    eventId: `app-${sequence}`,
    webhookId: `wh-${sequence}`,
    apiVersion: '2026-10',
    triggeredAt,
    payload: JSON.stringify(payload),
  });
}

async function install(shop: string, scope = 'read_products') {
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, scope, accessToken: 'shpat_x' }),
  );
}

const process = (shop: string) => processShopEvents(prisma, shop, { handlers: WEBHOOK_HANDLERS });

describe('app webhook handlers', () => {
  it('app/uninstalled removes that shop’s sessions only', async () => {
    await install('leaving.myshopify.com');
    await install('staying.myshopify.com');
    await store('leaving.myshopify.com', 'app/uninstalled', { id: 1, domain: 'leaving.myshopify.com' });
    expect(await process('leaving.myshopify.com')).toEqual({ applied: 1, dead: 0 });
    expect(await prisma.session.count({ where: { shop: 'leaving.myshopify.com' } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: 'staying.myshopify.com' } })).toBe(1);
  });

  it('app/scopes_update keeps the latest scopes even when an older update arrives last', async () => {
    const shop = 'rescoped.myshopify.com';
    await install(shop);
    const now = Date.now();
    await store(shop, 'app/scopes_update', { previous: [], current: ['read_products', 'read_orders'] }, new Date(now));
    await store(shop, 'app/scopes_update', { previous: [], current: ['read_products'] }, new Date(now - 60_000));
    expect(await process(shop)).toEqual({ applied: 2, dead: 0 });
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(session.scope).toBe('read_products,read_orders');
  });

  it('themes/publish is applied (its activity entry recorded) and a payload naming no theme is refused', async () => {
    const shop = 'themed.myshopify.com';
    await store(shop, 'themes/publish', { id: 828155753, name: 'Dawn', role: 'main' });
    expect(await process(shop)).toEqual({ applied: 1, dead: 0 });
    expect(await prisma.activityEntry.count({ where: { shop } })).toBe(1);
    await store(shop, 'themes/publish', { role: 'main' });
    await expect(process(shop)).rejects.toThrow(/themes\/publish/);
  });
});
