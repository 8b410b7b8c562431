/**
 * The article pages' loaders and action (app/routes/app.content.articles.*):
 * the list with its filters, the editor for one article or a new one, and
 * saving the editor's form (400 with every problem, field by field, when
 * the form or Shopify refuses it; nothing is lost, the page keeps the form).
 */
import { data as dataResponse } from '@remix-run/node';
import prisma from '~/db.server';
import { stewardActor } from '~/modules/activity/record.server';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { articleFormSchema, articleProblemsOf, type ArticleFieldProblem } from './article-form';
import { ARTICLES_PATH, articleSearchParams, parseArticleFilters } from './article-filters';
import { createArticle, readArticle, readArticleList, readBlogs, updateArticle } from './articles.server';

const NEW = 'new';

export async function loadArticleList(request: Request, { gateway }: AdminContext) {
  const filters = parseArticleFilters(new URL(request.url).searchParams);
  const [blogs, list, profile] = await Promise.all([
    readBlogs(gateway),
    readArticleList(gateway, filters),
    readShopProfile(gateway),
  ]);
  const pageUrl = (cursor: { after?: string; before?: string }) =>
    `${ARTICLES_PATH}?${articleSearchParams(filters, cursor)}`;
  return {
    filters: { blog: filters.blog, status: filters.status, search: filters.search },
    blogs,
    rows: list.rows,
    previousUrl: list.previous ? pageUrl({ before: list.previous }) : null,
    nextUrl: list.next ? pageUrl({ after: list.next }) : null,
    timeZone: profile.timeZone,
  };
}

export async function loadArticleEditor(id: string, { gateway }: AdminContext) {
  if (id !== NEW && !/^\d{1,20}$/.test(id)) throw new Response('Not found', { status: 404 });
  const [blogs, article, profile] = await Promise.all([
    readBlogs(gateway),
    id === NEW ? null : readArticle(gateway, id),
    readShopProfile(gateway),
  ]);
  if (id !== NEW && !article) throw new Response('Not found', { status: 404 });
  return { blogs, article, timeZone: profile.timeZone };
}

export type ArticleAnswer =
  | { ok: true; id: string; verb: 'created' | 'updated' | 'published' | 'unpublished' }
  | { ok: false; problems: ArticleFieldProblem[] };

const FIELDS = ['title', 'blogId', 'newBlogTitle', 'author', 'body', 'summary', 'tags', 'imageAlt', 'published'];

export async function applyArticleForm(request: Request, admin: AdminContext, id: string) {
  if (id !== NEW && !/^\d{1,20}$/.test(id)) throw new Response('Not found', { status: 404 });
  const form = await request.formData();
  // Fields copied one by one; anything else the form carries is ignored.
  const fields = Object.fromEntries(
    FIELDS.flatMap((name) => {
      const value = form.get(name);
      return typeof value === 'string' ? [[name, value]] : [];
    }),
  );
  const parsed = articleFormSchema.safeParse(fields);
  if (!parsed.success) {
    return dataResponse({ ok: false, problems: articleProblemsOf(parsed.error) } satisfies ArticleAnswer, {
      status: 400,
    });
  }
  const context = {
    db: prisma,
    gateway: admin.gateway,
    shop: admin.session.shop,
    actor: stewardActor(admin.session, admin.sessionToken),
  };
  const result = id === NEW ? await createArticle(context, parsed.data) : await updateArticle(context, id, parsed.data);
  if (result === null) throw new Response('Not found', { status: 404 });
  if (!result.ok) return dataResponse(result satisfies ArticleAnswer, { status: 400 });
  return result satisfies ArticleAnswer;
}
