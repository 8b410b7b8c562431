/**
 * The erasers' database side of scrub.ts: replace a customer's identifying
 * strings in text columns with one UPDATE per table (PostgreSQL's
 * regexp_replace), and rewrite JSON columns in JavaScript (ids kept exact)
 * with one batched UPDATE. Table and column names come from the erasers'
 * code, never from input.
 */
import { Prisma } from '@prisma/client';
import type { Db } from '../mirror/batch.server';
import { parseExact, REDACTED, scrubJsonText, termsPattern } from './scrub';

export interface TextColumn {
  name: string;
  /** text[] rather than text. */
  array?: boolean;
}

const quote = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Replaces the terms in the given text columns of the shop's rows matching
 * `where` (a condition on the table, unqualified; all the shop's rows when
 * absent); returns how many rows changed.
 */
export async function scrubTextColumns(
  tx: Db,
  shop: string,
  table: string,
  columns: TextColumn[],
  terms: readonly string[],
  where: Prisma.Sql = Prisma.sql`true`,
): Promise<number> {
  if (terms.length === 0 || columns.length === 0) return 0;
  const pattern = termsPattern(terms);
  const assignments = columns.map((column) =>
    column.array
      ? Prisma.sql`${quote(column.name)} = ARRAY(SELECT regexp_replace(item, ${pattern}, ${REDACTED}, 'gi') FROM unnest(${quote(column.name)}) AS item)`
      : Prisma.sql`${quote(column.name)} = regexp_replace(${quote(column.name)}, ${pattern}, ${REDACTED}, 'gi')`,
  );
  const matches = columns.map((column) =>
    column.array
      ? Prisma.sql`array_to_string(${quote(column.name)}, ' ') ~* ${pattern}`
      : Prisma.sql`${quote(column.name)} ~* ${pattern}`,
  );
  return tx.$executeRaw(Prisma.sql`
    UPDATE ${quote(table)} SET ${Prisma.join(assignments, ', ')}
    WHERE shop = ${shop} AND (${where}) AND (${Prisma.join(matches, ' OR ')})`);
}

export interface JsonScrub {
  /** Rows to scrub: a condition on the table, unqualified. */
  where: Prisma.Sql;
  terms: readonly string[];
  /** Null the fields that hold personal data by nature (scrub.ts), not only the terms. */
  personalFields: boolean;
}

export interface JsonColumn {
  table: string;
  /** The type of the table's `id` key. */
  idType: 'bigint' | 'text';
  column: string;
}

/**
 * Rewrites a JSON column for the shop's rows matching each scrub (the first
 * scrub that matches a row wins); returns how many rows changed.
 */
export async function scrubJsonColumn(
  tx: Db,
  shop: string,
  { table, idType, column }: JsonColumn,
  scrubs: JsonScrub[],
): Promise<number> {
  const rewritten = new Map<string, string>();
  for (const scrub of scrubs) {
    if (scrub.terms.length === 0 && !scrub.personalFields) continue;
    const rows = await tx.$queryRaw<{ id: bigint | string; document: string }[]>(Prisma.sql`
      SELECT id, ${quote(column)}::text AS document FROM ${quote(table)}
      WHERE shop = ${shop} AND ${quote(column)} IS NOT NULL AND (${scrub.where})`);
    for (const row of rows) {
      const id = String(row.id);
      if (rewritten.has(id)) continue;
      const scrubbed = scrubJsonText(row.document, scrub.terms, { personalFields: scrub.personalFields });
      if (scrubbed !== JSON.stringify(parseExact(row.document))) rewritten.set(id, scrubbed);
    }
  }
  if (rewritten.size === 0) return 0;
  // Built by hand so the documents travel as written (64-bit ids exact).
  const batch = `[${[...rewritten].map(([id, document]) => `{"id":${JSON.stringify(id)},"document":${document}}`).join(',')}]`;
  return tx.$executeRaw(Prisma.sql`
    UPDATE ${quote(table)} AS target SET ${quote(column)} = r.document
    FROM jsonb_to_recordset(${batch}::jsonb) AS r(id ${Prisma.raw(idType)}, document jsonb)
    WHERE target.shop = ${shop} AND target.id = r.id`);
}
