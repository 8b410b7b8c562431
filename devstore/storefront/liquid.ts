/**
 * A liquidjs engine with the few Shopify tags, filters and objects the
 * storefront renders: the extension's blocks (their snippets come from its
 * snippets/ folder), the devstore's small theme (./theme) and Liquid answers
 * from the app proxy.
 *
 * Tags: {% schema %} and {% doc %} (render nothing), {% layout none %} (an app
 * proxy answer without the theme around it). Filters (beyond liquidjs's
 * standard ones, which include escape, default, json, append, split): t
 * (the extension's translations, the visitor's locale first, with
 * `{{ name }}` interpolation), asset_url (the extension's assets, versioned),
 * stylesheet_tag, money. Unknown filters are errors (strictFilters), so a
 * block using one the devstore lacks fails loudly rather than printing nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid, Tag, TypeGuards, type Context, type TagToken, type TopLevelToken } from 'liquidjs';
import { EXTENSION_DIR, readAsset, type Translations } from './extension';

export const THEME_DIR = fileURLToPath(new URL('./theme', import.meta.url));
/** Where the devstore serves the extension's assets (Shopify: its CDN). */
export const ASSET_PATH = '/extensions/steward-theme/assets';

/** What one render needs besides the Shopify objects; kept in the globals under `devstore`. */
export interface RenderState {
  locale: string;
  defaultLocale: string;
  translations: Map<string, Translations>;
  currency: string;
  /** Set by {% layout none %}. */
  layout: 'theme' | 'none';
  /** For the devstore's theme: the shop's storefront path (/shops/<shop>), a customer to sign in as, locale links. */
  base: string;
  sample_customer: number | null;
  locales: { iso_code: string; name: string; url: string }[];
}

const stateOf = (context: Context): RenderState => (context.globals as { devstore: RenderState }).devstore;

/** A tag whose body is for Shopify's tools (the schema, LiquidDoc), not for the page. */
function silentBlock(name: string) {
  return class extends Tag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      while (remainTokens.length) {
        const next = remainTokens.shift();
        if (next && TypeGuards.isTagToken(next) && next.name === `end${name}`) return;
      }
      throw new Error(`tag {% ${name} %} not closed`);
    }
    render() {
      return '';
    }
  };
}

class LayoutTag extends Tag {
  readonly value: string;
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    this.value = token.args.trim().replace(/^['"]|['"]$/g, '');
  }
  render(context: Context) {
    stateOf(context).layout = this.value === 'none' ? 'none' : 'theme';
    return '';
  }
}

function lookup(translations: Translations | undefined, key: string): string | undefined {
  let node: Translations | string | undefined = translations;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Shopify's `t`: the visitor's locale, then the default; `{{ name }}` filled from the filter's named arguments. */
function translate(this: { context: Context }, key: unknown, ...args: unknown[]): string {
  const state = stateOf(this.context);
  const text =
    lookup(state.translations.get(state.locale), String(key)) ??
    lookup(state.translations.get(state.defaultLocale), String(key));
  if (text === undefined) return `translation missing: ${state.locale}.${String(key)}`;
  const named = new Map(
    args.filter((arg): arg is [string, unknown] => Array.isArray(arg)).map(([name, value]) => [name, value]),
  );
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    named.has(name) ? String(named.get(name)) : whole,
  );
}

export function createStorefrontLiquid(extensionDir = EXTENSION_DIR): Liquid {
  const liquid = new Liquid({
    root: [THEME_DIR],
    partials: [path.join(extensionDir, 'snippets')],
    extname: '.liquid',
    strictFilters: true,
    ownPropertyOnly: true,
    renderLimit: 5_000,
  });
  liquid.registerTag('schema', silentBlock('schema'));
  liquid.registerTag('doc', silentBlock('doc'));
  liquid.registerTag('layout', LayoutTag);
  liquid.registerFilter('t', translate);
  liquid.registerFilter('asset_url', (name: unknown) => {
    const asset = readAsset(String(name), extensionDir);
    if (!asset) throw new Error(`asset_url: extensions/steward-theme/assets/${String(name)} does not exist`);
    return `${ASSET_PATH}/${String(name)}?v=${asset.version}`;
  });
  liquid.registerFilter(
    'stylesheet_tag',
    (url: unknown) => `<link href="${String(url)}" rel="stylesheet" type="text/css" media="all" />`,
  );
  liquid.registerFilter('money', function (this: { context: Context }, cents: unknown) {
    const state = stateOf(this.context);
    return new Intl.NumberFormat(state.locale, { style: 'currency', currency: state.currency }).format(
      Number(cents) / 100,
    );
  });
  return liquid;
}
