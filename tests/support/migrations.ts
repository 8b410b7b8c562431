/** The committed migrations, in order, as SQL: what every test database is built from. */
import fs from 'node:fs';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export function migrationScripts(): { name: string; sql: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8') }));
}
