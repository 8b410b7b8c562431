/**
 * `npm run bench:storefront`: what Steward's storefront blocks cost a shop's
 * page. Lighthouse's performance score (its default mobile configuration:
 * simulated slow 4G and a 4× slower CPU) of the devstore's product page with
 * Steward (the support form and feedback blocks, and the help launcher embed)
 * and, as the baseline in the same run, the same page with ?steward=0. Runs
 * alternate between the two; medians are printed with the delta. Target: a
 * delta of at most 1 point (Built for Shopify allows 10).
 *
 * Offline: the devstore runs in this process; Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH) is started here with a remote debugging port and Lighthouse
 * drives it through that port.
 *
 *   npm run bench:storefront -- [--runs 15] [--shop maple-thread.myshopify.com]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { startDevstore } from '../devstore/index';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    shop: { type: 'string', default: 'maple-thread.myshopify.com' },
  },
});
const RUNS = Number(values.runs);
const SHOP = values.shop as string;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const METRICS = {
  'first-contentful-paint': 'FCP ms',
  'largest-contentful-paint': 'LCP ms',
  'total-blocking-time': 'TBT ms',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI ms',
  'total-byte-weight': 'bytes',
  'main-thread-cpu': 'CPU ms',
} as const;
type Metric = keyof typeof METRICS;

type TraceEvent = { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } };

/**
 * The renderer main thread's CPU time over the load (thread time of its tasks). Lighthouse's
 * timings are wall time, which other processes stretch on a busy machine; this is not.
 */
function mainThreadCpuMs(events: TraceEvent[]): number {
  const main = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  let micros = 0;
  for (const event of events)
    if (event.name === 'RunTask' && event.ph === 'X' && main.has(`${event.pid}:${event.tid}`))
      micros += event.tdur ?? 0;
  return micros / 1000;
}

interface Run {
  score: number;
  metrics: Record<Metric, number>;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-chromium-'));
  const child = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function measure(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  if (!result || result.lhr.runtimeError)
    throw new Error(`Lighthouse failed on ${url}: ${result?.lhr.runtimeError?.message ?? 'no result'}`);
  const { lhr } = result;
  const score = lhr.categories.performance?.score;
  if (typeof score !== 'number') throw new Error(`Lighthouse gave no performance score for ${url}`);
  const metrics = Object.fromEntries(
    (Object.keys(METRICS) as Metric[]).map((id) => [id, lhr.audits[id]?.numericValue ?? Number.NaN]),
  ) as Record<Metric, number>;
  metrics['main-thread-cpu'] = mainThreadCpuMs(result.artifacts.Trace.traceEvents as unknown as TraceEvent[]);
  return { score: score * 100, metrics };
}

const devstore = await startDevstore({
  app: { apiKey: 'bench', apiSecret: 'bench-secret', scopes: [] },
  products: 20,
  customers: 50,
  orders: 50,
});
const chromium = await startChromium();
try {
  const state = devstore.state.shop(SHOP);
  if (!state) throw new Error(`No shop ${SHOP} in the devstore (${devstore.shops.join(', ')})`);
  const product = [...state.products.values()].find(
    (item) => item.status === 'ACTIVE' && item.mediaIds.length > 0 && item.variantIds.length > 1,
  );
  if (!product) throw new Error(`${SHOP} has no active product with an image and variants`);
  const page = `${devstore.url}/shops/${SHOP}/products/${product.handle}`;
  const variants = { with: page, without: `${page}?steward=0` } as const;
  const html = await (await fetch(variants.with)).text();
  if (!html.includes('shopify-block-steward_support_form')) throw new Error('The page does not render the blocks');

  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}`);
  console.log(`page: ${page} (${SHOP}, embed ${html.includes('<dialog') ? 'on' : 'off'})`);
  console.log(
    `${RUNS} runs each, alternating, after one warm-up of each; load average ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const runs: Record<keyof typeof variants, Run[]> = { with: [], without: [] };
  await measure(variants.without, chromium.port);
  await measure(variants.with, chromium.port);
  for (let i = 0; i < RUNS; i++) {
    for (const variant of i % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
      const run = await measure(variants[variant], chromium.port);
      runs[variant].push(run);
      console.log(
        `run ${i + 1} ${variant.padEnd(8)} score ${run.score.toFixed(0).padStart(3)}  ` +
          (Object.keys(METRICS) as Metric[])
            .map(
              (id) =>
                `${METRICS[id]} ${id === 'cumulative-layout-shift' ? run.metrics[id].toFixed(3) : Math.round(run.metrics[id])}`,
            )
            .join('  '),
      );
    }
  }

  const summary = (variant: keyof typeof variants): { score: number } & Record<Metric, number> => ({
    score: median(runs[variant].map((run) => run.score)),
    ...(Object.fromEntries(
      (Object.keys(METRICS) as Metric[]).map((id) => [id, median(runs[variant].map((run) => run.metrics[id]))]),
    ) as Record<Metric, number>),
  });
  const withSteward = summary('with');
  const without = summary('without');
  console.log('\nmedians                  score  ' + (Object.values(METRICS) as string[]).join('  '));
  for (const [name, row] of [
    ['without Steward (baseline)', without],
    ['with Steward', withSteward],
  ] as const) {
    console.log(
      `${name.padEnd(26)} ${row.score.toFixed(0).padStart(3)}  ` +
        (Object.keys(METRICS) as Metric[])
          .map((id) => (id === 'cumulative-layout-shift' ? row[id].toFixed(3) : String(Math.round(row[id]))))
          .join('  '),
    );
  }
  const delta = without.score - withSteward.score;
  console.log(
    `\nperformance score delta: ${delta.toFixed(1)} point(s) (target ≤ 1); load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `bytes added: ${Math.round(withSteward['total-byte-weight'] - without['total-byte-weight'])} (transfer size, compressed); ` +
      `main-thread CPU added: ${Math.round(withSteward['main-thread-cpu'] - without['main-thread-cpu'])} ms (thread time, unthrottled)`,
  );
} finally {
  await chromium.stop();
  await devstore.close();
}
