/**
 * `npm run bench:webhooks [-- --requests N --baseline-requests N --connections N --rate N --no-build --profile DIR]`
 *
 * --profile DIR writes V8 CPU profiles of Steward's server (each thread) to DIR.
 *
 * --rate N measures Steward open-loop as well: deliveries sent on a fixed
 * schedule of N per second, whatever the answers, each latency taken from the
 * time its delivery was due (so a server that falls behind shows it), on a
 * fresh server, on keep-alive connections (--connections of them opened
 * before the clock starts, more as needed). The default measurement is closed-loop: --connections
 * deliveries always in flight, which finds the most the server takes in but,
 * by Little's law, puts a latency of connections ÷ rate on every delivery.
 * "p99 at N webhooks/s" is the open-loop figure.
 *
 * Webhooks per second into Steward's inbox, against a baseline that
 * processes each webhook inside its request, on the embedded database:
 * 1. builds the app (`npm run build`) unless --no-build;
 * 2. starts Steward's production server (`node server.ts`, NODE_ENV=production,
 *    a fresh embedded database, the in-process worker) in a child process;
 * 3. from THIS process, autocannon sends signed orders/updated and
 *    products/update deliveries (bench/webhooks-load.ts: unique event ids,
 *    10% duplicates), after a warm-up of 1,000 deliveries whose events are
 *    all applied (and their follow-up jobs run) before the measured load: it
 *    meets a server at rest;
 * 4. waits until every stored event is processed, then checks: stored events
 *    = unique events sent, none left unprocessed or dead, one activity entry
 *    per event, and the mirror holding each order and product at the last
 *    updated_at sent;
 * 5. does the same with the baseline server (bench/webhooks-baseline-server.ts);
 * 6. prints webhooks/s, p50/p99 latency and the ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { connectOrOpen, openEmbeddedDatabase } from '../app/platform/db/embedded.server';
import { migrationScripts } from '../tests/support/migrations';
import { percentile } from './support/stats';
import { planLoad, type Delivery, type LoadPlan } from './webhooks-load';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    'baseline-requests': { type: 'string', default: '5000' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const BASELINE_REQUESTS = Number(values['baseline-requests']);
const CONNECTIONS = Number(values.connections);
const RATE = values.rate === undefined ? undefined : Number(values.rate);
if (RATE !== undefined && !(Number.isFinite(RATE) && RATE > 0)) {
  throw new Error(`--rate must be a number of deliveries per second above 0, not ${values.rate}`);
}
const WARMUP = 1_000;
const SECRET = 'bench-secret-0123456789abcdef';
const SHOP = 'bench.myshopify.com';
const WARMUP_SHOP = 'warmup.myshopify.com';

const APP_ENV = {
  SHOPIFY_API_KEY: 'bench-api-key',
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: 'http://127.0.0.1',
  SCOPES: 'read_products,read_orders,read_customers',
  TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
  LOG_LEVEL: 'warn',
};

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')}: ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function migratedDataDir(): Promise<string> {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-')), 'pglite');
  const database = await openEmbeddedDatabase({ dataDir });
  for (const { sql } of migrationScripts()) await database.db.exec(sql);
  await database.close();
  return dataDir;
}

function profileFlags(): string[] {
  return values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
}

/** The Node flags `npm start` gives server.ts, so the bench runs both servers as production does. */
const START_FLAGS = ((): string[] => {
  const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const flags = /\bnode((?: --\S+)*) server\.ts\b/.exec(scripts.start ?? '');
  if (!flags) throw new Error(`package.json's start script does not run "node … server.ts": ${scripts.start}`);
  return flags[1]!.split(' ').filter(Boolean);
})();

interface Server {
  url: string;
  dataDir: string;
  child: ChildProcess;
}

async function startServer(kind: 'steward' | 'baseline'): Promise<Server> {
  const dataDir = await migratedDataDir();
  const port = await freePort();
  const env = { ...process.env, ...APP_ENV, PORT: String(port), PGLITE_DATA_DIR: dataDir };
  const child =
    kind === 'steward'
      ? spawn(process.execPath, [...START_FLAGS, ...profileFlags(), 'server.ts'], {
          env: { ...env, NODE_ENV: 'production' },
          stdio: ['ignore', 'inherit', 'inherit'],
        })
      : spawn(
          process.execPath,
          [...START_FLAGS, 'node_modules/vite-node/vite-node.mjs', 'bench/webhooks-baseline-server.ts'],
          {
            env: { ...env, NODE_ENV: 'production' },
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
  const url = `http://127.0.0.1:${port}/webhooks`;
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited with ${child.exitCode}`);
    const status = await fetch(url, { method: 'POST', body: '{}' }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) return { url, dataDir, child };
    if (Date.now() > end) throw new Error(`${kind} server did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  fs.rmSync(path.dirname(server.dataDir), { recursive: true, force: true });
}

/** CPU time the process has used so far, in ms (Linux /proc: user + system clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Jiffies of all CPUs from /proc/stat: total, and stolen by the hypervisor. */
function cpuJiffies(): { total: number; steal: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

interface Load {
  perSecond: number;
  /** This process's CPU time per delivery (autocannon sending and reading answers). */
  clientCpuPerWebhook: number;
  /** Share of the machine's CPU time the hypervisor gave to others during the load. */
  steal: number;
  /** The server's CPU time per delivery during the load (robust to a busy machine, unlike rates). */
  cpuPerWebhook: number;
  p50: number;
  p99: number;
  max: number;
  sent: number;
  ok: number;
  other: number;
}

type Costs = Pick<Load, 'clientCpuPerWebhook' | 'steal' | 'cpuPerWebhook'>;

/** Starts counting CPU (server, this process, stolen); the function it returns gives the costs per delivery. */
function meter(server: Server): (deliveries: number) => Costs {
  const cpuBefore = cpuMs(server.child.pid!);
  const clientBefore = process.cpuUsage();
  const jiffiesBefore = cpuJiffies();
  return (deliveries) => {
    const client = process.cpuUsage(clientBefore);
    const jiffies = cpuJiffies();
    const each = Math.max(1, deliveries);
    return {
      clientCpuPerWebhook: (client.user + client.system) / 1000 / each,
      steal: (jiffies.steal - jiffiesBefore.steal) / Math.max(1, jiffies.total - jiffiesBefore.total),
      cpuPerWebhook: (cpuMs(server.child.pid!) - cpuBefore) / each,
    };
  };
}

async function fire(server: Server, deliveries: Delivery[]): Promise<Load> {
  const { url } = server;
  const costs = meter(server);
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    // autocannon ends a run at its next sample tick: with the default 1 s, the
    // duration (and so the rate) was rounded up to whole seconds.
    sampleInt: 10,
    amount: deliveries.length,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const delivery = deliveries[next++ % deliveries.length]!;
          return { ...request, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
  return {
    perSecond: result.requests.total / (result.duration || 1),
    ...costs(result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    sent: result.requests.total,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

/** A delivery as the bytes of one HTTP/1.1 request, built before the clock starts. */
function requestBytes(target: URL, delivery: Delivery): Buffer {
  const body = Buffer.from(delivery.body);
  const lines = [`POST ${target.pathname} HTTP/1.1`, `Host: ${target.host}`, `Content-Length: ${body.length}`];
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

/** Where an answer whose head is `head` and whose body starts at `body` ends; -1 while incomplete. */
function answerEnd(received: Buffer, body: number, head: string): number {
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    // Node sends an empty body chunked: the last chunk alone. A body of chunks ends in "\r\n" plus the last chunk.
    for (let at = received.indexOf(LAST_CHUNK, body); at !== -1; at = received.indexOf(LAST_CHUNK, at + 1)) {
      if (at === body || received[at - 1] === 0x0a) return at + LAST_CHUNK.length;
    }
    return -1;
  }
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  return received.length >= body + length ? body + length : -1;
}

/**
 * Open loop: delivery i is due at start + i / rate and is sent then (or as
 * soon after as this process gets to it), on a free keep-alive connection or a
 * new one; its latency runs from when it was due to the end of the answer.
 * The requests are prebuilt bytes written to plain sockets and the answers
 * read by their status line and framing (Steward's have no body), so the
 * sender takes little of the two cores it shares with the server.
 */
async function fireAtRate(server: Server, deliveries: Delivery[], rate: number): Promise<Load> {
  const target = new URL(server.url);
  const requests = deliveries.map((delivery) => requestBytes(target, delivery));
  const costs = meter(server);
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  let lastAnswer = 0;
  const sockets = new Set<net.Socket>();
  let start = Number.POSITIVE_INFINITY;
  await new Promise<void>((resolve) => {
    let sent = 0;
    let answered = 0;
    /** Connections waiting for the next due delivery: each one's `send`. */
    const idle: ((i: number) => void)[] = [];
    /** Due deliveries waiting for a connection (only when 512 are busy). */
    const waiting: number[] = [];
    const due = (i: number) => start + (i * 1000) / rate;
    const answer = (i: number, status: number) => {
      lastAnswer = performance.now();
      latencies.push(lastAnswer - due(i));
      if (status >= 200 && status < 300) ok += 1;
      else other += 1;
      if (++answered === deliveries.length) resolve();
    };
    /** Opens a keep-alive connection that sends `first` once connected, or waits idle for the next due delivery. */
    const connect = (first?: number, connected?: () => void) => {
      const socket = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      sockets.add(socket);
      let current: number | undefined = first;
      // `connected` is told once, also when the connection fails before it is made.
      let told = false;
      const tell = () => {
        if (!told) connected?.();
        told = true;
      };
      let received: Buffer = Buffer.alloc(0);
      const send = (i: number) => {
        current = i;
        socket.write(requests[i]!);
      };
      const free = () => {
        current = undefined;
        const next = waiting.shift();
        if (next === undefined) idle.push(send);
        else send(next);
      };
      socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
      socket.on('data', (chunk: Buffer) => {
        // Bytes with no request in flight answer nothing this bench sent: dropped, not kept for the next answer.
        if (current === undefined) return;
        received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
        const head = received.indexOf(HEAD_END);
        if (head === -1) return;
        const text = received.subarray(0, head).toString('latin1');
        const end = answerEnd(received, head + 4, text);
        if (end === -1) return;
        received = received.subarray(end);
        answer(current, Number(text.slice(9, 12)));
        free();
      });
      socket.on('close', () => {
        tell();
        sockets.delete(socket);
        const at = idle.indexOf(send);
        if (at !== -1) idle.splice(at, 1);
        // An answer cut off midway counts once, as a failure.
        if (current !== undefined) answer(current, 0);
        current = undefined;
        // Deliveries waiting for a connection get a new one in its place.
        const next = waiting.shift();
        if (next !== undefined) connect(next);
      });
      socket.on('error', () => {});
      socket.once('connect', () => {
        if (first === undefined) idle.push(send);
        else send(first);
        tell();
      });
    };
    const dispatch = (i: number) => {
      const send = idle.pop();
      if (send) send(i);
      else if (sockets.size < 512) connect(i);
      else waiting.push(i);
    };
    if (deliveries.length === 0) resolve();
    // As many connections open before the clock starts as the closed loop holds: the
    // first deliveries do not each wait for a TCP handshake (more open as needed).
    let opened = 0;
    for (let c = 0; c < CONNECTIONS; c++) connect(undefined, () => void (++opened === CONNECTIONS && go()));
    const go = () => {
      start = performance.now() + 10;
      setTimeout(tick, 10);
    };
    const tick = () => {
      const now = Math.min(deliveries.length, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < now; sent++) dispatch(sent);
      if (sent < deliveries.length) setTimeout(tick, 1);
    };
  });
  for (const socket of sockets) socket.destroy();
  return {
    perSecond: deliveries.length / ((lastAnswer - start) / 1000),
    ...costs(deliveries.length),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((most, latency) => Math.max(most, latency), 0),
    sent: deliveries.length,
    ok,
    other,
  };
}

interface Checked {
  stored: number;
  pending: number;
  dead: number;
  entries: number;
  entryKeys: number;
  orders: number;
  products: number;
  ordersBehind: number;
  productsBehind: number;
  drainSeconds: number;
}

async function query<T>(dataDir: string, text: string, params: unknown[]): Promise<T[]> {
  const { url } = await connectOrOpen(dataDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Waits until every stored event is applied (or dead) and, with `jobs`, no job runs or is due within 20 s. */
async function waitForBacklog(server: Server, jobs = false): Promise<void> {
  const busy = async () =>
    (
      await query<{ n: number }>(
        server.dataDir,
        `SELECT (SELECT count(*) FROM "WebhookEvent" WHERE "processedAt" IS NULL AND attempts < 5)::int
              + CASE WHEN $1 THEN (SELECT count(*) FROM "Job" WHERE state = 'running'
                  OR (state = 'queued' AND "runAt" <= now() AT TIME ZONE 'UTC' + interval '20 seconds'))::int
                ELSE 0 END AS n`,
        [jobs],
      )
    )[0]!.n;
  const end = Date.now() + 15 * 60_000;
  while ((await busy()) > 0) {
    if (Date.now() > end) throw new Error('Processing did not finish within 15 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until nothing is left to process, then reads what the database holds for the shop. */
async function check(server: Server, plan: LoadPlan, loadEnded: number): Promise<Checked> {
  await waitForBacklog(server);
  const drainSeconds = (performance.now() - loadEnded) / 1000;
  const [events] = await query<{ stored: number; pending: number; dead: number }>(
    server.dataDir,
    `SELECT count(*)::int AS stored, count(*) FILTER (WHERE "processedAt" IS NULL)::int AS pending,
            count(*) FILTER (WHERE "processedAt" IS NULL AND attempts >= 5)::int AS dead
     FROM "WebhookEvent" WHERE shop = $1`,
    [plan.shop],
  );
  const [activity] = await query<{ entries: number; keys: number }>(
    server.dataDir,
    `SELECT count(*)::int AS entries, count(DISTINCT "sourceKey")::int AS keys
     FROM "ActivityEntry" WHERE shop = $1 AND source = 'webhook'`,
    [plan.shop],
  );
  const behind = async (table: 'Order' | 'Product', last: Map<string, string>) => {
    const rows = await query<{ id: string; ms: number }>(
      server.dataDir,
      `SELECT id::text AS id, (extract(epoch FROM "updatedAt") * 1000)::float8 AS ms FROM "${table}" WHERE shop = $1`,
      [plan.shop],
    );
    const held = new Map(rows.map((row) => [row.id, row.ms]));
    const stale = [...last].filter(([id, at]) => held.get(id) !== new Date(at).getTime());
    return { count: rows.length, stale: stale.length };
  };
  const orders = await behind('Order', plan.lastUpdate.orders);
  const products = await behind('Product', plan.lastUpdate.products);
  return {
    stored: events!.stored,
    pending: events!.pending,
    dead: events!.dead,
    entries: activity!.entries,
    entryKeys: activity!.keys,
    orders: orders.count,
    products: products.count,
    ordersBehind: orders.stale,
    productsBehind: products.stale,
    drainSeconds,
  };
}

async function measure(kind: 'steward' | 'baseline', plan: LoadPlan, warmup: LoadPlan, rate?: number) {
  const server = await startServer(kind);
  try {
    await fire(server, warmup.deliveries);
    // The measured load meets a server at rest: the warm-up's events applied, its follow-up jobs run.
    await waitForBacklog(server, true);
    const load = rate ? await fireAtRate(server, plan.deliveries, rate) : await fire(server, plan.deliveries);
    console.log(
      `  ${Math.round(load.perSecond)} webhooks/s${rate ? ` (${rate}/s offered)` : ''}, ` +
        `p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, ` +
        `${load.cpuPerWebhook.toFixed(2)} ms of server CPU and ${load.clientCpuPerWebhook.toFixed(2)} ms of ` +
        `client CPU each, ${(load.steal * 100).toFixed(0)}% of the machine's CPU stolen by the hypervisor; ` +
        'waiting for the backlog…',
    );
    const checked = await check(server, plan, performance.now());
    return { load, checked };
  } finally {
    await stopServer(server);
  }
}

function verdict(plan: LoadPlan, { load, checked }: Awaited<ReturnType<typeof measure>>): string[] {
  const problems: string[] = [];
  if (load.other > 0) problems.push(`${load.other} deliveries not answered 2xx`);
  if (checked.stored !== plan.uniqueEvents) problems.push(`stored ${checked.stored} events, sent ${plan.uniqueEvents}`);
  if (checked.pending > 0) problems.push(`${checked.pending} events left unprocessed (${checked.dead} dead)`);
  if (checked.entries !== plan.uniqueEvents || checked.entryKeys !== plan.uniqueEvents)
    problems.push(
      `${checked.entries} activity entries (${checked.entryKeys} distinct) for ${plan.uniqueEvents} events`,
    );
  if (checked.orders !== plan.lastUpdate.orders.size || checked.ordersBehind > 0)
    problems.push(
      `orders mirrored ${checked.orders}/${plan.lastUpdate.orders.size}, ${checked.ordersBehind} not at their last update`,
    );
  if (checked.products !== plan.lastUpdate.products.size || checked.productsBehind > 0)
    problems.push(
      `products mirrored ${checked.products}/${plan.lastUpdate.products.size}, ${checked.productsBehind} not at their last update`,
    );
  return problems;
}

// The server imports the generated Prisma client: a fresh clone has none until this runs.
await run('npm', ['run', 'db:generate']);
if (!values['no-build']) {
  console.log('building (npm run build)…');
  await run('npm', ['run', 'build']);
}
console.log('planning deliveries…');
const plan = await planLoad({ shop: SHOP, secret: SECRET, requests: REQUESTS, duplicateShare: 0.1, seed: 1 });
const baselinePlan = await planLoad({
  shop: SHOP,
  secret: SECRET,
  requests: BASELINE_REQUESTS,
  duplicateShare: 0.1,
  seed: 2,
});
const warmup = await planLoad({ shop: WARMUP_SHOP, secret: SECRET, requests: WARMUP, duplicateShare: 0.1, seed: 3 });
console.log(
  `payloads: median ${plan.bodyBytes.median} B (${plan.bodyBytes.min}–${plan.bodyBytes.max}); ` +
    `${CONNECTIONS} connections; warm-up ${WARMUP} deliveries per server`,
);

console.log('measuring Steward (production build, inbox + in-process worker)…');
const steward = await measure('steward', plan, warmup);
let openLoop: Awaited<ReturnType<typeof measure>> | undefined;
if (RATE) {
  console.log(`measuring Steward open-loop: ${RATE} deliveries/s on a fixed schedule…`);
  openLoop = await measure('steward', plan, warmup, RATE);
}
console.log('measuring the baseline (processing inside each request)…');
const baseline = await measure('baseline', baselinePlan, warmup);

const row = (name: string, p: LoadPlan, m: typeof steward) =>
  `${name.padEnd(30)} ${String(m.load.sent).padStart(7)} ${String(p.duplicates).padStart(6)} ` +
  `${Math.round(m.load.perSecond).toString().padStart(8)}/s ${m.load.p50.toFixed(1).padStart(7)} ms ` +
  `${m.load.p99.toFixed(1).padStart(7)} ms ${m.load.max.toFixed(0).padStart(6)} ms ` +
  `${m.load.cpuPerWebhook.toFixed(2).padStart(6)} ms ${m.checked.drainSeconds.toFixed(1).padStart(7)} s`;
console.log(
  `\n${'server'.padEnd(30)} ${'sent'.padStart(7)} ${'dupes'.padStart(6)} ${'webhooks'.padStart(10)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(9)} ${'cpu/each'.padStart(9)} ${'drain'.padStart(9)}`,
);
console.log(row('Steward inbox', plan, steward));
if (openLoop) console.log(row(`Steward, ${RATE}/s offered`, plan, openLoop));
console.log(row('baseline: inline processing', baselinePlan, baseline));
console.log(
  `\nratio: ${(steward.load.perSecond / baseline.load.perSecond).toFixed(2)}× the baseline's webhooks/s; ` +
    `p99 ${(baseline.load.p99 / steward.load.p99).toFixed(2)}× lower; ` +
    `${(baseline.load.cpuPerWebhook / steward.load.cpuPerWebhook).toFixed(2)}× less server CPU per webhook`,
);
console.log(
  `machine load average at the end: ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} (2 cores)`,
);
console.log(
  `after the load, Steward processed its backlog in ${steward.checked.drainSeconds.toFixed(1)} s ` +
    `(${Math.round(plan.uniqueEvents / (steward.checked.drainSeconds + plan.deliveries.length / steward.load.perSecond))} events/s overall)`,
);
let failed = false;
for (const [name, p, m] of [
  ['Steward', plan, steward],
  ...(openLoop ? ([[`Steward at ${RATE}/s`, plan, openLoop]] as const) : []),
  ['baseline', baselinePlan, baseline],
] as const) {
  const problems = verdict(p, m);
  console.log(
    `${name}: ${p.uniqueEvents} unique events sent, ${m.checked.stored} stored, ${m.checked.entries} activity entries, ` +
      `${m.checked.orders} orders and ${m.checked.products} products mirrored — ${problems.length ? problems.join('; ') : '0 lost, 0 processed twice'}`,
  );
  failed ||= problems.length > 0;
}
const target = steward.load.perSecond >= 2_000 && steward.load.p99 <= 25;
console.log(
  `target (≥ 2,000 webhooks/s, p99 ≤ 25 ms), closed loop at ${CONNECTIONS} connections: ${target ? 'met' : 'missed'}`,
);
if (openLoop && RATE) {
  const kept = openLoop.load.perSecond >= RATE * 0.98 && openLoop.load.other === 0;
  const met = RATE >= 2_000 && kept && openLoop.load.p99 <= 25;
  console.log(
    `open loop at ${RATE}/s: ${kept ? `took in ${Math.round(openLoop.load.perSecond)}/s` : 'fell behind'}, p99 ${openLoop.load.p99.toFixed(1)} ms; ` +
      `target (2,000/s taken in with p99 ≤ 25 ms): ${met ? 'met' : 'missed'}`,
  );
}
process.exit(failed ? 1 : 0);
