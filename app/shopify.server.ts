/**
 * The one shopifyApp() configuration: API version, App Store distribution,
 * encrypted Prisma session storage, the embedded auth strategy (token
 * exchange) and the after-auth hook. Webhook subscriptions live in
 * shopify.app.toml only (declaring them here too duplicates them).
 */
import '@shopify/shopify-app-remix/adapters/node';
import { AppDistribution, LogSeverity, shopifyApp } from '@shopify/shopify-app-remix/server';
import { PrismaSessionStorage } from '@shopify/shopify-app-session-storage-prisma';
import prisma from './db.server';
import { env } from './env.server';
import { createTokenCipher } from './platform/crypto/token-cipher.server';
import { logger } from './platform/logging/logger.server';
import { API_VERSION } from './platform/shopify/api-version';
import { runAfterAuth } from './platform/shopify/after-auth.server';
import { routeShopifyToDevstore } from './platform/shopify/devstore-routing.server';
import { EncryptedSessionStorage } from './platform/shopify/encrypted-session-storage.server';

export { API_VERSION };

if (env.DEVSTORE_URL) routeShopifyToDevstore(env.DEVSTORE_URL);

const libraryLog = logger.child({ component: 'shopify-library' });
const LEVELS: Record<LogSeverity, 'error' | 'warn' | 'info' | 'debug'> = {
  [LogSeverity.Error]: 'error',
  [LogSeverity.Warning]: 'warn',
  [LogSeverity.Info]: 'info',
  [LogSeverity.Debug]: 'debug',
};

export const sessionStorage = new EncryptedSessionStorage(
  new PrismaSessionStorage(prisma),
  createTokenCipher(env.TOKEN_ENCRYPTION_KEYS),
);

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES.split(','),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: '/auth',
  sessionStorage,
  distribution: AppDistribution.AppStore,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session }) => runAfterAuth(session),
  },
  logger: {
    level: LogSeverity.Info,
    log: (severity, message) => libraryLog[LEVELS[severity]](message),
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
