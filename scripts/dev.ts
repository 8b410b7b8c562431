/**
 * `npm run dev` (after `npm run setup`): Steward with hot reload.
 * Reads .env; on a fresh clone without one, writes a local-development .env
 * (client id from shopify.app.toml, fresh random secret and encryption key)
 * and says so. Against a real store, `npm run dev:shopify` runs this same
 * script under the Shopify CLI, which passes the app's credentials and its
 * tunnel URL (HOST); those take precedence over .env.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'smol-toml';

const ENV_FILE = '.env';

const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
  client_id: string;
  access_scopes: { scopes: string };
};

if (!fs.existsSync(ENV_FILE)) {
  const port = process.env.PORT ?? '3000';
  fs.writeFileSync(
    ENV_FILE,
    [
      '# Written by `npm run dev` for local development only. Never use these values in production.',
      `SHOPIFY_API_KEY=${toml.client_id}`,
      `SHOPIFY_API_SECRET=${randomBytes(24).toString('hex')}`,
      `SHOPIFY_APP_URL=http://localhost:${port}`,
      `SCOPES=${toml.access_scopes.scopes}`,
      `TOKEN_ENCRYPTION_KEYS=dev1:${randomBytes(32).toString('base64')}`,
      `PORT=${port}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  console.warn(`Wrote ${ENV_FILE} with local development values (see .env.example for each variable).`);
}

if (process.env.HOST) process.env.SHOPIFY_APP_URL = process.env.HOST;
process.loadEnvFile(ENV_FILE);
process.env.NODE_ENV ??= 'development';
await import('../server.ts');
