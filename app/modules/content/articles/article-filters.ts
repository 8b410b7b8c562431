/**
 * The articles list's filters, in the URL (blog, published or draft, a
 * search), and the Shopify search query they make. Shopify's cursors page it.
 */
import { z } from 'zod';

/** The articles list's address. */
export const ARTICLES_PATH = '/app/content/articles';

export const ARTICLE_STATUSES = ['all', 'published', 'draft'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const filtersSchema = z.object({
  blog: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable()
    .catch(null),
  status: z.enum(ARTICLE_STATUSES).catch('all'),
  search: z
    .string()
    .trim()
    .catch('')
    .transform((text) => text.slice(0, 200)),
  after: z.string().max(500).nullable().catch(null),
  before: z.string().max(500).nullable().catch(null),
});

export type ArticleFilters = z.infer<typeof filtersSchema>;

export function parseArticleFilters(params: URLSearchParams): ArticleFilters {
  return filtersSchema.parse({
    blog: params.get('blog'),
    status: params.get('status') ?? 'all',
    search: params.get('search') ?? '',
    after: params.get('after'),
    before: params.get('before'),
  });
}

export function articleSearchParams(
  filters: Pick<ArticleFilters, 'blog' | 'status' | 'search'>,
  page: { after?: string; before?: string } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.blog) params.set('blog', filters.blog);
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.search) params.set('search', filters.search);
  if (page.after) params.set('after', page.after);
  if (page.before) params.set('before', page.before);
  return params;
}

/**
 * Shopify's search for the filters: `blog_id:`, `published_status:` and the
 * search's words as plain terms. Characters of the search syntax are taken
 * out of the words, so a search can never become a field filter or an OR.
 */
export function articlesQuery(filters: Pick<ArticleFilters, 'blog' | 'status' | 'search'>): string | null {
  const words = filters.search
    .replace(/["'\\:()]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^-+/, ''))
    .filter((word) => word !== '' && !['OR', 'AND', 'NOT'].includes(word));
  const parts = [
    filters.blog ? `blog_id:${filters.blog}` : null,
    filters.status === 'published' ? 'published_status:published' : null,
    filters.status === 'draft' ? 'published_status:unpublished' : null,
    ...words,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}
