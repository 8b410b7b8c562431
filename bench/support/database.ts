/**
 * The database a benchmark runs on, migrated from scratch: a fresh embedded
 * PGlite (in memory, or on disk in a temporary directory), or, given a
 * PostgreSQL server's URL, a schema of its own on that server, dropped when
 * the benchmark closes it. The embedded database gets one Prisma connection
 * (it is one session).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { openEmbeddedDatabase } from '../../app/platform/db/embedded.server';
import { migrationScripts } from '../../tests/support/migrations';

export interface BenchDatabase {
  prisma: PrismaClient;
  /** True on the embedded database, false on a PostgreSQL server. */
  embedded: boolean;
  /** Disconnects and removes what the benchmark made (`keep` leaves the server's schema, to EXPLAIN against it). */
  close(options?: { keep?: boolean }): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** Names the temporary directory and the server schema (`bench_<name>_<pid>`). */
  name: string;
  /** A PostgreSQL server to run on instead of the embedded database. */
  serverUrl?: string;
  /** The embedded database in memory rather than on disk. */
  inMemory?: boolean;
  /** Connections to the server (default 1); the embedded database always has one. */
  serverConnections?: number;
}

function statements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement !== '');
}

export async function openBenchDatabase({
  name,
  serverUrl,
  inMemory,
  serverConnections = 1,
}: BenchDatabaseOptions): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dataDir = inMemory ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), `steward-bench-${name}-`));
    const database = await openEmbeddedDatabase({ dataDir });
    for (const { sql } of migrationScripts()) await database.db.exec(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) });
    return {
      prisma,
      embedded: true,
      async close() {
        await prisma.$disconnect();
        await database.close();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const schema = `bench_${name}_${process.pid}`;
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url.toString(), max: serverConnections }, { schema }),
  });
  await prisma.$executeRawUnsafe(`CREATE SCHEMA ${schema}`);
  for (const { sql } of migrationScripts())
    for (const statement of statements(sql)) await prisma.$executeRawUnsafe(statement);
  return {
    prisma,
    embedded: false,
    async close({ keep = false } = {}) {
      if (keep) console.log(`kept schema ${schema}`);
      else await prisma.$executeRawUnsafe(`DROP SCHEMA ${schema} CASCADE`);
      await prisma.$disconnect();
    },
  };
}
