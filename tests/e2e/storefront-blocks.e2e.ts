/**
 * Steward's storefront blocks in Chromium, on the devstore's storefront, with
 * the devstore's app proxy in front of a stand-in for Steward's /proxy routes
 * that answers as the contract says (JSON for the script, 303 with the status
 * in the fragment for a post without JavaScript). The whole path with the
 * real Steward is tests/e2e/inbox.e2e.ts; this one checks the blocks
 * themselves: the script's answers in place, and the forms without JavaScript.
 */
import type http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevstore, type Devstore } from '../../devstore/index';
import { readBody, startServer, type TestServer } from '../support/http-server';
import { RESULTS } from './support/dev-app';

const APP = { apiKey: 'testApiKey', apiSecret: 'testApiSecretKey', scopes: ['read_products'] };
const SHOP = 'maple-thread.myshopify.com';
/** How long an answer may take to show on a busy machine. */
const WAIT = { timeout: 15_000 };

let app: TestServer;
let devstore: Devstore;
let browser: Browser;
const posts: { path: string; fields: URLSearchParams; json: boolean }[] = [];

/** Steward's answers, in short: name, email, topic and message required; rating 1–5. */
async function stewardStandIn(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://app.test');
  const fields = new URLSearchParams(await readBody(req));
  const json = req.headers.accept === 'application/json';
  posts.push({ path: url.pathname, fields, json });
  const form = url.pathname === '/proxy/feedback' ? 'feedback' : 'support';
  const required = form === 'support' ? ['name', 'email', 'topic', 'message'] : ['rating'];
  const errors = Object.fromEntries(
    required.filter((name) => !fields.get(name)?.trim()).map((name) => [name, 'required']),
  );
  if (fields.get('email') === 'not-an-address') errors.email = 'invalid';
  const status = Object.keys(errors).length ? 'invalid' : 'sent';
  if (json) {
    res.writeHead(status === 'sent' ? 201 : 422, { 'Content-Type': 'application/json' });
    return res.end(
      JSON.stringify(
        status === 'sent' ? { ok: true, ...(form === 'support' ? { ticket: 12 } : {}) } : { ok: false, errors },
      ),
    );
  }
  const back = new URL(fields.get('return_to') ?? '/', 'https://shop.test');
  back.searchParams.set(`steward_${form}`, status);
  back.hash = back.hash ? `${back.hash}-${status}` : '';
  res.writeHead(303, { Location: `${back.pathname}${back.search}${back.hash}` });
  res.end();
}

beforeAll(async () => {
  app = await startServer((req, res) => void stewardStandIn(req, res));
  devstore = await startDevstore({ app: APP, appUrl: app.url, products: 6, customers: 10, orders: 20 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await devstore?.close();
  await app?.close();
});

const productUrl = () => {
  const product = [...devstore.state.shop(SHOP)!.products.values()].find((item) => item.status === 'ACTIVE')!;
  return `${devstore.url}/shops/${SHOP}/products/${product.handle}`;
};

async function open(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(productUrl());
  expect(problems).toEqual([]);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(RESULTS, `storefront-${name}.png`), fullPage: true });

describe('storefront blocks in Chromium', () => {
  it('support form with JavaScript: inline field errors, then the ticket number in place', async () => {
    const page = await open(true);
    const form = page.locator('#steward-support');
    await form.getByLabel('Name').fill('Ana Lima');
    await form.getByLabel('E-mail').fill('not-an-address@');
    await form.getByLabel('Topic').selectOption('order');
    await form.getByLabel('Message').fill('Where is my order?');
    // The browser's own check lets this address through; Steward's does not.
    await page.evaluate(() => {
      const email = document.querySelector<HTMLInputElement>('#steward-support input[name="email"]')!;
      email.type = 'text';
      email.value = 'not-an-address';
    });
    await form.getByRole('button', { name: 'Send' }).click();
    const email = form.locator('input[name="email"]');
    await expect.poll(() => email.getAttribute('aria-invalid'), WAIT).toBe('true');
    const describedBy = await email.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('Please enter a valid e-mail address.');
    expect(await form.getByRole('status').textContent()).toContain('Some fields need your attention.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    expect(posts.at(-1)).toMatchObject({ path: '/proxy/support', json: true });
    await shot(page, 'support-errors');

    await email.fill('ana@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent(), WAIT)
      .toBe('Thank you, your message has been sent. We will answer by e-mail. Your ticket number is #12.');
    expect(await form.locator('form').isHidden()).toBe(true);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    const sent = posts.at(-1)!.fields;
    expect(Object.fromEntries(sent)).toMatchObject({
      name: 'Ana Lima',
      email: 'ana@example.com',
      topic: 'order',
      message: 'Where is my order?',
      website: '',
      locale: 'en',
      return_to: expect.stringMatching(/^\/products\/[\w-]+#steward-support$/),
    });
    await shot(page, 'support-sent');
    await page.context().close();
  });

  it('feedback with JavaScript: a star rating chosen by keyboard, sent in place', async () => {
    const page = await open(true);
    const block = page.locator('#steward-feedback');
    await block.getByRole('radio', { name: '3 of 5: good' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await block.getByRole('radio', { name: '4 of 5: very good' }).isChecked()).toBe(true);
    await block.getByLabel('Comment').fill('Lovely fabric.');
    await block.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => block.getByRole('status').textContent(), WAIT).toBe('Thank you for your feedback!');
    expect(Object.fromEntries(posts.at(-1)!.fields)).toMatchObject({ rating: '4', comment: 'Lovely fabric.' });
    await page.context().close();
  });

  it('help launcher: builds and opens the form in a modal dialog that sends, Escape closes it and focus returns', async () => {
    const page = await open(true);
    // Until the first click the dialog is text in a noscript: nothing to parse, style or lay out.
    expect(await page.locator('dialog').count()).toBe(0);
    const launcher = page.getByRole('button', { name: 'Help' });
    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Contact us' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true);
    await shot(page, 'launcher-open');
    await dialog.getByLabel('Name').fill('Dana Wu');
    await dialog.getByLabel('E-mail').fill('dana@example.com');
    await dialog.getByLabel('Topic').selectOption('product');
    await dialog.getByLabel('Message').fill('Is the mug dishwasher safe?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), WAIT).toContain('Your ticket number is #12.');
    expect(Object.fromEntries(posts.at(-1)!.fields)).toMatchObject({
      name: 'Dana Wu',
      return_to: expect.stringMatching(/#steward-help$/),
    });
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Help');
    await page.context().close();
  });

  it('without JavaScript: the form posts, Steward redirects back and the page shows "sent"', async () => {
    const page = await open(false);
    const form = page.locator('#steward-support');
    expect(await form.getByRole('status').isHidden()).toBe(true);
    await form.getByLabel('Name').fill('Ben Roy');
    await form.getByLabel('E-mail').fill('ben@example.com');
    await form.getByLabel('Topic').selectOption('returns');
    await form.getByLabel('Message').fill('How do I return a mug?');
    await Promise.all([
      page.waitForURL(/steward_support=sent#steward-support-sent$/),
      form.getByRole('button', { name: 'Send' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/shops/${SHOP}/products/`));
    expect(await page.locator('#steward-support-sent').isVisible()).toBe(true);
    expect(await page.locator('#steward-support-invalid').isVisible()).toBe(false);
    expect(posts.at(-1)).toMatchObject({ path: '/proxy/support', json: false });
    await shot(page, 'support-sent-no-js');
    await page.context().close();
  });

  it('without JavaScript: the launcher link opens the dialog, and a post from it comes back to its note', async () => {
    const page = await open(false);
    const link = page.getByRole('link', { name: 'Help' });
    await link.click();
    const dialog = page.locator('dialog.steward-dialog');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Name').fill('Chloé Petit');
    await dialog.getByLabel('E-mail').fill('chloe@example.com');
    await dialog.getByLabel('Topic').selectOption('shipping');
    await dialog.getByLabel('Message').fill('Livrez-vous en Belgique ?');
    await Promise.all([page.waitForURL(/#steward-help-sent$/), dialog.getByRole('button', { name: 'Send' }).click()]);
    expect(await page.locator('#steward-help-sent').isVisible()).toBe(true);
    await shot(page, 'launcher-sent-no-js');
    await page.context().close();
  });
});
