/**
 * The environment every test process runs with. Shopify credentials are the
 * library's test-helper constants, so tokens and HMACs built with
 * @shopify/shopify-api/test-helpers verify for real.
 */
import fs from 'node:fs';
import { parse } from 'smol-toml';

const toml = parse(fs.readFileSync(new URL('../../shopify.app.toml', import.meta.url), 'utf8')) as {
  access_scopes: { scopes: string };
};

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  SHOPIFY_API_KEY: 'testApiKey',
  SHOPIFY_API_SECRET: 'testApiSecretKey',
  SHOPIFY_APP_URL: 'https://my-test-app.myshopify.io',
  SCOPES: toml.access_scopes.scopes,
  // Two keys: "test2" seals, "test1" still opens older values.
  TOKEN_ENCRYPTION_KEYS: `test2:${Buffer.alloc(32, 2).toString('base64')},test1:${Buffer.alloc(32, 1).toString('base64')}`,
  LOG_LEVEL: 'silent',
  // Mail is off unless a test starts its own SMTP server (Vite puts a developer's .env, where
  // `npm run dev` writes its local mail sink, into the test processes' environment too).
  SMTP_URL: '',
  MAIL_FROM: '',
  CHECKPOINT_DISABLE: '1',
};
