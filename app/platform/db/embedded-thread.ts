/**
 * The embedded database's own thread (started by embedded-thread-host.ts):
 * opens PGlite on the data directory the host has locked, serves it on a
 * loopback port, reports that port, and closes on the host's "close".
 *
 * PGlite executes SQL synchronously in WebAssembly; on the server's main
 * thread every statement would hold up HTTP, webhook verification and
 * rendering. Here it runs beside them, on the machine's other core.
 *
 * Run by Node directly: erasable TypeScript only, explicit imports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { serveOnLoopback } from './embedded.server.ts';

export interface ThreadOptions {
  dataDir: string;
  port: number;
  maxConnections: number;
}

export type ThreadMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string } | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('embedded-thread.ts runs as a worker thread');
const options = workerData as ThreadOptions;
const send = (message: ThreadMessage) => port.postMessage(message);

try {
  const db = await PGlite.create({ dataDir: options.dataDir });
  const served = await serveOnLoopback(db, options);
  port.on('message', (message: unknown) => {
    if (message !== 'close') return;
    void (async () => {
      await served.stop();
      await db.close();
      send({ type: 'closed' });
    })();
  });
  send({ type: 'ready', port: served.port });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message });
}
