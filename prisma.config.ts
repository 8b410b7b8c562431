/**
 * Prisma CLI configuration: the WebAssembly schema engine (`engine: "js"`)
 * through the official @prisma/adapter-pg, so generate, migrate deploy, status
 * and diff run offline. Run the CLI through `npm run prisma -- …` (scripts/prisma.ts),
 * which serves the embedded database when DATABASE_URL is not a real server.
 * Why each line is here: docs/decisions/003-prisma-offline-postgres-everywhere.md.
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

process.env.CHECKPOINT_DISABLE = '1';

// The schema engine and pg leave long timers armed; let the CLI exit when done.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000) (timer as { unref?: () => void }).unref?.();
  return timer;
}) as typeof setTimeout;

// adapter-pg 6.19.3 cannot deserialize the catalog types `name` (OID 19) and
// `"char"` (OID 18) that the schema engine reads; report them as text, for the
// CLI only.
const CATALOG_TYPES_AS_TEXT = new Set([18, 19]);
const TEXT_OID = 25;

interface QueryResultLike {
  fields?: { dataTypeID: number }[];
}

function asText<T>(result: T): T {
  for (const field of (result as QueryResultLike | undefined)?.fields ?? []) {
    if (CATALOG_TYPES_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg's query has many overloads; we only post-process whatever result it yields.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, error ? result : asText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) return returned.then(asText) as never;
    return returned as never;
  }
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set: run the CLI through `npm run prisma`.');
    // One connection: the embedded database's socket must not interleave two (app/platform/db/embedded.server.ts).
    const pool = new pg.Pool({ connectionString, Client: CatalogTextClient, max: 1, idleTimeoutMillis: 1_000 });
    return new PrismaPg(pool, { disposeExternalPool: true });
  },
});
