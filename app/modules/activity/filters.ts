/**
 * The activity page's state, all of it in the URL: search text, filters and
 * the keyset cursor. Parsed the same way by the page's loader and the CSV
 * export, and written back by the page when the merchant changes a filter.
 *
 *   ?q=wool+hat&verb=paid&verb=refunded&resource=order&actor=staff
 *    &actorName=Sam&from=2026-01-01&to=2026-01-31&after=1767225600000_4812
 */
import { isCalendarDay } from './shop-dates';

export const PAGE_SIZE = 50;
const MAX_SEARCH = 200;
const MAX_CHOICES = 20;
const WORD = /^[a-z][a-z0-9_]{0,39}$/;

export interface ActivityFilters {
  q: string;
  verbs: string[];
  resourceTypes: string[];
  actorTypes: string[];
  actorName: string;
  /** Calendar days in the shop's time zone, inclusive. */
  from: string | null;
  to: string | null;
}

/** A position in the log: an entry's time (ms since epoch) and id, the keyset's two columns. */
export interface Cursor {
  at: number;
  id: string;
}

export interface ActivityQuery {
  filters: ActivityFilters;
  /** Older than this entry (the next page). */
  after: Cursor | null;
  /** Newer than this entry (the previous page). */
  before: Cursor | null;
}

export const NO_FILTERS: ActivityFilters = {
  q: '',
  verbs: [],
  resourceTypes: [],
  actorTypes: [],
  actorName: '',
  from: null,
  to: null,
};

export type ParamProblem = 'cursor' | 'date' | 'dateOrder' | 'choice' | 'tooLong';

/** A URL the page cannot read; the loader answers 400 naming the problem. */
export class ActivityParamError extends Error {
  override name = 'ActivityParamError';
  readonly problem: ParamProblem;
  readonly param: string;
  constructor(problem: ParamProblem, param: string) {
    super(`Invalid activity filter "${param}" (${problem})`);
    this.problem = problem;
    this.param = param;
  }
}

function formatCursor(cursor: Cursor): string {
  return `${cursor.at}_${cursor.id}`;
}

export function parseCursor(text: string, param: string): Cursor {
  const match = /^(\d{1,15})_(\d{1,19})$/.exec(text);
  if (!match) throw new ActivityParamError('cursor', param);
  return { at: Number(match[1]), id: match[2] as string };
}

function choices(params: URLSearchParams, name: string): string[] {
  const values = [...new Set(params.getAll(name).filter((value) => value !== ''))];
  if (values.length > MAX_CHOICES || values.some((value) => !WORD.test(value)))
    throw new ActivityParamError('choice', name);
  return values;
}

function day(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  if (value === null || value === '') return null;
  if (!isCalendarDay(value)) throw new ActivityParamError('date', name);
  return value;
}

function text(params: URLSearchParams, name: string): string {
  const value = (params.get(name) ?? '').trim();
  if (value.length > MAX_SEARCH) throw new ActivityParamError('tooLong', name);
  return value;
}

export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const from = day(params, 'from');
  const to = day(params, 'to');
  if (from && to && from > to) throw new ActivityParamError('dateOrder', 'to');
  return {
    q: text(params, 'q'),
    verbs: choices(params, 'verb'),
    resourceTypes: choices(params, 'resource'),
    actorTypes: choices(params, 'actor'),
    actorName: text(params, 'actorName'),
    from,
    to,
  };
}

export function parseActivityQuery(params: URLSearchParams): ActivityQuery {
  const after = params.get('after');
  const before = params.get('before');
  if (after && before) throw new ActivityParamError('cursor', 'before');
  return {
    filters: parseActivityFilters(params),
    after: after ? parseCursor(after, 'after') : null,
    before: before ? parseCursor(before, 'before') : null,
  };
}

/** The URL parameters of filters (and a cursor), in a stable order. */
export function activitySearchParams(
  filters: ActivityFilters,
  cursor?: { after?: Cursor | null; before?: Cursor | null },
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const verb of filters.verbs) params.append('verb', verb);
  for (const type of filters.resourceTypes) params.append('resource', type);
  for (const type of filters.actorTypes) params.append('actor', type);
  if (filters.actorName) params.set('actorName', filters.actorName);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (cursor?.after) params.set('after', formatCursor(cursor.after));
  if (cursor?.before) params.set('before', formatCursor(cursor.before));
  return params;
}

export function hasFilters(filters: ActivityFilters): boolean {
  return activitySearchParams(filters).size > 0;
}
