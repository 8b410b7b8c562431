/**
 * `npm run dev` (after `npm run setup`): Steward with hot reload, embedded in
 * the devstore's admin shell, on seeded shops that keep changing.
 * 1. Reads .env; on a fresh clone without one, writes a local-development
 *    .env (client id from shopify.app.toml, fresh random secret and
 *    encryption key) and says so.
 * 2. Unless DEVSTORE_URL points at a devstore already running, starts one
 *    (`npm run devstore`, its own process) for this app, with live traffic.
 * 3. Starts the local mail sink when SMTP_URL points at this machine (.env
 *    gets SMTP_URL=smtp://127.0.0.1:4125 when it has none): what the inbox
 *    sends is listed at http://localhost:4126/ (MAIL_SINK_PORT).
 * 4. Starts Steward (server.ts) against it and prints the admin shell's URL.
 * Under the Shopify CLI (`npm run dev:shopify`, which passes the credentials
 * and the tunnel URL as HOST) no devstore is started: Steward talks to Shopify.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'smol-toml';
import { startMailSink } from './mail-sink.ts';

const ENV_FILE = '.env';
/** Where `npm run dev` points the inbox's mail: its local sink (scripts/mail-sink.ts). */
const LOCAL_SMTP_URL = 'smtp://127.0.0.1:4125';
const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
  client_id: string;
  handle: string;
  access_scopes: { scopes: string };
};

if (!fs.existsSync(ENV_FILE)) {
  // The defaults, whatever this run's PORT: variables set in the environment win over .env anyway.
  const port = '3000';
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
if (!/^\s*SMTP_URL=/m.test(fs.readFileSync(ENV_FILE, 'utf8'))) {
  const current = fs.readFileSync(ENV_FILE, 'utf8');
  fs.appendFileSync(
    ENV_FILE,
    `${current === '' || current.endsWith('\n') ? '' : '\n'}# The inbox's mail goes to the local sink \`npm run dev\` runs (what was sent: http://localhost:4126/).\nSMTP_URL=${LOCAL_SMTP_URL}\n`,
  );
  console.warn(`Added SMTP_URL=${LOCAL_SMTP_URL} (the local mail sink) to ${ENV_FILE}.`);
}

// The Shopify CLI passes its https tunnel URL as HOST.
const underShopifyCli = process.env.HOST?.startsWith('https://') ?? false;
if (underShopifyCli) process.env.SHOPIFY_APP_URL = process.env.HOST;
process.loadEnvFile(ENV_FILE);
process.env.NODE_ENV ??= 'development';

/** Starts the devstore in its own process; resolves with its URL once it is ready. */
function startDevstore(appUrl: string): Promise<string> {
  const args = [
    'devstore/cli.ts',
    '--port',
    process.env.DEVSTORE_PORT ?? '4100',
    '--app-url',
    appUrl,
    '--traffic',
    process.env.DEVSTORE_TRAFFIC ?? '1/s',
    ...(process.env.DEVSTORE_ORDERS ? ['--orders', process.env.DEVSTORE_ORDERS] : []),
    ...(process.env.DEVSTORE_PRODUCTS ? ['--products', process.env.DEVSTORE_PRODUCTS] : []),
  ];
  const child = spawn('node_modules/.bin/vite-node', args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  process.on('exit', () => child.kill());
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /^DEVSTORE_URL=(\S+)$/m.exec(buffered);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the devstore stopped (exit ${code})`)));
  });
}

if (!underShopifyCli && !process.env.DEVSTORE_URL) {
  const appUrl = process.env.SHOPIFY_APP_URL as string;
  const devstoreUrl = await startDevstore(appUrl).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  process.env.DEVSTORE_URL = devstoreUrl;
}
if (process.env.DEVSTORE_URL) {
  // Shopify's library loads it on its bounce page, for fresh session tokens.
  process.env.APP_BRIDGE_URL = `${process.env.DEVSTORE_URL.replace(/\/$/, '')}/app-bridge.js`;
}

/** The local mail sink, when the inbox's mail goes to this machine. */
async function startLocalMailSink(smtpUrl: string): Promise<string | null> {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  try {
    const sink = await startMailSink({
      host: url.hostname === '[::1]' ? '::1' : url.hostname,
      smtpPort: Number(url.port || 25),
      pagePort: Number(process.env.MAIL_SINK_PORT ?? 4126),
    });
    process.on('exit', () => void sink.close());
    return sink.pageUrl;
  } catch (error) {
    // Another `npm run dev` holds the ports: its sink catches this one's mail too.
    console.warn(
      `No local mail sink (${(error as Error).message}); the inbox's mail goes to whatever listens at ${smtpUrl}. ` +
        'Set SMTP_URL and MAIL_SINK_PORT to run one of its own.',
    );
    return null;
  }
}
const mailPage = process.env.SMTP_URL ? await startLocalMailSink(process.env.SMTP_URL) : null;

await import('../server.ts');

if (process.env.DEVSTORE_URL) {
  const shop = process.env.DEVSTORE_SHOP ?? 'maple-thread';
  console.warn(`\nSteward in the devstore admin: ${process.env.DEVSTORE_URL}/store/${shop}/apps/${toml.handle}\n`);
}
if (mailPage) console.warn(`Mail sent by Steward (local sink): ${mailPage}\n`);
