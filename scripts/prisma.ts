/**
 * Runs the Prisma CLI offline against Steward's database.
 * - DATABASE_URL set to a real server: the CLI talks to it directly.
 * - Otherwise (embedded default): this process serves data/pglite on a loopback
 *   port (or reuses the running app's socket) and points the CLI at it, so the
 *   data directory only ever has one owner.
 * Usage: node scripts/prisma.ts <prisma args…>   (npm run prisma -- <args>)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectOrOpen, EMBEDDED_DATABASE_URL, isEmbeddedUrl } from '../app/platform/db/embedded.server.ts';

const require = createRequire(import.meta.url);

// The same .env the app reads in development, so migrations go where the app looks.
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const prismaCli = require.resolve('prisma/build/index.js');

export async function runPrisma(args: string[], options: { needsDatabase?: boolean } = {}): Promise<void> {
  const configured = process.env.DATABASE_URL || undefined;
  const needsDatabase =
    options.needsDatabase ?? !['generate', 'validate', 'format'].some((c) => args.join(' ').startsWith(c));
  let database: Awaited<ReturnType<typeof connectOrOpen>> | undefined;
  let url = configured ?? EMBEDDED_DATABASE_URL;
  if (isEmbeddedUrl(configured) && needsDatabase) {
    database = await connectOrOpen();
    url = database.url;
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [prismaCli, ...args], {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      });
      child.on('error', reject);
      child.on('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`prisma ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
      );
    });
  } finally {
    await database?.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runPrisma(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
