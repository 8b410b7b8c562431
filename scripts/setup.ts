/**
 * `npm run setup`: generate the Prisma client and apply pending migrations.
 * `dev`, `test` and `start` run it first, so a fresh clone needs nothing else.
 */
import { runPrisma } from './prisma.ts';

try {
  await runPrisma(['generate', '--no-hints']);
  await runPrisma(['migrate', 'deploy']);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
