/**
 * What the Sync page and Today's card show: for each resource, its latest
 * run (state, phase, progress, error), when it last finished, and how many
 * of its records the mirror holds. Plain JSON, read in a handful of queries,
 * cheap enough to poll every two seconds while a sync runs.
 */
import type { PrismaClient, SyncRun } from '@prisma/client';
import { SYNC_RESOURCES, type SyncResource } from './resources';

/** Where a run is: the states of SyncRun, with `running` told apart by what it is doing. */
export type SyncPhase =
  'queued' | 'exporting' | 'applying' | 'refunds' | 'catchingUp' | 'done' | 'failed' | 'cancelled';

export interface RunView {
  mode: 'full' | 'catchup';
  phase: SyncPhase;
  objectsDone: number;
  /** Null while unknown (Shopify still exporting, or a catch-up). */
  objectsTotal: number | null;
  /** The first line of the error of a failed run. */
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ResourceStatus {
  resource: SyncResource;
  latest: RunView | null;
  /** When a run of the resource last finished well. */
  lastFinishedAt: string | null;
  /** Records of the resource in the mirror (deleted ones not counted). */
  inMirror: number;
}

export interface SyncStatus {
  resources: ResourceStatus[];
  /** A run is queued or running. */
  active: boolean;
  /** Some run has ever finished well. */
  everSynced: boolean;
  /** The server's clock, for "3 minutes ago". */
  now: string;
}

function phaseOf(run: SyncRun): SyncPhase {
  if (run.state !== 'running') return run.state;
  if (run.mode === 'catchup') return 'catchingUp';
  if (run.objectsTotal === null) return 'exporting';
  if (run.objectsDone < run.objectsTotal) return 'applying';
  return run.resource === 'orders' ? 'refunds' : 'applying';
}

function viewOf(run: SyncRun): RunView {
  return {
    mode: run.mode === 'catchup' ? 'catchup' : 'full',
    phase: phaseOf(run),
    objectsDone: run.objectsDone,
    objectsTotal: run.objectsTotal,
    error: run.state === 'failed' && run.error ? (run.error.split('\n')[0] ?? run.error) : null,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

async function mirrorCounts(db: PrismaClient, shop: string): Promise<Record<SyncResource, number>> {
  const [products, customers, orders, inventory] = await Promise.all([
    db.product.count({ where: { shop, deletedAt: null } }),
    db.customer.count({ where: { shop, deletedAt: null } }),
    db.order.count({ where: { shop, deletedAt: null } }),
    db.inventoryLevel.count({ where: { shop } }),
  ]);
  return { products, customers, orders, inventory };
}

export async function readSyncStatus(db: PrismaClient, shop: string, now = new Date()): Promise<SyncStatus> {
  // One indexed lookup per resource (SyncRun(shop, resource, startedAt)), however many runs there have been.
  const [latest, finished, counts] = await Promise.all([
    Promise.all(
      SYNC_RESOURCES.map((resource) =>
        db.syncRun.findFirst({ where: { shop, resource }, orderBy: { startedAt: 'desc' } }),
      ),
    ).then((runs) => runs.filter((run): run is SyncRun => run !== null)),
    Promise.all(
      SYNC_RESOURCES.map((resource) =>
        db.syncRun.findFirst({
          where: { shop, resource, state: 'done' },
          orderBy: { startedAt: 'desc' },
          select: { resource: true, finishedAt: true },
        }),
      ),
    ).then((runs) => runs.filter((run) => run !== null)),
    mirrorCounts(db, shop),
  ]);
  const resources = SYNC_RESOURCES.map((resource): ResourceStatus => {
    const run = latest.find((candidate) => candidate.resource === resource);
    return {
      resource,
      latest: run ? viewOf(run) : null,
      lastFinishedAt: finished.find((candidate) => candidate.resource === resource)?.finishedAt?.toISOString() ?? null,
      inMirror: counts[resource],
    };
  });
  return {
    resources,
    active: latest.some((run) => run.state === 'queued' || run.state === 'running'),
    everSynced: finished.length > 0,
    now: now.toISOString(),
  };
}
