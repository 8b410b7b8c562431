/**
 * `npm run bench:sync [-- --orders 100000 --baseline-seconds 180]`
 *
 * A shop's orders into Steward's mirror: through a bulk operation (Steward's
 * full sync) against a baseline of paged reads, both under the devstore's
 * Standard-plan throttle (100 points/s, 2,000 held) and both writing through
 * the same applyOrders.
 * 1. a fresh embedded database, migrated, served by THIS process;
 * 2. the devstore in a process of its own (bench/sync-devstore.ts), one shop
 *    seeded with --orders orders;
 * 3. the bulk sync in a process of its own (bench/sync-runner.ts, built with
 *    Vite as the app is for production), so its peak RSS is the sync's
 *    alone; then the mirror is checked against the devstore's counts and
 *    emptied;
 * 4. the paged baseline the same way, for --baseline-seconds (0: to the
 *    end). Paged reads are bound by the throttle, so their rate is steady;
 *    a baseline stopped early is extrapolated to every order, and says so;
 * 5. prints both durations, the ratio (target ≥ 5×) and the bulk sync's peak
 *    RSS (target ≤ 300 MB).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { openEmbeddedDatabase } from '../app/platform/db/embedded.server';
import { migrationScripts } from '../tests/support/migrations';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    'baseline-seconds': { type: 'string', default: '180' },
  },
});
const ORDERS = Number(values.orders);
const BASELINE_SECONDS = Number(values['baseline-seconds']);

const APP_ENV = {
  SHOPIFY_API_KEY: 'bench-sync-key',
  SHOPIFY_API_SECRET: 'bench-sync-secret-0123456789abcdef',
  SHOPIFY_APP_URL: 'http://127.0.0.1:9',
  SCOPES: 'read_products,read_inventory,read_locations,read_orders,read_all_orders,read_customers',
  TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development' as const,
};
const VITE_NODE = path.resolve('node_modules/vite-node/vite-node.mjs');
const RUNNER_DIR = path.resolve('node_modules/.cache/steward/bench-sync');

interface DevstoreInfo {
  url: string;
  shop: string;
  token: string;
  seedSeconds: number;
  counts: Record<string, number>;
}

interface RunnerResult {
  mode: string;
  seconds: number;
  orders: number;
  phases: Record<string, number>;
  restingRss: number;
  phaseRss: Record<string, number>;
  peakRss: number;
}

/**
 * Builds the sync runner with Vite, as the app is built for production
 * (`npm start` runs the build, the sync inside it): run under vite-node, Vite
 * itself would add about 150 MB to the process measured.
 */
async function buildRunner(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: { '~': path.resolve('app') } },
    build: {
      ssr: 'bench/sync-runner.ts',
      outDir: RUNNER_DIR,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'sync-runner.mjs' } },
    },
  });
  return path.join(RUNNER_DIR, 'sync-runner.mjs');
}

/** Starts a script (TypeScript through vite-node, or a built .mjs) and resolves with the first JSON line it prints. */
function runScript<T>(script: string, env: Record<string, string>) {
  const flags = process.env.BENCH_SYNC_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const args = script.endsWith('.mjs') ? [...flags, script] : [VITE_NODE, script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...APP_ENV, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = new Promise<T>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}) without a result:\n${output}`)));
  });
  return { child, result };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => n.toLocaleString('en-US');

const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-sync-')), 'pglite');
const database = await openEmbeddedDatabase({ dataDir });
for (const { sql } of migrationScripts()) await database.db.exec(sql);

async function mirrorCounts(shop: string) {
  const count = async (table: string) =>
    Number(
      (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE shop = $1`, [shop]))
        .rows[0]?.n,
    );
  return {
    orders: await count('Order'),
    lineItems: await count('OrderLineItem'),
    refunds: await count('Refund'),
    refundLines: await count('RefundLineItem'),
    discountApplications: await count('DiscountApplication'),
    journeys: await count('CustomerJourney'),
  };
}

async function emptyMirror(shop: string) {
  for (const table of [
    'Order',
    'OrderLineItem',
    'Refund',
    'RefundLineItem',
    'DiscountApplication',
    'CustomerJourney',
    'SyncRun',
    'Job',
  ])
    await database.db.query(`DELETE FROM "${table}" WHERE shop = $1`, [shop]);
}

const runner = await buildRunner();
console.log(`Seeding a devstore shop with ${fmt(ORDERS)} orders…`);
const devstoreProcess = runScript<DevstoreInfo>('bench/sync-devstore.ts', { SYNC_BENCH_ORDERS: String(ORDERS) });
const devstore = await devstoreProcess.result;
console.log(`  seeded in ${devstore.seedSeconds.toFixed(1)} s: ${JSON.stringify(devstore.counts)}`);

const runnerEnv = {
  DATABASE_URL: database.url,
  DEVSTORE_URL: devstore.url,
  SYNC_BENCH_SHOP: devstore.shop,
  SYNC_BENCH_TOKEN: devstore.token,
};

try {
  console.log('Bulk sync (Steward’s full sync of orders)…');
  const bulk = await runScript<RunnerResult>(runner, { ...runnerEnv, SYNC_BENCH_MODE: 'bulk' }).result;
  const written = await mirrorCounts(devstore.shop);
  const expected = Object.fromEntries(Object.keys(written).map((key) => [key, devstore.counts[key]]));
  const exact = JSON.stringify(written) === JSON.stringify(expected);
  console.log(
    `  ${bulk.seconds.toFixed(1)} s, phases ${JSON.stringify(bulk.phases)}, RSS ${mb(bulk.restingRss)} at rest, ${mb(bulk.peakRss)} at peak`,
  );
  console.log(
    `  peak RSS by phase: ${Object.entries(bulk.phaseRss)
      .map(([name, bytes]) => `${name} ${mb(bytes)}`)
      .join(', ')}`,
  );
  console.log(`  mirror ${exact ? 'equals' : 'DIFFERS FROM'} the devstore: ${JSON.stringify(written)}`);
  await emptyMirror(devstore.shop);

  console.log(
    `Paged baseline (6 orders a page)${BASELINE_SECONDS > 0 ? `, stopped after ${BASELINE_SECONDS} s` : ''}…`,
  );
  const paged = await runScript<RunnerResult>(runner, {
    ...runnerEnv,
    SYNC_BENCH_MODE: 'paged',
    SYNC_BENCH_SECONDS: String(BASELINE_SECONDS),
  }).result;
  const complete = paged.orders >= devstore.counts.orders!;
  const pagedRate = paged.orders / paged.seconds;
  const pagedSeconds = complete ? paged.seconds : devstore.counts.orders! / pagedRate;
  console.log(
    `  ${fmt(paged.orders)} orders in ${paged.seconds.toFixed(1)} s (${pagedRate.toFixed(1)} orders/s), RSS ${mb(paged.restingRss)} at rest, ${mb(paged.peakRss)} at peak`,
  );

  console.log('');
  console.log(`orders                     ${fmt(devstore.counts.orders!)}`);
  console.log(
    `bulk sync                  ${bulk.seconds.toFixed(1)} s (${fmt(Math.round(devstore.counts.orders! / bulk.seconds))} orders/s)`,
  );
  console.log(
    `paged baseline             ${pagedSeconds.toFixed(0)} s${complete ? '' : ` (extrapolated from ${fmt(paged.orders)} orders read in ${paged.seconds.toFixed(0)} s)`}`,
  );
  console.log(`ratio, paged ÷ bulk        ${(pagedSeconds / bulk.seconds).toFixed(1)}×  (target ≥ 5×)`);
  console.log(
    `bulk sync peak RSS         ${mb(bulk.peakRss)}  (target ≤ 300 MB; ${mb(bulk.restingRss)} before any work)`,
  );
  console.log(`mirror after the bulk sync ${exact ? 'equals the devstore' : 'DIFFERS from the devstore'}`);
} finally {
  devstoreProcess.child.kill('SIGTERM');
  await database.close();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
