/**
 * Mirror writes for customers: the newest version wins, and customers/delete
 * leaves a tombstone. See apply.server.ts for the rules.
 */
import { Prisma } from '@prisma/client';
import { jsonRows, newestPerKey, tombstone, type Db } from './batch.server';
import type { ApplyResult, MirrorCustomer } from './types';

/** Writes customers newer than (or as new as) the stored ones; a deleted customer stays deleted. */
export async function applyCustomers(db: Db, shop: string, customers: readonly MirrorCustomer[]): Promise<ApplyResult> {
  if (customers.length === 0) return { applied: 0, stale: 0 };
  const batch = newestPerKey(customers, (customer) => String(customer.id));
  // Sources that carry the order count and amount spent overwrite them; the others keep the stored ones.
  const withTotals = batch.filter((customer) => customer.numberOfOrders !== undefined);
  const withoutTotals = batch.filter((customer) => customer.numberOfOrders === undefined);
  let applied = 0;
  for (const [group, setTotals] of [
    [withTotals, true],
    [withoutTotals, false],
  ] as const) {
    if (group.length === 0) continue;
    const totals = setTotals
      ? Prisma.sql`"numberOfOrders" = EXCLUDED."numberOfOrders", "amountSpent" = EXCLUDED."amountSpent",`
      : Prisma.empty;
    const written = await db.$queryRaw<{ live: boolean }[]>(Prisma.sql`
      INSERT INTO "Customer" AS stored
        (shop, id, "firstName", "lastName", email, phone, state, tags, "numberOfOrders", "amountSpent",
         "createdAt", "updatedAt")
      SELECT ${shop}, r.id, r."firstName", r."lastName", r.email, r.phone, r.state, r.tags, r."numberOfOrders",
             r."amountSpent", r."createdAt", r."updatedAt"
      FROM jsonb_to_recordset(${jsonRows(group)}) AS r(
        id bigint, "firstName" text, "lastName" text, email text, phone text, state text, tags text[],
        "numberOfOrders" integer, "amountSpent" numeric, "createdAt" timestamp(3), "updatedAt" timestamp(3))
      ON CONFLICT (shop, id) DO UPDATE SET
        "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName", email = EXCLUDED.email,
        phone = EXCLUDED.phone, state = EXCLUDED.state, tags = EXCLUDED.tags, ${totals}
        "createdAt" = COALESCE(EXCLUDED."createdAt", stored."createdAt"), "updatedAt" = EXCLUDED."updatedAt"
      WHERE stored."updatedAt" <= EXCLUDED."updatedAt"
      RETURNING stored."deletedAt" IS NULL AS live`);
    applied += written.filter((row) => row.live).length;
  }
  return { applied, stale: customers.length - applied };
}

/** customers/delete: tombstones the customer at `at` (see batch.server.ts's tombstone). */
export function markCustomerDeleted(db: Db, shop: string, id: bigint, at: Date): Promise<ApplyResult> {
  return tombstone(db, 'Customer', shop, id, at);
}
