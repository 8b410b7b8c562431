/** The places that name Steward's API version, scopes and topics agree with each other. */
import fs from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../../app/platform/shopify/api-version';
import { WEBHOOK_TOPICS } from '../../devstore/webhooks/events';
import remixConfig from '../../remix.config.js';

const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
  access_scopes: { scopes: string };
  webhooks: {
    api_version: string;
    subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[];
  };
  app_proxy: { prefix: string; subpath: string; url: string };
};

describe('configuration', () => {
  it('uses one Admin API version: 2026-10', () => {
    expect(API_VERSION).toBe('2026-10');
    expect(toml.webhooks.api_version).toBe(API_VERSION);
    expect(fs.readFileSync('.graphqlrc.ts', 'utf8')).toContain('adminSchemaJsonFile(API_VERSION)');
    // No other file spells a version out.
    const offenders = ['app', 'scripts', 'server.ts']
      .flatMap((entry) =>
        fs.statSync(entry).isDirectory()
          ? fs.readdirSync(entry, { recursive: true }).map((f) => `${entry}/${String(f)}`)
          : [entry],
      )
      .filter((file) => /\.(ts|tsx)$/.test(file) && fs.statSync(file).isFile() && !file.startsWith('app/types/'))
      .filter((file) =>
        /\b20\d\d-(01|04|07|10)\b(?!-\d)/.test(fs.readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')),
      )
      .filter((file) => !/\.test\.tsx?$/.test(file));
    expect(offenders).toEqual([]);
  });

  it('documents the same scopes in .env.example as shopify.app.toml requests', () => {
    const example = /^SCOPES=(.*)$/m.exec(fs.readFileSync('.env.example', 'utf8'))?.[1];
    expect(example).toBe(toml.access_scopes.scopes);
    // Each scope carries a comment saying which area uses it.
    const tomlText = fs.readFileSync('shopify.app.toml', 'utf8');
    for (const scope of toml.access_scopes.scopes.split(',')) {
      expect(tomlText).toMatch(new RegExp(`^#.*\\b${scope}\\b.*\\S+\\s+\\S+`, 'm'));
    }
  });

  it('subscribes every topic the areas need, all to the one /webhooks inbox, each deliverable by the devstore', () => {
    const { subscriptions } = toml.webhooks;
    const topics = subscriptions.flatMap((entry) => entry.topics ?? []);
    const compliance = subscriptions.flatMap((entry) => entry.compliance_topics ?? []);
    expect([...topics].sort()).toEqual(
      [
        'products/create',
        'products/update',
        'products/delete',
        'orders/create',
        'orders/updated',
        'orders/paid',
        'orders/cancelled',
        'refunds/create',
        'customers/create',
        'customers/update',
        'customers/delete',
        'inventory_levels/update',
        'themes/publish',
        'bulk_operations/finish',
        'app/uninstalled',
        'app/scopes_update',
      ].sort(),
    );
    expect([...compliance].sort()).toEqual(['customers/data_request', 'customers/redact', 'shop/redact']);
    expect(new Set([...topics, ...compliance]).size).toBe(topics.length + compliance.length);
    for (const entry of subscriptions) expect(entry.uri).toBe('/webhooks');
    for (const topic of [...topics, ...compliance]) expect(WEBHOOK_TOPICS).toContain(topic);
  });

  it('serves the storefront at /apps/steward through the app proxy', () => {
    expect(`/${toml.app_proxy.prefix}/${toml.app_proxy.subpath}`).toBe('/apps/steward');
  });

  it('turns every Remix v3 future flag on', () => {
    expect(remixConfig.future).toEqual({
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_lazyRouteDiscovery: true,
      v3_singleFetch: true,
      v3_routeConfig: true,
    });
  });

  it('keeps the devstore out of the app: app/ never imports devstore/', () => {
    const files = fs.readdirSync('app', { recursive: true }).map((file) => `app/${String(file)}`);
    const offenders = files
      .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file))
      .filter((file) => /from\s+['"][^'"]*devstore\//.test(fs.readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
