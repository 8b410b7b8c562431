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
import { keepBatchesTogether } from './message-batches.ts';

/** What `DATABASE_URL` holds for the Prisma CLI when the database is embedded. */
export const EMBEDDED_DATABASE_URL = 'postgresql://embedded/steward';

export function defaultDataDir(): string {
  return path.resolve(process.env.PGLITE_DATA_DIR || 'data/pglite');
}

/**
 * Marks the URLs of the embedded database's socket. The socket serves one
 * PGlite session to several connections, one connection's transaction or
 * query batch at a time (message-batches.ts), so while one connection holds a
 * transaction every other waits. Prisma's client on such a URL uses one
 * connection and the webhook inbox two that never open a transaction
 * (db.server.ts), and separate processes do not share it for work
 * (scripts/worker.ts refuses): the Prisma CLI may.
 */
export const EMBEDDED_APPLICATION_NAME = 'steward-embedded';

export function isEmbeddedSocketUrl(url: string | undefined): boolean {
  return (
    url !== undefined &&
    URL.canParse(url) &&
    new URL(url).searchParams.get('application_name') === EMBEDDED_APPLICATION_NAME
  );
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
  /** The owner's start time (Linux /proc), so a reused pid is not taken for the owner. */
  started: string | null;
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

/** Field 22 of /proc/<pid>/stat: when the process started (null where there is no /proc). */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(lock: LockInfo): boolean {
  try {
    process.kill(lock.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTimeOf(lock.pid);
  return lock.started === null || started === null || started === lock.started;
}

export class LockFileUnreadableError extends Error {
  constructor(lockPath: string) {
    super(`The lock file ${lockPath} cannot be read. If no Steward process is running, delete it and start again.`);
    this.name = 'LockFileUnreadableError';
  }
}

/** undefined: no lock file; null: a lock file that cannot be parsed. */
function readLock(lockPath: string): LockInfo | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      port: typeof parsed.port === 'number' ? parsed.port : null,
      started: typeof parsed.started === 'string' ? parsed.started : null,
    };
  } catch {
    return null;
  }
}

/** The live owner of a data directory, if any (a stale lock counts as none). */
export function liveOwner(dataDir: string): LockInfo | null {
  const lock = readLock(lockPathFor(dataDir));
  return lock && isAlive(lock) ? lock : null;
}

/** Writes the lock's content to a private file first, so no reader ever sees it half written. */
function stage(lockPath: string, info: LockInfo): string {
  const staged = `${lockPath}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(staged, JSON.stringify(info));
  return staged;
}

/** Takes the data directory's lock (see the module comment); throws DataDirInUseError if a live process holds it. */
export function acquireLock(dataDir: string): { release(): void; announcePort(port: number): void } {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockInfo = { pid: process.pid, port: null, started: startTimeOf(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    const staged = stage(lockPath, me);
    try {
      // link() creates the lock atomically, complete, or fails if it exists.
      fs.linkSync(staged, lockPath);
      fs.rmSync(staged, { force: true });
      return {
        announcePort(port) {
          // rename() replaces the lock atomically: readers see the old or the new content.
          fs.renameSync(stage(lockPath, { ...me, port }), lockPath);
        },
        release() {
          if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      fs.rmSync(staged, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(lockPath);
    if (holder === undefined) continue;
    if (holder === null) throw new LockFileUnreadableError(lockPath);
    if (isAlive(holder)) throw new DataDirInUseError(dataDir, holder.pid);
    // The owner died. Move its lock aside (atomic; only one contender can win it),
    // and put it back if what we moved turns out to be a live owner's.
    const aside = `${lockPath}.stale.${process.pid}`;
    try {
      fs.renameSync(lockPath, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (moved && isAlive(moved)) {
      try {
        fs.linkSync(aside, lockPath);
      } finally {
        fs.rmSync(aside, { force: true });
      }
      throw new DataDirInUseError(dataDir, moved.pid);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

/** The postgresql:// URL of an embedded database served on this loopback port. */
export function socketUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`;
}

/** Serves an open PGlite on 127.0.0.1 (in this thread, or in embedded-thread.ts's). */
export async function serveOnLoopback(
  db: PGlite,
  options: { port?: number; maxConnections?: number },
): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new PGLiteSocketServer({
    db: keepBatchesTogether(db),
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 32,
  });
  await server.start();
  return { port: Number(server.getServerConn().split(':').pop()), stop: () => server.stop() };
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
  const lock = dataDir ? acquireLock(dataDir) : undefined;
  const release = () => lock?.release();
  let db: PGlite | undefined;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create(
      dataDir ? { dataDir, loadDataDir: options.loadDataDir } : { loadDataDir: options.loadDataDir },
    );
    const { port, stop } = await serveOnLoopback(db, options);
    lock?.announcePort(port);
    const opened = db;
    return {
      url: socketUrl(port),
      db: opened,
      async close() {
        await stop();
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
      url: socketUrl(owner.port),
      close: async () => {},
    };
  }
  return openEmbeddedDatabase({ dataDir });
}
