/**
 * Shopify's cursor connections: first/after/last/before, reverse, sortKey and
 * query over an in-memory list, with edges, nodes and pageInfo. Cursors are
 * opaque (base64 of the item's id), so a page boundary survives inserts.
 */
import { GraphQLError } from 'graphql';
import { searchPredicate, type FieldGetter } from './search-query';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
  sortKey?: string | null;
  query?: string | null;
}

export interface ConnectionOptions<T> {
  id: (item: T) => string;
  /** sortKey name → value to sort by; ID is always available. */
  sortKeys?: Record<string, (item: T) => string | number>;
  defaultSortKey?: string;
  searchFields?: Record<string, FieldGetter<T>>;
  searchText?: (item: T) => string;
  /** Turns a stored item into the GraphQL node. */
  node: (item: T) => unknown;
}

export const MAX_PAGE = 250;

/**
 * Set (by the strict resolver) on the arguments of every field resolved inside
 * a bulk operation: a connection then returns every item, as bulk queries do.
 */
export const BULK_ALL = Symbol('devstore.bulkAll');

export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

function userError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

export function connection<T>(items: Iterable<T>, args: ConnectionArgs, options: ConnectionOptions<T>) {
  const bulk = (args as Record<symbol, unknown>)[BULK_ALL] === true;
  const { after, before } = args;
  const first = bulk ? Number.MAX_SAFE_INTEGER : args.first;
  const last = bulk ? null : args.last;
  if (first == null && last == null) throw userError('you must provide one of first or last');
  if (first != null && last != null) throw userError('providing both first and last is not supported');
  const size = (first ?? last) as number;
  if (size < 0) throw userError('first and last must be non-negative');
  if (size > MAX_PAGE && !bulk) throw userError(`The first/last argument may not exceed ${MAX_PAGE}`);

  const predicate = searchPredicate(args.query, options.searchFields ?? {}, options.searchText ?? (() => ''));
  const list = Array.from(items).filter(predicate);
  const sortKey = args.sortKey ?? options.defaultSortKey ?? 'ID';
  const by = sortKey === 'ID' ? undefined : options.sortKeys?.[sortKey];
  if (sortKey !== 'ID' && !by) throw userError(`Sort key ${sortKey} is not supported by the devstore here`);
  const idNumber = (item: T) => Number(/\d+$/.exec(options.id(item))?.[0] ?? 0);
  list.sort((a, b) => {
    const [x, y] = by ? [by(a), by(b)] : [idNumber(a), idNumber(b)];
    return x < y ? -1 : x > y ? 1 : idNumber(a) - idNumber(b);
  });
  if (args.reverse) list.reverse();

  let start = 0;
  let end = list.length;
  if (after) {
    const index = list.findIndex((item) => options.id(item) === decodeCursor(after));
    if (index === -1) throw userError('Invalid cursor for the after argument');
    start = index + 1;
  }
  if (before) {
    const index = list.findIndex((item) => options.id(item) === decodeCursor(before));
    if (index === -1) throw userError('Invalid cursor for the before argument');
    end = index;
  }
  let slice = list.slice(start, end);
  if (first != null) slice = slice.slice(0, first);
  else slice = slice.slice(Math.max(slice.length - size, 0));
  const offset = first != null ? start : end - slice.length;
  const total = list.length;

  const edges = slice.map((item) => ({ cursor: encodeCursor(options.id(item)), node: options.node(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: offset + slice.length < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
