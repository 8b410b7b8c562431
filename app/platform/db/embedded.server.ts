/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) on disk,
 * served on a loopback port so every client, Prisma's adapter-pg included,
 * speaks the ordinary PostgreSQL protocol to it.
 *
 * PGlite takes no lock on its data directory and two processes opening it
 * corrupt it silently, so exactly one process owns it. Ownership is a lock
 * file beside the directory (`<dir>.lock`) created atomically, holding the
 * owner's pid and the port it serves on. Any other process either connects
 * through that port (`connectionOrOpen`) or gets `DataDirInUseError`.
 *
 * This file is run by Node directly (scripts, prisma.config.ts) as well as
 * bundled by Vite, so it uses erasable TypeScript only and explicit imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** What `DATABASE_URL` holds for the Prisma CLI when the database is embedded. */
export const EMBEDDED_DATABASE_URL = 'postgresql://embedded/steward';

export function defaultDataDir(): string {
  return path.resolve(process.env.PGLITE_DATA_DIR ?? 'data/pglite');
}

export function isEmbeddedUrl(url: string | undefined): boolean {
  return url === undefined || url === '' || url === EMBEDDED_DATABASE_URL;
}

export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database ${dataDir} is already open in process ${pid}. ` +
        'PGlite allows one owner per data directory: stop that process, or connect ' +
        'through it (it serves the database on the port in its lock file).',
    );
    this.name = 'DataDirInUseError';
    this.pid = pid;
  }
}

interface LockInfo {
  pid: number;
  port: number | null;
}

export interface EmbeddedDatabase {
  /** A postgresql:// URL for this database's loopback socket. */
  url: string;
  db: PGlite;
  close(): Promise<void>;
}

function lockPathFor(dataDir: string): string {
  return `${dataDir}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, port: typeof parsed.port === 'number' ? parsed.port : null }
      : null;
  } catch {
    return null;
  }
}

/** The live owner of a data directory, if any (a stale lock counts as none). */
export function liveOwner(dataDir: string): LockInfo | null {
  const lock = readLock(lockPathFor(dataDir));
  return lock && isAlive(lock.pid) ? lock : null;
}

function acquireLock(dataDir: string): () => void {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port: null }), {
        flag: 'wx',
      });
      return () => {
        const lock = readLock(lockPath);
        if (lock?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockPath);
      if (holder && isAlive(holder.pid)) throw new DataDirInUseError(dataDir, holder.pid);
      // A lock left by a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

export interface OpenOptions {
  dataDir?: string;
  /** A data directory dump (PGlite `dumpDataDir`) to start from; tests use it. */
  loadDataDir?: Blob | File;
  /** 0 picks a free port. */
  port?: number;
  maxConnections?: number;
}

/**
 * Opens the embedded database, taking ownership of its data directory, and
 * serves it on 127.0.0.1. Throws DataDirInUseError if another process owns it.
 * Without `dataDir` and with `loadDataDir`, the database lives in memory.
 */
export async function openEmbeddedDatabase(options: OpenOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir;
  const release = dataDir ? acquireLock(dataDir) : () => {};
  let db: PGlite | undefined;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create(
      dataDir ? { dataDir, loadDataDir: options.loadDataDir } : { loadDataDir: options.loadDataDir },
    );
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 32,
    });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    if (dataDir) {
      fs.writeFileSync(lockPathFor(dataDir), JSON.stringify({ pid: process.pid, port }));
    }
    const opened = db;
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      db: opened,
      async close() {
        await server.stop();
        await opened.close();
        release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    release();
    throw error;
  }
}

/**
 * For a second process (the Prisma CLI, a worker): connect through the owner's
 * socket when the app is running, otherwise open the directory itself.
 */
export async function connectOrOpen(dataDir = defaultDataDir()): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  const owner = liveOwner(dataDir);
  if (owner?.port) {
    return {
      url: `postgresql://postgres@127.0.0.1:${owner.port}/postgres?sslmode=disable`,
      close: async () => {},
    };
  }
  return openEmbeddedDatabase({ dataDir });
}
