/**
 * The one helper every area calls to put something in the activity log: a
 * processed webhook (app/platform/webhooks, through describeWebhook) or a
 * change made in Steward. Recording is idempotent on (shop, sourceKey):
 * recording the same event or change again does nothing, so a retried job
 * never writes a second entry.
 *
 * A change made in Steward, recorded in the same transaction as the change:
 *
 *   const { session, sessionToken } = await authenticate.admin(request);
 *   await prisma.$transaction(async (tx) => {
 *     const plan = await tx.budgetPlan.update({ where: { shop_id: { shop: session.shop, id } }, data });
 *     await recordActivity(tx, {
 *       shop: session.shop,
 *       occurredAt: new Date(),
 *       actor: stewardActor(session, sessionToken),
 *       verb: 'updated',
 *       resource: { type: 'budget_plan', id: plan.id, title: plan.name },
 *       summary: `Budget plan “${plan.name}” updated`,
 *       details: { amount: plan.amount, currency: plan.currency },
 *       link: `/app/budget/${plan.id}`,
 *       source: 'steward',
 *       sourceKey: `budget_plan:${plan.id}:${plan.updatedAt.toISOString()}`,
 *     });
 *   });
 *
 * `summary` is plain English (search text, CSV, and what the page shows when
 * activity.json has no sentence for the (resource type, verb)); the page
 * renders "activity.sentences.<type>.<verb>" from the structured fields in
 * the merchant's language. Names of customers go in actorName/resourceTitle
 * with customerId set, never in the summary or details, so customers/redact
 * can anonymise them.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import type { Session } from '@shopify/shopify-api';
import type { ActivityDetails } from './sentence';
import type { ACTOR_TYPES } from './vocabulary';

export type { ActivityDetails };

type ActivityActorType = (typeof ACTOR_TYPES)[number];

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
  /** Facts the sentence is rendered from in the reader's language (amount, currency, status…); no personal data. */
  details?: ActivityDetails | null;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The staff member using Steward, as far as the request tells: online sessions name them, session tokens give their id. */
export function stewardActor(
  session: Pick<Session, 'onlineAccessInfo'>,
  sessionToken?: { sub?: string } | null,
): ActivityInput['actor'] {
  const user = session.onlineAccessInfo?.associated_user;
  const name = user ? [user.first_name, user.last_name].filter(Boolean).join(' ') || null : null;
  return { type: 'steward', id: user ? String(user.id) : (sessionToken?.sub ?? null), name };
}

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
      details: entry.details ?? undefined,
    })),
    skipDuplicates: true,
  });
  return count;
}
