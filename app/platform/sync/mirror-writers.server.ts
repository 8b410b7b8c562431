/**
 * How each resource's records reach the store mirror: the normaliser
 * (from-bulk.ts) and helper B's apply function (app/platform/mirror), for the
 * bulk file and the paged catch-up alike. `prepare` normalises outside any
 * transaction; the write it returns runs inside the caller's.
 */
import { markOrdersChanged } from '~/modules/insights/outbox.server';
import { applyCustomers, applyInventoryLevels, applyOrders, applyProducts, type Db } from '../mirror/apply.server';
import type { ApplyResult } from '../mirror/types';
import {
  customerFromBulk,
  inventoryLevelsFromBulk,
  orderFromBulk,
  productFromBulk,
  type BulkRecord,
} from './from-bulk';
import type { SyncResource } from './resources';

export type MirrorWrite = (db: Db, shop: string) => Promise<ApplyResult>;

export interface MirrorWriter {
  /** Whether a record needs its parent (products, orders) or each child stands alone (inventory levels). */
  groupChildren: boolean;
  prepare(records: readonly BulkRecord[]): MirrorWrite;
}

function writer<T>(
  groupChildren: boolean,
  normalise: (record: BulkRecord) => T | T[],
  apply: (db: Db, shop: string, items: readonly T[]) => Promise<ApplyResult>,
): MirrorWriter {
  return {
    groupChildren,
    prepare(records) {
      const items = records.flatMap((record) => normalise(record));
      return (db, shop) => apply(db, shop, items);
    },
  };
}

export const MIRROR_WRITERS: Record<SyncResource, MirrorWriter> = {
  products: writer(true, productFromBulk, applyProducts),
  customers: writer(true, customerFromBulk, applyCustomers),
  orders: writer(true, orderFromBulk, async (db, shop, orders) => {
    const result = await applyOrders(db, shop, orders);
    // Insights: the orders' rollup days are recomputed by a job (marked in the caller's transaction).
    await markOrdersChanged(
      db,
      shop,
      orders.map((order) => order.id),
    );
    return result;
  }),
  inventory: writer(false, inventoryLevelsFromBulk, applyInventoryLevels),
};
