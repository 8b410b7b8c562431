/**
 * Batches over real HTTP against the devstore, worked by the studio.batch job
 * on the database job queue: progress per image, a corrupt image failing
 * alone with a clear error, cancel between images, a re-run that finishes
 * only the rest, a job killed mid-save and retried without a second save,
 * continuation steps, and shops kept apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { productIdsOf, productImages, studioShop, type ProductSpec } from '../../../tests/support/studio-shops';

const MAPLE = 'batch-maple.myshopify.com';
const HARBOR = 'batch-harbor.myshopify.com';

const products: ProductSpec[] = Array.from({ length: 9 }, (_, index) => ({
  title: `Product ${index + 1}`,
  images: [{ width: 120, height: 80, alt: `Product ${index + 1}`, corrupt: index === 2 }],
}));
const mapleState = await studioShop({ id: 1, domain: MAPLE }, products);
const harborState = await studioShop({ id: 2, domain: HARBOR, firstId: 50_000 }, products.slice(0, 1));
const PRODUCTS = productIdsOf(mapleState);
const devstore = await startAppDevstore({ shops: [mapleState, harborState] });

const { default: prisma } = await import('~/db.server');
const { DbJobQueue } = await import('~/platform/jobs/db.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { operationName } = await import('~/platform/shopify/admin-gateway.server');
const { createStudioJobHandlers } = await import('./jobs.server');
const { batchStatus, cancelBatch, rerunBatch, startBatch } = await import('./batch.server');
const { saveRecipe } = await import('./recipes.server');
const { listVersions } = await import('./versions.server');
const { StudioError } = await import('./errors');
await installOn(devstore, [MAPLE, HARBOR]);

const queue = new DbJobQueue(prisma, { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 100 } });
afterAll(async () => {
  await queue.close();
  await devstore.close();
});

const actor = { type: 'steward' as const, id: '7', name: 'Grace Hopper' };
const ROTATE = { version: 1, operations: [{ op: 'rotate', degrees: 180 }] };
const refsOf = (indexes: number[]) =>
  indexes.map((index) => {
    const productId = PRODUCTS[index] as string;
    return { productId, mediaId: productImages(devstore, MAPLE, productId)[0]!.id };
  });

type Gateway = Awaited<ReturnType<typeof gatewayForShop>>;
/** Runs the studio's jobs until the batch is finished. `gatewayFor` lets a test act at Shopify's door. */
async function work(shop: string, batchId: string, gatewayFor: (shop: string) => Promise<Gateway> = gatewayForShop) {
  const handlers = createStudioJobHandlers({ gatewayFor, sliceMs: 0, wait: { firstIntervalMs: 5 } });
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency: 1, signal: stop.signal });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await batchStatus(shop, batchId);
      if (status.state === 'done' || status.state === 'cancelled') return status;
      if (Date.now() > deadline) throw new Error(`the batch did not finish: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    stop.abort();
    await working;
  }
}

/** A gateway that, after Shopify's `count`-th productSet, calls `then` (once). */
function afterProductSets(count: number, then: () => Promise<void>) {
  let seen = 0;
  return async (shop: string): Promise<Gateway> => {
    const gateway = await gatewayForShop(shop);
    return {
      ...gateway,
      shop: gateway.shop,
      mutate: async (document, variables, payloadOf) => {
        const payload = await gateway.mutate(document, variables, payloadOf);
        if (operationName(document) === 'StudioProductFilesSet' && ++seen === count) await then();
        return payload;
      },
    };
  };
}

let firstBatch = '';

describe('a batch', () => {
  beforeAll(async () => {
    const recipe = await saveRecipe(MAPLE, { name: 'Turn around', recipe: ROTATE });
    firstBatch = await startBatch({ shop: MAPLE, actor }, { recipeId: recipe.id, mediaRefs: refsOf([0, 1, 2, 3]) });
  });

  it('saves each image in turn, and a corrupt image fails alone with a clear error', async () => {
    expect(await batchStatus(MAPLE, firstBatch)).toMatchObject({ state: 'queued', total: 4, done: 0 });
    const status = await work(MAPLE, firstBatch);
    expect(status).toMatchObject({ state: 'done', recipeName: 'Turn around', total: 4, done: 3, failed: 1 });
    expect(status.items.map((item) => item.state)).toEqual(['done', 'done', 'failed', 'done']);
    expect(status.items[2]!.error).toMatch(/damaged or incomplete/);
    for (const item of status.items.filter((entry) => entry.state === 'done')) {
      expect(productImages(devstore, MAPLE, item.productId).map((media) => media.id)).toEqual([item.newMediaId]);
      const versions = await listVersions(MAPLE, item.productId, item.mediaId);
      expect(versions.map((version) => [version.version, version.id === item.versionId])).toEqual([
        [0, false],
        [1, true],
      ]);
    }
    // Every save is in the activity log, under the person who started the batch.
    const entries = await prisma.activityEntry.findMany({ where: { shop: MAPLE, actorName: 'Grace Hopper' } });
    expect(entries).toHaveLength(3);
  });

  it('a re-run retries only what did not succeed', async () => {
    const before = await batchStatus(MAPLE, firstBatch);
    const status = await rerunBatch({ shop: MAPLE }, firstBatch);
    expect(status).toMatchObject({ state: 'queued', done: 3, failed: 0 });
    const after = await work(MAPLE, firstBatch);
    expect(after).toMatchObject({ state: 'done', done: 3, failed: 1 });
    // The images done keep their one save.
    expect(after.items.map((item) => item.versionId)).toEqual(before.items.map((item) => item.versionId));
  });
});

describe('cancelling', () => {
  it('stops before the next image; a re-run finishes only the rest', async () => {
    const batchId = await startBatch({ shop: MAPLE, actor }, { recipe: ROTATE, mediaRefs: refsOf([4, 5, 6, 7]) });
    const cancelled = await work(
      MAPLE,
      batchId,
      afterProductSets(2, async () => {
        const asked = await cancelBatch(MAPLE, batchId);
        expect(asked.cancelRequested).toBe(true);
      }),
    );
    expect(cancelled).toMatchObject({ state: 'cancelled', done: 2, cancelled: 2 });
    expect(cancelled.items.map((item) => item.state)).toEqual(['done', 'done', 'cancelled', 'cancelled']);
    const untouched = refsOf([6, 7]);
    for (const ref of untouched) expect(await listVersions(MAPLE, ref.productId, ref.mediaId)).toEqual([]);

    await rerunBatch({ shop: MAPLE }, batchId);
    const finished = await work(MAPLE, batchId);
    expect(finished).toMatchObject({ state: 'done', done: 4, failed: 0, cancelled: 0 });
    expect(finished.items.slice(0, 2).map((item) => item.versionId)).toEqual(
      cancelled.items.slice(0, 2).map((item) => item.versionId),
    );
    for (const item of finished.items) {
      expect((await listVersions(MAPLE, item.productId, item.mediaId)).map((version) => version.version)).toEqual([
        0, 1,
      ]);
    }
  });

  it('leaves a finished batch as it is', async () => {
    const status = await cancelBatch(MAPLE, firstBatch);
    expect(status).toMatchObject({ state: 'done', cancelRequested: false });
  });
});

describe('a job killed mid-save', () => {
  it('is tried again and resumes the image without saving it twice', async () => {
    const [ref] = refsOf([8]);
    const batchId = await startBatch({ shop: MAPLE, actor }, { recipe: ROTATE, mediaRefs: [ref!] });
    const status = await work(
      MAPLE,
      batchId,
      afterProductSets(1, async () => {
        throw new Error('connection reset after productSet');
      }),
    );
    expect(status).toMatchObject({ state: 'done', done: 1, failed: 0 });
    const job = await prisma.job.findFirst({
      where: { shop: MAPLE, name: 'studio.batch', payload: { equals: { batchId, step: 0 } } },
    });
    expect(job?.attempts).toBe(2);
    expect(productImages(devstore, MAPLE, ref!.productId).map((media) => media.id)).toEqual([
      status.items[0]!.newMediaId,
    ]);
    expect((await listVersions(MAPLE, ref!.productId, ref!.mediaId)).map((version) => version.version)).toEqual([0, 1]);
  });
});

describe('input and shops', () => {
  it('refuses bad input with readable messages', async () => {
    const refused = async (input: Parameters<typeof startBatch>[1]) =>
      startBatch({ shop: MAPLE, actor }, input).then(
        () => null,
        (error: unknown) => error,
      );
    const empty = await refused({ recipe: ROTATE, mediaRefs: [] });
    expect(empty).toBeInstanceOf(StudioError);
    expect((empty as Error).message).toMatch('mediaRefs: Choose at least one image');
    const badId = await refused({ recipe: ROTATE, mediaRefs: [{ productId: '12', mediaId: 'x' }] });
    expect((badId as Error).message).toMatch('Expected a Shopify Product id');
    const both = await refused({ recipe: ROTATE, recipeId: 'r', mediaRefs: refsOf([0]) });
    expect((both as Error).message).toMatch('Give either a saved recipe or a recipe');
    const badRecipe = await refused({ recipe: { version: 1, operations: [{ op: 'blur' }] }, mediaRefs: refsOf([0]) });
    expect((badRecipe as Error).message).toMatch('Unknown operation');
  });

  it('keeps shops apart', async () => {
    for (const attempt of [
      () => batchStatus(HARBOR, firstBatch),
      () => cancelBatch(HARBOR, firstBatch),
      () => rerunBatch({ shop: HARBOR }, firstBatch),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'not-found' });
    }
    const [recipe] = await prisma.studioRecipe.findMany({ where: { shop: MAPLE } });
    await expect(
      startBatch({ shop: HARBOR, actor }, { recipeId: recipe!.id, mediaRefs: refsOf([0]) }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
