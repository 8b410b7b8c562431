/**
 * The inbox list's state, all of it in the URL, read by the loader and
 * written back by the page when a tab, a filter or the search changes:
 *
 *   /app/inbox?status=open&priority=urgent&assignee=71&tag=returns&q=parcel&overdue=1&cursor=…
 *
 * `assignee=none` asks for unassigned tickets. A tab is a status (none: All).
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../vocabulary';

const MAX_SEARCH = 200;
const MAX_WORD = 80;

const InboxFiltersSchema = z.object({
  status: z.enum(TICKET_STATUSES).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  assignee: z.string().trim().min(1).max(MAX_WORD).nullable(),
  tag: z.string().trim().min(1).max(MAX_WORD).nullable(),
  q: z.string().trim().max(MAX_SEARCH),
  overdue: z.boolean(),
  cursor: z.string().min(1).max(MAX_SEARCH).nullable(),
});

export type InboxFilters = z.infer<typeof InboxFiltersSchema>;

export const NO_FILTERS: InboxFilters = {
  status: null,
  priority: null,
  assignee: null,
  tag: null,
  q: '',
  overdue: false,
  cursor: null,
};

/** The tabs (saved views) in order: a status each, then All. */
export const TABS = ['open', 'pending', 'solved', 'all'] as const;
export type InboxTab = (typeof TABS)[number];

/** A URL the list cannot read; the loader answers 400 naming the parameter. */
export class InboxParamError extends Error {
  override name = 'InboxParamError';
  readonly param: string;
  constructor(param: string) {
    super(`Invalid inbox filter "${param}"`);
    this.param = param;
  }
}

export function parseInboxFilters(params: URLSearchParams): InboxFilters {
  const one = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? null : value;
  };
  const parsed = InboxFiltersSchema.safeParse({
    status: one('status'),
    priority: one('priority'),
    assignee: one('assignee'),
    tag: one('tag'),
    q: params.get('q') ?? '',
    overdue: params.get('overdue') === '1',
    cursor: one('cursor'),
  });
  if (!parsed.success) throw new InboxParamError(String(parsed.error.issues[0]?.path[0] ?? 'query'));
  return parsed.data;
}

/** The URL query for these filters (the cursor only when given). */
export function inboxSearchParams(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.q) params.set('q', filters.q);
  if (filters.overdue) params.set('overdue', '1');
  if (filters.cursor) params.set('cursor', filters.cursor);
  return params;
}

export function inboxUrl(filters: InboxFilters): string {
  const query = inboxSearchParams(filters).toString();
  return query ? `/app/inbox?${query}` : '/app/inbox';
}

export const tabOf = (filters: InboxFilters): InboxTab =>
  filters.status && filters.status !== 'closed' ? filters.status : 'all';
