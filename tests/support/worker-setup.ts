/**
 * Runs before each test file, in the file's own process (vitest's forks pool
 * isolates files):
 * - a database of its own (a PGlite copy of the migrated dump, served on
 *   loopback; or a PostgreSQL database cloned from the migrated template),
 *   exposed as DATABASE_URL before any app module loads;
 * - the test environment;
 * - an unexpected console.error fails the test that caused it.
 */
import fs from 'node:fs';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { openEmbeddedDatabase } from '../../app/platform/db/embedded.server';
import { TEST_ENV } from './test-env';

Object.assign(process.env, TEST_ENV);

async function cloneTemplate(templateUrl: string): Promise<string> {
  const templateName = new URL(templateUrl).pathname.slice(1);
  const name = `${templateName}_f${process.pid}`;
  const maintenance = new URL(templateUrl);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    // Two workers cloning the same template at once collide ("being accessed by other users").
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openWorkerDatabase(): Promise<string> {
  const template = process.env.TEST_POSTGRES_TEMPLATE_URL;
  if (template) return cloneTemplate(template);
  const dump = fs.readFileSync(inject('testDatabaseDump'));
  const database = await openEmbeddedDatabase({ loadDataDir: new Blob([dump]) });
  return database.url;
}

process.env.DATABASE_URL = await openWorkerDatabase();

const unexpectedConsoleErrors: unknown[][] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  unexpectedConsoleErrors.push(args);
  consoleError(...args);
};

afterEach(() => {
  if (unexpectedConsoleErrors.length > 0) {
    const calls = unexpectedConsoleErrors.splice(0);
    throw new Error(
      `console.error was called during this test:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`,
    );
  }
});
