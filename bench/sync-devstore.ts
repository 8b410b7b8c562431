/**
 * The devstore for bench/sync.ts, in a process of its own (as Shopify is):
 * one seeded shop with SYNC_BENCH_ORDERS orders, the Standard plan's
 * throttle (100 points/s, 2,000 held), the bench's app credentials. Prints
 * one JSON line (URL, shop, an offline token, the shop's record counts) and
 * serves until SIGTERM.
 */
import { startDevstore } from '../devstore/index';
import { DEFAULT_SHOPS, seedShop } from '../devstore/seed';

const orders = Number(process.env.SYNC_BENCH_ORDERS ?? 100_000);
const profile = DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number];
const seeded = Date.now();
const state = await seedShop({ ...profile, seed: 1, orders, customers: 5_000, products: 200, images: false });
const devstore = await startDevstore({
  port: 0,
  app: {
    apiKey: process.env.SHOPIFY_API_KEY as string,
    apiSecret: process.env.SHOPIFY_API_SECRET as string,
    scopes: (process.env.SCOPES as string).split(','),
  },
  shops: [state],
});

const all = [...state.orders.values()];
const refunds = all.flatMap((order) => order.refunds);
console.log(
  JSON.stringify({
    url: devstore.url,
    shop: profile.domain,
    token: devstore.grantToken(profile.domain),
    seedSeconds: (Date.now() - seeded) / 1000,
    counts: {
      orders: all.length,
      lineItems: all.reduce((sum, order) => sum + order.lineItems.length, 0),
      refunds: refunds.length,
      refundLines: refunds.reduce((sum, refund) => sum + new Set(refund.lines.map((line) => line.lineItemId)).size, 0),
      discountApplications: all.reduce((sum, order) => sum + order.discountApplications.length, 0),
      journeys: all.filter((order) => order.journey).length,
    },
  }),
);

// Served until the benchmark stops it.
const keepAlive = setInterval(() => {}, 60_000);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void devstore.close().then(() => process.exit(0));
});
