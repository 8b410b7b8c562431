/**
 * Reading the activity log: one shop's entries, filtered, newest first, by
 * keyset on (occurredAt DESC, id DESC) — the index
 * ActivityEntry(shop, occurredAt DESC, id DESC) serves every page at the same
 * cost however deep, with no OFFSET and no COUNT over the table. Search uses
 * the generated "search" tsvector ('simple' configuration, GIN index) with a
 * prefix query, so "wool ha" finds "Wool hat". Every query names the shop.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import { PAGE_SIZE, type ActivityFilters, type ActivityQuery, type Cursor } from './filters';
import { nextDay, startOfDay } from './shop-dates';

type Db = PrismaClient | Prisma.TransactionClient;

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
export function searchQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/['\\:&|!()<>*]/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 12);
  return words.length > 0 ? words.map((word) => `'${word}':*`).join(' & ') : null;
}

/** The WHERE clause of a shop's filtered log (dates are days in the shop's time zone). */
export function activityWhere(shop: string, filters: ActivityFilters, timeZone: string): Prisma.Sql {
  const conditions = [Prisma.sql`"shop" = ${shop}`];
  if (filters.verbs.length > 0) conditions.push(Prisma.sql`"verb" IN (${Prisma.join(filters.verbs)})`);
  if (filters.resourceTypes.length > 0)
    conditions.push(Prisma.sql`"resourceType" IN (${Prisma.join(filters.resourceTypes)})`);
  if (filters.actorTypes.length > 0) conditions.push(Prisma.sql`"actorType" IN (${Prisma.join(filters.actorTypes)})`);
  if (filters.actorName) {
    // The search index finds the entries with these words anywhere; ILIKE keeps those naming them in actorName.
    const words = searchQuery(filters.actorName);
    if (words) conditions.push(Prisma.sql`"search" @@ to_tsquery('simple', ${words})`);
    const pattern = `%${filters.actorName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(Prisma.sql`"actorName" ILIKE ${pattern}`);
  }
  const query = searchQuery(filters.q);
  if (query) conditions.push(Prisma.sql`"search" @@ to_tsquery('simple', ${query})`);
  if (filters.from) conditions.push(Prisma.sql`"occurredAt" >= ${startOfDay(filters.from, timeZone)}`);
  if (filters.to) conditions.push(Prisma.sql`"occurredAt" < ${startOfDay(nextDay(filters.to), timeZone)}`);
  return Prisma.join(conditions, ' AND ');
}

const cursorOf = (row: ActivityRow): Cursor => ({ at: row.occurredAt.getTime(), id: row.id.toString() });

/** Entries strictly older than the cursor (or the newest), newest first. */
function olderThan(db: Db, where: Prisma.Sql, cursor: Cursor | null, limit: number): Promise<ActivityRow[]> {
  const keyset = cursor
    ? Prisma.sql`AND ("occurredAt", "id") < (${new Date(cursor.at)}::timestamp(3), ${BigInt(cursor.id)})`
    : Prisma.empty;
  return db.$queryRaw<ActivityRow[]>`
    SELECT ${COLUMNS} FROM "ActivityEntry"
    WHERE ${where} ${keyset}
    ORDER BY "occurredAt" DESC, "id" DESC
    LIMIT ${limit}`;
}

/** Entries strictly newer than the cursor, oldest first (the previous page, reversed). */
function newerThan(db: Db, where: Prisma.Sql, cursor: Cursor, limit: number): Promise<ActivityRow[]> {
  return db.$queryRaw<ActivityRow[]>`
    SELECT ${COLUMNS} FROM "ActivityEntry"
    WHERE ${where} AND ("occurredAt", "id") > (${new Date(cursor.at)}::timestamp(3), ${BigInt(cursor.id)})
    ORDER BY "occurredAt" ASC, "id" ASC
    LIMIT ${limit}`;
}

async function firstPage(db: Db, where: Prisma.Sql, size: number): Promise<ActivityPage> {
  const rows = await olderThan(db, where, null, size + 1);
  const more = rows.length > size;
  const page = rows.slice(0, size);
  return { rows: page, newer: null, older: more ? cursorOf(page.at(-1) as ActivityRow) : null };
}

/** One page of a shop's filtered log, by keyset (`after`: older page, `before`: newer page). */
export async function readActivityPage(
  db: Db,
  shop: string,
  query: ActivityQuery,
  timeZone: string,
  size = PAGE_SIZE,
): Promise<ActivityPage> {
  const where = activityWhere(shop, query.filters, timeZone);
  if (query.before) {
    const rows = await newerThan(db, where, query.before, size + 1);
    // Back at the top: show the first page whole rather than a short one.
    if (rows.length <= size) return firstPage(db, where, size);
    const page = rows.slice(0, size).reverse();
    return { rows: page, newer: cursorOf(page[0] as ActivityRow), older: cursorOf(page.at(-1) as ActivityRow) };
  }
  if (!query.after) return firstPage(db, where, size);
  const rows = await olderThan(db, where, query.after, size + 1);
  const page = rows.slice(0, size);
  return {
    rows: page,
    newer: page.length > 0 ? cursorOf(page[0] as ActivityRow) : query.after,
    older: rows.length > size ? cursorOf(page.at(-1) as ActivityRow) : null,
  };
}

/** Every entry of a shop's filtered log, newest first, a batch at a time (for the CSV export). */
export async function* activityBatches(
  db: Db,
  shop: string,
  filters: ActivityFilters,
  timeZone: string,
  batchSize = 1000,
): AsyncGenerator<ActivityRow[]> {
  const where = activityWhere(shop, filters, timeZone);
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = await olderThan(db, where, cursor, batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    cursor = cursorOf(rows.at(-1) as ActivityRow);
  }
}

/** Whether the shop has any entry at all (the empty state), by the index, without counting. */
export async function shopHasActivity(db: Db, shop: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM "ActivityEntry" WHERE "shop" = ${shop} LIMIT 1`;
  return rows.length > 0;
}
