import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ShopState } from './state/shop-state';
import { emptyShop, gql } from './test-support';

const T0 = '2025-01-01T00:00:00.000Z';
const at = (day: number) => new Date(Date.parse(T0) + day * 86_400_000).toISOString();

function contentShop(): ShopState {
  const state = emptyShop();
  state.themes.set(1, {
    id: 1,
    name: 'Dawn',
    role: 'MAIN',
    files: new Map([
      ['config/settings_data.json', '{"current":"Default"}'],
      ['templates/index.json', '{"sections":{}}'],
      ['templates/product.json', '{"sections":{"main":{}}}'],
      ['layout/theme.liquid', '<html>{{ content_for_layout }}</html>'],
    ]),
    createdAt: T0,
    updatedAt: at(1),
  });
  state.themes.set(2, { id: 2, name: 'Spare', role: 'UNPUBLISHED', files: new Map(), createdAt: T0, updatedAt: T0 });
  for (let i = 1; i <= 5; i++) {
    state.pages.set(10 + i, {
      id: 10 + i,
      title: `Page ${i}`,
      handle: `page-${i}`,
      body: `<p>Body of <b>page</b> ${i}</p>`,
      isPublished: i !== 3,
      createdAt: at(i),
      updatedAt: at(10 + i),
    });
  }
  state.blogs.set(20, { id: 20, title: 'News', handle: 'news', createdAt: T0, updatedAt: T0 });
  state.blogs.set(21, { id: 21, title: 'Guides', handle: 'guides', createdAt: T0, updatedAt: T0 });
  for (let i = 1; i <= 4; i++) {
    state.articles.set(30 + i, {
      id: 30 + i,
      blogId: i <= 3 ? 20 : 21,
      title: `Article ${i}`,
      handle: `article-${i}`,
      body: `<p>${i}</p>`,
      summary: null,
      author: 'Ada',
      tags: i % 2 === 0 ? ['even', 'sale'] : ['odd'],
      isPublished: i !== 2,
      publishedAt: i !== 2 ? at(i) : null,
      imageId: null,
      createdAt: at(i),
      updatedAt: at(20 + i),
    });
  }
  state.menus.set(40, {
    id: 40,
    title: 'Main menu',
    handle: 'main-menu',
    items: [
      { title: 'Home', type: 'FRONTPAGE', url: '/', resourceId: null, items: [] },
      {
        title: 'About',
        type: 'PAGE',
        url: '/pages/page-1',
        resourceId: 'gid://shopify/Page/11',
        items: [
          { title: 'Gone', type: 'PAGE', url: '/pages/missing', resourceId: 'gid://shopify/Page/999', items: [] },
        ],
      },
    ],
  });
  return state;
}

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
}

/** Pages through a connection; every node id, in order. */
async function allIds(state: ShopState, field: string, extraArgs = ''): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await gql(
      state,
      `query($after: String) { ${field}(first: 2, after: $after${extraArgs}) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data?.[field];
    ids.push(...page.nodes.map((node: { id: string }) => node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

describe('devstore themes', () => {
  it('lists themes by role and reads files by exact name and glob', async () => {
    const state = contentShop();
    const result = await gql(
      state,
      `{ themes(first: 5, roles: [MAIN]) { nodes { id name role processing
          files(filenames: ["config/settings_data.json", "templates/*.json", "sections/missing.liquid"]) {
            nodes { filename size contentType checksumMd5 body { __typename ... on OnlineStoreThemeFileBodyText { content } } }
            userErrors { filename code } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.themes.nodes).toEqual([
      {
        id: 'gid://shopify/OnlineStoreTheme/1',
        name: 'Dawn',
        role: 'MAIN',
        processing: false,
        files: {
          nodes: [
            {
              filename: 'config/settings_data.json',
              size: '21',
              contentType: 'application/json',
              checksumMd5: '73d40dcf248471454c78ce3e5fd68e09',
              body: { __typename: 'OnlineStoreThemeFileBodyText', content: '{"current":"Default"}' },
            },
            expect.objectContaining({ filename: 'templates/index.json' }),
            expect.objectContaining({ filename: 'templates/product.json' }),
          ],
          userErrors: [{ filename: 'sections/missing.liquid', code: 'NOT_FOUND' }],
        },
      },
    ]);
  });

  it('finds a theme by id and pages through all themes once', async () => {
    const state = contentShop();
    const one = await gql(
      state,
      `{ theme(id: "gid://shopify/OnlineStoreTheme/2") { name role files(first: 1) { nodes { filename } } } }`,
    );
    expect(one.data?.theme).toEqual({ name: 'Spare', role: 'UNPUBLISHED', files: { nodes: [] } });
    const paged = await gql(state, `{ themes(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
    const rest = await gql(
      state,
      `query($after: String) { themes(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }`,
      {
        after: paged.data?.themes.pageInfo.endCursor,
      },
    );
    expect([...(paged.data?.themes.nodes ?? []), ...(rest.data?.themes.nodes ?? [])]).toEqual([
      { id: 'gid://shopify/OnlineStoreTheme/1' },
      { id: 'gid://shopify/OnlineStoreTheme/2' },
    ]);
    expect(rest.data?.themes.pageInfo.hasNextPage).toBe(false);
  });

  it('pages through theme files', async () => {
    const state = contentShop();
    const first = await gql(
      state,
      `{ theme(id: "gid://shopify/OnlineStoreTheme/1") { files(first: 3) { nodes { filename } pageInfo { hasNextPage endCursor } } } }`,
    );
    const files = first.data?.theme.files;
    const second = await gql(
      state,
      `query($after: String) { theme(id: "gid://shopify/OnlineStoreTheme/1") { files(first: 3, after: $after) { nodes { filename } pageInfo { hasNextPage } } } }`,
      { after: files.pageInfo.endCursor },
    );
    expect(
      [...files.nodes, ...(second.data?.theme.files.nodes ?? [])].map((file: { filename: string }) => file.filename),
    ).toEqual(['config/settings_data.json', 'layout/theme.liquid', 'templates/index.json', 'templates/product.json']);
    expect(second.data?.theme.files.pageInfo.hasNextPage).toBe(false);
  });
});

describe('devstore pages and menus', () => {
  it('answers a page with its summary and publication', async () => {
    const state = contentShop();
    const result = await gql(
      state,
      `{ page(id: "gid://shopify/Page/13") { id title handle body bodySummary isPublished publishedAt createdAt updatedAt } }`,
    );
    expect(result.data?.page).toEqual({
      id: 'gid://shopify/Page/13',
      title: 'Page 3',
      handle: 'page-3',
      body: '<p>Body of <b>page</b> 3</p>',
      bodySummary: 'Body of page 3',
      isPublished: false,
      publishedAt: null,
      createdAt: at(3),
      updatedAt: at(13),
    });
  });

  it('pages through every page once and filters by query', async () => {
    const state = contentShop();
    expect(await allIds(state, 'pages')).toEqual([11, 12, 13, 14, 15].map((id) => `gid://shopify/Page/${id}`));
    const filtered = await gql(
      state,
      `{ pages(first: 10, query: "published_status:published updated_at:>'${at(12)}'", sortKey: TITLE, reverse: true) { nodes { title } } }`,
    );
    expect(filtered.data?.pages.nodes).toEqual([{ title: 'Page 5' }, { title: 'Page 4' }]);
  });

  it('answers menus with nested items, including a link to a missing page', async () => {
    const state = contentShop();
    const result = await gql(
      state,
      `{ menus(first: 5, query: "title:'Main menu'") { nodes { id handle title isDefault items { id title type url resourceId items { title type url resourceId } } } } }`,
    );
    expect(result.data?.menus.nodes).toEqual([
      {
        id: 'gid://shopify/Menu/40',
        handle: 'main-menu',
        title: 'Main menu',
        isDefault: true,
        items: [
          {
            id: 'gid://shopify/MenuItem/40001',
            title: 'Home',
            type: 'FRONTPAGE',
            url: '/',
            resourceId: null,
            items: [],
          },
          {
            id: 'gid://shopify/MenuItem/40002',
            title: 'About',
            type: 'PAGE',
            url: '/pages/page-1',
            resourceId: 'gid://shopify/Page/11',
            items: [{ title: 'Gone', type: 'PAGE', url: '/pages/missing', resourceId: 'gid://shopify/Page/999' }],
          },
        ],
      },
    ]);
    const byId = await gql(
      state,
      `{ menu(id: "gid://shopify/Menu/40") { title } node(id: "gid://shopify/Menu/40") { id } }`,
    );
    expect(byId.data).toEqual({ menu: { title: 'Main menu' }, node: { id: 'gid://shopify/Menu/40' } });
  });
});

describe('devstore blogs and articles', () => {
  it('answers blogs with their articles and counts', async () => {
    const state = contentShop();
    const result = await gql(
      state,
      `{ blogs(first: 5, sortKey: TITLE) { nodes { title handle articlesCount { count precision } tags articles(first: 5) { nodes { handle } } } } }`,
    );
    expect(result.data?.blogs.nodes).toEqual([
      {
        title: 'Guides',
        handle: 'guides',
        articlesCount: { count: 1, precision: 'EXACT' },
        tags: ['even', 'sale'],
        articles: { nodes: [{ handle: 'article-4' }] },
      },
      {
        title: 'News',
        handle: 'news',
        articlesCount: { count: 3, precision: 'EXACT' },
        tags: ['even', 'odd', 'sale'],
        articles: { nodes: [{ handle: 'article-1' }, { handle: 'article-2' }, { handle: 'article-3' }] },
      },
    ]);
    const blog = await gql(
      state,
      `{ blog(id: "gid://shopify/Blog/20") { title articlesCount(limit: 2) { count precision } } }`,
    );
    expect(blog.data?.blog).toEqual({ title: 'News', articlesCount: { count: 2, precision: 'AT_LEAST' } });
  });

  it('answers an article with its blog, author and no image', async () => {
    const state = contentShop();
    const result = await gql(
      state,
      `{ article(id: "gid://shopify/Article/32") { id title handle body summary author { name } tags isPublished publishedAt blog { id title } image { url } } }`,
    );
    expect(result.data?.article).toEqual({
      id: 'gid://shopify/Article/32',
      title: 'Article 2',
      handle: 'article-2',
      body: '<p>2</p>',
      summary: null,
      author: { name: 'Ada' },
      tags: ['even', 'sale'],
      isPublished: false,
      publishedAt: null,
      blog: { id: 'gid://shopify/Blog/20', title: 'News' },
      image: null,
    });
  });

  it('pages through all articles once and filters by blog, tag, status and time', async () => {
    const state = contentShop();
    expect(await allIds(state, 'articles')).toEqual([31, 32, 33, 34].map((id) => `gid://shopify/Article/${id}`));
    const query = async (search: string) => {
      const result = await gql(state, `query($q: String) { articles(first: 10, query: $q) { nodes { handle } } }`, {
        q: search,
      });
      expect(result.errors).toBeUndefined();
      return result.data?.articles.nodes.map((node: { handle: string }) => node.handle);
    };
    expect(await query('blog_id:20 tag:even')).toEqual(['article-2']);
    expect(await query('published_status:published')).toEqual(['article-1', 'article-3', 'article-4']);
    expect(await query(`updated_at:>='${at(23)}'`)).toEqual(['article-3', 'article-4']);
    expect(await query('title:"Article 4"')).toEqual(['article-4']);
  });
});

describe('devstore article mutations', () => {
  const create = `mutation($article: ArticleCreateInput!, $blog: ArticleBlogInput) {
    articleCreate(article: $article, blog: $blog) {
      article { id title handle body summary author { name } tags isPublished publishedAt blog { title } image { url width height altText } }
      userErrors { field message code } } }`;

  it('creates an article with a handle unique in its blog, then finds it', async () => {
    const state = contentShop();
    const article = {
      blogId: 'gid://shopify/Blog/20',
      title: 'Article 1',
      body: '<p>New</p>',
      summary: '<p>S</p>',
      author: { name: 'Grace' },
      tags: ['new'],
      isPublished: true,
    };
    const result = await gql(state, create, { article });
    expect(result.errors).toBeUndefined();
    const created = result.data?.articleCreate.article;
    expect(result.data?.articleCreate.userErrors).toEqual([]);
    expect({ ...created, id: undefined, publishedAt: undefined }).toEqual({
      title: 'Article 1',
      handle: 'article-1-1',
      body: '<p>New</p>',
      summary: '<p>S</p>',
      author: { name: 'Grace' },
      tags: ['new'],
      isPublished: true,
      blog: { title: 'News' },
      image: null,
    });
    expect(Date.parse(created.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    const listed = await gql(state, `{ articles(first: 5, query: "tag:new") { nodes { id } } }`);
    expect(listed.data?.articles.nodes).toEqual([{ id: created.id }]);
  });

  it('creates a blog by title, schedules by publish date, and takes an uploaded image', async () => {
    const state = contentShop();
    state.files.set('tmp/1/files/abc/cover.png', { bytes: await png(8, 6), mimeType: 'image/png' });
    const publishDate = '2099-01-01T00:00:00.000Z';
    const result = await gql(state, create, {
      article: {
        title: 'Später: Ünïcode!',
        author: { name: 'Ada' },
        publishDate,
        image: { url: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/1/files/abc/cover.png', altText: 'Cover' },
      },
      blog: { title: 'Press' },
    });
    expect(result.data?.articleCreate.userErrors).toEqual([]);
    expect(result.data?.articleCreate.article).toMatchObject({
      handle: 'spater-unicode',
      isPublished: false,
      publishedAt: publishDate,
      blog: { title: 'Press' },
      image: {
        url: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/1/files/abc/cover.png',
        width: 8,
        height: 6,
        altText: 'Cover',
      },
    });
    expect([...state.blogs.values()].map((blog) => blog.handle)).toEqual(['news', 'guides', 'press']);
  });

  it('answers userErrors for a missing blog, a blank title, a taken handle and a future date marked published', async () => {
    const state = contentShop();
    const errors = async (article: Record<string, unknown>, blog?: Record<string, unknown>) =>
      (await gql(state, create, { article, blog })).data?.articleCreate;
    expect(await errors({ blogId: 'gid://shopify/Blog/999', title: 'X', author: { name: 'A' } })).toEqual({
      article: null,
      userErrors: [{ field: ['article', 'blogId'], message: 'Blog does not exist', code: 'NOT_FOUND' }],
    });
    expect((await errors({ title: 'X', author: { name: 'A' } }))?.userErrors[0].code).toEqual(
      'BLOG_REFERENCE_REQUIRED',
    );
    expect(await errors({ blogId: 'gid://shopify/Blog/20', title: '  ', author: { name: 'A' } })).toEqual({
      article: null,
      userErrors: [{ field: ['article', 'title'], message: "Title can't be blank", code: 'BLANK' }],
    });
    expect(
      (await errors({ blogId: 'gid://shopify/Blog/20', title: 'X', handle: 'article-2', author: { name: 'A' } }))
        ?.userErrors,
    ).toEqual([{ field: ['article', 'handle'], message: 'Handle has already been taken', code: 'TAKEN' }]);
    expect((await errors({ blogId: 'gid://shopify/Blog/20', title: 'X', author: {} }))?.userErrors[0].code).toEqual(
      'AUTHOR_FIELD_REQUIRED',
    );
    expect(
      (
        await errors({
          blogId: 'gid://shopify/Blog/20',
          title: 'X',
          author: { name: 'A' },
          isPublished: true,
          publishDate: '2099-01-01T00:00:00Z',
        })
      )?.userErrors[0].code,
    ).toEqual('INVALID_PUBLISH_DATE');
    expect(state.articles.size).toBe(4);
  });

  it('updates an article, moving it to another blog, and refuses unknown ids', async () => {
    const state = contentShop();
    const update = `mutation($id: ID!, $article: ArticleUpdateInput!) { articleUpdate(id: $id, article: $article) {
      article { title handle tags isPublished blog { handle } updatedAt } userErrors { field message code } } }`;
    const result = await gql(state, update, {
      id: 'gid://shopify/Article/32',
      article: { title: 'Renamed', tags: ['x'], isPublished: true, blogId: 'gid://shopify/Blog/21' },
    });
    expect(result.data?.articleUpdate.userErrors).toEqual([]);
    expect({ ...result.data?.articleUpdate.article, updatedAt: undefined }).toEqual({
      title: 'Renamed',
      handle: 'article-2',
      tags: ['x'],
      isPublished: true,
      blog: { handle: 'guides' },
    });
    expect(result.data?.articleUpdate.article.updatedAt > at(22)).toBe(true);
    const later = await gql(state, `{ articles(first: 5, query: "blog_id:21") { nodes { title } } }`);
    expect(later.data?.articles.nodes).toEqual([{ title: 'Renamed' }, { title: 'Article 4' }]);
    const missing = await gql(state, update, { id: 'gid://shopify/Article/1', article: { title: 'Y' } });
    expect(missing.data?.articleUpdate).toEqual({
      article: null,
      userErrors: [{ field: ['id'], message: 'Article does not exist', code: 'NOT_FOUND' }],
    });
    const blank = await gql(state, update, { id: 'gid://shopify/Article/31', article: { title: '' } });
    expect(blank.data?.articleUpdate.userErrors).toEqual([
      { field: ['article', 'title'], message: "Title can't be blank", code: 'BLANK' },
    ]);
  });
});

describe('devstore files', () => {
  const fileFields = `id alt fileStatus ... on MediaImage { mediaContentType mimeType image { url width height altText } originalSource { url fileSize } preview { status image { url } } }`;

  async function shopWithFiles() {
    const state = contentShop();
    const bytes = await png(4, 3);
    for (const [id, key, productId] of [
      [50, 'files/banner.png', null],
      [51, 'products/shirt.png', 7],
      [52, 'files/apple.png', null],
    ] as const) {
      state.files.set(key, { bytes, mimeType: 'image/png' });
      state.media.set(id, {
        id,
        productId,
        alt: id === 51 ? 'Shirt' : '',
        key,
        width: 4,
        height: 3,
        mimeType: 'image/png',
        fileSize: bytes.length,
        status: 'READY',
        createdAt: at(id - 50),
        updatedAt: at(id - 50),
      });
    }
    return state;
  }

  it('lists uploaded files and product images as MediaImages, each once across pages', async () => {
    const state = await shopWithFiles();
    expect(await allIds(state, 'files')).toEqual([
      'gid://shopify/MediaImage/50',
      'gid://shopify/MediaImage/51',
      'gid://shopify/MediaImage/52',
    ]);
    const result = await gql(
      state,
      `{ files(first: 1, query: "product_id:7") { nodes { __typename ${fileFields} } } }`,
    );
    expect(result.data?.files.nodes).toEqual([
      {
        __typename: 'MediaImage',
        id: 'gid://shopify/MediaImage/51',
        alt: 'Shirt',
        fileStatus: 'READY',
        mediaContentType: 'IMAGE',
        mimeType: 'image/png',
        image: {
          url: 'http://devstore.test/cdn/test-shop.myshopify.com/products/shirt.png',
          width: 4,
          height: 3,
          altText: 'Shirt',
        },
        originalSource: {
          url: 'http://devstore.test/cdn/test-shop.myshopify.com/products/shirt.png',
          fileSize: state.media.get(51)?.fileSize,
        },
        preview: {
          status: 'READY',
          image: { url: 'http://devstore.test/cdn/test-shop.myshopify.com/products/shirt.png' },
        },
      },
    ]);
  });

  it('sorts files by filename and filters by filename, type and time', async () => {
    const state = await shopWithFiles();
    const ids = async (args: string) =>
      (await gql(state, `{ files(first: 10, ${args}) { nodes { id } } }`)).data?.files.nodes.map(
        (node: { id: string }) => node.id.split('/').pop(),
      );
    expect(await ids('sortKey: FILENAME')).toEqual(['52', '50', '51']);
    expect(await ids('query: "filename:banner.png"')).toEqual(['50']);
    expect(await ids(`query: "media_type:IMAGE created_at:>='${at(1)}'"`)).toEqual(['51', '52']);
    expect(await ids('query: "status:ready", sortKey: CREATED_AT, reverse: true')).toEqual(['52', '51', '50']);
  });

  it('creates a file from a stored CDN URL, reading its dimensions, with a unique name', async () => {
    const state = await shopWithFiles();
    state.files.set('tmp/1/files/u1/banner.png', { bytes: await png(40, 30), mimeType: 'image/png' });
    const result = await gql(
      state,
      `mutation($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { ${fileFields} } userErrors { field message code } } }`,
      {
        files: [
          {
            originalSource: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/1/files/u1/banner.png',
            alt: 'Hero',
            contentType: 'IMAGE',
          },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.fileCreate.userErrors).toEqual([]);
    const [file] = result.data?.fileCreate.files ?? [];
    expect(file).toMatchObject({
      alt: 'Hero',
      fileStatus: 'READY',
      mimeType: 'image/png',
      image: { width: 40, height: 30, altText: 'Hero' },
    });
    expect(file.image.url).toMatch(
      /^http:\/\/devstore\.test\/cdn\/test-shop\.myshopify\.com\/files\/banner_[0-9a-f-]{36}\.png$/,
    );
    const key = file.image.url.replace('http://devstore.test/cdn/test-shop.myshopify.com/', '');
    expect(state.files.get(key)?.bytes.equals(state.files.get('tmp/1/files/u1/banner.png')?.bytes as Buffer)).toBe(
      true,
    );
    const listed = await gql(state, `{ files(first: 10, query: "Hero") { nodes { id } } }`);
    expect(listed.data?.files.nodes).toEqual([{ id: file.id }]);
  });

  it('answers userErrors for sources it cannot read and for a taken name', async () => {
    const state = await shopWithFiles();
    state.files.set('tmp/1/files/u2/notes.png', { bytes: Buffer.from('not an image'), mimeType: 'image/png' });
    state.files.set('tmp/1/files/u3/apple.png', { bytes: await png(2, 2), mimeType: 'image/png' });
    const create = async (files: Record<string, unknown>[]) =>
      (
        await gql(
          state,
          `mutation($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { id } userErrors { field code } } }`,
          { files },
        )
      ).data?.fileCreate;
    expect(await create([{ originalSource: 'not a url' }])).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'originalSource'], code: 'INVALID_IMAGE_SOURCE_URL' }],
    });
    expect(await create([{ originalSource: 'https://example.com/a.png' }])).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'originalSource'], code: 'INVALID_IMAGE_SOURCE_URL' }],
    });
    expect(
      await create([{ originalSource: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/nothing.png' }]),
    ).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'originalSource'], code: 'INVALID_IMAGE_SOURCE_URL' }],
    });
    expect(
      await create([{ originalSource: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/1/files/u2/notes.png' }]),
    ).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'originalSource'], code: 'INVALID' }],
    });
    const source = 'http://devstore.test/uploads/test-shop.myshopify.com/tmp/1/files/u3/apple.png';
    expect(await create([{ originalSource: source, duplicateResolutionMode: 'RAISE_ERROR' }])).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'filename'], code: 'FILENAME_ALREADY_EXISTS' }],
    });
    expect(await create([{ originalSource: source, filename: 'apple.jpg' }])).toEqual({
      files: null,
      userErrors: [{ field: ['files', '0', 'filename'], code: 'MISMATCHED_FILENAME_AND_ORIGINAL_SOURCE' }],
    });
    expect(state.media.size).toBe(3);
    const replaced = await create([
      { originalSource: source, filename: 'apple.png', duplicateResolutionMode: 'REPLACE' },
    ]);
    expect(replaced).toEqual({ files: [{ id: 'gid://shopify/MediaImage/52' }], userErrors: [] });
    expect(state.media.get(52)).toMatchObject({ width: 2, height: 2, key: 'files/apple.png' });
  });

  it('fails loudly for file types the devstore does not store', async () => {
    const state = await shopWithFiles();
    const result = await gql(
      state,
      `mutation { fileCreate(files: [{ originalSource: "http://devstore.test/cdn/test-shop.myshopify.com/files/banner.png", contentType: FILE }]) { files { id } } }`,
    );
    expect(result.errors?.[0]?.extensions.code).toEqual('NOT_EMULATED_BY_DEVSTORE');
  });

  it('updates alt text, filename and source, and refuses unknown files', async () => {
    const state = await shopWithFiles();
    state.files.set('tmp/1/files/u4/new.jpg', {
      bytes: await sharp({ create: { width: 9, height: 5, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer(),
      mimeType: 'image/jpeg',
    });
    const update = `mutation($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { ${fileFields} } userErrors { field message code } } }`;
    const renamed = await gql(state, update, {
      files: [{ id: 'gid://shopify/MediaImage/50', alt: 'Banner', filename: 'hero.png' }],
    });
    expect(renamed.data?.fileUpdate.userErrors).toEqual([]);
    expect(renamed.data?.fileUpdate.files[0]).toMatchObject({
      alt: 'Banner',
      image: { url: 'http://devstore.test/cdn/test-shop.myshopify.com/files/hero.png' },
    });
    expect(state.files.has('files/hero.png')).toBe(true);
    const replaced = await gql(state, update, {
      files: [
        {
          id: 'gid://shopify/MediaImage/50',
          originalSource: 'http://devstore.test/cdn/test-shop.myshopify.com/tmp/1/files/u4/new.jpg',
        },
      ],
    });
    expect(replaced.data?.fileUpdate.files[0]).toMatchObject({
      mimeType: 'image/jpeg',
      image: { url: 'http://devstore.test/cdn/test-shop.myshopify.com/files/hero.jpg', width: 9, height: 5 },
    });
    const missing = await gql(state, update, { files: [{ id: 'gid://shopify/MediaImage/1', alt: 'x' }] });
    expect(missing.data?.fileUpdate).toEqual({
      files: null,
      userErrors: [
        {
          field: ['files', '0', 'id'],
          message: 'File id gid://shopify/MediaImage/1 does not exist.',
          code: 'FILE_DOES_NOT_EXIST',
        },
      ],
    });
    const badName = await gql(state, update, { files: [{ id: 'gid://shopify/MediaImage/52', filename: 'apple.gif' }] });
    expect(badName.data?.fileUpdate.userErrors[0].code).toEqual('INVALID_FILENAME_EXTENSION');
  });
});

describe('devstore staged uploads', () => {
  const staged = `mutation($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }`;

  it('returns a POST target with signed parameters like Shopify’s', async () => {
    const result = await gql(emptyShop(), staged, {
      input: [
        { resource: 'IMAGE', filename: 'my photo.png', mimeType: 'image/png', fileSize: '1234', httpMethod: 'POST' },
      ],
    });
    expect(result.data?.stagedUploadsCreate.userErrors).toEqual([]);
    const [target] = result.data?.stagedUploadsCreate.stagedTargets ?? [];
    const key = target.parameters.find((p: { name: string }) => p.name === 'key').value;
    expect(key).toMatch(/^tmp\/1\/products\/[0-9a-f-]{36}\/my_photo\.png$/);
    expect(target.url).toEqual(`http://devstore.test/uploads/test-shop.myshopify.com/${key}`);
    expect(target.resourceUrl).toEqual(`http://devstore.test/cdn/test-shop.myshopify.com/${key}`);
    expect(target.parameters.map((p: { name: string }) => p.name)).toEqual([
      'Content-Type',
      'success_action_status',
      'acl',
      'key',
      'x-goog-date',
      'x-goog-credential',
      'x-goog-algorithm',
      'x-goog-signature',
      'policy',
    ]);
  });

  it('returns a signed PUT URL by default, as the schema says', async () => {
    const result = await gql(emptyShop(), staged, {
      input: [{ resource: 'FILE', filename: 'a.pdf', mimeType: 'application/pdf' }],
    });
    const [target] = result.data?.stagedUploadsCreate.stagedTargets ?? [];
    expect(target.url).toMatch(
      /^http:\/\/devstore\.test\/uploads\/test-shop\.myshopify\.com\/tmp\/1\/files\/[0-9a-f-]{36}\/a\.pdf\?X-Goog-Expires=.+&X-Goog-Signature=[0-9a-f]{64}$/,
    );
    expect(target.parameters).toEqual([
      { name: 'content_type', value: 'application/pdf' },
      { name: 'acl', value: 'private' },
    ]);
  });

  it('answers userErrors for a blank filename or mime type and an oversized image', async () => {
    const result = await gql(emptyShop(), staged, {
      input: [
        { resource: 'IMAGE', filename: '', mimeType: 'image/png' },
        { resource: 'IMAGE', filename: 'a.png', mimeType: ' ' },
        { resource: 'IMAGE', filename: 'big.png', mimeType: 'image/png', fileSize: String(21 * 1024 * 1024) },
        { resource: 'VIDEO', filename: 'v.mp4', mimeType: 'video/mp4' },
      ],
    });
    expect(result.data?.stagedUploadsCreate).toEqual({
      stagedTargets: null,
      userErrors: [
        { field: ['input', '0', 'filename'], message: "Filename can't be blank" },
        { field: ['input', '1', 'mimeType'], message: "Mime type can't be blank" },
        {
          field: ['input', '2', 'fileSize'],
          message: 'File size 22020096 exceeds the maximum of 20971520 bytes (20 MB)',
        },
        { field: ['input', '3', 'fileSize'], message: 'File size is required for VIDEO uploads' },
      ],
    });
  });
});
