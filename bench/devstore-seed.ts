/**
 * How fast the devstore seeds orders: 100,000 orders (5,000 customers, no
 * images) for one shop, reported in seconds and orders per second.
 * Run: npm exec vite-node -- bench/devstore-seed.ts [orders]
 */
import { DEFAULT_SHOPS, seedShop } from '../devstore/seed/index';

const orders = Number(process.argv[2] ?? 100_000);
const profile = DEFAULT_SHOPS[0];
if (!profile) throw new Error('no default shop');

// Warm-up on a small shop, so the measured run is not paying for compilation.
await seedShop({
  ...profile,
  seed: 1,
  orders: 2_000,
  customers: 500,
  images: false,
  now: new Date('2026-06-15T12:00:00Z'),
});

const started = performance.now();
const state = await seedShop({
  ...profile,
  seed: 7,
  orders,
  customers: 5_000,
  images: false,
  now: new Date('2026-06-15T12:00:00Z'),
});
const seconds = (performance.now() - started) / 1000;
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  `seeded ${state.orders.size} orders in ${seconds.toFixed(2)} s (${Math.round(state.orders.size / seconds)} orders/s), heap ${heapMb.toFixed(0)} MB`,
);
console.log(`budget 30 s: ${(seconds / 30).toFixed(3)} of it`);

// Images: 200 products' photos rendered from scratch (the render cache is still empty).
const imagesStarted = performance.now();
const withImages = await seedShop({
  ...profile,
  seed: 7,
  orders: 0,
  customers: 0,
  images: true,
  now: new Date('2026-06-15T12:00:00Z'),
});
const imageSeconds = (performance.now() - imagesStarted) / 1000;
console.log(
  `rendered ${withImages.media.size} product images (${withImages.files.size} files) in ${imageSeconds.toFixed(2)} s`,
);
