/**
 * Blog articles over real HTTP against the devstore (Shopify's 2026-10
 * schema, executed): the list and its filters, create, edit, publish and
 * unpublish round trips with the HTML cleaned on the way in and on the way
 * out, the image's alt text, Shopify's userErrors, activity entries, and no
 * shop reaching another's articles.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPS, seedShop } from '../../../../devstore/seed';
import type { ShopState } from '../../../../devstore/state/shop-state';
import { installOn, startAppDevstore } from '../../../../tests/support/installed-app';
import { articleFormSchema } from './article-form';
import { articlesQuery, parseArticleFilters } from './article-filters';

const NOW = new Date('2026-10-01T12:00:00Z');
const profile = (index: number) => DEFAULT_SHOPS[index] as (typeof DEFAULT_SHOPS)[number];
const seedOptions = { products: 8, customers: 5, orders: 5, now: NOW };
const MAPLE = profile(0).domain;
const HARBOR = profile(1).domain;

const devstore = await startAppDevstore({
  shops: [
    await seedShop({ ...profile(0), seed: 31, ...seedOptions }),
    await seedShop({ ...profile(1), seed: 32, ...seedOptions }),
  ],
});
const { default: prisma } = await import('~/db.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { readArticleList, readArticle, readBlogs, createArticle, updateArticle } = await import('./articles.server');
await installOn(devstore, [MAPLE, HARBOR]);
afterAll(() => devstore.close());

const stateOf = (shop: string) => devstore.state.shop(shop) as ShopState;
const actor = { type: 'steward' as const, id: '71', name: 'Alex Kim' };
const context = async (shop = MAPLE) => ({ db: prisma, gateway: await gatewayForShop(shop), shop, actor });
const filters = (query = '') => parseArticleFilters(new URLSearchParams(query));
const blogNamed = (shop: string, handle: string) =>
  [...stateOf(shop).blogs.values()].find((blog) => blog.handle === handle) as { id: number; title: string };
const form = (fields: Record<string, string>) =>
  articleFormSchema.parse({ body: '', summary: '', tags: '', published: 'false', ...fields });

const XSS_BODY =
  '<h1>Caring for merino</h1><p onclick="steal()">Wash <strong>cold</strong>.<script>fetch("//evil.example")</script></p>' +
  '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">click</a><iframe src="https://evil.example"></iframe>' +
  '<a href="https://maple.example/care" target="_blank">care guide</a>';
const CLEAN_BODY =
  '<h2>Caring for merino</h2><p>Wash <strong>cold</strong>.</p><img src="x" /><a>click</a>' +
  '<a href="https://maple.example/care" target="_blank" rel="noopener noreferrer">care guide</a>';

describe('articles query', () => {
  it('filters by blog and status, and keeps a search from becoming syntax', () => {
    expect(articlesQuery(filters('blog=12&status=draft&search=merino care'))).toBe(
      'blog_id:12 published_status:unpublished merino care',
    );
    expect(articlesQuery(filters('status=published'))).toBe('published_status:published');
    expect(articlesQuery(filters(''))).toBeNull();
    expect(articlesQuery(filters('search=' + encodeURIComponent('blog_id:1 OR -tag:x "quoted" (group)')))).toBe(
      'blog_id 1 tag x quoted group',
    );
    // A malformed blog or status in the URL is dropped, not an error.
    expect(filters('blog=abc&status=nope')).toMatchObject({ blog: null, status: 'all' });
  });
});

describe('the articles list', () => {
  it('lists the shop’s articles, newest change first, filtered by blog, status and search', async () => {
    const { gateway } = await context();
    const all = await readArticleList(gateway, filters());
    const articles = [...stateOf(MAPLE).articles.values()];
    expect(all.rows).toHaveLength(articles.length);
    const updated = all.rows.map((row) => row.updatedAt as string);
    expect(updated).toEqual([...updated].sort().reverse());

    const journal = blogNamed(MAPLE, 'journal');
    const inJournal = await readArticleList(gateway, filters(`blog=${journal.id}`));
    expect(inJournal.rows.length).toBe(articles.filter((article) => article.blogId === journal.id).length);
    expect(new Set(inJournal.rows.map((row) => row.blogTitle))).toEqual(new Set(['Journal']));

    const drafts = await readArticleList(gateway, filters('status=draft'));
    expect(drafts.rows.length).toBe(articles.filter((article) => !article.isPublished).length);
    expect(drafts.rows.every((row) => !row.isPublished)).toBe(true);
    const published = await readArticleList(gateway, filters('status=published'));
    expect(published.rows.length + drafts.rows.length).toBe(articles.length);

    const merino = await readArticleList(gateway, filters('search=merino'));
    expect(merino.rows.map((row) => row.title)).toEqual(['How to care for merino']);

    const blogs = await readBlogs(gateway);
    expect(blogs.map((blog) => blog.title)).toEqual(['Journal', 'News']);
  });

  it('pages with Shopify’s cursors, 25 at a time, both ways', async () => {
    const ctx = await context();
    const news = blogNamed(MAPLE, 'news');
    for (let index = 0; index < 20; index++) {
      const result = await createArticle(
        ctx,
        form({ title: `Paging ${index}`, blogId: String(news.id), author: 'Sam' }),
      );
      expect(result.ok).toBe(true);
    }
    const total = stateOf(MAPLE).articles.size;
    const first = await readArticleList(ctx.gateway, filters());
    expect(first.rows).toHaveLength(25);
    expect(first.previous).toBeNull();
    const second = await readArticleList(ctx.gateway, filters(`after=${first.next}`));
    expect(second.rows).toHaveLength(total - 25);
    expect(second.next).toBeNull();
    const back = await readArticleList(ctx.gateway, filters(`before=${second.previous}`));
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });
});

describe('creating, editing, publishing and unpublishing', () => {
  it('round-trips an article with its HTML cleaned before Shopify stores it', async () => {
    const ctx = await context();
    const journal = blogNamed(MAPLE, 'journal');
    const created = await createArticle(
      ctx,
      form({
        title: 'Caring for merino',
        blogId: String(journal.id),
        author: 'Alex Kim',
        body: XSS_BODY,
        summary: '<p>Short <em>and</em> sweet<script>x()</script></p>',
        tags: 'care, merino, care, ',
      }),
    );
    expect(created).toEqual({ ok: true, id: expect.stringMatching(/^\d+$/), verb: 'created' });
    const id = (created as { id: string }).id;
    const stored = stateOf(MAPLE).articles.get(Number(id));
    expect(stored).toMatchObject({
      title: 'Caring for merino',
      body: CLEAN_BODY,
      summary: '<p>Short <em>and</em> sweet</p>',
      author: 'Alex Kim',
      tags: ['care', 'merino'],
      isPublished: false,
      blogId: journal.id,
    });

    const view = await readArticle(ctx.gateway, id);
    expect(view).toMatchObject({
      id,
      title: 'Caring for merino',
      body: CLEAN_BODY,
      isPublished: false,
      blogTitle: 'Journal',
    });
    expect(view?.bodyLosesMarkup).toBe(false);

    // Publish: the store shows it, and the log says published.
    const published = await updateArticle(
      ctx,
      id,
      form({
        title: 'Caring for merino, the long version',
        blogId: String(journal.id),
        author: 'Alex Kim',
        body: `${CLEAN_BODY}<p>More <svg onload="x()"></svg>soon.</p>`,
        summary: '',
        tags: 'care',
        published: 'true',
      }),
    );
    expect(published).toEqual({ ok: true, id, verb: 'published' });
    expect(stateOf(MAPLE).articles.get(Number(id))).toMatchObject({
      title: 'Caring for merino, the long version',
      body: `${CLEAN_BODY}<p>More soon.</p>`,
      summary: '',
      isPublished: true,
      publishedAt: expect.any(String),
    });

    // Unpublish, then an edit that leaves visibility alone.
    const base = {
      title: 'Caring for merino, the long version',
      blogId: String(journal.id),
      author: 'Alex Kim',
      tags: 'care',
    };
    expect(await updateArticle(ctx, id, form({ ...base, published: 'false' }))).toEqual({
      ok: true,
      id,
      verb: 'unpublished',
    });
    expect(stateOf(MAPLE).articles.get(Number(id))).toMatchObject({ isPublished: false, publishedAt: null });
    expect(await updateArticle(ctx, id, form({ ...base, body: '<p>Edited</p>' }))).toEqual({
      ok: true,
      id,
      verb: 'updated',
    });

    const entries = await prisma.activityEntry.findMany({
      where: { shop: MAPLE, resourceType: 'article', resourceId: id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(entries.map((entry) => [entry.verb, entry.actorName, entry.link])).toEqual([
      ['created', 'Alex Kim', `/app/content/articles/${id}`],
      ['published', 'Alex Kim', `/app/content/articles/${id}`],
      ['unpublished', 'Alex Kim', `/app/content/articles/${id}`],
      ['updated', 'Alex Kim', `/app/content/articles/${id}`],
    ]);
    expect(entries[1]?.resourceTitle).toBe('Caring for merino, the long version');
  });

  it('cleans an article written elsewhere before the editor sees it, and says markup would be lost', async () => {
    const ctx = await context();
    const [article] = [...stateOf(MAPLE).articles.values()];
    const target = article as { id: number; body: string };
    target.body =
      '<p style="color:red">Hello<script>alert(1)</script></p><iframe src="https://video.example/1"></iframe>';
    const view = await readArticle(ctx.gateway, String(target.id));
    expect(view?.body).toBe('<p>Hello</p>');
    expect(view?.bodyLosesMarkup).toBe(true);
  });

  it('changes the image’s alt text and keeps the image', async () => {
    const ctx = await context();
    const article = [...stateOf(MAPLE).articles.values()].find((candidate) => candidate.imageId !== null);
    expect(article).toBeDefined();
    const { id, blogId, title, author, tags, isPublished } = article as NonNullable<typeof article>;
    const before = await readArticle(ctx.gateway, String(id));
    const result = await updateArticle(
      ctx,
      String(id),
      form({
        title,
        blogId: String(blogId),
        author,
        body: before?.body ?? '',
        tags: tags.join(','),
        published: String(isPublished),
        imageAlt: 'A mug of tea on a wooden table',
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const after = await readArticle(ctx.gateway, String(id));
    expect(after?.image?.altText).toBe('A mug of tea on a wooden table');
    expect(after?.image?.url).toMatch(/^http/);
  });

  it('shows Shopify’s userErrors against their fields and changes nothing', async () => {
    const ctx = await context();
    const harborBlog = blogNamed(HARBOR, 'news');
    const countBefore = stateOf(MAPLE).articles.size;
    const result = await createArticle(
      ctx,
      form({ title: 'Wrong blog', blogId: String(harborBlog.id), author: 'Sam' }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'blogId', code: 'shopify', message: 'Blog does not exist' }],
    });
    expect(stateOf(MAPLE).articles.size).toBe(countBefore);
  });

  it('never reaches another shop’s article', async () => {
    const ctx = await context();
    const [harborArticle] = [...stateOf(HARBOR).articles.values()];
    const id = String((harborArticle as { id: number }).id);
    const titleBefore = (harborArticle as { title: string }).title;
    expect(await readArticle(ctx.gateway, id)).toBeNull();
    expect(
      await updateArticle(ctx, id, form({ title: 'Taken over', blogId: '1', author: 'Sam', published: 'true' })),
    ).toBeNull();
    expect(stateOf(HARBOR).articles.get(Number(id))?.title).toBe(titleBefore);
    expect(await prisma.activityEntry.count({ where: { shop: HARBOR } })).toBe(0);
  });
});
