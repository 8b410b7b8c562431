/**
 * The newcomer's path, end to end, in real Chromium: `npm run dev` in this
 * checkout prints the devstore admin URL; that page shows Steward embedded,
 * Today shows the seeded shop, and the shell's navigation drives the app.
 * A screenshot is saved to test-results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Shopify's library answers bot user agents (HeadlessChrome included) with 410.
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const RESULTS = path.resolve('test-results');

let dev: ChildProcess | undefined;
let dataDir = '';
let browser: Browser | undefined;
let shellUrl = '';
let output = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
  const port = process.env.E2E_PORT ?? '3317';
  dev = spawn('npm', ['run', 'dev'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
      PORT: port,
      SHOPIFY_APP_URL: `http://localhost:${port}`,
      DEVSTORE_PORT: process.env.E2E_DEVSTORE_PORT ?? '4317',
      DEVSTORE_ORDERS: '3000',
      NODE_ENV: 'development',
      HOST: '',
    },
  });
  shellUrl = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Steward in the devstore admin: (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    dev?.stdout?.on('data', collect);
    dev?.stderr?.on('data', collect);
    dev?.on('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  fs.mkdirSync(RESULTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev?.once('exit', resolve));
    process.kill(-dev.pid, 'SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('shows Steward embedded in the devstore admin, with the seeded shop on Today', async () => {
    const page = await (browser as Browser).newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 860 } });
    const problems: string[] = [];
    const consoleLines: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) consoleLines.push(`HTTP ${response.status()} ${response.url()}`);
    });
    onTestFailed(() => {
      console.warn(`npm run dev said:\n${output.slice(-6000)}\nthe browser said:\n${consoleLines.join('\n')}`);
    });
    await page.goto(shellUrl);

    const app = page.frameLocator('#app-frame');
    // Vite compiles on first load in development: allow it time.
    await expect.poll(() => app.getByText('Maple & Thread').first().isVisible(), { timeout: 120_000 }).toBe(true);
    await expect.poll(() => app.getByText('America/Toronto').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#title-bar').textContent()).toBe('Today');
    // Today first; each area adds its own link after it.
    await expect.poll(async () => (await page.locator('#app-nav a').allTextContents())[0]).toBe('Today');
    await expect.poll(() => page.locator('#app-nav a').allTextContents()).toContain('Activity');
    await page.screenshot({ path: path.join(RESULTS, 'dev-today.png'), fullPage: true });

    // The shell's navigation drives the app (App Bridge's shopify:navigate): a client-side
    // navigation whose data request carries a fresh session token from the stand-in.
    // Wait until the app has hydrated (its scripts loaded), then click.
    await page.waitForLoadState('networkidle');
    const dataRequest = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('.data'), {
      timeout: 60_000,
    });
    await page.locator('#app-nav a', { hasText: 'Today' }).click();
    const data = await dataRequest;
    expect(data.status()).toBe(200);
    expect(await data.request().headerValue('authorization')).toMatch(/^Bearer ey/);
    await expect.poll(() => page.locator('#app-nav a.active').textContent()).toBe('Today');

    // An app URL without a session token goes through Shopify's bounce page, where
    // App Bridge fetches a fresh token and reloads it.
    const frameUrl = new URL((await page.locator('#app-frame').getAttribute('src')) as string);
    frameUrl.searchParams.delete('id_token');
    const bounced = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/session-token');
    await page
      .locator('#app-frame')
      .evaluate((frame, src) => ((frame as HTMLIFrameElement).src = src), frameUrl.toString());
    expect((await bounced).status()).toBe(200);
    await expect.poll(() => app.getByText('America/Toronto').isVisible(), { timeout: 60_000 }).toBe(true);

    // The other seeded shop, through the shell's shop switcher.
    await page.getByLabel('Shop').selectOption({ label: 'Harbor Goods' });
    await expect.poll(() => app.getByText('Europe/Paris').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'dev-today-harbor-goods.png'), fullPage: true });
    expect(problems).toEqual([]);
    // Offline, Shopify's CDN is out of reach; nothing else may fail.
    expect(consoleLines.filter((line) => line.startsWith('error') || line.startsWith('HTTP'))).toEqual([]);
  }, 180_000);

  it('gives the app App Bridge: fresh session tokens, toasts, and a save bar the shell drives', async () => {
    const page = await (browser as Browser).newPage({ userAgent: USER_AGENT, viewport: { width: 1280, height: 860 } });
    await page.goto(shellUrl);
    await page.waitForLoadState('networkidle');
    const frame = page.frames().find((candidate) => candidate.url().includes('/app?'));
    if (!frame) throw new Error('the app frame did not load');

    const tokens = await frame.evaluate(async () => {
      const shopify = (window as unknown as { shopify: { idToken(): Promise<string> } }).shopify;
      return [await shopify.idToken(), await shopify.idToken()];
    });
    expect(tokens[0]).not.toBe(tokens[1]);
    const claims = JSON.parse(Buffer.from((tokens[0] as string).split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({ dest: 'https://maple-thread.myshopify.com' });
    expect(claims.exp - claims.iat).toBe(60);

    await frame.evaluate(() =>
      (window as unknown as { shopify: { toast: { show(m: string): void } } }).shopify.toast.show('Saved'),
    );
    await expect.poll(() => page.locator('#toasts').textContent()).toContain('Saved');

    await frame.evaluate(() => {
      const bar = document.createElement('ui-save-bar');
      bar.id = 'probe-bar';
      bar.innerHTML = '<button variant="primary">Save</button><button>Discard</button>';
      bar.querySelector('button')?.addEventListener('click', () => document.body.setAttribute('data-saved', 'yes'));
      document.body.append(bar);
      return (bar as unknown as { show(): Promise<void> }).show();
    });
    await expect.poll(() => page.locator('#save-bar').isVisible()).toBe(true);
    await page.locator('#save-bar-save').click();
    await expect.poll(() => frame.evaluate(() => document.body.getAttribute('data-saved'))).toBe('yes');
    await frame.evaluate(() => (document.getElementById('probe-bar') as unknown as { hide(): Promise<void> }).hide());
    await expect.poll(() => page.locator('#save-bar').isVisible()).toBe(false);
  }, 120_000);
});
