/**
 * How many small Admin API queries per second the devstore answers on this
 * machine, against a baseline measured in the same run: a bare Node HTTP
 * server answering the same number of requests with a fixed JSON body.
 * Target (issue 3): ≥ 1,000 small queries/s, so the devstore is never the
 * bottleneck of other benchmarks.
 *   npm run bench:devstore
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDevstore } from '../devstore/index';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 16;

async function hammer(url: string, init: RequestInit): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const response = await fetch(url, init);
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  return REQUESTS / ((performance.now() - started) / 1000);
}

const bare = http.createServer((_req, res) => {
  _req.resume();
  _req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"data":{"shop":{"name":"Bare"}}}');
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

const devstore = await startDevstore({
  seed: 7,
  products: 200,
  customers: 500,
  orders: 2000,
  images: false,
  // The bucket is not what is measured here.
  bucket: { maximumAvailable: 1e9, restoreRate: 1e9 },
  app: { apiKey: 'bench', apiSecret: 'bench-secret-0123456789', scopes: ['read_products'] },
});
const shop = devstore.shops[0] as string;
const token = devstore.grantToken(shop);
const post = (query: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
  body: JSON.stringify({ query }),
});

const small = '{ shop { name currencyCode ianaTimezone } }';
const page = '{ products(first: 10) { nodes { id title status } pageInfo { hasNextPage endCursor } } }';

await hammer(bareUrl, post(small)); // warm-up
const baseline = await hammer(bareUrl, post(small));
const shopRate = await hammer(devstore.graphqlUrl(shop), post(small));
const pageRate = await hammer(devstore.graphqlUrl(shop), post(page));

const row = (name: string, rate: number) =>
  console.log(`${name.padEnd(40)} ${rate.toFixed(0).padStart(7)} req/s   ${(rate / baseline).toFixed(2)}× baseline`);
console.log(`${REQUESTS} requests each, ${CONCURRENCY} at a time, 2 cores`);
row('baseline: bare Node HTTP, fixed JSON', baseline);
row('devstore: { shop { … } }', shopRate);
row('devstore: products(first: 10)', pageRate);
console.log(shopRate >= 1000 ? 'target met: ≥ 1,000 small queries/s' : 'TARGET MISSED: < 1,000 small queries/s');

await devstore.close();
bare.close();
