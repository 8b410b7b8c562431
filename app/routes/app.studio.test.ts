/**
 * The Studio's routes called with real Requests and session tokens (the
 * library's verification runs; the devstore stands in for Shopify over real
 * HTTP) on a real migrated database: the media browser and its filters and
 * pages, the editor's page, the preview images (a recipe, a mask, refusals
 * with a reason, never a 500), saving an edit to Shopify and restoring the
 * original, saving a recipe, applying it as a batch, and the batch page —
 * each scoped to the session's shop whatever the URL or the form says.
 */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { bearerRequest, sessionToken } from '../../tests/support/shopify-requests';
import { productIdsOf, productImages, studioShop } from '../../tests/support/studio-shops';

const SHOP = 'studio-routes.myshopify.com';
const OTHER = 'studio-routes-other.myshopify.com';
const EMPTY = 'studio-routes-empty.myshopify.com';
const RED: [number, number, number] = [200, 30, 40];

const state = await studioShop({ id: 1, domain: SHOP }, [
  {
    title: 'Linen shirt',
    images: [
      { width: 300, height: 200, alt: 'Linen shirt, front', colour: RED },
      { width: 200, height: 300, alt: '' },
    ],
  },
  { title: 'Wool scarf', images: [{ width: 240, height: 240, alt: 'Wool scarf', format: 'png' }] },
  { title: 'Broken lamp', images: [{ width: 200, height: 200, alt: 'Broken', corrupt: true }] },
]);
const other = await studioShop({ id: 2, domain: OTHER, firstId: 50_000 }, [
  { title: 'Canvas bag', images: [{ width: 200, height: 200, alt: 'Canvas bag' }] },
]);
const empty = await studioShop({ id: 3, domain: EMPTY, firstId: 90_000 }, []);
const [SHIRT, SCARF, LAMP] = productIdsOf(state) as [string, string, string];
const [BAG] = productIdsOf(other) as [string];
const devstore = await startAppDevstore({ shops: [state, other, empty] });
afterAll(() => devstore.close());

const browser = await import('./app.studio._index');
const editor = await import('./app.studio.$productId.$mediaId');
const preview = await import('./app.studio.preview');
const batch = await import('./app.studio.batches.$id');
const { default: prisma } = await import('~/db.server');
await installOn(devstore, [SHOP, OTHER, EMPTY]);

const numeric = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);
const mediaOf = (productId: string, shop = SHOP) => productImages(devstore, shop, productId);

type Handler<T> = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => Promise<T>;

/** Calls a loader or action as Remix does (with the route's params), a thrown Response or data() being the answer. */
async function run<T>(fn: Handler<T>, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

/** The status and body of what a loader or action answered (data(), a Response, or plain data). */
async function answer(result: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  if (result instanceof Response) {
    const type = result.headers.get('Content-Type') ?? '';
    return { status: result.status, body: type.includes('json') ? await result.json() : {} };
  }
  const init =
    (result as { init?: { status?: number } | null; data?: unknown; type?: string }).type === 'DataWithResponseInit';
  if (init) {
    const wrapped = result as { init: { status?: number } | null; data: Record<string, unknown> };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

async function get<T>(fn: Handler<T>, path: string, shop = SHOP, params: Record<string, string> = {}) {
  return run(fn, bearerRequest(path, await sessionToken(shop)), params);
}

async function post<T>(fn: Handler<T>, path: string, fields: Record<string, string>, shop = SHOP, params = {}) {
  const request = new Request(bearerRequest(path, await sessionToken(shop)), {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return answer(await run(fn, request, params));
}

type Browser = Exclude<Awaited<ReturnType<typeof browser.loader>>, Response>;
type EditorPage = Exclude<Awaited<ReturnType<typeof editor.loader>>, Response>;

const browse = async (query = '', shop = SHOP) => (await get(browser.loader, `/app/studio${query}`, shop)) as Browser;
const editorParams = (productId: string, mediaId: string) => ({
  productId: numeric(productId),
  mediaId: numeric(mediaId),
});
const openEditor = async (productId: string, mediaId: string, shop = SHOP) =>
  (await get(
    editor.loader,
    `/app/studio/${numeric(productId)}/${numeric(mediaId)}`,
    shop,
    editorParams(productId, mediaId),
  )) as EditorPage;

async function previewOf(query: Record<string, string>, shop = SHOP): Promise<Response> {
  const result = await get(preview.loader, `/app/studio/preview?${new URLSearchParams(query)}`, shop);
  if (!(result instanceof Response)) throw new Error('the preview answered no Response');
  return result;
}

const ROTATE = JSON.stringify({ version: 1, operations: [{ op: 'rotate', degrees: 90 }] });
const CHANGE_RED = { op: 'colourChange', fromHue: 0, range: 30, toHue: 230 };

describe('the media browser', () => {
  it('lists the shop’s images with their product, alt text, size, aspect and a link into the editor', async () => {
    const loaded = await browse();
    expect(loaded.empty).toBe(false);
    expect(
      loaded.items.map((item) => [item.productTitle, item.position, item.alt, item.width, item.height, item.aspect]),
    ).toEqual([
      ['Broken lamp', 0, 'Broken', 200, 200, 'square'],
      ['Linen shirt', 0, 'Linen shirt, front', 300, 200, 'landscape'],
      ['Linen shirt', 1, '', 200, 300, 'portrait'],
      ['Wool scarf', 0, 'Wool scarf', 240, 240, 'square'],
    ]);
    expect(loaded.items[1]).toMatchObject({ productId: SHIRT, mediaId: mediaOf(SHIRT)[0]?.id, edited: false });
    expect(loaded.items.every((item) => (item.bytes ?? 0) > 0 && item.thumbnailUrl.startsWith('http'))).toBe(true);
    expect(loaded).toMatchObject({ previousUrl: null, nextUrl: null, recipes: [], batches: [] });
  });

  it('filters by missing alt text, aspect and product search, through the URL', async () => {
    expect((await browse('?missingAlt=true')).items.map((item) => item.mediaId)).toEqual([mediaOf(SHIRT)[1]?.id]);
    expect((await browse('?aspect=square')).items.map((item) => item.productTitle)).toEqual([
      'Broken lamp',
      'Wool scarf',
    ]);
    const search = await browse('?query=scarf');
    expect(search.items.map((item) => item.productTitle)).toEqual(['Wool scarf']);
    expect(search.filters).toEqual({ query: 'scarf' });
    expect(search.empty).toBe(false);
    // A search that matches nothing is no match, not a shop without photos.
    expect(await browse('?query=zzzzqqq')).toMatchObject({ items: [], empty: false, nextUrl: null });
  });

  it('answers an unknown filter value with 400, never 500', async () => {
    const refused = await answer(await get(browser.loader, '/app/studio?aspect=round'));
    expect(refused).toEqual({ status: 400, body: { code: 'invalid' } });
  });

  it('says when the shop has no product images at all', async () => {
    expect(await browse('', EMPTY)).toMatchObject({ empty: true, items: [] });
  });

  it('shows each shop only its own images', async () => {
    const theirs = await browse('', OTHER);
    expect(theirs.items.map((item) => item.productId)).toEqual([BAG]);
  });
});

describe('the editor page and its previews', () => {
  it('opens an image with its details, no versions yet, and a link to the product in the admin', async () => {
    const [front] = mediaOf(SHIRT);
    const page = await openEditor(SHIRT, front!.id);
    expect(page.item).toMatchObject({
      productTitle: 'Linen shirt',
      alt: 'Linen shirt, front',
      width: 300,
      height: 200,
      position: 0,
    });
    expect(page.versions).toEqual([]);
    expect(page.productAdminUrl).toBe(`${devstore.url}/store/studio-routes/products/${numeric(SHIRT)}`);
  });

  it('answers 404 for an image that is not on the product, and for ids that are not ids', async () => {
    const [bagImage] = mediaOf(BAG, OTHER);
    // The other shop's image, asked for through this shop's product: not found.
    const crossed = await answer(await get(editor.loader, '/app/studio/x/y', SHOP, editorParams(SHIRT, bagImage!.id)));
    expect(crossed).toMatchObject({ status: 404, body: { code: 'not-found' } });
    const nonsense = await answer(
      await get(editor.loader, '/app/studio/abc/1', SHOP, { productId: 'abc', mediaId: '1' }),
    );
    expect(nonsense).toEqual({ status: 404, body: { code: 'not-found' } });
  });

  it('renders the original, and the recipe applied, at preview size', async () => {
    const [front] = mediaOf(SHIRT);
    const ids = { productId: numeric(SHIRT), mediaId: numeric(front!.id) };
    const original = await previewOf(ids);
    expect(original.status).toBe(200);
    expect(original.headers.get('Content-Type')).toBe('image/jpeg');
    expect([original.headers.get('X-Image-Width'), original.headers.get('X-Image-Height')]).toEqual(['300', '200']);
    expect(await sharp(Buffer.from(await original.arrayBuffer())).metadata()).toMatchObject({
      width: 300,
      height: 200,
    });

    const turned = await previewOf({ ...ids, recipe: ROTATE });
    expect(turned.status).toBe(200);
    expect(await sharp(Buffer.from(await turned.arrayBuffer())).metadata()).toMatchObject({ width: 200, height: 300 });

    const transparent = await previewOf({
      ...ids,
      recipe: JSON.stringify({ version: 1, operations: [{ op: 'removeBackground', output: 'transparent' }] }),
    });
    expect(transparent.headers.get('Content-Type')).toBe('image/png');
    const cut = sharp(Buffer.from(await transparent.arrayBuffer()));
    expect((await cut.metadata()).hasAlpha).toBe(true);
    // The white border is gone, the red product stays.
    const { data, info } = await cut.raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
    expect(alphaAt(2, 2)).toBe(0);
    expect(alphaAt(150, 100)).toBe(255);
  });

  it('renders a colour change’s selection as a mask: the red product white, the background black', async () => {
    const [front] = mediaOf(SHIRT);
    const mask = await previewOf({
      productId: numeric(SHIRT),
      mediaId: numeric(front!.id),
      recipe: JSON.stringify({ version: 1, operations: [{ op: 'rotate', degrees: 180 }, CHANGE_RED] }),
      mask: '1',
    });
    expect(mask.headers.get('Content-Type')).toBe('image/png');
    const { data, info } = await sharp(Buffer.from(await mask.arrayBuffer()))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 200]);
    expect(data[100 * info.width + 150]).toBeGreaterThan(200);
    expect(data[2 * info.width + 2]).toBeLessThan(30);
  });

  it('refuses a bad recipe, a mask of no operation and an unreadable image with a reason, never a 500', async () => {
    const [front] = mediaOf(SHIRT);
    const ids = { productId: numeric(SHIRT), mediaId: numeric(front!.id) };
    const cases: [Record<string, string>, number, string][] = [
      [{ ...ids, recipe: '{not json' }, 422, 'invalid'],
      [{ ...ids, recipe: JSON.stringify({ version: 1, operations: [{ op: 'blur' }] }) }, 422, 'invalid'],
      [
        { ...ids, recipe: JSON.stringify({ version: 1, operations: [{ op: 'sharpen', amount: 900 }] }) },
        422,
        'invalid',
      ],
      [{ ...ids, recipe: ROTATE, mask: '3' }, 422, 'invalid'],
      [{ productId: 'gid://shopify/Product/1', mediaId: ids.mediaId }, 422, 'invalid'],
      [{ productId: numeric(SHIRT), mediaId: numeric(mediaOf(BAG, OTHER)[0]!.id) }, 404, 'not-found'],
      [{ productId: numeric(LAMP), mediaId: numeric(mediaOf(LAMP)[0]!.id) }, 422, 'image'],
    ];
    for (const [query, status, code] of cases) {
      const response = await previewOf(query);
      expect(response.status, JSON.stringify(query)).toBe(status);
      expect(await response.json(), JSON.stringify(query)).toMatchObject({ code });
    }
  });

  it('lets no one without a session token render a preview', async () => {
    const [front] = mediaOf(SHIRT);
    const request = new Request(
      `${process.env.SHOPIFY_APP_URL}/app/studio/preview?productId=${numeric(SHIRT)}&mediaId=${numeric(front!.id)}`,
      {
        headers: { Authorization: `Bearer ${await sessionToken(SHOP, { secret: 'not-the-secret' })}` },
      },
    );
    const result = await run(preview.loader, request);
    expect(result instanceof Response && result.status).toBe(401);
  });
});

describe('saving, restoring and recipes', () => {
  it('saves an edit to Shopify in the image’s place with its alt text, then restores the original', async () => {
    const [front, back] = mediaOf(SHIRT);
    const originalBytes = front!.bytes;
    const requestKey = crypto.randomUUID();
    const recipe = JSON.stringify({
      version: 1,
      operations: [{ op: 'rotate', degrees: 90 }, CHANGE_RED],
      output: { format: 'png' },
    });
    const saved = await post(
      editor.action,
      '/app/studio/x/y',
      { intent: 'save', recipe, requestKey },
      SHOP,
      editorParams(SHIRT, front!.id),
    );
    expect(saved).toMatchObject({ status: 200, body: { ok: true, intent: 'save', version: 1 } });
    const newMediaId = saved.body.mediaId as string;
    expect(newMediaId).not.toBe(front!.id);

    // The product shows the new image first, with the old alt text; the back image is untouched.
    const after = mediaOf(SHIRT);
    expect(after.map((media) => [media.id, media.alt])).toEqual([
      [newMediaId, 'Linen shirt, front'],
      [back!.id, ''],
    ]);
    const shown = sharp(after[0]!.bytes!);
    expect(await shown.metadata()).toMatchObject({ format: 'png', width: 200, height: 300 });
    // The red product is blue now.
    const { data, info } = await shown.raw().toBuffer({ resolveWithObject: true });
    const centre = (150 * info.width + 100) * info.channels;
    expect(data[centre + 2]! > data[centre]!).toBe(true);

    // The same save sent again (a retry) saves nothing new.
    const again = await post(
      editor.action,
      '/app/studio/x/y',
      { intent: 'save', recipe, requestKey },
      SHOP,
      editorParams(SHIRT, front!.id),
    );
    expect(again.body).toMatchObject({ ok: true, mediaId: newMediaId, version: 1 });

    // The editor of the new image lists the original and the edit, newest first.
    const page = await openEditor(SHIRT, newMediaId);
    expect(page.versions.map((version) => [version.number, version.source, version.current])).toEqual([
      [1, 'edit', true],
      [0, 'original', false],
    ]);
    const original = page.versions[1]!;

    const restored = await post(
      editor.action,
      '/app/studio/x/y',
      { intent: 'rollback', versionId: original.id, requestKey: crypto.randomUUID() },
      SHOP,
      editorParams(SHIRT, newMediaId),
    );
    expect(restored).toMatchObject({ status: 200, body: { ok: true, intent: 'rollback', version: 2 } });
    const back2 = mediaOf(SHIRT);
    expect(back2[0]!.id).toBe(restored.body.mediaId);
    expect(back2[0]!.alt).toBe('Linen shirt, front');
    expect(Buffer.compare(back2[0]!.bytes!, originalBytes!)).toBe(0);
    expect((await browse('?query=linen')).items[0]).toMatchObject({ mediaId: restored.body.mediaId, edited: true });
  });

  it('refuses a bad form, a bad recipe and another shop’s version, changing nothing', async () => {
    const [scarf] = mediaOf(SCARF);
    const params = editorParams(SCARF, scarf!.id);
    const path = '/app/studio/x/y';
    expect(await post(editor.action, path, { intent: 'paint' }, SHOP, params)).toMatchObject({
      status: 400,
      body: { ok: false, code: 'invalid' },
    });
    expect(
      await post(editor.action, path, { intent: 'save', recipe: ROTATE, requestKey: 'not-a-uuid' }, SHOP, params),
    ).toMatchObject({ status: 400, body: { code: 'invalid' } });
    expect(
      await post(
        editor.action,
        path,
        { intent: 'save', recipe: '{"version":1,"operations":[]}', requestKey: crypto.randomUUID() },
        SHOP,
        params,
      ),
    ).toMatchObject({ status: 422, body: { ok: false, code: 'invalid' } });
    const theirVersion = await prisma.studioVersion.findFirst({ where: { shop: SHOP } });
    expect(
      await post(
        editor.action,
        path,
        { intent: 'rollback', versionId: theirVersion!.id, requestKey: crypto.randomUUID() },
        OTHER,
        editorParams(BAG, mediaOf(BAG, OTHER)[0]!.id),
      ),
    ).toMatchObject({ status: 404, body: { code: 'not-found' } });
    expect(mediaOf(SCARF).map((media) => media.id)).toEqual([scarf!.id]);
  });

  it('saves a recipe, offers it in the editor and the browser, and applies it to images as a batch', async () => {
    const [scarf] = mediaOf(SCARF);
    const recipe = JSON.stringify({ version: 1, operations: [{ op: 'sharpen', amount: 40 }] });
    const saved = await post(
      editor.action,
      '/app/studio/x/y',
      { intent: 'saveRecipe', name: '  Crisp  ', recipe },
      SHOP,
      editorParams(SCARF, scarf!.id),
    );
    expect(saved).toEqual({ status: 200, body: { ok: true, intent: 'saveRecipe', name: 'Crisp' } });
    expect(
      await post(
        editor.action,
        '/app/studio/x/y',
        { intent: 'saveRecipe', name: ' ', recipe },
        SHOP,
        editorParams(SCARF, scarf!.id),
      ),
    ).toMatchObject({ status: 422, body: { code: 'invalid' } });

    const page = await openEditor(SCARF, scarf!.id);
    expect(page.recipes.map((entry) => [entry.name, entry.operations])).toEqual([['Crisp', ['sharpen']]]);
    const listed = await browse();
    expect(listed.recipes).toEqual([{ id: page.recipes[0]!.id, name: 'Crisp', operations: ['sharpen'] }]);
    // Another shop has no recipes.
    expect((await browse('', OTHER)).recipes).toEqual([]);

    const refs = [
      { productId: SCARF, mediaId: scarf!.id },
      { productId: LAMP, mediaId: mediaOf(LAMP)[0]!.id },
    ];
    const started = await run(
      browser.action,
      new Request(bearerRequest('/app/studio', await sessionToken(SHOP)), {
        method: 'POST',
        body: new URLSearchParams({ intent: 'applyRecipe', recipeId: page.recipes[0]!.id, refs: JSON.stringify(refs) }),
      }),
    );
    expect(started instanceof Response && started.status).toBe(302);
    const location = (started as Response).headers.get('Location') ?? '';
    expect(location).toMatch(/^\/app\/studio\/batches\/\w+$/);
    const batchId = location.split('/').pop() as string;

    // The batch page: its images with their product titles and thumbnails, queued.
    const opened = (await get(batch.loader, location, SHOP, { id: batchId })) as Awaited<
      ReturnType<typeof batch.loader>
    >;
    expect(opened.status).toMatchObject({ id: batchId, state: 'queued', recipeName: 'Crisp', total: 2, done: 0 });
    expect(opened.status.items.map((item) => opened.labels?.titles[item.productId])).toEqual([
      'Wool scarf',
      'Broken lamp',
    ]);
    expect(opened.labels?.thumbnails[scarf!.id]).toMatch(/^http/);
    // Polling asks for the progress only.
    const polled = (await get(batch.loader, `${location}?progress=1`, SHOP, { id: batchId })) as typeof opened;
    expect(polled.labels).toBeNull();
    expect(polled.status.total).toBe(2);
    // The browser lists it among the recent batches.
    expect((await browse()).batches).toMatchObject([
      { id: batchId, state: 'queued', recipeName: 'Crisp', total: 2, done: 0 },
    ]);

    // Not the other shop's to see or cancel.
    expect(await answer(await get(batch.loader, location, OTHER, { id: batchId }))).toMatchObject({ status: 404 });
    expect(await post(batch.action, location, { intent: 'cancel' }, OTHER, { id: batchId })).toMatchObject({
      status: 404,
    });

    const cancelled = await post(batch.action, location, { intent: 'cancel' }, SHOP, { id: batchId });
    expect(cancelled).toMatchObject({
      status: 200,
      body: { ok: true, intent: 'cancel', status: { cancelRequested: true } },
    });
    // Run again is for a batch that stopped: this one has not yet.
    expect(await post(batch.action, location, { intent: 'rerun' }, SHOP, { id: batchId })).toMatchObject({
      status: 409,
      body: { code: 'conflict' },
    });
    expect(await post(batch.action, location, { intent: 'explode' }, SHOP, { id: batchId })).toMatchObject({
      status: 400,
    });
  });

  it('refuses to start a batch without images or with another shop’s recipe', async () => {
    const theirs = await prisma.studioRecipe.create({
      data: { shop: OTHER, name: 'Theirs', recipe: { version: 1, operations: [{ op: 'sharpen', amount: 10 }] } },
    });
    const apply = async (fields: Record<string, string>) =>
      answer(
        await run(
          browser.action,
          new Request(bearerRequest('/app/studio', await sessionToken(SHOP)), {
            method: 'POST',
            body: new URLSearchParams(fields),
          }),
        ),
      );
    const refs = JSON.stringify([{ productId: SCARF, mediaId: mediaOf(SCARF)[0]!.id }]);
    expect(await apply({ intent: 'applyRecipe', recipeId: theirs.id, refs })).toMatchObject({
      status: 404,
      body: { code: 'not-found' },
    });
    expect(await apply({ intent: 'applyRecipe', recipeId: theirs.id, refs: '[]' })).toMatchObject({
      status: 400,
      body: { code: 'invalid' },
    });
    expect(await apply({ intent: 'applyRecipe', recipeId: theirs.id, refs: 'nope' })).toMatchObject({ status: 400 });
    expect(await prisma.studioBatch.count({ where: { shop: OTHER } })).toBe(0);
  });
});
