/**
 * Content in real Chromium, inside the devstore admin: `npm run dev` with its
 * own database against a devstore this test starts (Maple & Thread with a
 * large catalogue of 600 products and their photos, and a shop with nothing
 * in it), so the test can read what Shopify holds. As a merchant would: watch
 * Steward read the catalogue, filter to the products missing alt text, write
 * one, see the length guide and the search preview react to a long SEO
 * title, be stopped by a title past Shopify's limit, save through App
 * Bridge's save bar and find the change in Shopify and in the activity log;
 * edit more than twenty products across pages and follow the batch; write a
 * blog article with formatting and a pasted script, preview it, save, publish;
 * the empty shop; the page in French. Screenshots: test-results/content-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevstore, type Devstore } from '../../devstore/index';
import { DEFAULT_SHOPS, seedShop } from '../../devstore/seed';
import type { ShopState } from '../../devstore/state/shop-state';
import { emptyShop } from '../../devstore/test-support';
import { DevApp, RESULTS } from './support/dev-app';

/** A navigation runs loaders that ask the devstore: give them time on a busy machine. */
const WAIT = { timeout: 30_000 };
/** Reading 600 products, 20 a page, throttled like Shopify. */
const SCAN = { timeout: 240_000, interval: 2_000 };
const MAPLE = 'maple-thread.myshopify.com';
const EMPTY = 'quiet-atelier.myshopify.com';
const PORT = process.env.E2E_CONTENT_PORT ?? '3357';
const DEVSTORE_PORT = process.env.E2E_CONTENT_DEVSTORE_PORT ?? '4357';
const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey' };
const toml = parse(fs.readFileSync(new URL('../../shopify.app.toml', import.meta.url), 'utf8')) as {
  access_scopes: { scopes: string };
};

let devstore: Devstore;
let dev: DevApp;
beforeAll(async () => {
  const maple = await seedShop({
    ...(DEFAULT_SHOPS[0] as (typeof DEFAULT_SHOPS)[number]),
    seed: 7,
    products: 600,
    customers: 30,
    orders: 30,
  });
  devstore = await startDevstore({
    port: Number(DEVSTORE_PORT),
    publicHost: 'localhost',
    appUrl: `http://localhost:${PORT}`,
    app: { ...APP, scopes: toml.access_scopes.scopes.split(',') },
    shops: [maple, emptyShop({ id: 9, domain: EMPTY, name: 'Quiet Atelier' })],
  });
  dev = new DevApp({
    name: 'content',
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

async function openShell(url: string, height = 2400): Promise<Shell> {
  const page = await dev.newPage({ viewport: { width: 1440, height } });
  const problems: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    consoleLines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  dev.onFailureShow(consoleLines);
  await page.goto(url);
  return { page, app: page.frameLocator('#app-frame'), problems };
}

async function shot(page: Page, name: string) {
  await page
    .frameLocator('#app-frame')
    .locator('html')
    .evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(RESULTS, `content-${name}.png`), fullPage: true });
}

const mapleState = () => devstore.state.shop(MAPLE) as ShopState;
/** A field's label as the page shows it, with the product named for screen readers: "SEO title (Merino hat)". */
const labelOf = (field: Locator) =>
  field.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
const productOfField = (label: string) => label.replace(/^[^(]*\((.*)\)$/, '$1');

const productNamed = (title: string) => [...mapleState().products.values()].find((product) => product.title === title);

describe('Content on a large catalogue', () => {
  it('reads the catalogue, fixes alt text and a search listing, refuses an over-long title', async () => {
    const { page, app, problems } = await openShell(`${dev.shellUrl}/content`);
    // The first visit starts reading the catalogue; its progress shows while products appear.
    await expect.poll(() => page.locator('#title-bar').textContent(), { timeout: 120_000 }).toBe('Content');
    await expect.poll(() => app.getByText('Reading your catalogue from Shopify').isVisible(), WAIT).toBe(true);
    await shot(page, 'scan');
    await expect
      .poll(async () => {
        await page.reload();
        const all = app.getByRole('tab', { name: /^All/ });
        if (!(await all.isVisible({ timeout: 20_000 }).catch(() => false))) return '';
        if (await app.getByText('Reading your catalogue from Shopify').isVisible()) return 'reading';
        return (await all.textContent()) ?? '';
      }, SCAN)
      .toBe('All600');
    await page.waitForLoadState('load');
    await shot(page, 'listings');

    // Products missing alt text: write one.
    await app.getByRole('tab', { name: /^Missing alt text/ }).click();
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('view=missingAlt')), WAIT).toBe(true);
    const missingBefore = Number(
      ((await app.getByRole('tab', { name: /^Missing alt text/ }).textContent()) ?? '').replace(/\D/g, ''),
    );
    const altFields = app.getByRole('textbox', { name: /^Alt text, image \d+ of \d+/ });
    await expect.poll(() => altFields.count(), WAIT).toBeGreaterThan(0);
    let emptyAlt = altFields.first();
    for (let index = 0; index < (await altFields.count()); index++) {
      if ((await altFields.nth(index).inputValue()) === '') {
        emptyAlt = altFields.nth(index);
        break;
      }
    }
    const productTitle = productOfField(await labelOf(emptyAlt));
    expect(productNamed(productTitle)).toBeDefined();
    await emptyAlt.fill('Folded merino sweater on a linen table');

    // A long SEO title: the counter turns critical and the preview cuts it.
    const seoTitle = app.getByRole('textbox', { name: `SEO title (${productTitle})` });
    await seoTitle.fill(`${productTitle} — warm, soft, knitted slowly in a family mill, made to last for years`);
    const row = app.locator('tr', { has: seoTitle });
    await expect.poll(() => row.getByText(/characters past what search results show/).isVisible()).toBe(true);
    await expect.poll(() => row.getByText(/…$/).first().isVisible()).toBe(true);
    await expect.poll(() => page.locator('#save-bar').isVisible(), WAIT).toBe(true);
    await shot(page, 'editing');

    // Past Shopify's limit: refused in the page, nothing sent.
    await seoTitle.fill('x'.repeat(260));
    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Some texts cannot be saved yet');
    await expect.poll(() => row.getByText('260 characters: Shopify takes at most 255').isVisible()).toBe(true);
    await shot(page, 'too-long');
    expect(productNamed(productTitle)?.seo.title).not.toBe('x'.repeat(260));

    // A title that fits: saved to Shopify with the alt text.
    await seoTitle.fill(`${productTitle}, knitted in Portugal`);
    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('1 product saved to Shopify');
    const saved = productNamed(productTitle);
    expect(saved?.seo.title).toBe(`${productTitle}, knitted in Portugal`);
    const alts = saved?.mediaIds.map((id) => mapleState().media.get(id)?.alt);
    expect(alts).toContain('Folded merino sweater on a linen table');
    await expect.poll(() => page.locator('#save-bar').isVisible()).toBe(false);
    await expect
      .poll(
        async () =>
          Number(((await app.getByRole('tab', { name: /^Missing alt text/ }).textContent()) ?? '').replace(/\D/g, '')),
        WAIT,
      )
      .toBeLessThanOrEqual(missingBefore);

    // The activity log says what Steward changed.
    await page.locator('#app-nav a', { hasText: 'Activity' }).click();
    await expect
      .poll(
        () =>
          app.getByText(`Search listing and image alt text of product “${productTitle}” updated`).first().isVisible(),
        WAIT,
      )
      .toBe(true);
    expect(problems).toEqual([]);
  }, 600_000);

  it('saves more than twenty products as a batch with progress', async () => {
    const { page, app, problems } = await openShell(`${dev.shellUrl}/content?view=missingDescription`);
    const fields = app.getByRole('textbox', { name: /^Meta description/ });
    await expect.poll(() => fields.count(), { timeout: 120_000 }).toBe(20);
    // The catalogue read to the end, so there is a next page.
    await expect.poll(() => app.getByText('Reading your catalogue from Shopify').count(), SCAN).toBe(0);
    const titles: string[] = [];
    for (let index = 0; index < 20; index++) {
      const field = fields.nth(index);
      titles.push(productOfField(await labelOf(field)));
      await field.fill(`Batch description ${index}`);
    }
    // Edits survive moving to the next page.
    await app.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('after=')), WAIT).toBe(true);
    await expect.poll(() => fields.first().inputValue(), WAIT).toBe('');
    await fields.first().fill('Batch description 20');
    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Saving in the background');
    await expect.poll(() => app.getByText(/products saved to Shopify/).isVisible(), { timeout: 120_000 }).toBe(true);
    await shot(page, 'batch-done');
    await expect.poll(() => app.getByText('21 products saved to Shopify.').isVisible()).toBe(true);
    for (const [index, title] of titles.entries()) {
      expect(productNamed(title)?.seo.description).toBe(`Batch description ${index}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('Blog articles', () => {
  it('writes an article with formatting, cleans a pasted script, previews, saves and publishes it', async () => {
    const { page, app, problems } = await openShell(`${dev.shellUrl}/content/articles`, 1600);
    await expect
      .poll(() => app.getByRole('link', { name: 'How to care for merino' }).isVisible(), { timeout: 120_000 })
      .toBe(true);
    await shot(page, 'articles');
    await app.getByRole('tab', { name: 'Hidden' }).click();
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('status=draft')), WAIT).toBe(true);
    await shot(page, 'articles-hidden');

    await page.locator('#title-bar-actions button', { hasText: 'Write an article' }).click();
    await expect.poll(() => page.locator('#title-bar').textContent(), WAIT).toBe('New article');
    await app.getByLabel('Title').fill('Winter care for knitwear');
    await app.getByLabel('Author').fill('Alex Kim');
    const body = app.getByRole('textbox', { name: 'Content' });
    await body.click();
    await body.pressSequentially('Wash cold. ');
    // Bold from the keyboard, through the toolbar: one tab stop, arrows move within it.
    const toolbar = app.getByRole('toolbar', { name: 'Formatting of Content' });
    const bold = toolbar.getByRole('button', { name: 'Bold', exact: true });
    const focused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
    await bold.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused(toolbar.getByRole('button', { name: 'Italic' }))).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused(bold)).toBe(true);
    await page.keyboard.press('Enter');
    await body.pressSequentially('Never tumble dry.');
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true');
    // The HTML view: paste in something dangerous.
    await app.getByRole('button', { name: 'HTML' }).first().click();
    const html = app.getByRole('textbox', { name: 'Content as HTML' });
    await html.fill(
      `${await html.inputValue()}<p>Care guide<img src=x onerror="alert(1)"><script>alert(2)</script></p>`,
    );
    await app.getByRole('button', { name: 'Preview' }).first().click();
    const preview = app.getByRole('region', { name: 'Preview of Content' });
    await expect.poll(() => preview.locator('strong').textContent(), WAIT).toBe('Never tumble dry.');
    expect(await preview.locator('script, [onerror]').count()).toBe(0);
    await shot(page, 'article-preview');

    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Article created');
    await expect
      .poll(() => page.frames().some((frame) => /\/content\/articles\/\d+/.test(frame.url())), WAIT)
      .toBe(true);
    const created = [...mapleState().articles.values()].find((article) => article.title === 'Winter care for knitwear');
    expect(created?.body).toContain('<strong>Never tumble dry.</strong>');
    expect(created?.body).not.toMatch(/script|onerror/);
    expect(created?.isPublished).toBe(false);

    await app.getByText('Visible on the store').click();
    await page.locator('#save-bar-save').click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Article saved and published');
    expect(created?.isPublished).toBe(true);
    await expect.poll(() => app.getByText(/^Published on /).isVisible(), WAIT).toBe(true);
    await shot(page, 'article-published');
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('Content elsewhere', () => {
  it('shows an empty shop as empty, and speaks French', async () => {
    const empty = await openShell(`${dev.shellUrl.replace('maple-thread', 'quiet-atelier')}/content`, 1200);
    await expect
      .poll(async () => {
        await empty.page.reload();
        return app(empty)
          .getByText('No products to describe yet')
          .isVisible({ timeout: 20_000 })
          .catch(() => false);
      }, SCAN)
      .toBe(true);
    await shot(empty.page, 'empty');
    await empty.page.goto(`${dev.shellUrl.replace('maple-thread', 'quiet-atelier')}/content/articles`);
    await expect.poll(() => app(empty).getByText('No blog articles yet').isVisible(), WAIT).toBe(true);
    await shot(empty.page, 'articles-empty');
    expect(empty.problems).toEqual([]);

    const french = await openShell(`${dev.shellUrl}/content?locale=fr`, 1600);
    await expect.poll(() => french.page.locator('#title-bar').textContent(), { timeout: 120_000 }).toBe('Contenu');
    await expect
      .poll(
        () =>
          app(french)
            .getByRole('tab', { name: /^Texte alternatif manquant/ })
            .isVisible(),
        WAIT,
      )
      .toBe(true);
    await shot(french.page, 'fr');
    expect(french.problems).toEqual([]);
  }, 300_000);
});

function app(shell: Shell): FrameLocator {
  return shell.app;
}
