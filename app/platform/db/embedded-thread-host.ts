/**
 * Opens the embedded database on a thread of its own (embedded-thread.ts) and
 * serves it on 127.0.0.1, as openEmbeddedDatabase() does in the calling
 * thread. server.ts uses this one: the app's requests and the database's
 * WebAssembly then run on separate cores. The lock on the data directory is
 * taken here, in the process that owns it, before the thread opens it.
 *
 * Run by Node directly (server.ts), never bundled: erasable TypeScript only.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { acquireLock, socketUrl } from './embedded.server.ts';
import type { ThreadMessage, ThreadOptions } from './embedded-thread.ts';

export interface ThreadedDatabase {
  /** A postgresql:// URL for the database's loopback socket. */
  url: string;
  close(): Promise<void>;
}

function nextMessage(worker: Worker): Promise<ThreadMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ThreadMessage) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      reject(new Error(`The embedded database's thread exited (${code})`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

export async function openEmbeddedDatabaseThread(options: {
  dataDir: string;
  port?: number;
  maxConnections?: number;
}): Promise<ThreadedDatabase> {
  const lock = acquireLock(options.dataDir);
  let worker: Worker | undefined;
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const workerData: ThreadOptions = {
      dataDir: options.dataDir,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 32,
    };
    worker = new Worker(new URL('./embedded-thread.ts', import.meta.url), { workerData });
    const started = await nextMessage(worker);
    if (started.type !== 'ready') {
      throw new Error(started.type === 'failed' ? started.message : 'The embedded database did not start');
    }
    lock.announcePort(started.port);
    const running = worker;
    return {
      url: socketUrl(started.port),
      async close() {
        const closed = nextMessage(running);
        running.postMessage('close');
        await closed.catch(() => undefined);
        await running.terminate();
        lock.release();
      },
    };
  } catch (error) {
    await worker?.terminate();
    lock.release();
    throw error;
  }
}
