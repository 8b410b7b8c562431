/**
 * `npm run worker [-- --concurrency N]`: runs Steward's background jobs
 * (app/platform/jobs/handlers.server.ts) and the webhook housekeeping
 * (app/platform/jobs/background.server.ts) until SIGINT/SIGTERM, then
 * finishes the running jobs and exits. Start any number of them.
 * - REDIS_URL set: BullMQ workers; otherwise the database driver.
 * - Either way on the PostgreSQL server in DATABASE_URL: separate workers
 *   refuse the embedded database, whose socket cannot serve two processes'
 *   queries at once (app/platform/db/embedded.server.ts).
 * It runs under vite-node because app modules import without extensions and
 * through the `~` alias, which plain Node cannot resolve.
 */
import { parseArgs } from 'node:util';
import { isEmbeddedSocketUrl, isEmbeddedUrl } from '../app/platform/db/embedded.server';
import { parseEnv } from '../app/platform/env/parse-env';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '4' } } });
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('--concurrency must be a positive integer');
  process.exit(1);
}

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Either no server at all, or the socket of an app process's embedded database.
if (isEmbeddedUrl(env.DATABASE_URL) || isEmbeddedSocketUrl(env.DATABASE_URL)) {
  console.error(
    'npm run worker needs a PostgreSQL server in DATABASE_URL: separate worker processes cannot share the embedded database.',
  );
  process.exit(1);
}

const { runBackgroundWork } = await import('../app/platform/jobs/background.server');
const { jobQueue } = await import('../app/platform/jobs/index.server');
const { logger } = await import('../app/platform/logging/logger.server');
const { default: prisma } = await import('../app/db.server');

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'Worker stopping after its running jobs');
    stop.abort();
  });
}
// The queue's timers are unref'd; this keeps the process up until told to stop.
const keepAlive = setInterval(() => {}, 60_000);

// Not awaited: vite-node's own SIGTERM handler (which exits at once) stays
// installed until this module has finished evaluating. Handlers must therefore
// be imported above, not lazily, since vite-node's module server then closes.
void runBackgroundWork({ signal: stop.signal, concurrency, role: 'worker' })
  .catch((error: unknown) => {
    logger.fatal({ err: error }, 'Worker failed');
    process.exitCode = 1;
  })
  .finally(async () => {
    clearInterval(keepAlive);
    await jobQueue().close();
    await prisma.$disconnect();
  });
