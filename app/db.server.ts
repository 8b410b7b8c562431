/**
 * The one Prisma client. It always speaks PostgreSQL through the official
 * @prisma/adapter-pg: to the server in DATABASE_URL, or to the embedded PGlite
 * database that server.ts opens and serves on loopback before the app loads
 * (it then sets DATABASE_URL to that socket).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { env } from './env.server';
import { isEmbeddedSocketUrl } from './platform/db/embedded.server';

function createClient(): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set. Start Steward with `npm run dev` or `npm start` (server.ts opens the ' +
        'embedded database and sets it), or point DATABASE_URL at a PostgreSQL server.',
    );
  }
  // The embedded database's socket takes one connection at a time safely (see embedded.server.ts).
  const max = isEmbeddedSocketUrl(env.DATABASE_URL) ? 1 : 10;
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max });
  return new PrismaClient({ adapter });
}

// One client per process, surviving Vite's module reloads in development.
const CLIENT_KEY = Symbol.for('steward.prisma');
type WithClient = typeof globalThis & { [CLIENT_KEY]?: PrismaClient };
const holder = globalThis as WithClient;

const prisma: PrismaClient = (holder[CLIENT_KEY] ??= createClient());
export default prisma;
