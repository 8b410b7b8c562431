/**
 * Builds one migrated database per test run; each worker then gets its own
 * copy (tests/support/worker-setup.ts).
 * - Embedded (default): a PGlite database migrated in memory and dumped to a
 *   tarball that workers load.
 * - PostgreSQL (TEST_POSTGRES_TEMPLATE_URL, set by `npm run test:postgres`):
 *   the template database is already migrated with `prisma migrate deploy`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrationScripts } from './migrations';

export const DUMP_PATH = path.resolve('node_modules/.cache/steward/test-database.tar.gz');

export default async function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES_TEMPLATE_URL) return;
  const db = await PGlite.create();
  for (const { sql } of migrationScripts()) await db.exec(sql);
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  fs.mkdirSync(path.dirname(DUMP_PATH), { recursive: true });
  fs.writeFileSync(DUMP_PATH, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabaseDump', DUMP_PATH);
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseDump: string;
  }
}
