/**
 * SyncRun bookkeeping: one row per resource and sync, holding its state and
 * progress (objectsDone / objectsTotal, linesDone for resuming a bulk file,
 * highWater for the next catch-up). Runs are planned under a per-shop
 * advisory lock, so two triggers at once (install and "Sync now", say) never
 * start two runs of one resource: a resource with a queued or running run is
 * left alone. A run silent for STALE_AFTER_MS (its jobs lost) counts as
 * failed, so it cannot block the shop forever.
 */
import type { Prisma, PrismaClient, SyncRun } from '@prisma/client';
import { SYNC_RESOURCES, type SyncMode, type SyncResource } from './resources';

export const STALE_AFTER_MS = 2 * 60 * 60_000;

type Db = PrismaClient | Prisma.TransactionClient;

const ACTIVE = ['queued', 'running'] as const;

/** The start of every catch-up: where the newest finished run of the resource stopped. */
async function lastHighWater(tx: Db, shop: string, resource: SyncResource): Promise<Date | null> {
  const last = await tx.syncRun.findFirst({
    where: { shop, resource, state: 'done', highWater: { not: null } },
    orderBy: { highWater: 'desc' },
    select: { highWater: true },
  });
  return last?.highWater ?? null;
}

/**
 * Creates a run for each resource that has none queued or running: `full`
 * reads everything; `catchup` reads what changed since the last finished run,
 * or everything when there is none. Returns the runs created.
 */
export async function planRuns(
  db: PrismaClient,
  shop: string,
  mode: SyncMode,
  resources: readonly SyncResource[] = SYNC_RESOURCES,
): Promise<SyncRun[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`steward.sync:${shop}`}))`;
    const staleBefore = new Date(Date.now() - STALE_AFTER_MS);
    await tx.syncRun.updateMany({
      where: { shop, state: { in: [...ACTIVE] }, updatedAt: { lt: staleBefore } },
      data: { state: 'failed', error: 'Interrupted: no progress for two hours', finishedAt: new Date() },
    });
    const active = await tx.syncRun.findMany({
      where: { shop, state: { in: [...ACTIVE] } },
      select: { resource: true },
    });
    const busy = new Set(active.map((run) => run.resource));
    const created: SyncRun[] = [];
    for (const resource of resources) {
      if (busy.has(resource)) continue;
      const since = mode === 'catchup' ? await lastHighWater(tx, shop, resource) : null;
      created.push(
        await tx.syncRun.create({
          data: { shop, resource, mode: since ? 'catchup' : 'full', since, state: 'queued' },
        }),
      );
    }
    return created;
  });
}

export function findRun(db: Db, shop: string, id: string): Promise<SyncRun | null> {
  return db.syncRun.findFirst({ where: { shop, id } });
}

/** Updates a run of the shop; returns whether it was there (and still in one of `states`, when given). */
export async function updateRun(
  db: Db,
  shop: string,
  id: string,
  data: Prisma.SyncRunUpdateManyMutationInput,
  states: readonly SyncRun['state'][] = [...ACTIVE],
): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({ where: { shop, id, state: { in: [...states] } }, data });
  return count > 0;
}

export function finishRun(db: Db, shop: string, id: string, highWater: Date | null): Promise<boolean> {
  return updateRun(db, shop, id, { state: 'done', finishedAt: new Date(), error: null, highWater });
}

export function failRun(db: Db, shop: string, id: string, error: string): Promise<boolean> {
  return updateRun(db, shop, id, { state: 'failed', finishedAt: new Date(), error: error.slice(0, 2_000) });
}
