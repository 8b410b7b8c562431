/**
 * Writes normalised records (types.ts) to the store mirror: the one way in for
 * webhooks (webhook-handlers.server.ts) and the sync (app/platform/sync).
 *
 * The rules, so that duplicate and out-of-order deliveries end in the state of
 * in-order delivery:
 * - Rows are keyed by (shop, Shopify id). An incoming version is written when
 *   its updatedAt is at least the stored one (replaying it is a no-op), never
 *   when older.
 * - A deletion leaves a tombstone (deletedAt). Readers skip tombstoned rows; a
 *   tombstoned row never comes back. A deletion that arrives before any version
 *   stores a tombstone without data (updatedAt = epoch), which an older version
 *   arriving late may still fill in, so the final row does not depend on the
 *   arrival order.
 * - An order's line items, discount applications and journey are replaced only
 *   when the order itself is written; refunds never change at Shopify and are
 *   upserted by id, never removed.
 * - A product's variants are written with the product; its variants missing
 *   from a newer product are tombstoned.
 * - Every function takes a Prisma client (then runs in a transaction of its
 *   own) or the caller's transaction client, and writes a whole batch in a few
 *   statements (batch.server.ts).
 */
export { applyInventoryLevels, applyProducts, markProductDeleted } from './apply-catalog.server';
export { applyCustomers, markCustomerDeleted } from './apply-customers.server';
export { applyOrders, applyRefunds } from './apply-orders.server';
export type { Db } from './batch.server';
