/**
 * What the paged catch-up readers (catchup-<resource>.server.ts) share: the
 * `updated_at` search, page checking, and turning a paged node (nested
 * connections inline, `{ nodes, pageInfo }`) into the same record a bulk file
 * yields, so one normaliser (from-bulk.ts) serves both.
 */
import { z } from 'zod';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import type { BulkRecord } from './from-bulk';

/** One page of a catch-up read: records ready for the normalisers, and the newest updatedAt among them. */
export interface CatchUpPage {
  records: BulkRecord[];
  newest: Date | null;
}

export interface CatchUpReader {
  /**
   * Pages come in updatedAt order, so a run interrupted after a page can
   * resume from the newest updatedAt applied. Otherwise it starts over from
   * its `since`.
   */
  ordered: boolean;
  pages(gateway: AdminGateway, since: Date): AsyncGenerator<CatchUpPage>;
}

/** Shopify's search for records changed at or after `since` (the boundary is read again: applying twice is harmless). */
export function changedSince(since: Date): string {
  return `updated_at:>='${since.toISOString()}'`;
}

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const connectionSchema = z.object({
  nodes: z.array(z.record(z.unknown())),
  pageInfo: pageInfoSchema,
});

export type PagedConnection = z.output<typeof connectionSchema>;

/** Picks `path` out of a response (`["products"]`, `["order", "lineItems"]`) as a connection. */
export function connectionAt(data: unknown, path: readonly string[], what: string): PagedConnection {
  let value: unknown = data;
  for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
  const parsed = connectionSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Unexpected ${what} page from Shopify: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Reads the rest of a nested connection whose first page said hasNextPage:
 * `fetch(after)` returns the next page.
 */
export async function restOf(
  first: PagedConnection,
  fetch: (after: string) => Promise<PagedConnection>,
): Promise<Record<string, unknown>[]> {
  const nodes = [...first.nodes];
  let info = first.pageInfo;
  while (info.hasNextPage && info.endCursor) {
    const page = await fetch(info.endCursor);
    nodes.push(...page.nodes);
    info = page.pageInfo;
  }
  return nodes;
}

/** The newest `updatedAt` among the nodes. */
export function newestUpdatedAt(nodes: readonly Record<string, unknown>[]): Date | null {
  let newest: Date | null = null;
  for (const node of nodes) {
    const value = typeof node.updatedAt === 'string' ? new Date(node.updatedAt) : null;
    if (value && !Number.isNaN(value.getTime()) && (!newest || value > newest)) newest = value;
  }
  return newest;
}

/** Walks a root connection page by page. */
export async function* rootPages(
  read: (after: string | null) => Promise<PagedConnection>,
): AsyncGenerator<PagedConnection> {
  let after: string | null = null;
  do {
    const page = await read(after);
    yield page;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
}

/**
 * A root connection's records changed since `since`, page by page in
 * updatedAt order: `document` takes `$query` and `$after`, answers with the
 * connection at `key`, and each node becomes a record through `toRecord`
 * (which may read the rest of its nested connections).
 */
export async function* changedPages(
  gateway: AdminGateway,
  since: Date,
  document: string,
  key: string,
  toRecord: (node: Record<string, unknown>) => BulkRecord | Promise<BulkRecord>,
): AsyncGenerator<CatchUpPage> {
  const read = async (after: string | null) =>
    connectionAt(await gateway.request(document, { query: changedSince(since), after }), [key], key);
  for await (const page of rootPages(read)) {
    const records: BulkRecord[] = [];
    for (const node of page.nodes) records.push(await toRecord(node));
    yield { records, newest: newestUpdatedAt(records.map((record) => record.node)) };
  }
}
