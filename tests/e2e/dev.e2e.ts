/**
 * The newcomer's path, end to end, in real Chromium: `npm run dev` in this
 * checkout prints the devstore admin URL; that page shows Steward embedded,
 * Today shows the seeded shop, and the shell's navigation drives the app.
 * A screenshot is saved to test-results/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevApp, hydrated, RESULTS } from './support/dev-app';

const dev = new DevApp({
  name: 'dev',
  port: process.env.E2E_PORT ?? '3317',
  devstorePort: process.env.E2E_DEVSTORE_PORT ?? '4317',
  env: { DEVSTORE_ORDERS: '3000' },
});
beforeAll(() => dev.start(), 240_000);
afterAll(() => dev.stop());

describe('npm run dev', () => {
  it('shows Steward embedded in the devstore admin, with the seeded shop on Today', async () => {
    const page = await dev.newPage({ viewport: { width: 1280, height: 860 } });
    const watched = dev.watch(page);
    await page.goto(dev.shellUrl);

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
    // Wait until the app has hydrated (its listeners are set), then click. Not 'networkidle':
    // the sync card keeps fetching while the seeded orders sync, so the network may never rest.
    await hydrated(app);
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
    expect(watched.problems).toEqual([]);
    // Offline, Shopify's CDN is out of reach; nothing else may fail.
    expect(watched.errors()).toEqual([]);
  }, 180_000);

  it('gives the app App Bridge: fresh session tokens, toasts, and a save bar the shell drives', async () => {
    const page = await dev.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(dev.shellUrl);
    await hydrated(page.frameLocator('#app-frame'));
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
