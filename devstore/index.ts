/**
 * startDevstore(): a local Shopify stand-in on a loopback port, seeded with
 * realistic shops. Used by `npm run devstore`, the tests and the benchmarks;
 * Steward reaches it through DEVSTORE_URL (development and tests only).
 *
 *   const devstore = await startDevstore({ port: 0, seed: 1, orders: 2000 });
 *   const token = devstore.grantToken('maple-thread.myshopify.com');
 *   // POST `${devstore.url}/shops/maple-thread.myshopify.com/admin/api/2026-10/graphql.json`
 *   await devstore.close();
 */
import { grantToken } from './auth';
import { Faults, type FaultSettings } from './engine/faults';
import { DEVSTORE_API_VERSION } from './engine/schema';
import { STANDARD_PLAN, type BucketSettings } from './engine/throttle';
import { seedDefaultShops } from './seed';
import { createDevstoreServer } from './server';
import { DevstoreState, type AppCredentials } from './state/devstore-state';
import type { ShopState } from './state/shop-state';

export interface DevstoreOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  products?: number;
  customers?: number;
  orders?: number;
  images?: boolean;
  /** The moment the seeded history ends (default: now). */
  now?: Date;
  /** The app the devstore serves: its client id, secret and scopes. */
  app: AppCredentials;
  faults?: Partial<FaultSettings>;
  bucket?: BucketSettings;
  /** Use these shops instead of seeding the default ones. */
  shops?: ShopState[];
}

export interface Devstore {
  url: string;
  state: DevstoreState;
  faults: Faults;
  /** Shop domains, in seeding order. */
  shops: string[];
  /** An offline access token for a shop, as if the app were installed there. */
  grantToken(shop: string, token?: string): string;
  /** The Admin GraphQL endpoint of a shop. */
  graphqlUrl(shop: string): string;
  close(): Promise<void>;
}

export async function startDevstore(options: DevstoreOptions): Promise<Devstore> {
  const state = new DevstoreState(options.app);
  const shops =
    options.shops ??
    (await seedDefaultShops({
      seed: options.seed ?? 1,
      products: options.products,
      customers: options.customers,
      orders: options.orders,
      images: options.images,
      now: options.now,
    }));
  for (const shop of shops) state.addShop(shop);
  const faults = new Faults(options.faults, options.seed ?? 1);
  const server = createDevstoreServer({ devstore: state, faults, bucket: options.bucket ?? STANDARD_PLAN });
  const url = await server.listen(options.port ?? 0, options.host);
  return {
    url,
    state,
    faults,
    shops: shops.map((shop) => shop.shop.domain),
    grantToken: (shop, token) => grantToken(state, shop, token),
    graphqlUrl: (shop) => `${url}/shops/${shop}/admin/api/${DEVSTORE_API_VERSION}/graphql.json`,
    close: () => server.close(),
  };
}

export { DevstoreState } from './state/devstore-state';
export { ShopState } from './state/shop-state';
