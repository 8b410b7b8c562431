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
import { startTraffic, type Traffic } from './traffic';
import { WebhookDelivery } from './webhooks/delivery';
import type { WebhookFaultSettings } from './webhooks/faults';
import { readWebhookConfig } from './webhooks/subscriptions';

export interface DevstoreOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * The host name in the URLs the devstore hands out (default: `host`). The dev
   * command uses "localhost", so that the admin shell and the app (on
   * localhost too) are the same site and the browser lets the framed app use
   * its storage.
   */
  publicHost?: string;
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
  /** Steward's base URL: relative webhook `uri`s in the toml resolve against it (without it only absolute ones are delivered). */
  appUrl?: string;
  /** The toml whose [[webhooks.subscriptions]] are delivered (default: the repo's shopify.app.toml). */
  webhookToml?: string | URL;
  /** Delay of the first webhook retry; each later one doubles (default 1000 ms). */
  webhookRetryBaseMs?: number;
  webhookFaults?: Partial<WebhookFaultSettings>;
  /** Live traffic: changes per second in each shop (devstore/traffic.ts); 0 or unset is off. */
  traffic?: number;
  /** The app's handle and name in the admin shell (shopify.app.toml's `handle`; default steward / Steward). */
  appHandle?: string;
  appName?: string;
}

export interface Devstore {
  url: string;
  state: DevstoreState;
  faults: Faults;
  webhooks: WebhookDelivery;
  /** Shop domains, in seeding order. */
  shops: string[];
  /** An offline access token for a shop, as if the app were installed there. */
  grantToken(shop: string, token?: string): string;
  /** The Admin GraphQL endpoint of a shop. */
  graphqlUrl(shop: string): string;
  /** The live traffic, when `traffic` was set; close() stops it. */
  traffic: Traffic | null;
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
  let url = '';
  const webhooks = new WebhookDelivery({
    devstore: state,
    config: readWebhookConfig(options.appUrl ?? null, options.webhookToml),
    retryBaseMs: options.webhookRetryBaseMs ?? 1000,
    faults: options.webhookFaults,
    baseUrl: () => url,
    seed: options.seed,
  });
  const server = createDevstoreServer({
    devstore: state,
    faults,
    webhooks,
    bucket: options.bucket ?? STANDARD_PLAN,
    shell: {
      appUrl: options.appUrl ?? null,
      appHandle: options.appHandle ?? 'steward',
      appName: options.appName ?? 'Steward',
    },
  });
  url = await server.listen(options.port ?? 0, options.host, options.publicHost);
  const traffic = options.traffic ? startTraffic(state, { perSecond: options.traffic, seed: options.seed ?? 1 }) : null;
  return {
    url,
    state,
    faults,
    webhooks,
    shops: shops.map((shop) => shop.shop.domain),
    grantToken: (shop, token) => grantToken(state, shop, token),
    graphqlUrl: (shop) => `${url}/shops/${shop}/admin/api/${DEVSTORE_API_VERSION}/graphql.json`,
    traffic,
    close: () => {
      traffic?.stop();
      webhooks.close();
      return server.close();
    },
  };
}

export { DevstoreState } from './state/devstore-state';
export { ShopState } from './state/shop-state';
