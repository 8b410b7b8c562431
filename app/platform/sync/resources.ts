/**
 * What the sync copies into the store mirror, one SyncRun per resource:
 * products (with variants and their unit cost), customers, orders (with line
 * items, refunds, discount applications and the customer journey) and
 * inventory levels. The order is the order runs are started and shown in.
 */

export const SYNC_RESOURCES = ['products', 'customers', 'orders', 'inventory'] as const;

export type SyncResource = (typeof SYNC_RESOURCES)[number];

/** full: everything through a bulk operation; catchup: what changed since the last run (paged reads). */
export type SyncMode = 'full' | 'catchup';

export function isSyncResource(value: unknown): value is SyncResource {
  return typeof value === 'string' && (SYNC_RESOURCES as readonly string[]).includes(value);
}
