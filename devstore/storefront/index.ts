/**
 * The devstore's storefront: each shop's online store under /shops/<shop>/ (the
 * devstore's address for https://<shop>/), rendering Steward's theme app
 * extension with liquidjs, and Shopify's app proxy in front of Steward.
 *
 *   GET  /shops/<shop>/                               home: the first products
 *   GET  /shops/<shop>/[fr/]products/<handle>         a product page with Steward's support form and
 *                                                     feedback blocks, and the help launcher embed when
 *                                                     the published theme has it on (settings_data.json);
 *                                                     ?steward=0 renders the page without any of them
 *   ?customer=<id> on a page                          signs that customer in (a cookie per shop); ?customer= signs out
 *   ANY  /shops/<shop>/apps/steward/<path>            the app proxy (./app-proxy.ts)
 *   ANY  /apps/steward/<path>                         the same, for the shop of the page that posted (Referer),
 *                                                     or else the last storefront visited (cookie): the blocks
 *                                                     post to /apps/steward/… as on Shopify, where the shop is the origin
 *   GET  /extensions/steward-theme/assets/<name>      the extension's assets (Shopify: its CDN)
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { type Liquid } from 'liquidjs';
import type { DevstoreState } from '../state/devstore-state';
import type { ShopState } from '../state/shop-state';
import type { ProductRecord } from '../state/types';
import {
  forwardToApp,
  MAX_PROXIED_BODY_BYTES,
  readAppProxyConfig,
  type AppProxyConfig,
  type ProxyAnswer,
} from './app-proxy';
import { APP_HANDLE, defaultSettings, EXTENSION_DIR, readAsset, readBlock, readTranslations } from './extension';
import { ASSET_PATH, createStorefrontLiquid, type RenderState } from './liquid';

export interface StorefrontOptions {
  devstore: DevstoreState;
  /** Steward's base URL; without it the app proxy answers 503. */
  appUrl: string | null;
  proxy?: AppProxyConfig;
  extensionDir?: string;
}

/** The blocks a merchant added to the product template (with their default settings). */
const PRODUCT_APP_BLOCKS = ['support-form', 'feedback'];
const LOCALE_NAMES: Record<string, string> = { en: 'English', fr: 'Français' };
const STOREFRONT_COOKIE = 'devstore_storefront';
const customerCookie = (shop: string) =>
  `devstore_customer_${shop.replace(/\.myshopify\.com$/, '').replace(/\W/g, '_')}`;

type Page = { status: number; html: string };

function cookies(req: http.IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) jar.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return jar;
}

/** Text answers, gzipped when the browser takes it (as Shopify's storefront and CDN do). */
function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  let bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const extra: Record<string, string> = {};
  if (bytes.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    bytes = zlib.gzipSync(bytes);
    extra['Content-Encoding'] = 'gzip';
    extra.Vary = 'Accept-Encoding';
  }
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra, ...headers });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PROXIED_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const cents = (price: string) => Math.round(Number(price) * 100);

export function createStorefront(options: StorefrontOptions) {
  const { devstore } = options;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const proxy = options.proxy ?? readAppProxyConfig();
  const liquid: Liquid = createStorefrontLiquid(extensionDir);

  function productDrop(state: ShopState, product: ProductRecord, localePrefix: string) {
    const variants = product.variantIds.flatMap((id) => {
      const variant = state.variants.get(id);
      return variant ? [{ id: variant.id, title: variant.title, price: cents(variant.price) }] : [];
    });
    const image = product.mediaIds.map((id) => state.media.get(id)).find((media) => media?.status === 'READY');
    return {
      id: product.id,
      title: product.title,
      handle: product.handle,
      vendor: product.vendor,
      description: product.descriptionHtml,
      url: `/shops/${state.shop.domain}${localePrefix}/products/${product.handle}`,
      price: variants.length ? Math.min(...variants.map((variant) => variant.price)) : 0,
      variants,
      featured_image: image
        ? { src: `/cdn/${state.shop.domain}/${image.key}`, alt: image.alt, width: image.width, height: image.height }
        : null,
    };
  }

  /** The Shopify objects every template of a request sees, and the devstore's render state. */
  function globalsFor(state: ShopState, customerId: number | null, locale: string, path: string, steward: boolean) {
    const { defaultLocale, locales } = readTranslations(extensionDir);
    const customer = customerId === null ? undefined : state.customers.get(customerId);
    const base = `/shops/${state.shop.domain}`;
    const localePrefix = locale === defaultLocale ? '' : `/${locale}`;
    const unprefixed = localePrefix ? path.slice(localePrefix.length) || '/' : path;
    const query = steward ? '' : '?steward=0';
    const render: RenderState = {
      locale,
      defaultLocale,
      translations: locales,
      currency: state.shop.currencyCode,
      layout: 'theme',
      base,
      sample_customer: customer ? null : ([...state.customers.keys()][0] ?? null),
      locales: [...locales.keys()]
        .filter((code) => code !== locale)
        .map((code) => ({
          iso_code: code,
          name: LOCALE_NAMES[code] ?? code,
          url: `${base}${code === defaultLocale ? '' : `/${code}`}${unprefixed === '/' ? '/' : unprefixed}${query}`,
        })),
    };
    return {
      devstore: render,
      shop: {
        name: state.shop.name,
        email: state.shop.email,
        domain: state.shop.primaryDomain.host,
        permanent_domain: state.shop.domain,
        currency: state.shop.currencyCode,
      },
      request: {
        locale: { iso_code: locale, primary: locale === defaultLocale, name: LOCALE_NAMES[locale] ?? locale },
        path,
        host: state.shop.primaryDomain.host,
        origin: `https://${state.shop.primaryDomain.host}`,
        design_mode: false,
        page_type: path.includes('/products/') ? 'product' : path.includes('/apps/') ? 'app' : 'index',
      },
      routes: { root_url: localePrefix || '/' },
      customer: customer && {
        id: customer.id,
        first_name: customer.firstName,
        last_name: customer.lastName,
        name: `${customer.firstName} ${customer.lastName}`,
        email: customer.email,
      },
    };
  }
  type Globals = ReturnType<typeof globalsFor>;

  async function renderAppBlock(name: string, id: string, settings: Record<string, unknown>, globals: Globals) {
    const block = readBlock(name, extensionDir);
    if (!block) throw new Error(`extensions/steward-theme has no block ${name}`);
    const html = await liquid.parseAndRender(
      block.source,
      { block: { id, settings: { ...defaultSettings(block.schema), ...settings }, shopify_attributes: '' } },
      { globals },
    );
    return `<div id="shopify-block-${id}" class="shopify-block shopify-app-block">${html}</div>`;
  }

  /** Steward's app embeds switched on in the shop's published theme (config/settings_data.json). */
  async function appEmbeds(state: ShopState, globals: Globals): Promise<string> {
    const theme = [...state.themes.values()].find((candidate) => candidate.role === 'MAIN');
    const data = theme?.files.get('config/settings_data.json');
    if (!data) return '';
    const current = (JSON.parse(data) as { current?: { blocks?: Record<string, unknown> } }).current;
    const html: string[] = [];
    for (const [id, entry] of Object.entries(current?.blocks ?? {})) {
      const { type, disabled, settings } = entry as {
        type: string;
        disabled?: boolean;
        settings?: Record<string, unknown>;
      };
      const match = new RegExp(`^shopify://apps/${APP_HANDLE}/blocks/([a-z0-9-]+)/`).exec(type);
      if (!match || disabled) continue;
      html.push(await renderAppBlock(match[1] as string, id, settings ?? {}, globals));
    }
    return html.join('\n');
  }

  async function renderPage(
    template: string,
    scope: Record<string, unknown>,
    globals: Globals & { product?: unknown },
    embeds = '',
  ) {
    const content = await liquid.renderFile(template, scope, { globals });
    return liquid.renderFile(
      'layout',
      { content_for_layout: content, content_for_app_embeds: embeds, page_title: scope.page_title ?? '' },
      { globals },
    );
  }

  async function productPage(state: ShopState, handle: string, globals: Globals, steward: boolean): Promise<Page> {
    const product = [...state.products.values()].find((item) => item.handle === handle && item.status === 'ACTIVE');
    if (!product) {
      const html = await renderPage(
        'not-found',
        { message: `No product “${handle}”.`, page_title: 'Not found' },
        globals,
      );
      return { status: 404, html };
    }
    const prefix = globals.request.locale.primary ? '' : `/${globals.request.locale.iso_code}`;
    const blocks = steward
      ? await Promise.all(
          PRODUCT_APP_BLOCKS.map((name) => renderAppBlock(name, `steward_${name.replace(/-/g, '_')}`, {}, globals)),
        )
      : [];
    const embeds = steward ? await appEmbeds(state, globals) : '';
    const drop = productDrop(state, product, prefix);
    const html = await renderPage(
      'product',
      { product: drop, content_for_app_blocks: blocks.join('\n'), page_title: product.title },
      { ...globals, product: drop },
      embeds,
    );
    return { status: 200, html };
  }

  async function homePage(state: ShopState, globals: Globals): Promise<Page> {
    const prefix = globals.request.locale.primary ? '' : `/${globals.request.locale.iso_code}`;
    const products = [...state.products.values()]
      .filter((product) => product.status === 'ACTIVE')
      .slice(0, 24)
      .map((product) => productDrop(state, product, prefix));
    return { status: 200, html: await renderPage('home', { products, page_title: 'Home' }, globals) };
  }

  /** An application/liquid answer from the app, rendered in the theme as Shopify does. */
  async function proxyLiquidPage(answer: ProxyAnswer, globals: Globals): Promise<Page> {
    const content = await liquid.parseAndRender(answer.liquid ?? '', {}, { globals });
    if (globals.devstore.layout === 'none') return { status: answer.status, html: content };
    const html = await liquid.renderFile(
      'layout',
      { content_for_layout: content, content_for_app_embeds: '', page_title: '' },
      { globals },
    );
    return { status: answer.status, html };
  }

  async function appProxy(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    state: ShopState,
    path: string,
    customerId: number | null,
    locale: { code: string; prefix: string },
  ) {
    if (!options.appUrl)
      return send(
        req,
        res,
        503,
        'text/plain; charset=utf-8',
        'The devstore runs without --app-url: no app to proxy to.',
      );
    const body = await readBody(req);
    if (body === null) return send(req, res, 413, 'text/plain; charset=utf-8', 'Request body too large');
    let answer: ProxyAnswer;
    try {
      answer = await forwardToApp({
        req,
        body,
        path,
        query: url.searchParams,
        shop: state.shop.domain,
        customerId,
        appUrl: options.appUrl,
        secret: devstore.app.apiSecret,
        config: proxy,
        storefrontBase: `/shops/${state.shop.domain}`,
      });
    } catch (error) {
      const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      return send(req, res, 502, 'text/plain; charset=utf-8', `The app did not answer at ${options.appUrl}: ${reason}`);
    }
    if (answer.liquid !== null) {
      const page = await proxyLiquidPage(
        answer,
        globalsFor(state, customerId, locale.code, `${locale.prefix}${proxy.pathPrefix}${path}`, true),
      );
      return send(req, res, page.status, 'text/html; charset=utf-8', page.html, { 'Cache-Control': 'no-store' });
    }
    const { 'content-type': type = 'application/octet-stream', ...headers } = answer.headers;
    send(req, res, answer.status, type, answer.body, headers);
  }

  function signedInCustomer(req: http.IncomingMessage, state: ShopState): number | null {
    const id = Number(cookies(req).get(customerCookie(state.shop.domain)));
    return Number.isInteger(id) && state.customers.has(id) ? id : null;
  }

  function serveAsset(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const name = url.pathname.slice(ASSET_PATH.length + 1);
    const asset = readAsset(name, extensionDir);
    if (!asset) return send(req, res, 404, 'text/plain; charset=utf-8', 'No such asset');
    const type = name.endsWith('.js')
      ? 'text/javascript; charset=utf-8'
      : name.endsWith('.css')
        ? 'text/css; charset=utf-8'
        : 'application/octet-stream';
    const current = url.searchParams.get('v') === asset.version;
    send(req, res, 200, type, asset.bytes, {
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }

  /** Which shop a root /apps/steward/… request is for: the page that sent it, else the last storefront visited. */
  function shopOfRootRequest(req: http.IncomingMessage): ShopState | undefined {
    const referer = req.headers.referer;
    const fromReferer =
      referer && URL.canParse(referer) ? /^\/shops\/([^/]+)\//.exec(new URL(referer).pathname)?.[1] : undefined;
    const domain = fromReferer ?? cookies(req).get(STOREFRONT_COOKIE);
    return domain ? devstore.shop(domain) : undefined;
  }

  /** Answers a storefront request; false when the path is not the storefront's. */
  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith(`${ASSET_PATH}/`) && (method === 'GET' || method === 'HEAD')) {
      serveAsset(req, res, url);
      return true;
    }
    const prefix = proxy.pathPrefix;
    if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
      const state = shopOfRootRequest(req);
      if (!state) {
        send(req, res, 404, 'text/plain; charset=utf-8', `Open a shop's storefront (/shops/<shop>/) before ${prefix}`);
        return true;
      }
      const { defaultLocale } = readTranslations(extensionDir);
      const locale = { code: defaultLocale, prefix: '' };
      await appProxy(req, res, url, state, url.pathname.slice(prefix.length), signedInCustomer(req, state), locale);
      return true;
    }

    const match = /^\/shops\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return false;
    const state = devstore.shop(match[1] as string);
    if (!state) return false;
    const { defaultLocale, locales } = readTranslations(extensionDir);
    let path = match[2] ?? '/';
    const localeMatch = /^\/([a-z]{2}(?:-[a-zA-Z]{2})?)(\/.*|$)/.exec(path);
    const locale =
      localeMatch && localeMatch[1] !== defaultLocale && locales.has(localeMatch[1] as string)
        ? (localeMatch[1] as string)
        : defaultLocale;
    const rest = locale === defaultLocale ? path : (localeMatch?.[2] as string) || '/';

    if (rest === prefix || rest.startsWith(`${prefix}/`)) {
      const inLocale = { code: locale, prefix: locale === defaultLocale ? '' : `/${locale}` };
      await appProxy(req, res, url, state, rest.slice(prefix.length), signedInCustomer(req, state), inLocale);
      return true;
    }
    const product = /^\/products\/([^/]+)\/?$/.exec(rest);
    if (!product && rest !== '/') return false;
    if (method !== 'GET' && method !== 'HEAD') {
      send(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return true;
    }

    const cookieName = customerCookie(state.shop.domain);
    if (url.searchParams.has('customer')) {
      const id = Number(url.searchParams.get('customer'));
      const signIn = Number.isInteger(id) && state.customers.has(id);
      url.searchParams.delete('customer');
      res.writeHead(303, {
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': signIn
          ? `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`
          : `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      });
      res.end();
      return true;
    }

    const steward = url.searchParams.get('steward') !== '0';
    path = locale === defaultLocale ? rest : `/${locale}${rest === '/' ? '' : rest}`;
    const globals = globalsFor(state, signedInCustomer(req, state), locale, path, steward);
    const page = product
      ? await productPage(state, decodeURIComponent(product[1] as string), globals, steward)
      : await homePage(state, globals);
    send(req, res, page.status, 'text/html; charset=utf-8', page.html, {
      'Cache-Control': 'no-store',
      'Set-Cookie': `${STOREFRONT_COOKIE}=${encodeURIComponent(state.shop.domain)}; Path=/; SameSite=Lax`,
    });
    return true;
  }

  return { handle };
}
