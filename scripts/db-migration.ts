/**
 * `npm run db:migration -- <name>`: author a migration from the schema alone.
 * Prisma 6.19's `migrate dev` is unreliable with the JS schema engine, so we
 * diff the schema as of the last migration (kept as
 * prisma/migrations/last-migration.prisma) against prisma/schema.prisma. The
 * diff reads no data, but the JS schema engine still connects through its
 * adapter, so the embedded database is served (or the app's socket reused).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { connectOrOpen, isEmbeddedUrl } from '../app/platform/db/embedded.server.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name>   (lower case, digits and _)');
  process.exit(1);
}

const migrationsDir = path.resolve('prisma/migrations');
const snapshot = path.join(migrationsDir, 'last-migration.prisma');
const schema = path.resolve('prisma/schema.prisma');
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

const from = fs.existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty'];
// The JS schema engine connects through its adapter even for a pure diff.
const database = isEmbeddedUrl(process.env.DATABASE_URL) ? await connectOrOpen() : undefined;
let sql: string;
try {
  // Asynchronous on purpose: this process serves the embedded database meanwhile.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [prismaCli, 'migrate', 'diff', ...from, '--to-schema-datamodel', schema, '--script'],
    { env: { ...process.env, DATABASE_URL: database?.url ?? process.env.DATABASE_URL, CHECKPOINT_DISABLE: '1' } },
  );
  sql = stdout;
} finally {
  await database?.close();
}

if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  console.log('The schema has not changed since the last migration: nothing to write.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
fs.copyFileSync(schema, snapshot);
if (!fs.existsSync(path.join(migrationsDir, 'migration_lock.toml'))) {
  fs.writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
