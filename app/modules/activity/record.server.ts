/**
 * The one helper every area calls to put something in the activity log: a
 * processed webhook (app/platform/webhooks) or a change made in Steward.
 * Recording is idempotent on (shop, sourceKey): recording the same event or
 * change again does nothing, so a retried job never writes a second entry.
 */
import type { Prisma, PrismaClient } from '@prisma/client';

export type ActivityActorType = 'shopify' | 'staff' | 'steward' | 'customer' | 'app';

export interface ActivityInput {
  shop: string;
  occurredAt: Date;
  actor: { type: ActivityActorType; id?: string | null; name?: string | null };
  verb: string;
  resource: { type: string; id?: string | null; title?: string | null };
  summary: string;
  /** Shopify admin path ("/products/123") or Steward path ("/app/…"). */
  link?: string | null;
  source: 'webhook' | 'steward';
  /** Unique per shop: the webhook's event id, or the id of the Steward change. */
  sourceKey: string;
  /** The customer the entry is about, so customers/redact can find it. */
  customerId?: string | null;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** Records entries, skipping any whose (shop, sourceKey) is already there; returns how many were new. */
export async function recordActivity(db: Db, entries: ActivityInput | ActivityInput[]): Promise<number> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return 0;
  const { count } = await db.activityEntry.createMany({
    data: list.map((entry) => ({
      shop: entry.shop,
      occurredAt: entry.occurredAt,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      actorName: entry.actor.name ?? null,
      verb: entry.verb,
      resourceType: entry.resource.type,
      resourceId: entry.resource.id ?? null,
      resourceTitle: entry.resource.title ?? null,
      summary: entry.summary,
      link: entry.link ?? null,
      source: entry.source,
      sourceKey: entry.sourceKey,
      customerId: entry.customerId ?? null,
    })),
    skipDuplicates: true,
  });
  return count;
}
