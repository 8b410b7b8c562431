/**
 * The studio's jobs (registered in app/platform/jobs/handlers.server.ts):
 * - studio.batch {batchId, step}: applies a batch's recipe to its images,
 *   one at a time (batch.server.ts);
 * - studio.analyse {targets}: the background type of the media browser's
 *   images that a request had no time to analyse (media.server.ts).
 * Both are safe to run again: a batch resumes its images by their request
 * keys, and an analysis overwrites the same row.
 */
import { z } from 'zod';
import type { JobHandlers } from '~/platform/jobs/types';
import { gatewayForShop } from '~/platform/sync/gateway-for-shop.server';
import { BATCH_JOB, runBatchStep, type BatchStepOptions } from './batch.server';
import { analyseStale, ANALYSE_JOB } from './media.server';

export interface StudioJobOptions {
  gatewayFor?: BatchStepOptions['gatewayFor'];
  sliceMs?: number;
  wait?: BatchStepOptions['wait'];
}

const batchPayload = z.object({ batchId: z.string().min(1), step: z.number().int().min(0) });
const analysePayload = z.object({
  targets: z.array(z.object({ mediaId: z.string(), thumbnailUrl: z.string().url(), updatedAt: z.string().nullable() })),
});

export function createStudioJobHandlers(options: StudioJobOptions = {}): JobHandlers {
  return {
    [BATCH_JOB]: async (job) => {
      const { batchId, step } = batchPayload.parse(job.payload);
      await runBatchStep(job.shop, batchId, step, {
        gatewayFor: options.gatewayFor ?? gatewayForShop,
        signal: job.signal,
        sliceMs: options.sliceMs ?? 20_000,
        attempt: job.attempt,
        wait: options.wait,
      });
    },
    [ANALYSE_JOB]: async (job) => {
      const { targets } = analysePayload.parse(job.payload);
      await analyseStale(job.shop, targets, job.signal);
    },
  };
}

export const STUDIO_JOB_HANDLERS: JobHandlers = createStudioJobHandlers();
