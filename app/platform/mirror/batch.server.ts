/**
 * The plumbing of the mirror's batched writes (apply.server.ts): a batch
 * travels to PostgreSQL as ONE jsonb parameter that `jsonb_to_recordset`
 * turns back into rows, so writing 500 orders is a handful of statements
 * instead of thousands of single-row queries. Ids travel as strings (JSON has
 * no 64-bit integers), dates as ISO instants, money as decimal strings.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import type { ApplyResult } from './types';

/** A Prisma client or the transaction client of a caller's `$transaction`. */
export type Db = PrismaClient | Prisma.TransactionClient;

function isClient(db: Db): db is PrismaClient {
  return typeof (db as PrismaClient).$transaction === 'function';
}

/**
 * Runs the statements of one batch atomically: inside the caller's
 * transaction when given one, else in a transaction of its own.
 */
export function atomically<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return isClient(db) ? db.$transaction(work, { timeout: 60_000 }) : work(db);
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** A batch of rows as a jsonb parameter, for `jsonb_to_recordset(${jsonRows(rows)})`. */
export function jsonRows(rows: readonly object[]): Prisma.Sql {
  return Prisma.sql`${JSON.stringify(rows, replacer)}::jsonb`;
}

/** Ids as a bigint[] parameter (sent as text, cast by PostgreSQL). */
export function bigintArray(ids: Iterable<bigint>): Prisma.Sql {
  return Prisma.sql`${[...ids].map(String)}::text[]::bigint[]`;
}

/**
 * One record per key: the newest by updatedAt (the last one on a tie), so a
 * batch holding two versions of a record writes the newer one and a single
 * statement never touches the same row twice.
 */
export function newestPerKey<T extends { updatedAt: Date }>(records: readonly T[], key: (record: T) => string): T[] {
  const newest = new Map<string, T>();
  for (const record of records) {
    const id = key(record);
    const kept = newest.get(id);
    if (!kept || kept.updatedAt.getTime() <= record.updatedAt.getTime()) newest.set(id, record);
  }
  return [...newest.values()];
}

/** A stored row of the mirror when a deletion arrives before any version of the resource. */
const NO_DATA_YET = new Date(0);

/**
 * A deletion of the product or customer `id` at `at`: the stored row keeps its
 * earliest deletion time; a row not stored yet becomes a tombstone without
 * data, which a later-arriving older update may fill in without bringing it back.
 */
export async function tombstone(
  db: Db,
  table: 'Product' | 'Customer',
  shop: string,
  id: bigint,
  at: Date,
): Promise<ApplyResult> {
  const changed = await db.$queryRaw<{ id: bigint }[]>(Prisma.sql`
    INSERT INTO ${Prisma.raw(`"${table}"`)} AS stored (shop, id, tags, "updatedAt", "deletedAt")
    VALUES (${shop}, ${id}, '{}', ${NO_DATA_YET}, ${at})
    ON CONFLICT (shop, id) DO UPDATE SET "deletedAt" = LEAST(stored."deletedAt", EXCLUDED."deletedAt")
    WHERE stored."deletedAt" IS NULL OR stored."deletedAt" > EXCLUDED."deletedAt"
    RETURNING stored.id`);
  return { applied: changed.length, stale: 1 - changed.length };
}
