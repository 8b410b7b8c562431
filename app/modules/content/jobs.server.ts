/**
 * Content's jobs (registered in app/platform/jobs/handlers.server.ts):
 *   content.scan {step}           one step of the shop's catalogue scan (seo/scan.server.ts)
 *   content.save {batchId, step}  one step of a save batch (seo/batch.server.ts)
 * A job out of tries marks its scan failed, or fails its batch's remaining items.
 */
import { z } from 'zod';
import prisma from '~/db.server';
import { jobQueue } from '~/platform/jobs/index.server';
import type { JobHandlers, RunningJob } from '~/platform/jobs/types';
import { gatewayForShop } from '~/platform/sync/gateway-for-shop.server';
import { CONTENT_JOBS, CONTENT_MAX_ATTEMPTS } from './jobs';
import { failSaveBatch, runSaveStep } from './seo/batch.server';
import { failScan, runScanStep, type ContentJobDeps } from './seo/scan.server';

const scanPayload = z.object({ step: z.number().int().min(0) });
const savePayload = z.object({ batchId: z.string().min(1), step: z.number().int().min(0) });

export const contentJobDeps = (): ContentJobDeps => ({
  db: prisma,
  queue: jobQueue,
  gatewayFor: gatewayForShop,
  sliceMs: 20_000,
});

/** Runs `work`; when this was the job's last try, `onLastFailure` records why before the error goes on. */
async function lastTry(job: RunningJob, work: () => Promise<void>, onLastFailure: (error: unknown) => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (job.attempt >= CONTENT_MAX_ATTEMPTS) await onLastFailure(error);
    throw error;
  }
}

export function createContentJobHandlers(deps: ContentJobDeps = contentJobDeps()): JobHandlers {
  return {
    [CONTENT_JOBS.scan]: (job) => {
      const { step } = scanPayload.parse(job.payload);
      return lastTry(
        job,
        () => runScanStep(deps, job.shop, step, job.signal),
        (error) => failScan(deps.db, job.shop, step, error),
      );
    },
    [CONTENT_JOBS.save]: (job) => {
      const { batchId, step } = savePayload.parse(job.payload);
      return lastTry(
        job,
        () => runSaveStep(deps, job.shop, batchId, step, job.signal),
        (error) => failSaveBatch(deps.db, job.shop, batchId, error),
      );
    },
  };
}

export const CONTENT_JOB_HANDLERS: JobHandlers = createContentJobHandlers();
