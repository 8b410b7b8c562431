/**
 * Insights and Today in real Chromium, inside the devstore admin: `npm run
 * dev` with its own database on the devstore's seeded shop (3,000 orders,
 * live traffic). Installing Steward (the first visit) starts the sync; the
 * pipeline rolls the orders up and computes the findings. Then, as a
 * merchant would: open Insights, see the headline figures and the charts
 * with numbers, change the period (a preset, then a custom range), read a
 * chart's data table, dismiss a finding (toast, then it moves to the hidden
 * list), open Today; then the same page in French. (A plan without
 * ShopifyQL is covered by the loader test.) Screenshots go to
 * test-results/insights-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevApp, RESULTS } from './support/dev-app';

/** A navigation runs loaders on a busy machine: give them time. */
const WAIT = { timeout: 30_000 };
/** The first sync, the rollups and the findings, on 3,000 orders. */
const PIPELINE = { timeout: 300_000, interval: 5_000 };

const dev = new DevApp({
  name: 'insights',
  port: process.env.E2E_INSIGHTS_PORT ?? '3319',
  devstorePort: process.env.E2E_INSIGHTS_DEVSTORE_PORT ?? '4319',
  env: { DEVSTORE_ORDERS: '3000' },
});
beforeAll(() => dev.start(), 240_000);
afterAll(() => dev.stop());

interface Watched {
  page: Page;
  app: FrameLocator;
  problems: string[];
}

async function openShell(url: string): Promise<Watched> {
  const page = await dev.newPage({ viewport: { width: 1280, height: 1800 } });
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

/** Money in the shop's currency (Maple & Thread sells in CAD). */
const CAD = /CA\$\d[\d,]*\.\d\d/;

/**
 * Reloads the shell on Insights until its figures are whole: the first sync
 * done, every day added up (no "being updated" banner), orders in the period.
 */
async function untilFigures({ page, app }: Watched, url: string): Promise<void> {
  await expect
    .poll(async () => {
      await page.goto(url);
      const aov = app.getByRole('group', { name: 'Average order value', exact: true });
      const complete = await aov.isVisible({ timeout: 20_000 }).catch(() => false);
      if (!complete || (await app.getByText('Figures are being updated').isVisible())) return false;
      return CAD.test((await aov.textContent()) ?? '');
    }, PIPELINE)
    .toBe(true);
}

describe('Insights and Today on the seeded shop', () => {
  it('shows the figures, changes the period, reads a chart as a table, dismisses a finding and opens Today', async () => {
    const watched = await openShell(dev.shellUrl);
    const { page, app } = watched;
    // The first visit installs Steward, which starts the sync.
    await expect.poll(() => app.getByText('Maple & Thread').first().isVisible(), { timeout: 120_000 }).toBe(true);
    await untilFigures(watched, `${dev.shellUrl}/insights`);
    // Not 'networkidle': the sync card and live traffic keep fetching, so the network may never rest.
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('#title-bar').textContent()).toBe('Insights');
    await expect.poll(() => page.locator('#app-nav a').allTextContents()).toContain('Insights');

    // Headline tiles with numbers, the default period said in words.
    const tile = (name: string) => app.getByRole('group', { name, exact: true });
    await expect.poll(() => tile('Net sales').first().textContent(), WAIT).toMatch(CAD);
    await expect.poll(() => tile('Orders').first().textContent()).toMatch(/Orders\d[\d,]*/);
    await expect.poll(() => tile('Average order value').first().textContent()).toMatch(CAD);
    await expect
      .poll(() => app.getByText(/compared with .* \(the previous period of equal length\)/).isVisible())
      .toBe(true);
    // Maple & Thread's plan has ShopifyQL: sessions are a number.
    await expect.poll(() => tile('Sessions').first().textContent(), WAIT).toMatch(/Sessions\d[\d,]*/);

    // Charts drawn (polaris-viz SVG), each with a data table.
    const salesChart = app.getByRole('img', { name: /Line chart: net sales of CA\$/ });
    await expect.poll(() => salesChart.locator('svg').first().isVisible(), WAIT).toBe(true);
    await expect
      .poll(() => app.getByRole('img', { name: /Donut chart: .* brings the largest share/ }).isVisible())
      .toBe(true);
    await page.waitForTimeout(1500); // the charts animate in
    await page.screenshot({ path: path.join(RESULTS, 'insights-overview.png'), fullPage: true });

    // Change the period: a preset…
    await app.getByRole('button', { name: /^Period: Last 30 days/ }).click();
    await app.getByRole('menuitem', { name: /Last 90 days/ }).click();
    await expect.poll(() => app.getByRole('button', { name: /^Period: Last 90 days/ }).isVisible(), WAIT).toBe(true);
    await expect.poll(() => tile('Net sales').first().textContent(), WAIT).toMatch(CAD);
    // …then a custom range, typed.
    await app.getByRole('button', { name: /^Period: Last 90 days/ }).click();
    await app.getByRole('menuitem', { name: /Custom range/ }).click();
    // The range opens as the current one (ending on the shop's today); start it 45 days before its end.
    const end = await app.getByLabel('End date').inputValue();
    const start = new Date(Date.parse(`${end}T00:00:00Z`) - 45 * 86_400_000).toISOString().slice(0, 10);
    await app.getByLabel('Start date').fill(start);
    await app.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => app.getByRole('button', { name: /^Period: .* – / }).isVisible(), WAIT).toBe(true);
    await expect
      .poll(() => page.frames().some((frame) => frame.url().includes(`start=${start}&end=${end}`)))
      .toBe(true);
    await expect.poll(() => tile('Net sales').first().textContent(), WAIT).toMatch(CAD);

    // The sales chart's data table: hidden until asked for, then one row per day of the 46-day range.
    await app.getByRole('button', { name: 'Show data table' }).first().click();
    const table = app.locator('table', { has: app.getByRole('columnheader', { name: 'Net sales, previous period' }) });
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(46);
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toMatch(CAD);
    await page.screenshot({ path: path.join(RESULTS, 'insights-custom-period.png'), fullPage: true });

    // Products and inventory, and cohorts: tables with figures.
    await app.getByRole('tab', { name: 'Products & inventory' }).click();
    await expect.poll(() => app.getByRole('heading', { name: 'Top products' }).isVisible(), WAIT).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Dead stock' }).isVisible()).toBe(true);
    await page.waitForTimeout(1500); // the bars grow in
    await page.screenshot({ path: path.join(RESULTS, 'insights-products.png'), fullPage: true });
    await app.getByRole('tab', { name: 'Cohorts' }).click();
    await expect
      .poll(() => app.getByRole('heading', { name: 'Monthly acquisition cohorts' }).isVisible(), WAIT)
      .toBe(true);
    await expect.poll(() => app.getByRole('rowheader').count()).toBe(12);
    await page.screenshot({ path: path.join(RESULTS, 'insights-cohorts.png'), fullPage: true });

    // Findings: the pipeline computed some; dismiss the first, with a toast, and find it among the hidden ones.
    await expect
      .poll(async () => {
        await page.goto(`${dev.shellUrl}/insights/findings`);
        return app
          .getByRole('button', { name: /^Dismiss: / })
          .first()
          .isVisible({ timeout: 20_000 })
          .catch(() => false);
      }, PIPELINE)
      .toBe(true);
    // Not 'networkidle': the sync card and live traffic keep fetching, so the network may never rest.
    await page.waitForLoadState('load');
    const dismiss = app.getByRole('button', { name: /^Dismiss: / }).first();
    const title = ((await dismiss.getAttribute('aria-label')) ?? '').replace(/^Dismiss: /, '');
    expect(title).not.toBe('');
    await expect.poll(() => app.getByRole('article', { name: title }).textContent()).toMatch(/Shown when/);
    // The finding by its identity: live traffic may recompute its figures (and so its title) meanwhile.
    const headingId = await app.getByRole('article', { name: title }).getAttribute('aria-labelledby');
    expect(headingId).toMatch(/^finding-/);
    const heading = app.locator(`[id="${headingId}"]`);
    await page.screenshot({ path: path.join(RESULTS, 'insights-findings.png'), fullPage: true });
    await dismiss.click();
    await expect.poll(() => page.locator('#toasts').textContent(), WAIT).toContain('Finding dismissed');
    await expect.poll(() => heading.count(), WAIT).toBe(0);
    const dismissedTab = app.getByRole('tab', { name: /Dismissed & snoozed/ });
    await dismissedTab.click();
    await expect.poll(() => dismissedTab.getAttribute('aria-selected'), WAIT).toBe('true');
    await expect.poll(() => heading.isVisible(), WAIT).toBe(true);
    await expect
      .poll(() =>
        app
          .getByText(/^Dismissed on /)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // Today: the day and the week against the periods before, what stands out, the latest activity.
    await page.locator('#app-nav a', { hasText: 'Today' }).click();
    await expect.poll(() => app.getByRole('heading', { name: 'Last 7 days' }).isVisible(), WAIT).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Today so far' }).isVisible()).toBe(true);
    const week = app.locator('section', { has: app.getByRole('heading', { name: 'Last 7 days' }) });
    await expect.poll(() => week.textContent()).toMatch(CAD);
    await expect.poll(() => app.getByRole('heading', { name: 'What stands out' }).isVisible()).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Latest activity' }).isVisible()).toBe(true);
    await expect.poll(() => app.getByRole('heading', { name: 'Your shop' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'insights-today.png'), fullPage: true });
    expect(watched.problems).toEqual([]);
  }, 900_000);

  it('speaks the merchant’s language: French from Shopify admin’s locale', async () => {
    const watched = await openShell(`${dev.shellUrl}/insights?locale=fr`);
    await expect.poll(() => watched.page.locator('#title-bar').textContent(), { timeout: 120_000 }).toBe('Analyses');
    const sales = watched.app.getByRole('group', { name: 'Ventes nettes', exact: true });
    // French money ("1 234,50 $CA"), the tabs and the period in French.
    await expect.poll(() => sales.textContent(), WAIT).toMatch(/\d,\d\d\s\$CA/);
    await expect.poll(() => watched.app.getByRole('tab', { name: 'Vue d’ensemble' }).isVisible()).toBe(true);
    await expect
      .poll(() => watched.app.getByText(/comparé à .* \(la période précédente de même durée\)/).isVisible())
      .toBe(true);
    await watched.page.screenshot({ path: path.join(RESULTS, 'insights-fr.png'), fullPage: true });
    expect(watched.problems).toEqual([]);
  }, 300_000);
});
