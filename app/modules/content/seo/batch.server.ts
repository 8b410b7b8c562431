/**
 * Saves of many products as a job (content.save) with progress: the batch
 * and one item per product are written first, then the job saves the items
 * in order, writing each one's outcome as it goes. It works for at most
 * `sliceMs` and then queues its continuation, so a save of thousands shares
 * the worker. Items still pending when a job dies are saved by its retry;
 * saving the same texts again changes nothing, and their activity entries
 * are keyed by the batch, so none is written twice.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import type { ActivityInput } from '~/modules/activity/record.server';
import { CONTENT_JOBS, CONTENT_MAX_ATTEMPTS } from '../jobs';
import { productChangeSchema, type FieldProblem, type ProductChange } from './changes';
import { saveProductChange } from './save.server';
import type { ContentJobDeps } from './scan.server';
import type { BatchView } from './types';

const stepKey = (batchId: string, step: number) => `${CONTENT_JOBS.save}:${batchId}:${step}`;

async function enqueueStep(deps: ContentJobDeps, shop: string, batchId: string, step: number) {
  await deps
    .queue()
    .enqueue(
      CONTENT_JOBS.save,
      { batchId, step },
      { shop, dedupeKey: stepKey(batchId, step), maxAttempts: CONTENT_MAX_ATTEMPTS },
    );
}

export async function startSaveBatch(
  deps: ContentJobDeps,
  shop: string,
  actor: ActivityInput['actor'],
  changes: ProductChange[],
): Promise<string> {
  const { db } = deps;
  const known = await db.contentProduct.findMany({
    where: { shop, productId: { in: changes.map((change) => BigInt(change.productId)) } },
    select: { productId: true, title: true },
  });
  const titles = new Map(known.map((row) => [String(row.productId), row.title]));
  const batch = await db.$transaction(async (tx) => {
    const created = await tx.contentSaveBatch.create({
      data: { shop, state: 'queued', total: changes.length, actorId: actor.id ?? null, actorName: actor.name ?? null },
    });
    await tx.contentSaveItem.createMany({
      data: changes.map((change, position) => ({
        shop,
        batchId: created.id,
        position,
        productId: BigInt(change.productId),
        title: titles.get(change.productId) ?? '',
        change: change as unknown as Prisma.InputJsonValue,
      })),
    });
    return created;
  });
  await enqueueStep(deps, shop, batch.id, 0);
  return batch.id;
}

/** One step of a batch (the content.save job). */
export async function runSaveStep(
  deps: ContentJobDeps,
  shop: string,
  batchId: string,
  step: number,
  signal: AbortSignal,
): Promise<void> {
  const { db } = deps;
  const batch = await db.contentSaveBatch.findUnique({ where: { shop_id: { shop, id: batchId } } });
  if (!batch || batch.state === 'done' || batch.step !== step) return;
  await db.contentSaveBatch.updateMany({ where: { shop, id: batchId, step }, data: { state: 'running' } });
  const context = {
    db,
    gateway: await deps.gatewayFor(shop),
    shop,
    actor: { type: 'steward' as const, id: batch.actorId, name: batch.actorName },
    saveId: batchId,
  };
  const began = Date.now();
  for (;;) {
    const item = await db.contentSaveItem.findFirst({
      where: { shop, batchId, state: 'pending' },
      orderBy: { position: 'asc' },
    });
    if (!item) break;
    const change = productChangeSchema.parse(item.change);
    const outcome = await saveProductChange(context, change);
    await db.$transaction([
      db.contentSaveItem.update({
        where: { shop_batchId_position: { shop, batchId, position: item.position } },
        data: {
          state: outcome.state,
          title: outcome.title ?? item.title,
          errors: outcome.problems.length > 0 ? (outcome.problems as unknown as Prisma.InputJsonValue) : undefined,
        },
      }),
      db.contentSaveBatch.update({
        where: { shop_id: { shop, id: batchId } },
        data: outcome.state === 'saved' ? { saved: { increment: 1 } } : { failed: { increment: 1 } },
      }),
    ]);
    if (Date.now() - began >= deps.sliceMs || signal.aborted) {
      const { count } = await db.contentSaveBatch.updateMany({
        where: { shop, id: batchId, step },
        data: { step: step + 1 },
      });
      if (count === 1) await enqueueStep(deps, shop, batchId, step + 1);
      return;
    }
  }
  await db.contentSaveBatch.updateMany({
    where: { shop, id: batchId, step },
    data: { state: 'done', finishedAt: new Date() },
  });
}

/** A job out of tries: its remaining items fail with the reason, and the batch ends. */
export async function failSaveBatch(db: PrismaClient, shop: string, batchId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const pending = await db.contentSaveItem.findMany({ where: { shop, batchId, state: 'pending' } });
  await db.$transaction([
    ...pending.map((item) =>
      db.contentSaveItem.update({
        where: { shop_batchId_position: { shop, batchId, position: item.position } },
        data: {
          state: 'failed',
          errors: [
            { productId: String(item.productId), field: 'product', code: 'shopify', message: message.slice(0, 500) },
          ] satisfies FieldProblem[] as unknown as Prisma.InputJsonValue,
        },
      }),
    ),
    db.contentSaveBatch.update({
      where: { shop_id: { shop, id: batchId } },
      data: { state: 'done', failed: { increment: pending.length }, finishedAt: new Date() },
    }),
  ]);
}

/** A batch of the shop, with its failed items (at most `maxFailures`), or null. */
export async function readSaveBatch(
  db: PrismaClient,
  shop: string,
  batchId: string,
  maxFailures = 100,
): Promise<BatchView | null> {
  const batch = await db.contentSaveBatch.findUnique({ where: { shop_id: { shop, id: batchId } } });
  if (!batch) return null;
  const failed = await db.contentSaveItem.findMany({
    where: { shop, batchId, state: 'failed' },
    orderBy: { position: 'asc' },
    take: maxFailures,
  });
  return {
    id: batch.id,
    state: batch.state,
    total: batch.total,
    saved: batch.saved,
    failed: batch.failed,
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    failures: failed.map((item) => ({
      productId: String(item.productId),
      title: item.title,
      problems: (item.errors ?? []) as unknown as FieldProblem[],
    })),
  };
}
