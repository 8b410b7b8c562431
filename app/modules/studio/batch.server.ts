/**
 * A recipe applied to many images: a StudioBatch with one StudioBatchItem per
 * image, worked by the `studio.batch` job (jobs.server.ts), one image at a
 * time, in order.
 *
 * - Progress is the items' states, read by batchStatus for the UI.
 * - Cancel sets a flag; the job reads it before every image, so the image
 *   being saved finishes and the rest are marked cancelled.
 * - Each image is saved with saveEdit under the item's own request key, so a
 *   job run again (a worker killed mid-save, a retried job) resumes that
 *   image's save instead of saving twice, and items done are skipped.
 * - rerunBatch puts the failed and cancelled images back in line; the images
 *   already done are not touched.
 * - A job works for at most `sliceMs`, then queues its continuation (the
 *   batch's next step), so a long batch shares the worker with other work;
 *   a job whose step is no longer the batch's (superseded) does nothing.
 */
import type { StudioBatch, StudioBatchItem } from '@prisma/client';
import { z } from 'zod';
import prisma from '~/db.server';
import { jobQueue } from '~/platform/jobs/index.server';
import { AdminGraphqlError, AdminUserErrors } from '~/platform/shopify/errors';
import { StudioError } from './errors';
import { ImageInputError } from './image/decode.server';
import { parseRecipe, RecipeError, type Recipe } from './image/recipe';
import { requireRecipe } from './recipes.server';
import { saveEdit, type StudioContext } from './save.server';

export const BATCH_JOB = 'studio.batch';
export const BATCH_MAX_ATTEMPTS = 5;
export const MAX_BATCH_ITEMS = 500;

export type BatchState = 'queued' | 'running' | 'done' | 'cancelled';
export type BatchItemState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

const gid = (type: string) =>
  z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `Expected a Shopify ${type} id`);

export const StartBatchSchema = z
  .object({
    recipeId: z.string().min(1).optional(),
    recipe: z.unknown().optional(),
    mediaRefs: z
      .array(z.object({ productId: gid('Product'), mediaId: gid('MediaImage') }))
      .min(1, 'Choose at least one image')
      .max(MAX_BATCH_ITEMS, `A batch has at most ${MAX_BATCH_ITEMS} images`),
  })
  .refine((input) => (input.recipeId === undefined) !== (input.recipe === undefined), {
    message: 'Give either a saved recipe or a recipe',
    path: ['recipe'],
  });
export type StartBatchInput = z.input<typeof StartBatchSchema>;

const invalid = (error: z.ZodError) =>
  new StudioError(
    'invalid',
    error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '),
  );

function parseOrInvalid(json: unknown): Recipe {
  try {
    return parseRecipe(json);
  } catch (error) {
    if (error instanceof RecipeError) throw new StudioError('invalid', error.message);
    throw error;
  }
}

async function enqueueStep(shop: string, batchId: string, step: number): Promise<void> {
  await jobQueue().enqueue(
    BATCH_JOB,
    { batchId, step },
    { shop, dedupeKey: `${BATCH_JOB}:${batchId}:${step}`, maxAttempts: BATCH_MAX_ATTEMPTS },
  );
}

/** Creates the batch (duplicates of an image kept once) and queues its job; returns its id. */
export async function startBatch(ctx: Pick<StudioContext, 'shop' | 'actor'>, input: StartBatchInput): Promise<string> {
  const parsed = StartBatchSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { shop } = ctx;
  const saved = parsed.data.recipeId ? await requireRecipe(shop, parsed.data.recipeId) : null;
  const recipe = parseOrInvalid(saved ? saved.recipe : parsed.data.recipe);
  const refs = [...new Map(parsed.data.mediaRefs.map((ref) => [`${ref.productId} ${ref.mediaId}`, ref])).values()];

  const batch = await prisma.$transaction(async (tx) => {
    const created = await tx.studioBatch.create({
      data: {
        shop,
        state: 'queued',
        recipe,
        recipeName: saved?.name ?? null,
        total: refs.length,
        createdById: ctx.actor.id ?? null,
        createdByName: ctx.actor.name ?? null,
      },
    });
    await tx.studioBatchItem.createMany({
      data: refs.map((ref, index) => ({ shop, batchId: created.id, index, ...ref })),
    });
    return created;
  });
  await enqueueStep(shop, batch.id, 0);
  return batch.id;
}

export interface BatchItemStatus {
  id: string;
  productId: string;
  mediaId: string;
  state: BatchItemState;
  error: string | null;
  versionId: string | null;
  newMediaId: string | null;
}

export interface BatchStatus {
  id: string;
  state: BatchState;
  recipeName: string | null;
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Asked to stop; the job stops before its next image. */
  cancelRequested: boolean;
  createdAt: string;
  finishedAt: string | null;
  items: BatchItemStatus[];
}

async function requireBatch(shop: string, batchId: string): Promise<StudioBatch> {
  const batch = await prisma.studioBatch.findFirst({ where: { shop, id: batchId } });
  if (!batch) throw new StudioError('not-found', 'This batch does not exist');
  return batch;
}

export async function batchStatus(shop: string, batchId: string): Promise<BatchStatus> {
  const batch = await requireBatch(shop, batchId);
  const items = await prisma.studioBatchItem.findMany({ where: { shop, batchId }, orderBy: { index: 'asc' } });
  const count = (state: BatchItemState) => items.filter((item) => item.state === state).length;
  return {
    id: batch.id,
    state: batch.state as BatchState,
    recipeName: batch.recipeName,
    total: batch.total,
    done: count('done'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    cancelRequested: batch.cancelRequested,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    items: items.map((item) => ({
      id: item.id,
      productId: item.productId,
      mediaId: item.mediaId,
      state: item.state as BatchItemState,
      error: item.error,
      versionId: item.versionId,
      newMediaId: item.newMediaId,
    })),
  };
}

/** The shop's latest batches, newest first. */
export async function listBatches(shop: string, take = 20): Promise<StudioBatch[]> {
  return prisma.studioBatch.findMany({ where: { shop }, orderBy: { createdAt: 'desc' }, take });
}

/** Asks the batch to stop before its next image. A finished batch is left as it is. */
export async function cancelBatch(shop: string, batchId: string): Promise<BatchStatus> {
  await requireBatch(shop, batchId);
  await prisma.studioBatch.updateMany({
    where: { shop, id: batchId, state: { in: ['queued', 'running'] } },
    data: { cancelRequested: true },
  });
  return batchStatus(shop, batchId);
}

/** Puts the failed and cancelled images of a finished batch back in line and queues the job. */
export async function rerunBatch(ctx: Pick<StudioContext, 'shop'>, batchId: string): Promise<BatchStatus> {
  const { shop } = ctx;
  const batch = await requireBatch(shop, batchId);
  if (batch.state !== 'done' && batch.state !== 'cancelled')
    throw new StudioError('conflict', 'The batch is still running');
  const step = batch.step + 1;
  await prisma.$transaction([
    prisma.studioBatchItem.updateMany({
      where: { shop, batchId, state: { in: ['failed', 'cancelled'] } },
      data: { state: 'pending', error: null },
    }),
    prisma.studioBatch.updateMany({
      where: { shop, id: batchId },
      data: { state: 'queued', cancelRequested: false, step, finishedAt: null },
    }),
  ]);
  await enqueueStep(shop, batchId, step);
  return batchStatus(shop, batchId);
}

// ─── The job's work ─────────────────────────────────────────────────────────

export interface BatchStepOptions {
  /** The gateway for the shop, outside any request. */
  gatewayFor: (shop: string) => Promise<StudioContext['gateway']>;
  /** Aborted when the worker stops: the step ends after the current image and queues its continuation. */
  signal: AbortSignal;
  /** How long a step works before it queues its continuation. */
  sliceMs: number;
  /** This run's try (1 on the first) of BATCH_MAX_ATTEMPTS. */
  attempt: number;
  wait?: StudioContext['wait'];
}

/** Failures that are the image's or the input's: retrying the job would fail the same way. */
function isItemFailure(error: unknown): boolean {
  return (
    error instanceof StudioError ||
    error instanceof ImageInputError ||
    error instanceof RecipeError ||
    error instanceof AdminUserErrors ||
    error instanceof AdminGraphqlError
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function finish(shop: string, batchId: string, state: BatchState): Promise<void> {
  if (state === 'cancelled') {
    await prisma.studioBatchItem.updateMany({
      where: { shop, batchId, state: { in: ['pending', 'running'] } },
      data: { state: 'cancelled' },
    });
  }
  await prisma.studioBatch.updateMany({ where: { shop, id: batchId }, data: { state, finishedAt: new Date() } });
}

async function nextItem(shop: string, batchId: string): Promise<StudioBatchItem | null> {
  return prisma.studioBatchItem.findFirst({
    where: { shop, batchId, state: { in: ['pending', 'running'] } },
    orderBy: { index: 'asc' },
  });
}

async function saveItem(ctx: StudioContext, recipe: Recipe, item: StudioBatchItem, attempt: number): Promise<void> {
  const { shop } = ctx;
  await prisma.studioBatchItem.updateMany({ where: { shop, id: item.id }, data: { state: 'running' } });
  try {
    const result = await saveEdit(ctx, {
      productId: item.productId,
      mediaId: item.mediaId,
      recipe,
      requestKey: `batch-item:${item.id}`,
    });
    await prisma.studioBatchItem.updateMany({
      where: { shop, id: item.id },
      data: { state: 'done', error: null, versionId: result.version.id, newMediaId: result.mediaId },
    });
  } catch (error) {
    // Shopify unavailable, a lost connection…: the job is tried again and the save resumes. On the last try, the image fails.
    if (!isItemFailure(error) && attempt < BATCH_MAX_ATTEMPTS) throw error;
    await prisma.studioBatchItem.updateMany({
      where: { shop, id: item.id },
      data: { state: 'failed', error: messageOf(error).slice(0, 1000) },
    });
  }
}

/** One run of the batch's job: images in order until done, cancelled, out of time or stopping. */
export async function runBatchStep(
  shop: string,
  batchId: string,
  step: number,
  options: BatchStepOptions,
): Promise<void> {
  const batch = await prisma.studioBatch.findFirst({ where: { shop, id: batchId } });
  if (!batch || batch.step !== step || batch.state === 'done' || batch.state === 'cancelled') return;
  try {
    await prisma.studioBatch.updateMany({ where: { shop, id: batchId }, data: { state: 'running' } });
    const ctx: StudioContext = {
      gateway: await options.gatewayFor(shop),
      shop,
      actor: { type: 'steward', id: batch.createdById, name: batch.createdByName },
      wait: options.wait,
    };
    const recipe = parseRecipe(batch.recipe);
    const started = Date.now();
    for (let worked = 0; ; worked++) {
      const { cancelRequested } = await prisma.studioBatch.findFirstOrThrow({
        where: { shop, id: batchId },
        select: { cancelRequested: true },
      });
      if (cancelRequested) return await finish(shop, batchId, 'cancelled');
      const item = await nextItem(shop, batchId);
      if (!item) return await finish(shop, batchId, 'done');
      if (worked > 0 && (Date.now() - started >= options.sliceMs || options.signal.aborted)) {
        await prisma.studioBatch.updateMany({ where: { shop, id: batchId }, data: { step: step + 1 } });
        return await enqueueStep(shop, batchId, step + 1);
      }
      await saveItem(ctx, recipe, item, options.attempt);
    }
  } catch (error) {
    if (options.attempt < BATCH_MAX_ATTEMPTS) throw error;
    // Out of tries outside any one image (the shop uninstalled, the recipe unreadable): the rest fail with the reason.
    await prisma.studioBatchItem.updateMany({
      where: { shop, batchId, state: { in: ['pending', 'running'] } },
      data: { state: 'failed', error: messageOf(error).slice(0, 1000) },
    });
    await finish(shop, batchId, 'done');
  }
}
