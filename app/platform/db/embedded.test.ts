import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectOrOpen, DataDirInUseError, openEmbeddedDatabase } from './embedded.server';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process that owns `dataDir`, as a running Steward would. */
async function ownerProcess(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['tests/support/hold-embedded-db.ts', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`owner exited early (${code})`)));
  });
  return { child, port };
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
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pglite-')), 'pglite');
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
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pglite-')), 'pglite');
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
});
