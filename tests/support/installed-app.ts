/**
 * Steward installed on devstore shops, for tests of its loaders, actions and
 * jobs: the devstore started for the app the environment configures
 * (tests/support/test-env.ts), and for each shop the offline session an
 * installed app holds (a token the devstore granted), stored through the
 * app's real session storage.
 */
import { Session } from '@shopify/shopify-api';
import { startDevstore, type Devstore, type DevstoreOptions } from '../../devstore/index';

/**
 * Starts the devstore for the app (SHOPIFY_API_KEY, SHOPIFY_API_SECRET,
 * SCOPES) and sets DEVSTORE_URL, which the app's modules read when they load:
 * import them after this.
 */
export async function startAppDevstore(options: Omit<DevstoreOptions, 'app'>): Promise<Devstore> {
  const devstore = await startDevstore({
    ...options,
    app: {
      apiKey: process.env.SHOPIFY_API_KEY as string,
      apiSecret: process.env.SHOPIFY_API_SECRET as string,
      scopes: (process.env.SCOPES as string).split(','),
    },
  });
  process.env.DEVSTORE_URL = devstore.url;
  return devstore;
}

/** The offline session Steward keeps for a shop it is installed on (the app's scopes unless told). */
export function offlineSession(shop: string, accessToken: string, scope = process.env.SCOPES as string): Session {
  return new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, scope, accessToken });
}

/**
 * Installs Steward on each shop: stores its offline session, with a token the
 * devstore granted (the one `tokenOf` names, or a generated one).
 */
export async function installOn(
  devstore: Devstore,
  shops: readonly string[],
  tokenOf?: (shop: string) => string,
): Promise<void> {
  const { sessionStorage } = await import('~/shopify.server');
  for (const shop of shops) {
    await sessionStorage.storeSession(offlineSession(shop, devstore.grantToken(shop, tokenOf?.(shop))));
  }
}
