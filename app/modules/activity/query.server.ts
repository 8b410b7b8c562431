/**
 * Reading the activity log: one shop's entries, filtered, newest first, by
 * keyset on (occurredAt DESC, id DESC) — the index
 * ActivityEntry(shop, occurredAt DESC, id DESC) serves every page at the same
 * cost however deep, with no OFFSET and no COUNT over the table. Search uses
 * the generated "search" tsvector ('simple' configuration, GIN index) with a
 * prefix query, so "wool ha" finds "Wool hat" (see SEARCH_WINDOW for how a
 * search stays fast when its words are rare or never meet). Every query
 * names the shop.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import { PAGE_SIZE, type ActivityFilters, type ActivityQuery, type Cursor } from './filters';
import { nextDay, startOfDay } from './shop-dates';

export interface ActivityRow {
  id: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  verb: string;
  resourceType: string;
  resourceId: string | null;
  resourceTitle: string | null;
  summary: string;
  link: string | null;
  source: string;
  details: Prisma.JsonValue | null;
}

export interface ActivityPage {
  rows: ActivityRow[];
  /** The "newer" link's cursor (before=), null on the first page. */
  newer: Cursor | null;
  /** The "older" link's cursor (after=), null on the last page. */
  older: Cursor | null;
}

const COLUMNS = Prisma.sql`"id", "occurredAt", "actorType", "actorId", "actorName", "verb", "resourceType",
  "resourceId", "resourceTitle", "summary", "link", "source", "details"`;

/**
 * The prefix tsquery for what the merchant typed: every word must match the
 * start of a word in the entry. Words are quoted (no tsquery operators get
 * through); words without a letter or digit are dropped. Null: no search.
 */
function searchQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/['\\:&|!()<>*]/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 12);
  return words.length > 0 ? words.map((word) => `'${word}':*`).join(' & ') : null;
}

/**
 * The conditions of a shop's filtered log (dates are days in the shop's time
 * zone): `base` for the columns with a B-tree index in page order, `text` for
 * full-text conditions (search, actor name), which the GIN index serves.
 */
interface ActivityConditions {
  base: Prisma.Sql;
  text: Prisma.Sql | null;
}

function activityConditions(shop: string, filters: ActivityFilters, timeZone: string): ActivityConditions {
  const base = [Prisma.sql`"shop" = ${shop}`];
  if (filters.verbs.length > 0) base.push(Prisma.sql`"verb" IN (${Prisma.join(filters.verbs)})`);
  if (filters.resourceTypes.length > 0)
    base.push(Prisma.sql`"resourceType" IN (${Prisma.join(filters.resourceTypes)})`);
  if (filters.actorTypes.length > 0) base.push(Prisma.sql`"actorType" IN (${Prisma.join(filters.actorTypes)})`);
  if (filters.from) base.push(Prisma.sql`"occurredAt" >= ${startOfDay(filters.from, timeZone)}`);
  if (filters.to) base.push(Prisma.sql`"occurredAt" < ${startOfDay(nextDay(filters.to), timeZone)}`);
  const text: Prisma.Sql[] = [];
  const query = searchQuery(filters.q);
  if (query) text.push(Prisma.sql`"search" @@ to_tsquery('simple', ${query})`);
  if (filters.actorName) {
    // The search index finds the entries with these words anywhere; ILIKE keeps those naming them in actorName.
    const words = searchQuery(filters.actorName);
    if (words) text.push(Prisma.sql`"search" @@ to_tsquery('simple', ${words})`);
    const pattern = `%${filters.actorName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    text.push(Prisma.sql`"actorName" ILIKE ${pattern}`);
  }
  return { base: Prisma.join(base, ' AND '), text: text.length > 0 ? Prisma.join(text, ' AND ') : null };
}

const cursorOf = (row: ActivityRow): Cursor => ({ at: row.occurredAt.getTime(), id: row.id.toString() });

type Direction = 'older' | 'newer';

function keyset(direction: Direction, cursor: Cursor | null): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const key = Prisma.sql`(${new Date(cursor.at)}::timestamp(3), ${BigInt(cursor.id)})`;
  return direction === 'older'
    ? Prisma.sql`AND ("occurredAt", "id") < ${key}`
    : Prisma.sql`AND ("occurredAt", "id") > ${key}`;
}

function order(direction: Direction): Prisma.Sql {
  return direction === 'older'
    ? Prisma.sql`ORDER BY "occurredAt" DESC, "id" DESC`
    : Prisma.sql`ORDER BY "occurredAt" ASC, "id" ASC`;
}

/**
 * How many entries next to the cursor a text search first looks through in
 * page order. Most searches find a page there. When they do not (rare words,
 * or common words that never meet), the planner's guess that it will find
 * them soon walking the log is wrong, and the rest is read from the GIN index
 * instead: that turns a full walk of millions of rows (a second) into tens of
 * milliseconds.
 */
export const SEARCH_WINDOW = 5000;

/** Up to `limit` entries beyond the cursor in one direction (older: newest first; newer: oldest first). */
async function rowsBeyond(
  db: PrismaClient,
  conditions: ActivityConditions,
  direction: Direction,
  cursor: Cursor | null,
  limit: number,
): Promise<ActivityRow[]> {
  const { base, text } = conditions;
  if (!text) {
    return db.$queryRaw<ActivityRow[]>`
      SELECT ${COLUMNS} FROM "ActivityEntry"
      WHERE ${base} ${keyset(direction, cursor)} ${order(direction)} LIMIT ${limit}`;
  }
  const near = await db.$queryRaw<ActivityRow[]>`
    SELECT ${COLUMNS} FROM (
      SELECT ${COLUMNS}, "search" FROM "ActivityEntry"
      WHERE ${base} ${keyset(direction, cursor)} ${order(direction)} LIMIT ${SEARCH_WINDOW}
    ) AS "near"
    WHERE ${text} ${order(direction)} LIMIT ${limit}`;
  if (near.length >= limit) return near;
  const [edge] = await db.$queryRaw<{ occurredAt: Date; id: bigint }[]>`
    SELECT "occurredAt", "id" FROM "ActivityEntry"
    WHERE ${base} ${keyset(direction, cursor)} ${order(direction)} OFFSET ${SEARCH_WINDOW - 1} LIMIT 1`;
  if (!edge) return near; // the window held every entry left
  const beyond = { at: edge.occurredAt.getTime(), id: edge.id.toString() };
  // Past the window: let the planner use the search index only (bitmap scans), never a walk in page order.
  const [, , far] = await db.$transaction([
    db.$executeRaw`SET LOCAL enable_indexscan = off`,
    db.$executeRaw`SET LOCAL enable_indexonlyscan = off`,
    db.$queryRaw<ActivityRow[]>`
      SELECT ${COLUMNS} FROM "ActivityEntry"
      WHERE ${base} AND ${text} ${keyset(direction, beyond)} ${order(direction)} LIMIT ${limit - near.length}`,
  ]);
  return [...near, ...far];
}

async function firstPage(db: PrismaClient, conditions: ActivityConditions, size: number): Promise<ActivityPage> {
  const rows = await rowsBeyond(db, conditions, 'older', null, size + 1);
  const more = rows.length > size;
  const page = rows.slice(0, size);
  return { rows: page, newer: null, older: more ? cursorOf(page.at(-1) as ActivityRow) : null };
}

/** One page of a shop's filtered log, by keyset (`after`: older page, `before`: newer page). */
export async function readActivityPage(
  db: PrismaClient,
  shop: string,
  query: ActivityQuery,
  timeZone: string,
  size = PAGE_SIZE,
): Promise<ActivityPage> {
  const conditions = activityConditions(shop, query.filters, timeZone);
  if (query.before) {
    const rows = await rowsBeyond(db, conditions, 'newer', query.before, size + 1);
    // Back at the top: show the first page whole rather than a short one.
    if (rows.length <= size) return firstPage(db, conditions, size);
    const page = rows.slice(0, size).reverse();
    return { rows: page, newer: cursorOf(page[0] as ActivityRow), older: cursorOf(page.at(-1) as ActivityRow) };
  }
  if (!query.after) return firstPage(db, conditions, size);
  const rows = await rowsBeyond(db, conditions, 'older', query.after, size + 1);
  const page = rows.slice(0, size);
  return {
    rows: page,
    newer: page.length > 0 ? cursorOf(page[0] as ActivityRow) : query.after,
    older: rows.length > size ? cursorOf(page.at(-1) as ActivityRow) : null,
  };
}

/** Every entry of a shop's filtered log, newest first, a batch at a time (for the CSV export). */
export async function* activityBatches(
  db: PrismaClient,
  shop: string,
  filters: ActivityFilters,
  timeZone: string,
  batchSize = 1000,
): AsyncGenerator<ActivityRow[]> {
  const conditions = activityConditions(shop, filters, timeZone);
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = await rowsBeyond(db, conditions, 'older', cursor, batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    cursor = cursorOf(rows.at(-1) as ActivityRow);
  }
}

/** Whether the shop has any entry at all (the empty state), by the index, without counting. */
export async function shopHasActivity(db: PrismaClient, shop: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM "ActivityEntry" WHERE "shop" = ${shop} LIMIT 1`;
  return rows.length > 0;
}
