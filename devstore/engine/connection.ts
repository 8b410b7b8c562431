/**
 * Shopify's cursor connections: first/after/last/before, reverse, sortKey and
 * query over an in-memory list, with edges, nodes and pageInfo. Cursors are
 * opaque (base64 of the item's id), so a page boundary survives inserts.
 *
 * A page over a 100k-record table must not cost a sort of the table: each
 * item's numeric id and sort value are computed once per call (never inside
 * the comparator), a list already in id order (the tables' insertion order)
 * is not sorted at all, and a cursor is found by binary search on the ids.
 * Only the nodes of the page are built.
 */
import { GraphQLError, isObjectType, type GraphQLNamedType } from 'graphql';
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

/** A Shopify connection type (`…Connection` with pageInfo), as the cost rules and bulk queries see one. */
export function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

/** The nodes of a connection in a result, whether it selected `nodes` or `edges { node }`. */
export function connectionNodes<N = unknown>(value: unknown): N[] {
  const connectionValue = value as { nodes?: N[]; edges?: { node: N }[] } | null | undefined;
  return connectionValue?.nodes ?? connectionValue?.edges?.map((edge) => edge.node) ?? [];
}

export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

function userError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

const trailingNumber = (id: string) => Number(/\d+$/.exec(id)?.[0] ?? 0);

/**
 * The number an item's gid ends with. Records carry it as `id` (their gid is
 * built from it), which spares building and parsing a gid per item; anything
 * else (positions, names) goes through its gid.
 */
function numericIdOf<T>(options: ConnectionOptions<T>): (item: T) => number {
  return (item) => {
    const own = (item as { id?: unknown } | null)?.id;
    return typeof own === 'number' ? own : trailingNumber(options.id(item));
  };
}

interface Entry<T> {
  item: T;
  id: number;
  key: string | number;
}

/** Ascending by sort value, then id; an id-sorted input (the usual case) costs one pass. */
function sortEntries<T>(entries: Entry<T>[], byValue: boolean): void {
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++) {
    const a = entries[i - 1] as Entry<T>;
    const b = entries[i] as Entry<T>;
    sorted = byValue ? a.key < b.key || (a.key === b.key && a.id <= b.id) : a.id <= b.id;
  }
  if (sorted) return;
  entries.sort((a, b) => (byValue && a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.id - b.id));
}

/** Index of the item a cursor names, or -1. Binary search when the list is in id order. */
function indexOfCursor<T>(entries: Entry<T>[], cursor: string, options: ConnectionOptions<T>, idOrder: 1 | -1 | 0) {
  const wanted = decodeCursor(cursor);
  const target = trailingNumber(wanted);
  const matches = (index: number) => options.id((entries[index] as Entry<T>).item) === wanted;
  if (idOrder !== 0) {
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const id = (entries[middle] as Entry<T>).id;
      if (id === target) {
        // Ids may repeat (positions of different parents): look around the hit.
        for (let i = middle; i >= 0 && (entries[i] as Entry<T>).id === target; i--) if (matches(i)) return i;
        for (let i = middle + 1; i < entries.length && (entries[i] as Entry<T>).id === target; i++)
          if (matches(i)) return i;
        return -1;
      }
      if (id < target === (idOrder === 1)) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
  for (let i = 0; i < entries.length; i++) if ((entries[i] as Entry<T>).id === target && matches(i)) return i;
  return -1;
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
  const sortKey = args.sortKey ?? options.defaultSortKey ?? 'ID';
  const by = sortKey === 'ID' ? undefined : options.sortKeys?.[sortKey];
  if (sortKey !== 'ID' && !by) throw userError(`Sort key ${sortKey} is not supported by the devstore here`);
  const idOf = numericIdOf(options);

  const entries: Entry<T>[] = [];
  for (const item of items) {
    if (predicate(item)) entries.push({ item, id: idOf(item), key: by ? by(item) : 0 });
  }
  sortEntries(entries, Boolean(by));
  if (args.reverse) entries.reverse();
  const idOrder = by ? 0 : args.reverse ? -1 : 1;

  let start = 0;
  let end = entries.length;
  if (after) {
    const index = indexOfCursor(entries, after, options, idOrder);
    if (index === -1) throw userError('Invalid cursor for the after argument');
    start = index + 1;
  }
  if (before) {
    const index = indexOfCursor(entries, before, options, idOrder);
    if (index === -1) throw userError('Invalid cursor for the before argument');
    end = index;
  }
  let sliceStart = start;
  let sliceEnd = end;
  if (first != null) sliceEnd = Math.min(end, start + first);
  else sliceStart = Math.max(start, end - size);
  const slice = entries.slice(sliceStart, Math.max(sliceStart, sliceEnd));
  const total = entries.length;

  const edges = slice.map(({ item }) => ({ cursor: encodeCursor(options.id(item)), node: options.node(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: sliceStart + slice.length < total,
      hasPreviousPage: sliceStart > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
