/**
 * Steward's HTTP server (development and production).
 * 1. Opens the embedded database (PGlite, data/pglite) unless DATABASE_URL
 *    names a PostgreSQL server, and serves it on loopback in this process.
 * 2. Serves the Remix app with Express: Vite middleware with hot reload in
 *    development, the built app in production.
 * 3. Gives every request an id (X-Request-Id), carried into every log line.
 * 4. Receives webhooks at POST /webhooks ahead of all that, Express included (the inbox:
 *    docs/decisions/005-webhook-inbox.md), through the app code in the build.
 * 5. Runs the job queue's worker in this process: always with the embedded
 *    database, with PostgreSQL unless WORKER_IN_PROCESS=false.
 * Run it with `npm run dev` or `npm start`; the environment is checked first.
 * SIGINT/SIGTERM: stop taking requests, write what the inbox holds, let the
 * running jobs finish, close the database, exit.
 */
import http from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { openEmbeddedDatabaseThread } from './app/platform/db/embedded-thread-host.ts';
import { defaultDataDir, isEmbeddedUrl } from './app/platform/db/embedded.server.ts';
import { parseEnv, type Env } from './app/platform/env/parse-env.ts';
import { requestIdMiddleware } from './app/platform/http/request-id.server.ts';
import type { runBackgroundWork } from './app/platform/jobs/background.server.ts';
import type { closeDatabase } from './app/db.server.ts';
import { logger } from './app/platform/logging/logger.server.ts';
import { webhookEndpoint, withWebhooks } from './app/platform/webhooks/endpoint.ts';
import type { drainInbox, receiveWebhook } from './app/platform/webhooks/receive.server.ts';

/** What app/entry.server.tsx exports beside Remix's own entry functions. */
interface StewardEntry {
  receiveWebhook: typeof receiveWebhook;
  drainInbox: typeof drainInbox;
  runBackgroundWork: typeof runBackgroundWork;
  closeDatabase: typeof closeDatabase;
}

const production = process.env.NODE_ENV === 'production';

function checkedEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
const env = checkedEnv();

const embedded = isEmbeddedUrl(env.DATABASE_URL)
  ? await openEmbeddedDatabaseThread({ dataDir: defaultDataDir() }).catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    })
  : undefined;
if (embedded) process.env.DATABASE_URL = embedded.url;

const app = express();
// Webhooks ahead of Express: no compression (the answer has no body), no per-request log line (the inbox logs refusals).
const server: http.Server = http.createServer(
  withWebhooks(
    webhookEndpoint(
      async () => (await entry()).receiveWebhook,
      (error) => logger.error({ err: error }, 'Webhook delivery failed'),
    ),
    app,
  ),
);

// Hot reload rides on Steward's own HTTP server: no second port to collide on.
// Under the Shopify CLI, vite.config.ts takes the HMR port the CLI assigns.
const vite = production
  ? undefined
  : await import('vite').then((module) =>
      module.createServer({
        server: { middlewareMode: true, hmr: process.env.HMR_SERVER_PORT ? undefined : { server } },
      }),
    );

app.disable('x-powered-by');

const build = vite
  ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  : ((await import(path.resolve('build/server/index.js'))) as ServerBuild);
const entry = async () => (typeof build === 'function' ? await build() : build).entry.module as unknown as StewardEntry;

app.use(compression());

app.use(requestIdMiddleware(logger));

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use('/assets', express.static(path.resolve('build/client/assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.resolve('build/client'), { maxAge: '1h' }));
}

app.all('*', createRequestHandler({ build, mode: production ? 'production' : 'development' }));

server.listen(env.PORT, () => {
  logger.info({ port: env.PORT, database: embedded ? 'embedded PGlite' : 'PostgreSQL' }, 'Steward is listening');
});

// Nothing but this process can work on the embedded database.
const stopWorker = new AbortController();
const worker =
  embedded || env.WORKER_IN_PROCESS
    ? (await entry())
        .runBackgroundWork({ signal: stopWorker.signal, concurrency: 2, role: 'in-process' })
        .catch((error: unknown) => logger.fatal({ err: error }, 'The in-process worker failed'))
    : undefined;

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'Shutting down');
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await (await entry()).drainInbox();
  stopWorker.abort();
  await worker;
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  await (await entry()).closeDatabase();
  await vite?.close();
  await embedded?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
