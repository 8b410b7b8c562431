/**
 * The Studio in real Chromium, inside the devstore admin: `npm run dev` with
 * its own database against a devstore this test starts (the seeded Maple &
 * Thread, 200 products with their photos, and a shop with no images at all),
 * so the test can read what Shopify holds. As a merchant would: browse the
 * photos, find a product, open its photo, remove the background, change the
 * product's colour (picked from the photo), look at the selection, save to
 * Shopify and see the new image on the product (in the devstore and in the
 * browser), restore the original, save the settings as a recipe and apply it
 * to two photos as a batch; the empty shop, a search without results, and the
 * editor in French. Screenshots go to test-results/studio-*.png.
 */
import path from 'node:path';
import fs from 'node:fs';
import sharp from 'sharp';
import { parse } from 'smol-toml';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevstore, type Devstore } from '../../devstore/index';
import { seedDefaultShops } from '../../devstore/seed';
import { emptyShop } from '../../devstore/test-support';
import { DevApp, hydrated, RESULTS } from './support/dev-app';

/** A navigation runs loaders that ask the devstore (and download a photo): give them time on a busy machine. */
const WAIT = { timeout: 30_000 };
/** Saving renders the full-size photo, uploads it and waits for Shopify to process it. */
const SAVE = { timeout: 60_000 };
const MAPLE = 'maple-thread.myshopify.com';
const QUIET = 'quiet-atelier.myshopify.com';
const PORT = process.env.E2E_STUDIO_PORT ?? '3327';
const DEVSTORE_PORT = process.env.E2E_STUDIO_DEVSTORE_PORT ?? '4327';
// The library's test credentials, for the devstore and the app alike.
const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey' };
const toml = parse(fs.readFileSync(new URL('../../shopify.app.toml', import.meta.url), 'utf8')) as {
  access_scopes: { scopes: string };
};

let devstore: Devstore;
let dev: DevApp;
beforeAll(async () => {
  const seeded = await seedDefaultShops({ orders: 40, customers: 40 });
  devstore = await startDevstore({
    port: Number(DEVSTORE_PORT),
    publicHost: 'localhost',
    appUrl: `http://localhost:${PORT}`,
    app: { ...APP, scopes: toml.access_scopes.scopes.split(',') },
    shops: [...seeded, emptyShop({ id: 9, domain: QUIET, name: 'Quiet Atelier' })],
  });
  dev = new DevApp({
    name: 'studio',
    port: PORT,
    devstorePort: DEVSTORE_PORT,
    env: {
      DEVSTORE_URL: devstore.url,
      SHOPIFY_API_KEY: APP.apiKey,
      SHOPIFY_API_SECRET: APP.apiSecret,
      SCOPES: toml.access_scopes.scopes,
      SMTP_URL: '',
    },
  });
  await dev.start();
}, 300_000);
afterAll(async () => {
  await dev?.stop();
  await devstore?.close();
});

interface Shell {
  page: Page;
  app: FrameLocator;
  problems: string[];
}

async function openShell(url: string): Promise<Shell> {
  const page = await dev.newPage({ viewport: { width: 1280, height: 2200 } });
  const problems: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    consoleLines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  dev.onFailureShow(consoleLines);
  await page.goto(url);
  const app = page.frameLocator('#app-frame');
  await hydrated(app);
  return { page, app, problems };
}

/** A screenshot of the shell with the app scrolled to its top. */
async function shot(page: Page, name: string) {
  await page
    .frameLocator('#app-frame')
    .locator('html')
    .evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(RESULTS, `studio-${name}.png`), fullPage: true });
}

/** The devstore's own record of a product's photos: ids and bytes, in order. */
function productPhotos(title: string) {
  const state = devstore.state.shop(MAPLE);
  const product = [...(state?.products.values() ?? [])].find((entry) => entry.title === title);
  if (!state || !product) throw new Error(`no product ${title}`);
  return product.mediaIds.map((id) => {
    const media = state.media.get(id);
    return { id, alt: media?.alt ?? null, bytes: media ? (state.files.get(media.key)?.bytes ?? null) : null };
  });
}

async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const offset = (Math.round(y) * info.width + Math.round(x)) * 4;
    return [data[offset], data[offset + 1], data[offset + 2], data[offset + 3]] as [number, number, number, number];
  };
  return { width: info.width, height: info.height, at };
}

/** The colour wheel's hue of an RGB colour (as the colour change reads it). */
function hueOf([r, g, b]: [number, number, number, number]): number {
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (delta === 0) return 0;
  const h = max === r ? (g - b) / delta : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return (h * 60 + 360) % 360;
}

const hueDistance = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

/** A product whose first photo is a strongly coloured product on a white background. */
async function pickProduct(): Promise<{ title: string; hue: number }> {
  const state = devstore.state.shop(MAPLE);
  const products = [...(state?.products.values() ?? [])].sort((a, b) => a.title.localeCompare(b.title));
  for (const product of products) {
    const [first] = productPhotos(product.title);
    if (!first?.bytes) continue;
    const photo = await pixels(first.bytes);
    const corner = photo.at(4, 4);
    const centre = photo.at(photo.width / 2, photo.height * 0.6);
    const white = corner.slice(0, 3).every((channel) => channel > 245);
    const strong = Math.max(...centre.slice(0, 3)) - Math.min(...centre.slice(0, 3)) > 90;
    if (white && strong && photo.width <= 1500) return { title: product.title, hue: hueOf(centre) };
  }
  throw new Error('no product photo on white with a strong colour');
}

/** Waits until the editor's after picture has rendered (no spinner, no error). */
async function previewSettled(app: FrameLocator) {
  await expect
    .poll(() => app.getByRole('img', { name: 'The image after editing' }).first().isVisible(), WAIT)
    .toBe(true);
  await expect.poll(() => app.getByText('Rendering the preview').count(), WAIT).toBe(0);
}

describe('Studio on the seeded shop', () => {
  it('edits a photo: background removed, colour changed, saved to Shopify, then the original restored', async () => {
    const { title, hue } = await pickProduct();
    const before = productPhotos(title);
    const { page, app, problems } = await openShell(`${dev.shellUrl}/studio`);

    // The browser: a full first page of photos with thumbnails (200 products in the shop).
    await expect
      .poll(() => app.getByRole('link', { name: /^Edit .*, image 1$/ }).count(), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.locator('#title-bar').textContent()).toBe('Studio');
    await expect.poll(() => app.getByText('Missing', { exact: true }).count()).toBeGreaterThan(0);
    await page.waitForLoadState('load');
    await shot(page, 'browser');

    // Find the product, open its photo.
    await app.getByPlaceholder('Search products').fill(title);
    const link = app.getByRole('link', { name: `Edit ${title}, image 1` });
    await expect.poll(() => app.getByRole('link', { name: /^Edit / }).count(), WAIT).toBe(before.length);
    await link.click();
    await expect.poll(() => app.getByRole('heading', { name: title }).isVisible(), WAIT).toBe(true);
    await expect
      .poll(() => app.getByRole('img', { name: 'The image before editing' }).first().isVisible(), WAIT)
      .toBe(true);
    await shot(page, 'editor-open');

    // Remove the background (transparent), change the product's colour picked from the photo.
    await app.getByLabel('Remove the background').check();
    await app.getByLabel('Change a colour').check();
    await app.getByRole('button', { name: 'Pick from the photo' }).click();
    const original = app.getByRole('button', { name: 'Click the colour to change in the photo' });
    const box = await original.boundingBox();
    if (!box) throw new Error('the original is not on screen');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6);
    const from = Number(await app.getByLabel('Colour to change').inputValue());
    expect(hueDistance(from, hue)).toBeLessThanOrEqual(3);
    const target = Math.round((hue + 150) % 360);
    await app.getByLabel('New colour', { exact: true }).fill(String(target));
    await previewSettled(app);

    // The selection: what the colour change will touch.
    await app.getByLabel('Show the selection').check();
    await expect.poll(() => app.getByText('Selection', { exact: true }).first().isVisible(), WAIT).toBe(true);
    await previewSettled(app);
    await shot(page, 'editor-mask');
    await app.getByLabel('Show the selection').uncheck();
    await previewSettled(app);
    await app.getByRole('button', { name: 'Side by side' }).click();
    await shot(page, 'editor-edited');

    // Save through App Bridge's save bar: the product shows a new photo in the same place with the same alt text.
    await expect.poll(() => page.locator('#save-bar').isVisible(), WAIT).toBe(true);
    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), SAVE).toContain('Saved to Shopify');
    const saved = productPhotos(title);
    expect(saved).toHaveLength(before.length);
    expect(saved[0]!.id).not.toBe(before[0]!.id);
    expect(saved[0]!.alt).toBe(before[0]!.alt);
    expect(saved.slice(1).map((photo) => photo.id)).toEqual(before.slice(1).map((photo) => photo.id));
    const edited = await pixels(saved[0]!.bytes!);
    expect(edited.at(4, 4)[3]).toBe(0);
    const recoloured = edited.at(edited.width / 2, edited.height * 0.6);
    expect(recoloured[3]).toBe(255);
    expect(hueDistance(hueOf(recoloured), target)).toBeLessThan(25);

    // The editor opens the new photo: two versions, the edit on the product.
    await expect.poll(() => app.getByText('Shown on the product').isVisible(), WAIT).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Version 1' }).isVisible()).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Original' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('#save-bar').isVisible()).toBe(false);
    await expect
      .poll(() => app.getByRole('img', { name: 'The image before editing' }).first().isVisible(), WAIT)
      .toBe(true);
    expect(await page.locator('#toasts [role="status"]', { hasText: 'Saved to Shopify' }).count()).toBe(1);
    await shot(page, 'editor-saved');

    // The browser shows the new photo on the product.
    await page.locator('#app-nav a', { hasText: 'Studio' }).click();
    await hydrated(app);
    await app.getByPlaceholder('Search products').fill(title);
    await expect.poll(() => app.getByRole('link', { name: /^Edit / }).count(), WAIT).toBe(before.length);
    await expect.poll(() => app.getByText('Edited in Studio').count(), WAIT).toBe(1);
    await app.getByRole('link', { name: `Edit ${title}, image 1` }).click();

    // Restore the original, after a confirmation.
    await app.getByRole('button', { name: 'Restore Original' }).click();
    await expect.poll(() => app.getByRole('dialog').isVisible(), WAIT).toBe(true);
    await shot(page, 'editor-restore-confirm');
    await app.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.locator('#toasts').textContent(), SAVE).toContain('Original restored');
    const restored = productPhotos(title);
    expect(restored[0]!.id).not.toBe(saved[0]!.id);
    expect(Buffer.compare(restored[0]!.bytes!, before[0]!.bytes!)).toBe(0);
    await expect.poll(() => app.getByRole('heading', { name: 'Version 2' }).isVisible(), WAIT).toBe(true);
    await expect.poll(() => app.getByText('Restored from Original').isVisible()).toBe(true);
    await expect
      .poll(() => app.getByRole('img', { name: 'The image before editing' }).first().isVisible(), WAIT)
      .toBe(true);
    // One toast for one restore.
    expect(await page.locator('#toasts [role="status"]', { hasText: 'restored' }).count()).toBe(1);
    await shot(page, 'editor-restored');
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);

  it('saves the settings as a recipe and applies it to two photos as a batch', async () => {
    const { page, app, problems } = await openShell(`${dev.shellUrl}/studio`);
    await expect.poll(() => app.getByRole('link', { name: /^Edit .*, image 1$/ }).count(), WAIT).toBeGreaterThan(2);
    await app
      .getByRole('link', { name: /^Edit .*, image 1$/ })
      .first()
      .click();
    await expect.poll(() => app.getByLabel('Sharpen').isVisible(), WAIT).toBe(true);
    await app.getByLabel('Sharpen').fill('40');
    await app.getByLabel('Exposure').fill('10');
    await app.getByRole('button', { name: 'Save as recipe' }).click();
    await app.getByLabel('Recipe name').fill('Crisp and bright');
    await app.getByRole('dialog').getByRole('button', { name: 'Save recipe' }).click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Recipe “Crisp and bright” saved');
    expect(await app.getByLabel('Exposure').inputValue()).toBe('10');
    await page.locator('#save-bar-discard').click();

    await page.goto(`${dev.shellUrl}/studio`);
    await hydrated(app);
    await expect.poll(() => app.getByRole('link', { name: /^Edit .*, image 1$/ }).count(), WAIT).toBeGreaterThan(2);
    const rows = app.locator('tbody tr');
    await rows.nth(1).getByRole('checkbox').check();
    await rows.nth(2).getByRole('checkbox').check();
    await app.getByRole('button', { name: 'Apply recipe…' }).click();
    await app.getByLabel('Recipe', { exact: true }).selectOption({ label: 'Crisp and bright' });
    await shot(page, 'apply-recipe');
    await app.getByRole('dialog').getByRole('button', { name: 'Start' }).click();

    // The batch page: progress until both photos are saved.
    await expect.poll(() => page.locator('#title-bar').textContent(), WAIT).toBe('Batch');
    await expect
      .poll(() => app.getByText('2 of 2 images done').isVisible(), { timeout: 120_000, interval: 1_000 })
      .toBe(true);
    await expect.poll(() => app.getByText('Saved to Shopify as a new version').count()).toBe(2);
    await shot(page, 'batch');
    await page.goto(`${dev.shellUrl}/studio`);
    await hydrated(app);
    await expect.poll(() => app.getByRole('heading', { name: 'Recent batches' }).isVisible(), WAIT).toBe(true);
    await shot(page, 'browser-batches');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('says so when nothing matches, and when a shop has no photos', async () => {
    const { page, app, problems } = await openShell(`${dev.shellUrl}/studio`);
    await expect.poll(() => app.getByPlaceholder('Search products').isVisible(), { timeout: 60_000 }).toBe(true);
    await app.getByPlaceholder('Search products').fill('zzzzqqq');
    await expect.poll(() => app.getByText('No images match').isVisible(), WAIT).toBe(true);
    await shot(page, 'no-results');

    await page.goto(`${devstore.url}/store/quiet-atelier/apps/steward/studio`);
    // Polaris's EmptyState writes its heading as a paragraph.
    await expect.poll(() => app.getByText('No product images yet').isVisible(), { timeout: 120_000 }).toBe(true);
    await shot(page, 'empty');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('speaks French', async () => {
    // The admin shell passes the shop owner's locale on, as Shopify does.
    const { page, app, problems } = await openShell(`${dev.shellUrl}/studio?locale=fr`);
    await expect
      .poll(() => app.getByRole('link', { name: /^Modifier .*, image 1$/ }).count(), { timeout: 60_000 })
      .toBeGreaterThan(2);
    await app
      .getByRole('link', { name: /^Modifier .*, image 1$/ })
      .nth(2)
      .click();
    await expect
      .poll(() => app.getByRole('heading', { name: 'Recadrer et faire pivoter' }).isVisible(), WAIT)
      .toBe(true);
    await app.getByLabel('Supprimer l’arrière-plan').check();
    await app.getByLabel('Recadrer', { exact: true }).check();
    await app.getByRole('button', { name: 'Format 1:1' }).click();
    await app.getByLabel('Taille du cadre').fill('80');
    await app.getByRole('button', { name: 'Côte à côte' }).click();
    await previewSettledFr(app);
    // The square crop: the after picture is square.
    const after = app.getByRole('img', { name: 'L’image après retouche' }).first();
    const box = await after.boundingBox();
    expect(box && Math.abs(box.width - box.height)).toBeLessThan(2);
    await shot(page, 'editor-fr');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});

async function previewSettledFr(app: FrameLocator) {
  await expect
    .poll(() => app.getByRole('img', { name: 'L’image après retouche' }).first().isVisible(), WAIT)
    .toBe(true);
  await expect.poll(() => app.getByText('Calcul de l’aperçu').count(), WAIT).toBe(0);
}
