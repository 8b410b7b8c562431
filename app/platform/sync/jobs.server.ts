/**
 * The sync as jobs on Steward's queue (registered in
 * app/platform/jobs/handlers.server.ts); nothing of it runs in a request.
 *
 *   sync.start {mode}          plans one SyncRun per resource (runs.server.ts)
 *   sync.bulk-start {runId}    starts the resource's bulk query at Shopify
 *   sync.bulk-poll {runId, n}  fallback when bulk_operations/finish does not
 *                              come: asks Shopify, again later while it runs
 *   sync.bulk-apply {runId}    downloads the result, applies it to the mirror
 *                              (then, for orders, the refund lines)
 *   sync.catchup {runId}       the paged `updated_at:>=` catch-up
 *
 * Every job can run twice or be killed half-way: each step reads the run's
 * state before acting, progress is written with the data it describes, and
 * long steps work for at most `sliceMs` and then queue their own
 * continuation, so the sync shares the worker with webhook processing. A
 * result link that expired, or an operation Shopify no longer knows, starts
 * the bulk query again. A job out of tries marks its run failed.
 */
import { randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PrismaClient, SyncRun } from '@prisma/client';
import { z } from 'zod';
import prisma from '../../db.server';
import {
  markCatalogChanged,
  scheduleRollupRebuild,
  scheduleRollups,
} from '../../modules/insights/rollup-trigger.server';
import { jobQueue } from '../jobs/index.server';
import type { EnqueueOptions, JobHandlers, JobPayload, JobQueue, RunningJob } from '../jobs/types';
import { errorMessage } from '../jobs/types';
import { logger } from '../logging/logger.server';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { applyBulkFile, RunNoLongerActiveError } from './apply-bulk-file.server';
import { readBulkOperation, startBulkQuery, type BulkOperation } from './bulk-operations.server';
import { stepKey, SYNC_JOBS, SYNC_MAX_ATTEMPTS } from './job-names';
import { BULK_QUERIES } from './bulk-queries';
import { runCatchUp } from './catchup.server';
import { downloadResult, ResultGoneError } from './download.server';
import { gatewayForShop } from './gateway-for-shop.server';
import { completeRefundLines } from './refund-lines.server';
import { isSyncResource, type SyncMode } from './resources';
import { failRun, findRun, finishRun, planRuns, updateRun } from './runs.server';

export interface SyncJobOptions {
  db?: PrismaClient;
  queue?: () => JobQueue;
  gatewayFor?: (shop: string) => Promise<AdminGateway>;
  /** First poll of a running bulk operation; each later one waits twice as long, up to pollMaxMs. */
  pollFirstMs?: number;
  pollMaxMs?: number;
  /** How long one job applies or reads before it queues its continuation. */
  sliceMs?: number;
  /** Where result files are downloaded. */
  workDir?: string;
}

const log = logger.child({ component: 'sync' });

const runPayload = z.object({ runId: z.string().min(1), step: z.number().int().min(0).default(0) });

export function createSyncJobHandlers(options: SyncJobOptions = {}): JobHandlers {
  const db = options.db ?? prisma;
  const queue = options.queue ?? jobQueue;
  const gatewayFor = options.gatewayFor ?? gatewayForShop;
  const pollFirstMs = options.pollFirstMs ?? 5_000;
  const pollMaxMs = options.pollMaxMs ?? 60_000;
  const sliceMs = options.sliceMs ?? 20_000;
  const workDir = options.workDir ?? path.join(os.tmpdir(), 'steward-sync');

  const enqueue = (name: string, shop: string, payload: JobPayload, dedupeKey: string, runAt?: Date) => {
    const enqueueOptions: EnqueueOptions = { shop, dedupeKey, maxAttempts: SYNC_MAX_ATTEMPTS, runAt };
    return queue().enqueue(name, payload, enqueueOptions);
  };
  const next = {
    bulkStart: (run: SyncRun) =>
      enqueue(SYNC_JOBS.bulkStart, run.shop, { runId: run.id }, stepKey(run.id, 'bulk-start')),
    poll: (run: SyncRun, step: number) =>
      enqueue(
        SYNC_JOBS.bulkPoll,
        run.shop,
        { runId: run.id, step },
        stepKey(run.id, 'poll', step),
        new Date(Date.now() + Math.min(pollFirstMs * 2 ** step, pollMaxMs)),
      ),
    apply: (run: SyncRun, step: number) =>
      enqueue(SYNC_JOBS.bulkApply, run.shop, { runId: run.id, step }, stepKey(run.id, 'apply', step)),
    catchUp: (run: SyncRun, step: number) =>
      enqueue(SYNC_JOBS.catchUp, run.shop, { runId: run.id, step }, stepKey(run.id, 'catchup', step)),
  };

  /** Loads the job's run; a run that is gone or settled means there is nothing left to do. */
  const withRun = (work: (run: SyncRun, step: number, job: RunningJob) => Promise<void>) => async (job: RunningJob) => {
    const { runId, step } = runPayload.parse(job.payload);
    const run = await findRun(db, job.shop, runId);
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return;
    try {
      await work(run, step, job);
    } catch (error) {
      if (error instanceof RunNoLongerActiveError) return;
      if (job.attempt >= SYNC_MAX_ATTEMPTS) await failRun(db, run.shop, run.id, errorMessage(error));
      throw error;
    }
  };

  /** Forgets the bulk operation and starts the query again (its result is gone). */
  const restart = async (run: SyncRun, why: string) => {
    log.warn({ shop: run.shop, runId: run.id, resource: run.resource, why }, 'Sync restarts its bulk operation');
    await updateRun(db, run.shop, run.id, { bulkOperationId: null, linesDone: 0, objectsDone: 0, objectsTotal: null });
    await next.bulkStart(run);
  };

  /** Acts on an operation that is not COMPLETED; returns false when it still runs. */
  const settleUnfinished = async (run: SyncRun, operation: BulkOperation | null): Promise<boolean> => {
    if (!operation || operation.status === 'EXPIRED') {
      await restart(run, operation ? 'the operation expired' : 'Shopify no longer knows the operation');
      return true;
    }
    if (operation.status === 'FAILED' || operation.status === 'CANCELED') {
      const detail = operation.errorCode ? ` (${operation.errorCode})` : '';
      await failRun(db, run.shop, run.id, `Shopify's bulk operation ended ${operation.status}${detail}`);
      return true;
    }
    return false;
  };

  /** The result file on local disk, downloaded unless this process already has it whole. */
  const localCopy = async (run: SyncRun, operation: BulkOperation): Promise<string> => {
    const file = path.join(workDir, run.shop, `${run.id}-${operation.id.split('/').pop()}.jsonl`);
    const size = await stat(file).then(
      (info) => info.size,
      () => -1,
    );
    if (size >= 0 && size === operation.fileSize) return file;
    // Downloaded under a private name and renamed: a second worker never reads half a file.
    const partial = `${file}.${randomUUID()}.part`;
    try {
      await downloadResult(operation.url as string, partial);
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
    return file;
  };

  /** Deletes the run's downloaded files (other runs of the shop may be reading theirs). */
  const removeFiles = async (run: SyncRun) => {
    const dir = path.join(workDir, run.shop);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((entry) => entry.startsWith(`${run.id}-`)))
      await rm(path.join(dir, name), { force: true });
  };

  return {
    async [SYNC_JOBS.start](job) {
      const { mode } = z.object({ mode: z.enum(['full', 'catchup']) }).parse(job.payload);
      const runs = await planRuns(db, job.shop, mode as SyncMode);
      for (const run of runs) {
        if (run.mode === 'catchup') await next.catchUp(run, 0);
        else await next.bulkStart(run);
      }
      if (runs.length > 0) log.info({ shop: job.shop, mode, runs: runs.map((run) => run.resource) }, 'Sync planned');
    },

    [SYNC_JOBS.bulkStart]: withRun(async (run) => {
      if (!run.bulkOperationId) {
        if (!isSyncResource(run.resource)) throw new Error(`Unknown sync resource "${run.resource}"`);
        const gateway = await gatewayFor(run.shop);
        const id = await startBulkQuery(gateway, BULK_QUERIES[run.resource]);
        await updateRun(db, run.shop, run.id, { state: 'running', bulkOperationId: id });
      }
      await next.poll(run, 0);
    }),

    [SYNC_JOBS.bulkPoll]: withRun(async (run, step) => {
      if (!run.bulkOperationId) {
        await next.bulkStart(run);
        return;
      }
      const operation = await readBulkOperation(await gatewayFor(run.shop), run.bulkOperationId);
      if (operation?.status === 'COMPLETED') {
        await next.apply(run, 0);
      } else if (!(await settleUnfinished(run, operation))) {
        // Still running: say the run is alive, and look again later.
        await updateRun(db, run.shop, run.id, { updatedAt: new Date() });
        await next.poll(run, step + 1);
      }
    }),

    [SYNC_JOBS.bulkApply]: withRun(async (run, step) => {
      const resource = run.resource;
      if (!isSyncResource(resource)) throw new Error(`Unknown sync resource "${resource}"`);
      if (!run.bulkOperationId) {
        await next.bulkStart(run);
        return;
      }
      const gateway = await gatewayFor(run.shop);
      const operation = await readBulkOperation(gateway, run.bulkOperationId);
      if (operation?.status !== 'COMPLETED') {
        if (!(await settleUnfinished(run, operation))) await next.poll(run, 0);
        return;
      }
      // Shopify gives no file for an operation that found nothing.
      const empty = operation.objectCount === 0 && !operation.url;
      if (!operation.url && !empty) return restart(run, 'the operation has no result link');
      const deadline = Date.now() + sliceMs;
      let objectsTotal = run.objectsTotal ?? operation.objectCount;
      if (run.objectsTotal === null) await updateRun(db, run.shop, run.id, { objectsTotal });

      if (!empty && run.objectsDone < objectsTotal) {
        let file: string;
        try {
          file = await localCopy(run, operation);
        } catch (error) {
          if (error instanceof ResultGoneError) return restart(run, error.message);
          throw error;
        }
        const outcome = await applyBulkFile(db, {
          shop: run.shop,
          runId: run.id,
          resource,
          file,
          linesDone: run.linesDone,
          deadline,
        });
        if (!outcome.finished) {
          await next.apply(run, step + 1);
          return;
        }
        // The file is the truth about its size: a count that differed is corrected.
        const applied = await findRun(db, run.shop, run.id);
        objectsTotal = applied?.objectsDone ?? objectsTotal;
        await updateRun(db, run.shop, run.id, { objectsTotal });
      }
      if (resource === 'orders') {
        const refunds = await completeRefundLines(db, gateway, run.shop, deadline);
        if (!refunds.finished) {
          await next.apply(run, step + 1);
          return;
        }
      }
      await finishRun(db, run.shop, run.id, operation.createdAt);
      // Insights: a full sync of orders rebuilds every rollup day; of the catalog, refreshes the findings.
      if (resource === 'orders') await scheduleRollupRebuild(db, run.shop);
      else if (resource === 'products' || resource === 'inventory') await markCatalogChanged(run.shop);
      await removeFiles(run);
      log.info({ shop: run.shop, resource, objects: objectsTotal }, 'Full sync of a resource finished');
    }),

    [SYNC_JOBS.catchUp]: withRun(async (run, step) => {
      if (run.state === 'queued') await updateRun(db, run.shop, run.id, { state: 'running' });
      const outcome = await runCatchUp(db, await gatewayFor(run.shop), run, Date.now() + sliceMs);
      if (!outcome.finished) {
        await next.catchUp(run, step + 1);
        return;
      }
      await finishRun(db, run.shop, run.id, outcome.highWater);
      // Insights: the orders the writer marked get their rollup days recomputed; catalog changes refresh the findings.
      if (run.resource === 'orders') await scheduleRollups(run.shop);
      else if (run.resource === 'products' || run.resource === 'inventory') await markCatalogChanged(run.shop);
      log.info({ shop: run.shop, resource: run.resource }, 'Catch-up of a resource finished');
    }),
  };
}

/** The handlers as registered for every worker. */
export const SYNC_JOB_HANDLERS: JobHandlers = createSyncJobHandlers();
