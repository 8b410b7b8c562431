/**
 * Blog articles through the Admin API: the list (Shopify's search and
 * cursors), one article for the editor, and saving one (articleCreate,
 * articleUpdate with isPublished to publish or unpublish). Bodies and
 * summaries are cleaned by the article HTML policy before they go to
 * Shopify, and again when read back for the editor (an article written
 * elsewhere may hold anything). Each save is an activity entry: created,
 * published, unpublished or updated.
 */
import type { PrismaClient } from '@prisma/client';
import sanitizeHtml from 'sanitize-html';
import { recordActivity, type ActivityInput } from '~/modules/activity/record.server';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { AdminGraphqlError } from '~/platform/shopify/errors';
import { NEW_BLOG, type ArticleFieldProblem, type ArticleForm } from './article-form';
import { articlesQuery, type ArticleFilters } from './article-filters';
import { sanitizeArticleHtml } from './html-policy';
import type { ArticleList, ArticleView, BlogOption } from './types';

const PAGE_SIZE = 25;

const BLOGS = `#graphql
  query ContentBlogs {
    blogs(first: 100, sortKey: TITLE) {
      nodes {
        id
        title
      }
    }
  }
`;

const ARTICLES = `#graphql
  query ContentArticles($first: Int, $last: Int, $after: String, $before: String, $query: String) {
    articles(
      first: $first
      last: $last
      after: $after
      before: $before
      query: $query
      sortKey: UPDATED_AT
      reverse: true
    ) {
      nodes {
        id
        title
        isPublished
        publishedAt
        updatedAt
        tags
        author {
          name
        }
        blog {
          id
          title
        }
        image {
          url(transform: { maxWidth: 120, maxHeight: 120 })
          altText
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

const ARTICLE = `#graphql
  query ContentArticle($id: ID!) {
    article(id: $id) {
      id
      title
      handle
      body
      summary
      tags
      isPublished
      publishedAt
      updatedAt
      author {
        name
      }
      blog {
        id
        title
        handle
      }
      image {
        url
        altText
      }
    }
  }
`;

const ARTICLE_CREATE = `#graphql
  mutation ContentArticleCreate($article: ArticleCreateInput!, $blog: ArticleBlogInput) {
    articleCreate(article: $article, blog: $blog) {
      article {
        id
        title
        isPublished
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const ARTICLE_UPDATE = `#graphql
  mutation ContentArticleUpdate($id: ID!, $article: ArticleUpdateInput!, $blog: ArticleBlogInput) {
    articleUpdate(id: $id, article: $article, blog: $blog) {
      article {
        id
        title
        isPublished
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const articleGid = (id: string) => `gid://shopify/Article/${id}`;
const blogGid = (id: string) => `gid://shopify/Blog/${id}`;
const numericId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);

export async function readBlogs(gateway: AdminGateway): Promise<BlogOption[]> {
  const data = await gateway.request(BLOGS);
  return data.blogs.nodes.map((blog) => ({ id: numericId(blog.id), title: blog.title }));
}

export async function readArticleList(gateway: AdminGateway, filters: ArticleFilters): Promise<ArticleList> {
  const query = articlesQuery(filters);
  const backwards = !filters.after && filters.before !== null;
  const data = await gateway.request(ARTICLES, {
    query,
    ...(backwards ? { last: PAGE_SIZE, before: filters.before } : { first: PAGE_SIZE, after: filters.after }),
  });
  const { nodes, pageInfo } = data.articles;
  return {
    rows: nodes.map((article) => ({
      id: numericId(article.id),
      title: article.title,
      blogTitle: article.blog.title,
      author: article.author?.name ?? '',
      isPublished: article.isPublished,
      publishedAt: article.publishedAt ?? null,
      updatedAt: article.updatedAt ?? null,
      tags: article.tags,
      image: article.image ? { url: article.image.url, altText: article.image.altText ?? null } : null,
    })),
    previous: pageInfo.hasPreviousPage ? (pageInfo.startCursor ?? null) : null,
    next: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null,
  };
}

/** The same HTML with nothing removed, only re-serialised, to compare with the policy's output. */
const reserialised = (html: string) =>
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    disallowedTagsMode: 'escape',
  }).trim();

export async function readArticle(gateway: AdminGateway, id: string): Promise<ArticleView | null> {
  const { article } = await gateway.request(ARTICLE, { id: articleGid(id) });
  if (!article) return null;
  const body = sanitizeArticleHtml(article.body);
  return {
    id,
    title: article.title,
    handle: article.handle,
    blogId: numericId(article.blog.id),
    blogTitle: article.blog.title,
    blogHandle: article.blog.handle,
    author: article.author?.name ?? '',
    body,
    summary: sanitizeArticleHtml(article.summary ?? ''),
    tags: article.tags,
    isPublished: article.isPublished,
    publishedAt: article.publishedAt ?? null,
    updatedAt: article.updatedAt ?? null,
    image: article.image ? { url: article.image.url, altText: article.image.altText ?? '' } : null,
    bodyLosesMarkup: body !== reserialised(article.body),
  };
}

export interface ArticleSaveContext {
  db: PrismaClient;
  gateway: AdminGateway;
  shop: string;
  actor: ActivityInput['actor'];
}

export type ArticleSaveResult =
  | { ok: true; id: string; verb: 'created' | 'updated' | 'published' | 'unpublished' }
  | { ok: false; problems: ArticleFieldProblem[] };

/** Shopify's error fields name the input: ["article", "title"], ["article", "author", "userId"]… */
function fieldOf(path: readonly string[] | null | undefined): string {
  const [first, second] = path ?? [];
  if (first === 'article' && second === 'image') return 'imageAlt';
  if (first === 'blog') return 'newBlogTitle';
  if (first === 'article' && second && ['title', 'author', 'blogId', 'body', 'summary', 'tags'].includes(second)) {
    return second;
  }
  return 'form';
}

const problemsOf = (errors: { field?: readonly string[] | null; message: string }[]): ArticleFieldProblem[] =>
  errors.map((error) => ({ field: fieldOf(error.field), code: 'shopify', message: error.message }));

/** The input both mutations share, with the HTML cleaned. */
function articleInput(form: ArticleForm) {
  return {
    title: form.title,
    ...(form.blogId === NEW_BLOG ? {} : { blogId: blogGid(form.blogId) }),
    author: { name: form.author },
    body: sanitizeArticleHtml(form.body),
    summary: sanitizeArticleHtml(form.summary),
    tags: form.tags,
    isPublished: form.published,
  };
}

/** A new blog to put the article in, when the form asks for one. */
const newBlog = (form: ArticleForm) =>
  form.blogId === NEW_BLOG && form.newBlogTitle ? { blog: { title: form.newBlogTitle } } : {};

async function record(
  context: ArticleSaveContext,
  article: { id: string; title: string; updatedAt?: string | null },
  verb: 'created' | 'updated' | 'published' | 'unpublished',
) {
  const id = numericId(article.id);
  const summaries = {
    created: `Article “${article.title}” created in Steward`,
    updated: `Article “${article.title}” updated in Steward`,
    published: `Article “${article.title}” published from Steward`,
    unpublished: `Article “${article.title}” hidden from the store from Steward`,
  };
  await recordActivity(context.db, {
    shop: context.shop,
    occurredAt: new Date(),
    actor: context.actor,
    verb,
    resource: { type: 'article', id, title: article.title },
    summary: summaries[verb],
    link: `/app/content/articles/${id}`,
    source: 'steward',
    sourceKey: `content:article:${id}:${verb}:${article.updatedAt ?? new Date().toISOString()}`,
  });
}

export async function createArticle(context: ArticleSaveContext, form: ArticleForm): Promise<ArticleSaveResult> {
  const data = await context.gateway.request(ARTICLE_CREATE, { article: articleInput(form), ...newBlog(form) });
  const payload = data.articleCreate;
  if (!payload) throw new AdminGraphqlError('ContentArticleCreate', [{ message: 'mutation returned no payload' }]);
  if (payload.userErrors.length > 0 || !payload.article) return { ok: false, problems: problemsOf(payload.userErrors) };
  await record(context, payload.article, 'created');
  return { ok: true, id: numericId(payload.article.id), verb: 'created' };
}

/** Saves the form over the article; null when Shopify no longer has it. */
export async function updateArticle(
  context: ArticleSaveContext,
  id: string,
  form: ArticleForm,
): Promise<ArticleSaveResult | null> {
  const { article: current } = await context.gateway.request(ARTICLE, { id: articleGid(id) });
  if (!current) return null;
  // The image keeps its file; only its alt text changes (Shopify takes both together).
  const image =
    current.image && form.imageAlt !== undefined && form.imageAlt !== (current.image.altText ?? '')
      ? { image: { url: current.image.url, altText: form.imageAlt } }
      : {};
  const data = await context.gateway.request(ARTICLE_UPDATE, {
    id: articleGid(id),
    article: { ...articleInput(form), ...image },
    ...newBlog(form),
  });
  const payload = data.articleUpdate;
  if (!payload) throw new AdminGraphqlError('ContentArticleUpdate', [{ message: 'mutation returned no payload' }]);
  if (payload.userErrors.length > 0 || !payload.article) return { ok: false, problems: problemsOf(payload.userErrors) };
  const verb =
    payload.article.isPublished === current.isPublished
      ? 'updated'
      : payload.article.isPublished
        ? 'published'
        : 'unpublished';
  await record(context, payload.article, verb);
  return { ok: true, id, verb };
}
