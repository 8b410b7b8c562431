/**
 * Content's loaders and actions with real Requests and session tokens, over
 * the devstore: the bulk editor starts the catalogue scan and lists what it
 * read; saves check lengths before anything is sent, save up to twenty
 * products at once and more as a batch the page follows; the articles list,
 * editor and its action create, publish and clean HTML. Every answer is for
 * the session's shop only, and a refused token gets nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedShop } from '../../devstore/seed';
import type { ShopState } from '../../devstore/state/shop-state';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { APP_URL, BROWSER_UA, bearerRequest, call, sessionToken } from '../../tests/support/shopify-requests';

const NOW = new Date('2026-10-01T12:00:00Z');
const profile = (index: number) => DEFAULT_SHOPS[index] as (typeof DEFAULT_SHOPS)[number];
const MAPLE = profile(0).domain;
const HARBOR = profile(1).domain;
const EMPTY = 'empty-content.myshopify.com';
const seedOptions = { products: 30, customers: 5, orders: 5, now: NOW };

const devstore = await startAppDevstore({
  shops: [
    await seedShop({ ...profile(0), seed: 41, ...seedOptions }),
    await seedShop({ ...profile(1), seed: 42, ...seedOptions }),
    emptyShop({ id: 3, domain: EMPTY }),
  ],
});
const { default: prisma } = await import('~/db.server');
const { DbJobQueue } = await import('~/platform/jobs/db.server');
const { jobQueue } = await import('~/platform/jobs/index.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { createContentJobHandlers } = await import('~/modules/content/jobs.server');
const listings = await import('./app.content._index');
const articles = await import('./app.content.articles._index');
const article = await import('./app.content.articles.$id');

await installOn(devstore, [MAPLE, HARBOR, EMPTY]);
const worker = new DbJobQueue(prisma, { pollIntervalMs: 20, backoff: { baseMs: 50, maxMs: 500 } });
const handlers = createContentJobHandlers({ db: prisma, queue: jobQueue, gatewayFor: gatewayForShop, sliceMs: 5_000 });
afterAll(async () => {
  await worker.close();
  await jobQueue().close();
  await devstore.close();
});

const stateOf = (shop: string) => devstore.state.shop(shop) as ShopState;

/** Runs the queued content jobs of a shop to the end. */
async function runContentJobs(shop: string) {
  const stop = new AbortController();
  const working = worker.work({ handlers, concurrency: 1, signal: stop.signal });
  const where = { shop, name: { startsWith: 'content.' }, state: { in: ['queued' as const, 'running' as const] } };
  const deadline = Date.now() + 60_000;
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

type ListingData = Exclude<Awaited<ReturnType<typeof listings.loader>>, Response>;
type Answer = { data: unknown; init: { status?: number } | null };

const get = async <T>(loader: (args: never) => Promise<T>, shop: string, path: string, params = {}) =>
  (await call(
    (args) => (loader as (args: unknown) => Promise<T>)({ ...args, params }),
    bearerRequest(path, await sessionToken(shop)),
  )) as T | Response;

async function postJson(shop: string, body: unknown, raw?: string) {
  const request = new Request(`${APP_URL}/app/content`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await sessionToken(shop, { overrides: { sub: '4242' } })}`,
      'User-Agent': BROWSER_UA,
      'Content-Type': 'application/json',
    },
    body: raw ?? JSON.stringify(body),
  });
  return call(listings.action, request);
}

async function postForm(shop: string, id: string, fields: Record<string, string>) {
  const request = new Request(`${APP_URL}/app/content/articles/${id}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await sessionToken(shop, { overrides: { sub: '4242' } })}`,
      'User-Agent': BROWSER_UA,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
  return call((args) => article.action({ ...args, params: { id } }), request);
}

describe('the bulk editor page', () => {
  it('starts reading the catalogue on the first visit, then lists the session’s shop’s products', async () => {
    const first = (await get(listings.loader, MAPLE, '/app/content')) as ListingData;
    expect(first.scan).toMatchObject({ state: 'running', mode: 'full' });
    expect(first.rows).toEqual([]);
    expect(first.host).toBe('maplethread.example');
    await runContentJobs(MAPLE);

    const loaded = (await get(listings.loader, MAPLE, '/app/content')) as ListingData;
    expect(loaded.scan).toMatchObject({ state: 'done', seen: 30, total: 30 });
    expect(loaded.counts.all).toBe(30);
    expect(loaded.rows).toHaveLength(20);
    expect(loaded.nextUrl).toMatch(/^\/app\/content\?after=/);
    const titles = new Set([...stateOf(MAPLE).products.values()].map((product) => product.title));
    for (const row of loaded.rows) expect(titles.has(row.title)).toBe(true);

    const missing = (await get(listings.loader, MAPLE, '/app/content?view=missingAlt')) as ListingData;
    expect(missing.rows.length).toBe(loaded.counts.missingAlt);
    // The other shop has not been read: nothing of Maple's shows there.
    const harbor = (await get(listings.loader, HARBOR, '/app/content')) as ListingData;
    expect(harbor.rows).toEqual([]);
    expect(harbor.scan.state).toBe('running');
  });

  it('shows an empty catalogue as empty once read', async () => {
    await get(listings.loader, EMPTY, '/app/content');
    await runContentJobs(EMPTY);
    const loaded = (await get(listings.loader, EMPTY, '/app/content')) as ListingData;
    expect(loaded).toMatchObject({ rows: [], scan: { state: 'done', seen: 0 }, counts: { all: 0 } });
  });

  it('refuses over-long texts with every problem and sends nothing', async () => {
    const product = [...stateOf(MAPLE).products.values()][0] as { id: number; seo: unknown };
    const before = structuredClone(product.seo);
    const answer = (await postJson(MAPLE, {
      intent: 'save',
      changes: [{ productId: String(product.id), seoTitle: 't'.repeat(300), seoDescription: 'fine' }],
    })) as Answer;
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({
      intent: 'save',
      problems: [{ productId: String(product.id), field: 'seoTitle', code: 'tooLong', max: 255, length: 300 }],
    });
    expect(product.seo).toEqual(before);
  });

  it('answers 400, not 500, to a body that is not JSON or has no known intent', async () => {
    for (const answer of [await postJson(MAPLE, null, '{not json'), await postJson(MAPLE, { intent: 'delete' })]) {
      expect(answer).toMatchObject({ data: { intent: 'invalid' }, init: { status: 400 } });
    }
  });

  it('keeps the page’s edits when Shopify stops answering mid-save (503, not 500)', async () => {
    const product = [...stateOf(MAPLE).products.values()][1] as { id: number };
    devstore.faults.update({ errorRate5xx: 1 });
    try {
      const answer = await postJson(MAPLE, {
        intent: 'save',
        changes: [{ productId: String(product.id), seoTitle: 'Never arrives' }],
      });
      expect(answer).toMatchObject({ data: { intent: 'unavailable' }, init: { status: 503 } });
    } finally {
      devstore.faults.update({ errorRate5xx: 0 });
    }
  });

  it('saves a few products at once, naming the staff member in the activity log', async () => {
    const [first, second] = [...stateOf(MAPLE).products.values()].filter((p) => p.mediaIds.length > 0);
    const media = `gid://shopify/MediaImage/${first?.mediaIds[0]}`;
    const answer = (await postJson(MAPLE, {
      intent: 'save',
      changes: [
        {
          productId: String(first?.id),
          seoTitle: 'Saved from the page',
          alts: [{ id: media, alt: 'Alt from the page' }],
        },
        { productId: String(second?.id), seoDescription: 'Described from the page' },
      ],
    })) as { intent: string; outcomes: { state: string }[] };
    expect(answer.outcomes.map((outcome) => outcome.state)).toEqual(['saved', 'saved']);
    expect(stateOf(MAPLE).products.get(first?.id as number)?.seo.title).toBe('Saved from the page');
    expect(stateOf(MAPLE).media.get(first?.mediaIds[0] as number)?.alt).toBe('Alt from the page');
    const entries = await prisma.activityEntry.findMany({
      where: { shop: MAPLE, resourceType: 'product', source: 'steward' },
    });
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry.actorType === 'steward' && entry.actorId === '4242')).toBe(true);
  });

  it('saves more than twenty products as a batch the page follows, for the session’s shop only', async () => {
    const changes = [...stateOf(MAPLE).products.values()].slice(0, 25).map((product) => ({
      productId: String(product.id),
      seoDescription: `From a batch: ${product.title}`,
    }));
    const answer = (await postJson(MAPLE, { intent: 'save', changes })) as { batchId: string };
    expect(answer.batchId).toMatch(/^[0-9a-f-]{36}$/);
    const queued = (await get(listings.loader, MAPLE, `/app/content?batch=${answer.batchId}`)) as ListingData;
    expect(queued.batch).toMatchObject({ state: 'queued', total: 25, saved: 0 });
    // Another shop cannot follow it.
    const elsewhere = (await get(listings.loader, HARBOR, `/app/content?batch=${answer.batchId}`)) as ListingData;
    expect(elsewhere.batch).toBeNull();

    await runContentJobs(MAPLE);
    const done = (await get(listings.loader, MAPLE, `/app/content?batch=${answer.batchId}`)) as ListingData;
    expect(done.batch).toMatchObject({ state: 'done', total: 25, saved: 25, failed: 0, failures: [] });
    for (const change of changes) {
      expect(stateOf(MAPLE).products.get(Number(change.productId))?.seo.description).toBe(change.seoDescription);
    }
  });

  it('gives nothing to a request without a valid session token', async () => {
    const forged = await sessionToken(MAPLE, { secret: 'not-the-app-secret' });
    const answer = await call(listings.loader, bearerRequest('/app/content', forged));
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(401);
  });
});

describe('the article pages', () => {
  it('lists the shop’s articles with their blogs, filtered', async () => {
    const loaded = (await get(articles.loader, MAPLE, '/app/content/articles?status=draft')) as Exclude<
      Awaited<ReturnType<typeof articles.loader>>,
      Response
    >;
    const drafts = [...stateOf(MAPLE).articles.values()].filter((candidate) => !candidate.isPublished);
    expect(loaded.rows.map((row) => row.id).sort()).toEqual(drafts.map((draft) => String(draft.id)).sort());
    expect(loaded.blogs.map((blog) => blog.title)).toEqual(['Journal', 'News']);
    expect(loaded.timeZone).toBe('America/Toronto');
  });

  it('creates an article from the form with its HTML cleaned, then publishes it', async () => {
    const journal = [...stateOf(MAPLE).blogs.values()].find((blog) => blog.handle === 'journal') as { id: number };
    const fields = {
      title: 'Winter care',
      blogId: String(journal.id),
      author: 'Alex Kim',
      body: '<p>Hand wash<img src=x onerror="alert(document.cookie)"></p><script>alert(1)</script>',
      summary: '<p>Short</p>',
      tags: 'care, winter',
      published: 'false',
      // Not a field of the form: ignored.
      handle: 'hijack',
    };
    const created = (await postForm(MAPLE, 'new', fields)) as { ok: boolean; id: string; verb: string };
    expect(created).toEqual({ ok: true, id: expect.stringMatching(/^\d+$/), verb: 'created' });
    const stored = stateOf(MAPLE).articles.get(Number(created.id));
    expect(stored).toMatchObject({
      body: '<p>Hand wash<img src="x" /></p>',
      handle: 'winter-care',
      isPublished: false,
    });

    const editor = (await get(article.loader, MAPLE, `/app/content/articles/${created.id}`, { id: created.id })) as {
      article: { body: string; title: string };
    };
    expect(editor.article).toMatchObject({ title: 'Winter care', body: '<p>Hand wash<img src="x" /></p>' });

    const published = await postForm(MAPLE, created.id, { ...fields, published: 'true' });
    expect(published).toEqual({ ok: true, id: created.id, verb: 'published' });
    expect(stateOf(MAPLE).articles.get(Number(created.id))?.isPublished).toBe(true);
    const entries = await prisma.activityEntry.findMany({
      where: { shop: MAPLE, resourceType: 'article', resourceId: created.id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(entries.map((entry) => [entry.verb, entry.actorId])).toEqual([
      ['created', '4242'],
      ['published', '4242'],
    ]);
  });

  it('answers a form with missing or over-long fields with each problem, and saves nothing', async () => {
    const before = stateOf(MAPLE).articles.size;
    const answer = (await postForm(MAPLE, 'new', {
      title: ' ',
      blogId: 'new',
      author: 'a'.repeat(300),
      body: '',
      summary: '',
      tags: '',
      published: 'maybe',
    })) as Answer;
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({
      ok: false,
      problems: [
        { field: 'title', code: 'required' },
        { field: 'author', code: 'tooLong', max: 255 },
        { field: 'published', code: 'invalid' },
      ],
    });
    expect(stateOf(MAPLE).articles.size).toBe(before);
  });

  it('finds no article of another shop, nor one that does not exist', async () => {
    const harborArticle = [...stateOf(HARBOR).articles.values()][0] as { id: number };
    for (const id of [String(harborArticle.id), '999999999', 'not-an-id']) {
      const answer = await get(article.loader, MAPLE, `/app/content/articles/${id}`, { id });
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
    }
    const posted = await postForm(MAPLE, String(harborArticle.id), {
      title: 'Taken',
      blogId: '1',
      author: 'x',
      body: '',
      summary: '',
      tags: '',
      published: 'true',
    });
    expect((posted as Response).status).toBe(404);
  });
});
