/**
 * The bulk editor's filters, in the URL: which products (all, or those
 * missing alt text, an SEO title or a meta description, or whose listing is
 * too long), a search of titles and handles, and the page (an opaque cursor).
 */
import { z } from 'zod';

export const LISTING_VIEWS = ['all', 'missingAlt', 'missingTitle', 'missingDescription', 'tooLong'] as const;
export type ListingView = (typeof LISTING_VIEWS)[number];

export const MAX_SEARCH = 200;

const filtersSchema = z.object({
  view: z.enum(LISTING_VIEWS).catch('all'),
  search: z
    .string()
    .trim()
    .max(MAX_SEARCH)
    .catch((context) => String(context.input).trim().slice(0, MAX_SEARCH)),
  after: z.string().max(400).nullable(),
  before: z.string().max(400).nullable(),
});

export type ListingFilters = z.infer<typeof filtersSchema>;

export function parseListingFilters(params: URLSearchParams): ListingFilters {
  return filtersSchema.parse({
    view: params.get('view') ?? 'all',
    search: params.get('search') ?? '',
    after: params.get('after'),
    before: params.get('before'),
  });
}

/** The query string of some filters (defaults left out); `page` moves to a page of them. */
export function listingSearchParams(
  filters: Pick<ListingFilters, 'view' | 'search'>,
  page: { after?: string; before?: string } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view !== 'all') params.set('view', filters.view);
  if (filters.search) params.set('search', filters.search);
  if (page.after) params.set('after', page.after);
  if (page.before) params.set('before', page.before);
  return params;
}
