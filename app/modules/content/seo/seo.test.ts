/**
 * The bulk editor's server side over real HTTP: Steward's content jobs, on
 * the database job queue, scan seeded devstore shops through the Admin API
 * gateway (the shop's stored offline session), and saves go to the devstore
 * with productUpdate and fileUpdate. Checked against what the devstore then
 * holds: the index, the filters and pages, saves and their activity entries,
 * Shopify's userErrors on some products while the others save, a large save
 * as a batch with progress, a recent scan after a change made elsewhere, a
 * product deleted in Shopify leaving the index, and no shop seeing another's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { DEFAULT_SHOPS, seedShop } from '../../../../devstore/seed';
import type { ShopState } from '../../../../devstore/state/shop-state';
import { installOn, startAppDevstore } from '../../../../tests/support/installed-app';

const NOW = new Date('2026-10-01T12:00:00Z');
const profile = (index: number) => DEFAULT_SHOPS[index] as (typeof DEFAULT_SHOPS)[number];
const seedOptions = { products: 45, customers: 5, orders: 5, now: NOW };
const MAPLE = profile(0).domain;
const HARBOR = profile(1).domain;

const devstore = await startAppDevstore({
  shops: [
    await seedShop({ ...profile(0), seed: 21, ...seedOptions }),
    await seedShop({ ...profile(1), seed: 22, ...seedOptions }),
  ],
});
const { default: prisma } = await import('~/db.server');
const { DbJobQueue } = await import('~/platform/jobs/db.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { createContentJobHandlers } = await import('../jobs.server');
const { requestScan, ensureFreshCatalogue } = await import('./scan.server');
const { readListingPage, PAGE_SIZE } = await import('./listing.server');
const { parseListingFilters } = await import('./listing-filters');
const { saveProductChanges } = await import('./save.server');
const { startSaveBatch, readSaveBatch, runSaveStep } = await import('./batch.server');
const { saveRequestSchema, problemsOf } = await import('./changes');

await installOn(devstore, [MAPLE, HARBOR]);
const queue = new DbJobQueue(prisma, { pollIntervalMs: 20, backoff: { baseMs: 50, maxMs: 500 } });
// A short slice, so scans and batches go through their continuations.
const deps = { db: prisma, queue: () => queue, gatewayFor: gatewayForShop, sliceMs: 150 };
const handlers = createContentJobHandlers(deps);
afterAll(async () => {
  await queue.close();
  await devstore.close();
});

const stateOf = (shop: string) => devstore.state.shop(shop) as ShopState;
const actor = { type: 'steward' as const, id: '71', name: 'Alex Kim' };

/** Runs the queue until none of the shop's content jobs is queued or running. */
async function runContentJobs(shop: string, timeoutMs = 60_000) {
  const stop = new AbortController();
  const working = queue.work({ handlers, concurrency: 1, signal: stop.signal });
  const deadline = Date.now() + timeoutMs;
  const where = { shop, name: { startsWith: 'content.' }, state: { in: ['queued' as const, 'running' as const] } };
  try {
    while ((await prisma.job.count({ where })) > 0) {
      if (Date.now() > deadline) throw new Error(`content jobs of ${shop} did not finish`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } finally {
    stop.abort();
    await working;
  }
}

/** The devstore's products as the index should hold them. */
function devstoreListing(shop: string) {
  const state = stateOf(shop);
  return [...state.products.values()]
    .map((product) => {
      const images = product.mediaIds.map((id) => state.media.get(id)).filter((media) => media !== undefined);
      return {
        productId: String(product.id),
        title: product.title,
        seoTitle: product.seo.title ?? '',
        seoDescription: product.seo.description ?? '',
        alts: images.map((media) => [`gid://shopify/MediaImage/${media.id}`, media.alt]),
      };
    })
    .sort((a, b) => a.productId.localeCompare(b.productId));
}

async function indexListing(shop: string) {
  const rows = await prisma.contentProduct.findMany({ where: { shop } });
  return rows
    .map((row) => ({
      productId: String(row.productId),
      title: row.title,
      seoTitle: row.seoTitle ?? '',
      seoDescription: row.seoDescription ?? '',
      alts: (row.images as { id: string; alt: string }[]).map((image) => [image.id, image.alt]),
    }))
    .sort((a, b) => a.productId.localeCompare(b.productId));
}

const filters = (query: string) => parseListingFilters(new URLSearchParams(query));
const firstWithImages = (shop: string, count: number) =>
  [...stateOf(shop).products.values()].filter((product) => product.mediaIds.length > 0).slice(0, count);

describe('the catalogue scan', () => {
  it('indexes every product with its search listing and alt texts, as Shopify holds them', async () => {
    const scan = await requestScan(deps, MAPLE, 'full');
    expect(scan).toMatchObject({ mode: 'full', state: 'running' });
    await runContentJobs(MAPLE);
    const done = await prisma.contentScan.findUniqueOrThrow({ where: { shop: MAPLE } });
    expect(done).toMatchObject({ state: 'done', seen: 45, total: 45 });
    // The short slice made the scan continue in more than one job.
    expect(done.step).toBeGreaterThan(1);
    expect(await indexListing(MAPLE)).toEqual(devstoreListing(MAPLE));
    // The seed leaves some images without alt text and some products without SEO fields.
    const page = await readListingPage(prisma, MAPLE, filters(''));
    expect(page.counts.all).toBe(45);
    expect(page.counts.missingAlt).toBeGreaterThan(0);
    expect(page.counts.missingTitle).toBeGreaterThan(0);
    expect(await prisma.contentProduct.count({ where: { shop: HARBOR } })).toBe(0);
  });

  it('filters by problem and search, and pages by title both ways', async () => {
    const missingAlt = await readListingPage(prisma, MAPLE, filters('view=missingAlt'));
    expect(missingAlt.rows.length).toBeGreaterThan(0);
    for (const row of missingAlt.rows) expect(row.images.some((image) => image.alt === '')).toBe(true);
    const missingTitle = await readListingPage(prisma, MAPLE, filters('view=missingTitle'));
    for (const row of missingTitle.rows) expect(row.seoTitle).toBe('');

    const some = devstoreListing(MAPLE)[0] as { title: string };
    const word = some.title.split(' ')[0]?.toLowerCase() as string;
    const searched = await readListingPage(prisma, MAPLE, filters(`search=${encodeURIComponent(word)}`));
    expect(searched.rows.length).toBeGreaterThan(0);
    for (const row of searched.rows) expect(`${row.title} ${row.handle}`.toLowerCase()).toContain(word);

    // Forward through every page: each product once, in title order; then back from the last.
    const seen: string[] = [];
    const pages = [];
    for (let page = await readListingPage(prisma, MAPLE, filters('')); ;) {
      pages.push(page);
      seen.push(...page.rows.map((row) => row.productId));
      if (!page.next) break;
      page = await readListingPage(prisma, MAPLE, filters(`after=${page.next}`));
    }
    expect(pages.map((page) => page.rows.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 5]);
    expect(new Set(seen).size).toBe(45);
    const titles = pages.flatMap((page) => page.rows.map((row) => row.title));
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const last = pages[2] as (typeof pages)[number];
    const back = await readListingPage(prisma, MAPLE, filters(`before=${last.previous}`));
    expect(back.rows.map((row) => row.productId)).toEqual(pages[1]?.rows.map((row) => row.productId));
    expect(back.previous).not.toBeNull();
    // A cursor that cannot be read shows the first page.
    const garbled = await readListingPage(prisma, MAPLE, filters('after=not-a-cursor'));
    expect(garbled.rows.map((row) => row.productId)).toEqual(pages[0]?.rows.map((row) => row.productId));
  });

  it('a recent scan picks up a change made elsewhere; a full scan drops a product Shopify no longer has', async () => {
    const state = stateOf(MAPLE);
    const [changed, deleted] = firstWithImages(MAPLE, 2) as [
      ShopState['products'] extends Map<number, infer P> ? P : never,
      ShopState['products'] extends Map<number, infer P> ? P : never,
    ];
    changed.seo.title = 'Changed in the Shopify admin';
    changed.updatedAt = new Date().toISOString();
    await prisma.contentScan.update({ where: { shop: MAPLE }, data: { finishedAt: new Date(Date.now() - 3_600_000) } });
    const recent = await ensureFreshCatalogue(deps, MAPLE);
    expect(recent).toMatchObject({ mode: 'recent', state: 'running' });
    await runContentJobs(MAPLE);
    const row = await prisma.contentProduct.findUniqueOrThrow({
      where: { shop_productId: { shop: MAPLE, productId: BigInt(changed.id) } },
    });
    expect(row.seoTitle).toBe('Changed in the Shopify admin');
    const recentScan = await prisma.contentScan.findUniqueOrThrow({ where: { shop: MAPLE } });
    expect(recentScan.seen).toBeLessThan(45);

    state.products.delete(deleted.id);
    await requestScan(deps, MAPLE, 'full');
    await runContentJobs(MAPLE);
    expect(await prisma.contentProduct.count({ where: { shop: MAPLE } })).toBe(44);
    expect(await indexListing(MAPLE)).toEqual(devstoreListing(MAPLE));
  });
});

describe('saving search listings and alt texts', () => {
  it('saves to Shopify, logs one activity entry per product, and shows what Shopify now holds', async () => {
    const [first, second] = firstWithImages(MAPLE, 2) as { id: number; mediaIds: number[]; title: string }[];
    const firstImage = `gid://shopify/MediaImage/${first?.mediaIds[0]}`;
    const request = saveRequestSchema.parse({
      changes: [
        {
          productId: String(first?.id),
          seoTitle: '  Merino, made to last  ',
          seoDescription: 'Soft merino knitted in Portugal.',
          alts: [{ id: firstImage, alt: 'A grey merino crew sweater, folded' }],
        },
        { productId: String(second?.id), seoDescription: '' },
      ],
    });
    const outcomes = await saveProductChanges(
      { db: prisma, gateway: await gatewayForShop(MAPLE), shop: MAPLE, actor, saveId: 'inline-1' },
      request.changes,
    );
    expect(outcomes.map((outcome) => [outcome.productId, outcome.state, outcome.problems])).toEqual([
      [String(first?.id), 'saved', []],
      [String(second?.id), 'saved', []],
    ]);

    const state = stateOf(MAPLE);
    const savedFirst = state.products.get(first?.id as number);
    expect(savedFirst?.seo).toEqual({ title: 'Merino, made to last', description: 'Soft merino knitted in Portugal.' });
    expect(state.media.get(first?.mediaIds[0] as number)?.alt).toBe('A grey merino crew sweater, folded');
    expect(state.products.get(second?.id as number)?.seo.description).toBeNull();
    // The index shows it at once.
    const row = await prisma.contentProduct.findUniqueOrThrow({
      where: { shop_productId: { shop: MAPLE, productId: BigInt(first?.id as number) } },
    });
    expect(row.seoTitle).toBe('Merino, made to last');
    expect((row.images as { id: string; alt: string }[])[0]).toMatchObject({
      id: firstImage,
      alt: 'A grey merino crew sweater, folded',
    });

    const entries = await prisma.activityEntry.findMany({
      where: { shop: MAPLE, source: 'steward', sourceKey: { startsWith: 'content:inline-1:' } },
      orderBy: { sourceKey: 'asc' },
    });
    expect(entries).toHaveLength(2);
    const firstEntry = entries.find((entry) => entry.resourceId === String(first?.id));
    expect(firstEntry).toMatchObject({
      actorType: 'steward',
      actorId: '71',
      actorName: 'Alex Kim',
      verb: 'updated',
      resourceType: 'product',
      resourceTitle: first?.title,
      link: `/products/${first?.id}`,
      details: { operation: 'seo_alt_text' },
      summary: `Search listing and alt text of 1 image of “${first?.title}” updated in Steward`,
    });
    expect(entries.find((entry) => entry.resourceId === String(second?.id))?.details).toEqual({ operation: 'seo' });
  });

  it('refuses over-long texts before anything is sent, naming the field, its length and the maximum', () => {
    const request = {
      changes: [
        { productId: '1', seoTitle: 'a'.repeat(256) },
        {
          productId: '2',
          seoDescription: 'b'.repeat(321),
          alts: [{ id: 'gid://shopify/MediaImage/9', alt: 'c'.repeat(513) }],
        },
        { productId: '3', alts: [{ id: 'gid://shopify/Product/9', alt: 'fine' }] },
      ],
    };
    const parsed = saveRequestSchema.safeParse(request);
    expect(parsed.success).toBe(false);
    expect(problemsOf((parsed as { error: ZodError }).error, request)).toEqual([
      { productId: '1', field: 'seoTitle', code: 'tooLong', max: 255, length: 256 },
      { productId: '2', field: 'seoDescription', code: 'tooLong', max: 320, length: 321 },
      { productId: '2', field: 'alt:gid://shopify/MediaImage/9', code: 'tooLong', max: 512, length: 513 },
      { productId: '3', field: 'alt:gid://shopify/Product/9', code: 'invalid', message: 'Invalid' },
    ]);
    // At the maximum is fine; a change with nothing in it, or the same product twice, is not.
    expect(saveRequestSchema.safeParse({ changes: [{ productId: '1', seoTitle: 'a'.repeat(255) }] }).success).toBe(
      true,
    );
    expect(saveRequestSchema.safeParse({ changes: [{ productId: '1' }] }).success).toBe(false);
    expect(
      saveRequestSchema.safeParse({
        changes: [
          { productId: '1', seoTitle: 'a' },
          { productId: '1', seoTitle: 'b' },
        ],
      }).success,
    ).toBe(false);
  });

  it('saves the rest when Shopify refuses some products, and says which and why', async () => {
    const [good] = firstWithImages(MAPLE, 1) as { id: number }[];
    const [foreign] = firstWithImages(HARBOR, 1) as { id: number; mediaIds: number[] }[];
    const [withImage] = firstWithImages(MAPLE, 3).slice(2) as { id: number }[];
    const harborBefore = structuredClone(stateOf(HARBOR).products.get(foreign?.id as number)?.seo);
    const outcomes = await saveProductChanges(
      { db: prisma, gateway: await gatewayForShop(MAPLE), shop: MAPLE, actor, saveId: 'inline-2' },
      saveRequestSchema.parse({
        changes: [
          { productId: String(good?.id), seoTitle: 'Saved while others fail' },
          // Another shop's product: this shop's Shopify does not have it.
          { productId: String(foreign?.id), seoTitle: 'Not mine' },
          // An image of another shop on this shop's product.
          {
            productId: String(withImage?.id),
            alts: [{ id: `gid://shopify/MediaImage/${foreign?.mediaIds[0]}`, alt: 'Not mine either' }],
          },
        ],
      }).changes,
    );
    expect(outcomes.map((outcome) => outcome.state)).toEqual(['saved', 'failed', 'failed']);
    expect(outcomes[1]?.problems).toEqual([
      {
        productId: String(foreign?.id),
        field: 'product',
        code: 'shopify',
        message: expect.stringMatching(/not exist/i),
      },
    ]);
    expect(outcomes[2]?.problems).toEqual([
      {
        productId: String(withImage?.id),
        field: `alt:gid://shopify/MediaImage/${foreign?.mediaIds[0]}`,
        code: 'shopify',
        message: expect.stringMatching(/does not exist/),
      },
    ]);
    expect(stateOf(MAPLE).products.get(good?.id as number)?.seo.title).toBe('Saved while others fail');
    expect(stateOf(HARBOR).products.get(foreign?.id as number)?.seo).toEqual(harborBefore);
    // Only the saved product has an entry.
    const entries = await prisma.activityEntry.findMany({
      where: { shop: MAPLE, sourceKey: { startsWith: 'content:inline-2:' } },
    });
    expect(entries.map((entry) => entry.resourceId)).toEqual([String(good?.id)]);
    expect(await prisma.activityEntry.count({ where: { shop: HARBOR } })).toBe(0);
  });

  it('runs a large save as a job with progress, saves the rest around a refusal, and never logs twice', async () => {
    const products = [...stateOf(MAPLE).products.values()].slice(0, 30);
    const changes = products.map((product, index) => ({
      productId: String(product.id),
      seoDescription: `Batch description ${index}`,
    }));
    changes[7] = { productId: '999999999', seoDescription: 'No such product' };
    const batchId = await startSaveBatch(deps, MAPLE, actor, saveRequestSchema.parse({ changes }).changes);
    expect(await readSaveBatch(prisma, MAPLE, batchId)).toMatchObject({ state: 'queued', total: 30, saved: 0 });
    // Another shop cannot read it.
    expect(await readSaveBatch(prisma, HARBOR, batchId)).toBeNull();

    await runContentJobs(MAPLE);
    const batch = await readSaveBatch(prisma, MAPLE, batchId);
    expect(batch).toMatchObject({ state: 'done', total: 30, saved: 29, failed: 1 });
    expect(batch?.failures).toEqual([
      {
        productId: '999999999',
        title: '',
        problems: [{ productId: '999999999', field: 'product', code: 'shopify', message: expect.any(String) }],
      },
    ]);
    // The short slice split the batch over several jobs.
    expect(await prisma.job.count({ where: { shop: MAPLE, name: 'content.save' } })).toBeGreaterThan(1);
    for (const [index, product] of products.entries()) {
      if (index === 7) continue;
      expect(stateOf(MAPLE).products.get(product.id)?.seo.description).toBe(`Batch description ${index}`);
    }
    const logged = { shop: MAPLE, sourceKey: { startsWith: `content:${batchId}:` } };
    expect(await prisma.activityEntry.count({ where: logged })).toBe(29);

    // A job that runs again (a retry after a lost lease) finds nothing to do and logs nothing more.
    await prisma.contentSaveItem.updateMany({
      where: { shop: MAPLE, batchId, position: 3 },
      data: { state: 'pending' },
    });
    await prisma.contentSaveBatch.update({
      where: { shop_id: { shop: MAPLE, id: batchId } },
      data: { state: 'running' },
    });
    const { step } = await prisma.contentSaveBatch.findUniqueOrThrow({
      where: { shop_id: { shop: MAPLE, id: batchId } },
    });
    await runSaveStep(deps, MAPLE, batchId, step, new AbortController().signal);
    expect(await prisma.activityEntry.count({ where: logged })).toBe(29);
  });
});

describe('jobs out of tries', () => {
  const broken = createContentJobHandlers({
    ...deps,
    gatewayFor: async () => {
      throw new Error('Shopify is down');
    },
  });
  const job = (name: string, payload: Record<string, unknown>, attempt: number) => ({
    id: `job-${attempt}`,
    name,
    shop: HARBOR,
    payload,
    attempt,
    signal: new AbortController().signal,
  });

  it('marks the scan failed only on the last try, saying why', async () => {
    const scan = await requestScan(deps, HARBOR, 'full');
    await prisma.job.deleteMany({ where: { shop: HARBOR } });
    const run = (attempt: number) => broken['content.scan']?.(job('content.scan', { step: scan.step }, attempt));
    await expect(run(1)).rejects.toThrow('Shopify is down');
    expect(await prisma.contentScan.findUniqueOrThrow({ where: { shop: HARBOR } })).toMatchObject({ state: 'running' });
    await expect(run(5)).rejects.toThrow('Shopify is down');
    expect(await prisma.contentScan.findUniqueOrThrow({ where: { shop: HARBOR } })).toMatchObject({
      state: 'failed',
      error: 'Shopify is down',
    });
  });

  it('fails a batch’s remaining products on the last try, and ends the batch', async () => {
    const [product] = [...stateOf(HARBOR).products.values()];
    const batchId = await startSaveBatch(
      deps,
      HARBOR,
      actor,
      saveRequestSchema.parse({ changes: [{ productId: String(product?.id), seoTitle: 'Never saved' }] }).changes,
    );
    await prisma.job.deleteMany({ where: { shop: HARBOR } });
    await expect(broken['content.save']?.(job('content.save', { batchId, step: 0 }, 5))).rejects.toThrow();
    expect(await readSaveBatch(prisma, HARBOR, batchId)).toMatchObject({
      state: 'done',
      saved: 0,
      failed: 1,
      failures: [{ productId: String(product?.id), problems: [{ field: 'product', message: 'Shopify is down' }] }],
    });
  });
});
