/**
 * `npm run devstore -- [--port 4100] [--seed 1] [--orders 20000] [--customers 5000]
 *   [--products 200] [--no-images] [--traffic 2/s]`
 * Starts the devstore for the app in shopify.app.toml, with the secret from
 * .env (written by `npm run dev` when missing), and prints its URL and, for
 * each seeded shop, an offline access token. `--traffic N/s` keeps N changes
 * a second coming in each shop (orders, customers, refunds, inventory, edits).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'smol-toml';
import { startDevstore } from './index';
import { parseTrafficRate } from './traffic';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    seed: { type: 'string', default: '1' },
    orders: { type: 'string' },
    customers: { type: 'string' },
    products: { type: 'string' },
    'no-images': { type: 'boolean', default: false },
    traffic: { type: 'string' },
    'app-url': { type: 'string' },
    'public-host': { type: 'string', default: 'localhost' },
  },
});

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return parsed;
}

function trafficRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseTrafficRate(value);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const traffic = trafficRate(values.traffic);
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
  client_id: string;
  name: string;
  handle: string;
  access_scopes: { scopes: string };
};
const appUrl = values['app-url'] ?? process.env.SHOPIFY_APP_URL;
if (appUrl && !URL.canParse(appUrl)) {
  console.error(`--app-url must be the app's URL (e.g. http://localhost:3000), not "${appUrl}"`);
  process.exit(1);
}
const apiSecret = process.env.SHOPIFY_API_SECRET;
if (!apiSecret) {
  console.error('SHOPIFY_API_SECRET is not set: run `npm run dev` once (it writes .env) or set it.');
  process.exit(1);
}

const started = performance.now();
const devstore = await startDevstore({
  port: count('port', values.port),
  seed: count('seed', values.seed),
  orders: count('orders', values.orders),
  customers: count('customers', values.customers),
  products: count('products', values.products),
  images: !values['no-images'],
  traffic,
  appUrl,
  publicHost: values['public-host'],
  appHandle: toml.handle,
  appName: toml.name,
  app: {
    apiKey: process.env.SHOPIFY_API_KEY ?? toml.client_id,
    apiSecret,
    scopes: toml.access_scopes.scopes.split(','),
  },
});
// The dev command reads this line to find the devstore.
process.stdout.write(`DEVSTORE_URL=${devstore.url}\n`);
console.warn(`devstore ready at ${devstore.url} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const shop of devstore.shops) {
  const state = devstore.state.shop(shop);
  console.warn(
    `  ${shop}: ${state?.products.size} products, ${state?.customers.size} customers, ${state?.orders.size} orders; token ${devstore.grantToken(shop)}`,
  );
}
if (traffic) console.warn(`  traffic: ${traffic} changes/s in each shop`);
const stop = () => void devstore.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
