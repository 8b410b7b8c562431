import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectOrOpen, DataDirInUseError, LockFileUnreadableError, openEmbeddedDatabase } from './embedded.server';
import { openEmbeddedDatabaseThread } from './embedded-thread-host';
import { keepBatchesTogether } from './message-batches';

const children: ChildProcess[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

function freshDataDir(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pglite-'));
  directories.push(directory);
  return path.join(directory, 'pglite');
}

/** A process that tries to own `dataDir`, as a starting Steward would; resolves with what it printed first. */
function contender(dataDir: string): { child: ChildProcess; outcome: Promise<string> } {
  const child = spawn(process.execPath, ['tests/support/hold-embedded-db.ts', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const outcome = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', (code) => reject(new Error(`contender exited early (${code})`)));
  });
  return { child, outcome };
}

/** Another process that owns `dataDir`, as a running Steward would. */
async function ownerProcess(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const { child, outcome } = contender(dataDir);
  const match = /^ready (\d+)/.exec(await outcome);
  if (!match) throw new Error('the owner could not open the directory');
  return { child, port: Number(match[1]) };
}

async function readProbe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ note: string }>('SELECT note FROM probe WHERE id = 1');
    return rows[0]?.note;
  } finally {
    await client.end();
  }
}

describe('embedded database ownership', () => {
  it('refuses a second process with an error naming the owner, then serves it through the owner', async () => {
    const dataDir = freshDataDir();
    const { child, port } = await ownerProcess(dataDir);

    const refused = await openEmbeddedDatabase({ dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toContain(`already open in process ${child.pid}`);

    // A second client (the Prisma CLI, a worker) goes through the owner's socket instead.
    const viaOwner = await connectOrOpen(dataDir);
    expect(new URL(viaOwner.url).port).toBe(String(port));
    expect(await readProbe(viaOwner.url)).toBe('written by the owner');
    await viaOwner.close();
  });

  it('takes over the lock of an owner that died, with its data intact', async () => {
    const dataDir = freshDataDir();
    const { child } = await ownerProcess(dataDir);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const reopened = await openEmbeddedDatabase({ dataDir });
    try {
      expect(await readProbe(reopened.url)).toBe('written by the owner');
      expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await reopened.close();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('lets exactly one of several processes starting at once own the directory', async () => {
    const dataDir = freshDataDir();
    const outcomes = await Promise.all([1, 2, 3].map(() => contender(dataDir).outcome));
    expect(outcomes.filter((outcome) => outcome.startsWith('ready'))).toHaveLength(1);
    expect(outcomes.filter((outcome) => /^refused .*already open in process \d+/.test(outcome))).toHaveLength(2);
  });

  it('never deletes a lock file it cannot read', async () => {
    const dataDir = freshDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, '');
    await expect(openEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(LockFileUnreadableError);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);
  });
});

describe('embedded database socket', () => {
  it('keeps concurrent connections’ extended-protocol queries apart', async () => {
    const database = await openEmbeddedDatabase({});
    const clients = [new pg.Client(database.url), new pg.Client(database.url), new pg.Client(database.url)];
    try {
      await Promise.all(clients.map((client) => client.connect()));
      // Each client runs parameterised queries (Parse/Bind/Execute/Sync); if the
      // socket let them interleave, one client's Bind would meet another's Parse.
      const results = await Promise.all(
        clients.map(async (client, index) => {
          const answers: string[] = [];
          for (let round = 0; round < 150; round++) {
            const sql =
              index === 0
                ? 'SELECT ($1::int + 1)::text AS answer'
                : index === 1
                  ? "SELECT $1::text || '-b' AS answer"
                  : "SELECT $1::text || '-' || $2::text AS answer";
            // Large parameters arrive in several TCP chunks, giving the others a chance to cut in.
            const values = index === 2 ? [String(round), 'c'] : [String(round)];
            if (index === 1) values[0] = String(round).padEnd(200_000, ' ');
            const { rows } = await client.query<{ answer: string }>(sql, values);
            answers.push(rows[0]?.answer ?? '(no row)');
          }
          return answers;
        }),
      );
      const rounds = Array.from({ length: 150 }, (_, round) => round);
      expect(results[0]).toEqual(rounds.map((round) => String(round + 1)));
      expect(results[1]).toEqual(rounds.map((round) => `${String(round).padEnd(200_000, ' ')}-b`));
      expect(results[2]).toEqual(rounds.map((round) => `${round}-c`));
    } finally {
      await Promise.all(clients.map((client) => client.end().catch(() => {})));
      await database.close();
    }
  });

  it('runs a query’s protocol messages as one PGlite call at its Sync or Flush, answered in one chunk', async () => {
    const message = (type: string) => Uint8Array.of(type.charCodeAt(0), 0, 0, 0, 4);
    const typesOf = (bytes: Uint8Array) => {
      const types: string[] = [];
      for (let at = 0; at < bytes.length; at += 1 + new DataView(bytes.buffer, bytes.byteOffset + at + 1).getInt32(0))
        types.push(String.fromCharCode(bytes[at]!));
      return types.join('');
    };
    const calls: string[] = [];
    const fake = {
      isInTransaction: () => false,
      // Like PGlite: answers come in pieces, here one per message run.
      execProtocolRawStream: async (input: Uint8Array, options: { onRawData(data: Uint8Array): void }) => {
        calls.push(typesOf(input));
        for (const type of typesOf(input)) options.onRawData(Uint8Array.of(type.charCodeAt(0) + 32));
      },
      exec: async () => ({}),
    } as unknown as PGlite;
    const db = keepBatchesTogether(fake);
    const answers: string[] = [];
    const send = (type: string) =>
      db.execProtocolRawStream(message(type), {
        onRawData: (data) => void answers.push(String.fromCharCode(...data)),
      });

    for (const type of ['P', 'B', 'D', 'E']) await send(type);
    expect(calls).toEqual([]);
    expect(answers).toEqual([]);
    expect(db.isInTransaction()).toBe(true);
    await send('S');
    expect(calls).toEqual(['PBDES']);
    expect(answers).toEqual(['pbdes']);
    expect(db.isInTransaction()).toBe(false);

    // A Flush asks for the answers so far; the batch stays open until its Sync.
    await send('P');
    await send('H');
    expect(calls.at(-1)).toBe('PH');
    expect(answers.at(-1)).toBe('ph');
    expect(db.isInTransaction()).toBe(true);
    await send('S');
    expect(calls.at(-1)).toBe('S');

    // A connection that leaves mid-batch is rolled back with exec(); its held messages go with it.
    await send('P');
    await send('B');
    await db.exec('ROLLBACK');
    expect(db.isInTransaction()).toBe(false);
    await send('Q');
    expect(calls.at(-1)).toBe('Q');

    // A Terminate after an unfinished batch goes alone (PGlite ignores it only then); the batch is dropped.
    await send('P');
    await send('X');
    expect(calls.at(-1)).toBe('X');
    expect(db.isInTransaction()).toBe(false);
    await send('S');
    expect(calls.at(-1)).toBe('S');
  });

  it('answers an error inside a query’s batch, and the connection goes on', async () => {
    const database = await openEmbeddedDatabase({});
    const client = new pg.Client(database.url);
    try {
      await client.connect();
      await expect(client.query('SELECT $1::int AS n', ['not a number'])).rejects.toThrow(/invalid input syntax/);
      expect((await client.query<{ n: number }>('SELECT $1::int AS n', ['7'])).rows).toEqual([{ n: 7 }]);
      // A prepared statement, a named Parse once and Bind/Execute after, works across batches.
      const named = { name: 'twice', text: 'SELECT $1::int * 2 AS n' };
      expect((await client.query<{ n: number }>({ ...named, values: ['2'] })).rows).toEqual([{ n: 4 }]);
      expect((await client.query<{ n: number }>({ ...named, values: ['5'] })).rows).toEqual([{ n: 10 }]);
    } finally {
      await client.end().catch(() => {});
      await database.close();
    }
  });

  it('lets one connection’s transaction finish before another connection runs', async () => {
    const database = await openEmbeddedDatabase({});
    const [a, b] = [new pg.Client(database.url), new pg.Client(database.url)];
    try {
      await Promise.all([a.connect(), b.connect()]);
      await a.query('CREATE TABLE counter (n int)');
      await a.query('INSERT INTO counter VALUES (0)');
      await a.query('BEGIN');
      await a.query('UPDATE counter SET n = n + 1');
      const seenByB = b.query<{ n: number }>('SELECT n FROM counter');
      await a.query('ROLLBACK');
      expect((await seenByB).rows[0]?.n).toBe(0);
    } finally {
      await Promise.all([a.end().catch(() => {}), b.end().catch(() => {})]);
      await database.close();
    }
  });
});

describe('the embedded database on a thread of its own (server.ts)', () => {
  it('owns the directory, serves many connections at once, and leaves its data for the next owner', async () => {
    const dataDir = freshDataDir();
    const threaded = await openEmbeddedDatabaseThread({ dataDir });
    try {
      expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({
        pid: process.pid,
        port: Number(new URL(threaded.url).port),
      });
      await expect(openEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);

      const pool = new pg.Pool({ connectionString: threaded.url, max: 4 });
      await pool.query('CREATE TABLE probe (id int primary key, note text)');
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => pool.query('INSERT INTO probe VALUES ($1, $2)', [i, `row ${i}`])),
      );
      const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM probe');
      expect(Number(rows[0]?.count)).toBe(40);
      await pool.end();
    } finally {
      await threaded.close();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    const reopened = await openEmbeddedDatabase({ dataDir });
    try {
      expect(await readProbe(reopened.url)).toBe('row 1');
    } finally {
      await reopened.close();
    }
  });
});
