/**
 * The one Prisma client. It always speaks PostgreSQL through the official
 * @prisma/adapter-pg: to the server in DATABASE_URL, or to the embedded PGlite
 * database that server.ts opens and serves on loopback before the app loads
 * (it then sets DATABASE_URL to that socket).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { env } from './env.server';
import { isEmbeddedSocketUrl } from './platform/db/embedded.server';
import { logger } from './platform/logging/logger.server';

interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  inboxPool: pg.Pool;
}

function createClient(): Database {
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set. Start Steward with `npm run dev` or `npm start` (server.ts opens the ' +
        'embedded database and sets it), or point DATABASE_URL at a PostgreSQL server.',
    );
  }
  // The embedded database's socket takes one connection at a time safely (see embedded.server.ts).
  const embedded = isEmbeddedSocketUrl(env.DATABASE_URL);
  const max = embedded ? 1 : 10;
  // Its connections are loopback to this process's own database thread and cost nothing idle: they
  // stay open, so the first queries after a quiet spell do not wait for new connections.
  const idleTimeoutMillis = embedded ? 0 : 10_000;
  // allowExitOnIdle: an idle connection never keeps a script's process alive.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max, idleTimeoutMillis, allowExitOnIdle: true });
  // A pool whose idle connection ends (the database restarting, the embedded one closing at shutdown)
  // emits 'error': without a listener that would end the process. The pool drops that connection
  // and opens a new one when next asked; the next query fails only if the database is really gone.
  const dropped = (name: string) => (error: Error) =>
    logger.warn({ err: error, pool: name }, 'An idle database connection ended; the pool will reconnect');
  pool.on('error', dropped('app'));
  // The webhook inbox's own connections: its INSERTs never wait in the queue
  // behind Prisma's (a transaction holds Prisma's one embedded connection
  // through every round trip), and with two of them one batch waits at the
  // database while the other executes. It opens no transaction, so the
  // embedded socket's one-transaction-at-a-time rule costs it only waiting.
  const inboxPool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 2,
    allowExitOnIdle: true,
    idleTimeoutMillis,
  });
  inboxPool.on('error', dropped('inbox'));
  return {
    prisma: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }),
    pool,
    inboxPool,
  };
}

// One client per process, surviving Vite's module reloads in development.
const CLIENT_KEY = Symbol.for('steward.database');
type WithClient = typeof globalThis & { [CLIENT_KEY]?: Database };
const holder = globalThis as WithClient;
const database: Database = (holder[CLIENT_KEY] ??= createClient());

const prisma: PrismaClient = database.prisma;
export default prisma;

/**
 * The client's own connection pool, for the rare hot path that is better
 * served by plain SQL than by Prisma's query compiler (the webhook inbox's
 * group commit). The same connections: on the embedded database, still one.
 */
export const sqlPool: pg.Pool = database.pool;

/** The webhook inbox's connections (two; see createClient). */
export const inboxPool: pg.Pool = database.inboxPool;

/**
 * Ends every connection of this process's pools: server.ts calls it at
 * shutdown, before it closes the embedded database, so no idle connection
 * is cut from under a pool. The client cannot be used afterwards.
 */
export async function closeDatabase(): Promise<void> {
  await prisma.$disconnect();
  // Prisma's disconnect leaves the adapter's pool open.
  await Promise.all([sqlPool, inboxPool].filter((pool) => !pool.ending).map((pool) => pool.end()));
}
