/**
 * An incremental catch-up run: the resource's records updated since the last
 * finished run (`updated_at:>=` its highWater), read through paged queries
 * and written page by page through the same writers as a bulk file. Each
 * page is one transaction that also counts objectsDone and, for readers in
 * updatedAt order, moves highWater, so an interrupted run resumes after the
 * last page written.
 */
import type { PrismaClient, SyncRun } from '@prisma/client';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { customersCatchUp } from './catchup-customers.server';
import { inventoryCatchUp } from './catchup-inventory.server';
import { ordersCatchUp } from './catchup-orders.server';
import type { CatchUpReader } from './catchup-pages';
import { productsCatchUp } from './catchup-products.server';
import { RunNoLongerActiveError } from './apply-bulk-file.server';
import { MIRROR_WRITERS } from './mirror-writers.server';
import { isSyncResource, type SyncResource } from './resources';
import { updateRun } from './runs.server';

export const CATCH_UP_READERS: Record<SyncResource, CatchUpReader> = {
  products: productsCatchUp,
  customers: customersCatchUp,
  orders: ordersCatchUp,
  inventory: inventoryCatchUp,
};

/**
 * Readers not in updatedAt order end at the run's start, less this margin,
 * rather than at the newest change seen: a change made while they read
 * elsewhere may carry an older time than one they saw.
 */
export const UNORDERED_MARGIN_MS = 5 * 60_000;

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

export interface CatchUpOutcome {
  finished: boolean;
  /** Where the next catch-up starts, once finished. */
  highWater: Date | null;
}

export async function runCatchUp(
  db: PrismaClient,
  gateway: AdminGateway,
  run: SyncRun,
  deadline: number,
): Promise<CatchUpOutcome> {
  if (!isSyncResource(run.resource)) throw new Error(`Unknown sync resource "${run.resource}"`);
  if (!run.since) throw new Error(`Catch-up run ${run.id} has no starting point`);
  const reader = CATCH_UP_READERS[run.resource];
  const writer = MIRROR_WRITERS[run.resource];
  const since = reader.ordered ? (later(run.highWater, run.since) as Date) : run.since;
  let newest: Date | null = run.highWater;

  for await (const page of reader.pages(gateway, since)) {
    const write = writer.prepare(page.records);
    const objects = page.records.reduce((sum, record) => sum + 1 + record.children.length, 0);
    newest = later(newest, page.newest);
    const highWater = reader.ordered ? newest : undefined;
    await db.$transaction(
      async (tx) => {
        await write(tx, run.shop);
        const active = await updateRun(tx, run.shop, run.id, {
          objectsDone: { increment: objects },
          ...(highWater ? { highWater } : {}),
        });
        if (!active) throw new RunNoLongerActiveError(`Sync run ${run.id} is no longer running`);
      },
      { timeout: 120_000 },
    );
    // Only an ordered reader can stop part-way: it resumes from its highWater.
    if (reader.ordered && Date.now() > deadline) return { finished: false, highWater: newest };
  }
  const end = reader.ordered
    ? later(newest, run.since)
    : later(run.since, new Date(run.startedAt.getTime() - UNORDERED_MARGIN_MS));
  return { finished: true, highWater: end };
}
