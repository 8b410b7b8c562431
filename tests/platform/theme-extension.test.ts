/**
 * The theme app extension (extensions/steward-theme) passes Shopify Theme Check with no
 * offence, and its storefront assets stay within budget. `shopify app build` prints Theme
 * Check's errors but still exits 0, so this test is what holds the line in CI.
 *
 * Offline and reproducible: theme-check-node's docs manager first tries to download the
 * latest Liquid docs (filters, objects, tags, JSON schemas) from GitHub into the user's cache,
 * then falls back to the copy bundled in @shopify/theme-check-docs-updater. We point its
 * "remote" root (SHOPIFY_TLD_ROOT, read as file:) and its cache (XDG_CACHE_HOME) at empty
 * folders before loading it, so it never goes to the network and always checks against the
 * bundled docs of the installed version; the log proves which data it used.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const EXTENSION = path.resolve('extensions/steward-theme');
const CONFIG = 'theme-check:theme-app-extension';
/** The budget for all storefront JavaScript together, gzipped. */
const JS_BUDGET_GZIP = 5 * 1024;
/** Ours for the stylesheets: small enough never to matter to the page. */
const CSS_BUDGET_GZIP = 3 * 1024;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-theme-check-'));
process.env.SHOPIFY_TLD_ROOT = path.join(scratch, 'no-remote-docs');
process.env.XDG_CACHE_HOME = path.join(scratch, 'cache');
const { themeCheckRun } = await import('@shopify/theme-check-node');

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function runThemeCheck(root: string) {
  const log: string[] = [];
  const run = await themeCheckRun(root, CONFIG, (message) => log.push(message));
  const offenses = run.offenses.map(
    (offense) =>
      `${path.relative(root, new URL(offense.uri).pathname)}:${offense.start.line + 1} ${offense.check}: ${offense.message}`,
  );
  return { run, offenses, log: log.join('\n') };
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
const assets = (extension: string) =>
  fs.readdirSync(path.join(EXTENSION, 'assets')).filter((name) => name.endsWith(extension));

describe('theme app extension', () => {
  it('passes Theme Check with the theme-app-extension configuration: 0 offences', async () => {
    const { run, offenses, log } = await runThemeCheck(EXTENSION);
    expect(offenses).toEqual([]);
    // It did check the extension: its blocks, snippet, assets' references and locales.
    const files = run.theme.map((source) => path.relative(EXTENSION, new URL(source.uri).pathname)).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'blocks/feedback.liquid',
        'blocks/help-launcher.liquid',
        'blocks/support-form.liquid',
        'snippets/steward-support-form.liquid',
        'locales/en.default.json',
        'locales/fr.json',
        'locales/en.default.schema.json',
        'locales/fr.schema.json',
      ]),
    );
    expect(run.config.context).toBe('app');
    // Offline: the docs came from the bundled copy, and the "download" read a local folder.
    for (const resource of ['filters', 'objects', 'tags', 'manifest_theme_app_extension'])
      expect(log).toContain(`Loaded fallback resource\n\t${resource} from`);
    expect(log).toContain(`Failed to read local file: file:${process.env.SHOPIFY_TLD_ROOT}`);
    expect(log).not.toMatch(/Successfully downloaded|https:\/\//);
  });

  it('reports what it should in a broken copy (the check above is not vacuous)', async () => {
    const copy = path.join(scratch, 'broken');
    fs.cpSync(EXTENSION, copy, { recursive: true });
    const block = path.join(copy, 'blocks/feedback.liquid');
    fs.writeFileSync(
      block,
      fs
        .readFileSync(block, 'utf8')
        .replace(' | asset_url }}" defer></script>', " | asset_url }}\"></script>{{ 'support.nope' | t }}"),
    );
    const french = JSON.parse(fs.readFileSync(path.join(copy, 'locales/fr.json'), 'utf8')) as Record<string, unknown>;
    delete french.launcher;
    fs.writeFileSync(path.join(copy, 'locales/fr.json'), JSON.stringify(french));

    const checks = new Set((await runThemeCheck(copy)).run.offenses.map((offense) => offense.check));
    expect([...checks].sort()).toEqual(['MatchingTranslations', 'ParserBlockingScript', 'TranslationKeyExists']);
  });

  it(`keeps all storefront JavaScript within ${JS_BUDGET_GZIP} bytes gzipped, and the CSS within ${CSS_BUDGET_GZIP}`, () => {
    const js = assets('.js');
    const css = assets('.css');
    expect(js.length).toBeGreaterThan(0);
    expect(css.length).toBeGreaterThan(0);
    const total = (names: string[]) =>
      names.reduce((sum, name) => sum + gzipSize(path.join(EXTENSION, 'assets', name)), 0);
    expect(total(js)).toBeLessThanOrEqual(JS_BUDGET_GZIP);
    expect(total(css)).toBeLessThanOrEqual(CSS_BUDGET_GZIP);
  });

  it('loads its assets from the extension only, scripts deferred, each asset that exists', () => {
    const blocks = fs.readdirSync(path.join(EXTENSION, 'blocks'));
    const available = new Set(fs.readdirSync(path.join(EXTENSION, 'assets')));
    for (const name of blocks) {
      const liquid = fs.readFileSync(path.join(EXTENSION, 'blocks', name), 'utf8');
      const scripts = [...liquid.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, name).toMatch(/^<script src="\{\{ '[\w.-]+' \| asset_url \}\}" defer>$/);
      for (const [, asset] of liquid.matchAll(/'([\w.-]+)' \| asset_url/g)) expect(available, name).toContain(asset);
    }
  });
});
