/**
 * A worker process that owns an embedded database directory of its own
 * (PGLITE_DATA_DIR) and runs Steward's background work on it, exactly as the
 * app's in-process worker does (runBackgroundWork). The reliability test
 * starts it with vite-node, kills it with SIGKILL mid-batch and starts it
 * again; `npm run worker` does the same on PostgreSQL.
 */
import { openEmbeddedDatabase } from '../../app/platform/db/embedded.server';

const dataDir = process.env.PGLITE_DATA_DIR;
if (!dataDir) throw new Error('PGLITE_DATA_DIR is required');
const database = await openEmbeddedDatabase({ dataDir });
process.env.DATABASE_URL = database.url;

const { runBackgroundWork } = await import('../../app/platform/jobs/background.server');
const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
await runBackgroundWork({ signal: stop.signal, concurrency: 2, role: 'embedded-test-worker' });
await database.close();
