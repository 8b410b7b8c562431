/**
 * `npm run bench:jobs`: throughput of the database job queue driver.
 * Enqueues 1,000 no-op jobs and runs them to `done` with one worker, and as
 * the baseline inserts 1,000 Job rows with plain `prisma.job.create`, in the
 * same process on the same database: a fresh in-memory embedded one, or a
 * schema of its own on the PostgreSQL server in BENCH_DATABASE_URL. Prints
 * rates and ratios.
 */
import { DbJobQueue } from '../app/platform/jobs/db.server';
import { openBenchDatabase } from './support/database';

const JOBS = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

// One connection on the embedded database: its socket server interleaves concurrent connections.
const database = await openBenchDatabase({
  name: 'jobs',
  serverUrl: process.env.BENCH_DATABASE_URL,
  inMemory: true,
  serverConnections: 10,
});
const { prisma, embedded } = database;
const shop = `bench-${process.pid}.myshopify.com`;

async function timed(what: string, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const rate = JOBS / seconds;
  console.log(`${what.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(rate).toString().padStart(6)}/s`);
  return rate;
}

const baseline = await timed(`baseline: ${JOBS} prisma.job.create`, async () => {
  for (let i = 0; i < JOBS; i++)
    await prisma.job.create({ data: { shop: `baseline-${shop}`, name: 'baseline', payload: { i } } });
});

const queue = new DbJobQueue(prisma, { pollIntervalMs: 250 });
const enqueue = await timed(`enqueue ${JOBS} jobs`, async () => {
  for (let i = 0; i < JOBS; i++) await queue.enqueue('noop', { i }, { shop });
});

const run = await timed(`run ${JOBS} no-op jobs (concurrency ${CONCURRENCY})`, async () => {
  const stop = new AbortController();
  let finished = 0;
  const working = queue.work({
    handlers: {
      noop: async () => {
        finished += 1;
        if (finished === JOBS) stop.abort();
      },
    },
    concurrency: CONCURRENCY,
    signal: stop.signal,
  });
  await working;
});
const stats = await queue.stats(shop);

console.log(`\ndatabase: ${embedded ? 'embedded PGlite (in memory, 1 connection)' : 'PostgreSQL'}`);
console.log(`enqueue / baseline create: ${(enqueue / baseline).toFixed(2)}×`);
console.log(`run / baseline create:     ${(run / baseline).toFixed(2)}×`);
console.log(`enqueue + run end to end:  ${Math.round(JOBS / (JOBS / enqueue + JOBS / run))}/s`);
console.log(`job states: ${JSON.stringify(stats)}`);

await queue.close();
await database.close();
