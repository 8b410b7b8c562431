/**
 * `npm run test:postgres`: the whole suite against a real PostgreSQL server.
 * 1. Creates a fresh database on the server in DATABASE_URL (default
 *    postgresql://postgres@127.0.0.1:5432/postgres, trust auth as in CI).
 * 2. Applies the committed migrations with `prisma migrate deploy`.
 * 3. Runs vitest with that database as the template each worker clones.
 * 4. Drops every database it created, whatever the outcome.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { runPrisma } from './prisma.ts';

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const template = `steward_test_${Date.now().toString(36)}_${process.pid}`;
const templateUrl = new URL(serverUrl);
templateUrl.pathname = `/${template}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let exitCode = 1;
try {
  await admin((client) => client.query(`CREATE DATABASE "${template}"`));
  process.env.DATABASE_URL = templateUrl.toString();
  await runPrisma(['generate', '--no-hints']);
  await runPrisma(['migrate', 'deploy']);
  exitCode = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
    ...process.env,
    DATABASE_URL: '',
    TEST_POSTGRES_TEMPLATE_URL: templateUrl.toString(),
  });
} catch (error) {
  console.error((error as Error).message);
} finally {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${template}%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }).catch((error: Error) => console.error(`Could not drop the test databases: ${error.message}`));
}
process.exit(exitCode);
