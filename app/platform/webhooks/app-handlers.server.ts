/**
 * The webhook topics about the app itself and the shop's theme, applied
 * inside the processor's transaction (processor.server.ts):
 * - app/uninstalled: the offline token is dead, so the shop's sessions go
 *   (shop/redact erases the rest 48 hours later);
 * - app/scopes_update: the sessions record the scopes now granted, unless a
 *   later scopes update (by X-Shopify-Triggered-At) has already been applied;
 * - themes/publish: nothing of the theme is mirrored (the storefront area
 *   reads themes live), so the handler only checks that the payload names
 *   the published theme; the event's activity entry is what it leaves.
 */
import { z } from 'zod';
import { logger } from '../logging/logger.server';
import type { InboxEvent, Tx, WebhookHandlers } from './types';

const log = logger.child({ component: 'webhooks' });

const scopesPayload = z.object({ current: z.array(z.string()) });

const themePayload = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  role: z.string(),
});

/** Whether a scopes update that happened after this one has already been applied. */
async function supersededScopesUpdate(tx: Tx, event: InboxEvent): Promise<boolean> {
  if (!event.triggeredAt) return false;
  const later = await tx.webhookEvent.findFirst({
    where: {
      shop: event.shop,
      topic: 'app/scopes_update',
      processedAt: { not: null },
      triggeredAt: { gt: event.triggeredAt },
    },
    select: { id: true },
  });
  return later !== null;
}

export const APP_WEBHOOK_HANDLERS: WebhookHandlers = {
  async 'app/uninstalled'(tx, { shop }) {
    const { count } = await tx.session.deleteMany({ where: { shop } });
    log.info({ shop, sessions: count }, 'App uninstalled: sessions removed');
  },

  async 'app/scopes_update'(tx, event) {
    const { current } = scopesPayload.parse(event.payload);
    if (await supersededScopesUpdate(tx, event)) return;
    await tx.session.updateMany({ where: { shop: event.shop }, data: { scope: current.join(',') } });
  },

  async 'themes/publish'(_tx, { shop, payload }) {
    const theme = themePayload.parse(payload);
    log.info({ shop, themeId: String(theme.id), role: theme.role }, 'Theme published');
  },
};
