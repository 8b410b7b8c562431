/**
 * The media browser and the editor's source image, over real HTTP against
 * the devstore: filters, paging, products with more media than a page
 * reads, background analysis (in the request, then by the job), and the
 * source bytes before and after a save.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { productIdsOf, productImages, studioShop, type ProductSpec } from '../../../tests/support/studio-shops';

const SHOP = 'media-maple.myshopify.com';
const OTHER = 'media-harbor.myshopify.com';
const TAN: [number, number, number] = [190, 160, 120];

const specs: ProductSpec[] = [
  {
    title: 'Alpha shirt',
    images: [
      { width: 300, height: 200, alt: 'Alpha shirt, front' },
      { width: 200, height: 300, alt: '' },
      { width: 200, height: 204, alt: 'Alpha shirt, detail', format: 'png', background: TAN },
    ],
  },
  { title: 'Beta scarf', images: [{ width: 300, height: 300, alt: 'Noise', noise: true, format: 'png' }] },
  {
    title: 'Delta gallery',
    images: Array.from({ length: 25 }, (_, index) => ({ width: 60, height: 40, alt: `View ${index + 1}` })),
  },
  { title: 'Gamma poster', images: [{ width: 700, height: 700, alt: 'Big noise', noise: true, format: 'png' }] },
  ...Array.from({ length: 12 }, (_, index) => ({
    title: `P${String(index + 1).padStart(2, '0')}`,
    images: [{ width: 80, height: 80, alt: `P${index + 1}`, background: TAN }],
  })),
];
const state = await studioShop({ id: 1, domain: SHOP }, specs);
const other = await studioShop({ id: 2, domain: OTHER, firstId: 50_000 }, specs.slice(0, 1));
const [ALPHA, BETA, DELTA, GAMMA] = productIdsOf(state) as [string, string, string, string];
const devstore = await startAppDevstore({ shops: [state, other] });
afterAll(() => devstore.close());

const { default: prisma } = await import('~/db.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { DbJobQueue } = await import('~/platform/jobs/db.server');
const { listMedia, loadMediaForEdit, parseMediaFilters } = await import('./media.server');
const { createStudioJobHandlers } = await import('./jobs.server');
const { saveEdit } = await import('./save.server');
await installOn(devstore, [SHOP, OTHER]);
const gateway = await gatewayForShop(SHOP);

const idsOf = (items: { mediaId: string }[]) => items.map((item) => item.mediaId);
const mediaOf = (productId: string) => productImages(devstore, SHOP, productId).map((media) => media.id);

describe('listMedia', () => {
  it('lists products by title with every image, reading on until the page is full', async () => {
    const first = await listMedia(gateway, SHOP, {});
    // Ten products: Alpha, Beta, Delta (25 images, more than a product page reads), Gamma, P01–P06.
    expect(first.items).toHaveLength(3 + 1 + 25 + 1 + 6);
    expect(idsOf(first.items.filter((item) => item.productId === DELTA))).toEqual(mediaOf(DELTA));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.items[0]).toMatchObject({
      productId: ALPHA,
      productTitle: 'Alpha shirt',
      alt: 'Alpha shirt, front',
      width: 300,
      height: 200,
      aspect: 'landscape',
      size: 'small',
      position: 0,
      edited: false,
      mediaKey: first.items[0]!.mediaId,
      mimeType: 'image/jpeg',
    });
    const rest = await listMedia(gateway, SHOP, { cursor: first.pageInfo.endCursor! });
    expect(rest.items.map((item) => item.productTitle)).toEqual(['P07', 'P08', 'P09', 'P10', 'P11', 'P12']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by text, missing alt text, aspect and size', async () => {
    expect(idsOf((await listMedia(gateway, SHOP, { query: 'alpha' })).items)).toEqual(mediaOf(ALPHA));
    expect(idsOf((await listMedia(gateway, SHOP, { missingAlt: true })).items)).toEqual([mediaOf(ALPHA)[1]]);
    expect(idsOf((await listMedia(gateway, SHOP, { query: 'alpha', aspect: 'portrait' })).items)).toEqual([
      mediaOf(ALPHA)[1],
    ]);
    expect(idsOf((await listMedia(gateway, SHOP, { query: 'alpha', aspect: 'square' })).items)).toEqual([
      mediaOf(ALPHA)[2],
    ]);
    expect(idsOf((await listMedia(gateway, SHOP, { size: 'medium' })).items)).toEqual(mediaOf(BETA));
    expect(idsOf((await listMedia(gateway, SHOP, { size: 'large' })).items)).toEqual(mediaOf(GAMMA));
  });

  it('finds background types from thumbnails, in the request or by the job, and keeps them', async () => {
    // No time in the request: everything is left to the job.
    const waiting = await listMedia(gateway, SHOP, { query: 'alpha', background: 'white' }, { analyseBudgetMs: 0 });
    expect(waiting).toMatchObject({ items: [], analysing: 3 });
    const queue = new DbJobQueue(prisma, { pollIntervalMs: 20 });
    const stop = new AbortController();
    const working = queue.work({ handlers: createStudioJobHandlers(), concurrency: 1, signal: stop.signal });
    while ((await prisma.job.count({ where: { shop: SHOP, name: 'studio.analyse', state: { not: 'done' } } })) > 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    await working;
    await queue.close();
    expect(await prisma.studioMediaAnalysis.count({ where: { shop: SHOP } })).toBe(3);

    const white = await listMedia(gateway, SHOP, { query: 'alpha', background: 'white' }, { analyseBudgetMs: 0 });
    expect(white).toMatchObject({ analysing: 0 });
    expect(idsOf(white.items)).toEqual(mediaOf(ALPHA).slice(0, 2));
    const solid = await listMedia(gateway, SHOP, { query: 'alpha', background: 'solid' });
    expect(idsOf(solid.items)).toEqual(mediaOf(ALPHA).slice(2));

    // Within the request's budget: analysed there and then.
    const tan = await listMedia(gateway, SHOP, { query: 'P01', background: 'solid' });
    expect(tan.items.map((item) => [item.productTitle, item.background])).toEqual([['P01', 'solid']]);
    // Without the filter, known types come along.
    const plain = await listMedia(gateway, SHOP, { query: 'alpha' });
    expect(plain.items.map((item) => item.background)).toEqual(['white', 'white', 'solid']);
  });

  it('reads filters from a URL and refuses bad ones', () => {
    expect(parseMediaFilters(new URLSearchParams('missingAlt=true&aspect=square&size=&query=shirt'))).toEqual({
      missingAlt: true,
      aspect: 'square',
      query: 'shirt',
    });
    expect(() => parseMediaFilters(new URLSearchParams('aspect=round'))).toThrow(/aspect/);
  });
});

describe('loadMediaForEdit', () => {
  it('gives Shopify’s bytes, then Steward’s copy of the version it saved', async () => {
    const [front] = productImages(devstore, SHOP, ALPHA);
    const loaded = await loadMediaForEdit(gateway, SHOP, ALPHA, front!.id);
    expect(loaded.bytes).toEqual(front!.bytes);
    expect(loaded.item).toMatchObject({ mediaId: front!.id, edited: false, position: 0, background: 'white' });

    const saved = await saveEdit(
      { gateway, shop: SHOP, actor: { type: 'steward' }, wait: { firstIntervalMs: 5 } },
      { productId: ALPHA, mediaId: front!.id, recipe: { version: 1, operations: [{ op: 'rotate', degrees: 90 }] } },
    );
    const again = await loadMediaForEdit(gateway, SHOP, ALPHA, saved.mediaId);
    expect(again.bytes).toEqual(productImages(devstore, SHOP, ALPHA)[0]!.bytes);
    expect(again.item).toMatchObject({ mediaKey: front!.id, edited: true, width: 200, height: 300 });
    const listed = await listMedia(gateway, SHOP, { query: 'alpha' });
    expect(listed.items[0]).toMatchObject({ mediaId: saved.mediaId, mediaKey: front!.id, edited: true });
  });

  it('answers not found for an image of another product or shop', async () => {
    const [front] = productImages(devstore, SHOP, BETA);
    await expect(loadMediaForEdit(gateway, SHOP, ALPHA, front!.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(loadMediaForEdit(await gatewayForShop(OTHER), OTHER, BETA, front!.id)).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
