/**
 * The admin shell: a plain Shopify-admin-like page at
 * /store/<shop handle>/apps/<app handle> with a top bar (the shop's name), a
 * left navigation that mirrors the app's ui-nav-menu, a title bar, and the app
 * in an iframe opened the way Shopify opens embedded apps (embedded=1, shop,
 * host, locale and an id_token signed with the app's secret). Also serves the
 * App Bridge stand-in (/app-bridge.js) and what it asks the shell for.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { DevstoreState } from '../state/devstore-state';
import { mintSessionToken } from './session-token';

export interface ShellOptions {
  devstore: DevstoreState;
  /** Steward's base URL (the iframe loads `${appUrl}/app…`). */
  appUrl: string | null;
  appHandle: string;
  appName: string;
}

const asset = (name: string) => fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export const shopHandle = (domain: string) => domain.replace(/\.myshopify\.com$/, '');

/** Base64 of the admin host, as Shopify passes it in `host`. */
export const hostParam = (domain: string) =>
  Buffer.from(`admin.shopify.com/store/${shopHandle(domain)}`).toString('base64');

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function shellPage(options: ShellOptions, domain: string, appPath: string, search: URLSearchParams): string {
  const state = options.devstore.shop(domain);
  if (!state || !options.appUrl) throw new Error('unreachable');
  const owner = [...state.staff.values()].find((staff) => staff.isShopOwner) ?? [...state.staff.values()][0];
  const locale = search.get('locale') ?? owner?.locale ?? 'en';
  const params = new URLSearchParams({
    embedded: '1',
    shop: domain,
    host: hostParam(domain),
    locale,
    id_token: mintSessionToken({
      shop: domain,
      apiKey: options.devstore.app.apiKey,
      apiSecret: options.devstore.app.apiSecret,
      userId: owner?.id ?? 1,
    }),
  });
  // The app's own query (a filter, a page) goes through to the app, as in Shopify admin.
  for (const [name, value] of search) if (!params.has(name)) params.append(name, value);
  const src = `${options.appUrl.replace(/\/$/, '')}/app${appPath}?${params}`;
  const base = `/store/${shopHandle(domain)}`;
  const config = {
    appUrl: options.appUrl,
    base,
    appHandle: options.appHandle,
    appName: options.appName,
    shopName: state.shop.name,
  };
  const shops = [...options.devstore.shops.values()]
    .map(
      (other) =>
        `<option value="/store/${escapeHtml(shopHandle(other.shop.domain))}/apps/${escapeHtml(options.appHandle)}"${other === state ? ' selected' : ''}>${escapeHtml(other.shop.name)}</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.appName)} · ${escapeHtml(state.shop.name)}</title>
<style>
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: #f1f1f1; color: #303030; height: 100vh; display: grid; grid-template: 56px 1fr / 240px 1fr; }
  header { grid-column: 1 / -1; background: #1a1a1a; color: #fff; display: flex; align-items: center; gap: 16px; padding: 0 16px; }
  header strong { font-size: 15px; }
  header .badge { background: #ffd79d; color: #4f2e00; border-radius: 8px; padding: 2px 8px; font-size: 12px; }
  header select { margin-left: auto; background: #303030; color: #fff; border: 1px solid #616161; border-radius: 8px; padding: 6px 8px; }
  nav { background: #ebebeb; padding: 12px 8px; overflow: auto; }
  nav h2 { font-size: 12px; text-transform: uppercase; color: #616161; margin: 8px 8px; }
  nav a { display: block; padding: 6px 12px; border-radius: 8px; color: #303030; text-decoration: none; }
  nav a:hover, nav a:focus-visible { background: #fafafa; outline: 2px solid #005bd3; outline-offset: -2px; }
  nav a.active { background: #fff; font-weight: 600; }
  main { display: flex; flex-direction: column; min-width: 0; }
  #title-bar-row { display: flex; align-items: center; gap: 8px; padding: 12px 20px; background: #fff; border-bottom: 1px solid #e3e3e3; min-height: 52px; }
  #title-bar { font-size: 16px; font-weight: 650; margin: 0; }
  #title-bar-actions { margin-left: auto; display: flex; gap: 8px; }
  #title-bar-actions button { border-radius: 8px; padding: 6px 12px; border: 1px solid #c9c9c9; background: #fff; font: inherit; cursor: pointer; }
  #title-bar-actions button.primary { background: #303030; border-color: #303030; color: #fff; }
  #title-bar-actions button:disabled { opacity: 0.5; cursor: default; }
  #loading { height: 3px; background: #005bd3; }
  iframe { border: 0; flex: 1; width: 100%; background: #f1f1f1; }
  #save-bar { position: fixed; top: 0; left: 0; right: 0; height: 56px; background: #1a1a1a; color: #fff; display: flex; align-items: center; justify-content: flex-end; gap: 8px; padding: 0 16px; }
  #save-bar span { margin-right: auto; }
  #save-bar button { border-radius: 8px; padding: 6px 12px; border: 0; font: inherit; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: grid; gap: 8px; }
  .toast { background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 10px; }
  .toast.error { background: #8e1f0b; }
  #modal-veil { position: fixed; top: 0; left: 0; width: 240px; bottom: 0; background: rgb(0 0 0 / 0.45); }
  dialog { border: 0; border-radius: 12px; min-width: 360px; }
  #picker-list { display: grid; gap: 6px; max-height: 50vh; overflow: auto; margin: 12px 0; }
</style>
</head>
<body>
<header>
  <strong>${escapeHtml(state.shop.name)}</strong><span class="badge">Development store (devstore)</span>
  <label><span hidden>Shop</span><select aria-label="Shop" onchange="location.href=this.value">${shops}</select></label>
</header>
<nav aria-label="Apps">
  <h2>${escapeHtml(options.appName)}</h2>
  <div id="app-nav"></div>
</nav>
<main>
  <div id="title-bar-row"><h1 id="title-bar"></h1><div id="title-bar-actions"></div></div>
  <div id="loading" hidden></div>
  <iframe id="app-frame" title="${escapeHtml(options.appName)}" src="${escapeHtml(src)}"></iframe>
</main>
<div id="save-bar" hidden><span>Unsaved changes</span><button id="save-bar-discard" type="button">Discard</button><button id="save-bar-save" type="button">Save</button></div>
<div id="toasts" aria-live="polite"></div>
<div id="modal-veil" hidden></div>
<dialog id="picker"><form method="dialog"><h2>Select products</h2><div id="picker-list"></div><button value="cancel">Cancel</button> <button value="select">Select</button></form></dialog>
<script id="shell-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script src="/admin/shell.js"></script>
</body>
</html>`;
}

function indexPage(options: ShellOptions): string {
  const links = [...options.devstore.shops.values()]
    .map(
      (state) =>
        `<li><a href="/store/${escapeHtml(shopHandle(state.shop.domain))}/apps/${escapeHtml(options.appHandle)}">${escapeHtml(state.shop.name)}</a> (${escapeHtml(state.shop.domain)})</li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>devstore</title></head><body style="font: 15px system-ui; margin: 3rem"><h1>devstore</h1><p>Open ${escapeHtml(options.appName)} in a shop:</p><ul>${links}</ul></body></html>`;
}

/** Serves the shell's paths; false when the request is not one of them. */
export function handleShell(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  options: ShellOptions,
): boolean {
  if (req.method !== 'GET') return false;
  if (url.pathname === '/app-bridge.js') {
    send(res, 200, 'text/javascript; charset=utf-8', asset('app-bridge.js'), { 'Access-Control-Allow-Origin': '*' });
    return true;
  }
  if (url.pathname === '/admin/shell.js') {
    send(res, 200, 'text/javascript; charset=utf-8', asset('shell-client.js'));
    return true;
  }
  if (url.pathname === '/' || url.pathname === '/store' || url.pathname === '/store/') {
    send(res, 200, 'text/html; charset=utf-8', indexPage(options));
    return true;
  }
  const match = /^\/store\/([a-z0-9-]+)(?:\/(.*))?$/.exec(url.pathname);
  if (!match) return false;
  const domain = `${match[1]}.myshopify.com`;
  const state = options.devstore.shop(domain);
  const rest = match[2] ?? '';
  if (!state) {
    send(res, 404, 'text/plain; charset=utf-8', `No shop ${domain} in this devstore`);
    return true;
  }
  if (rest === '' || rest === 'apps') {
    res.writeHead(302, { Location: `/store/${match[1]}/apps/${options.appHandle}` });
    res.end();
    return true;
  }
  if (rest === 'session-token') {
    // Only the shell page itself may ask (browsers send Sec-Fetch-Site).
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin') {
      send(res, 403, 'application/json', JSON.stringify({ error: 'session tokens are for the admin shell only' }));
      return true;
    }
    const owner = [...state.staff.values()].find((staff) => staff.isShopOwner);
    const token = mintSessionToken({
      shop: domain,
      apiKey: options.devstore.app.apiKey,
      apiSecret: options.devstore.app.apiSecret,
      userId: owner?.id ?? 1,
    });
    send(res, 200, 'application/json', JSON.stringify({ token }));
    return true;
  }
  if (rest === 'resource-picker') {
    const products = [...state.products.values()]
      .filter((product) => product.status === 'ACTIVE')
      .slice(0, 100)
      .map((product) => ({ id: `gid://shopify/Product/${product.id}`, title: product.title, handle: product.handle }));
    send(res, 200, 'application/json', JSON.stringify(products));
    return true;
  }
  const app = new RegExp(`^apps/${options.appHandle}(/.*)?$`).exec(rest);
  if (app) {
    if (!options.appUrl) {
      send(
        res,
        503,
        'text/plain; charset=utf-8',
        'The devstore was started without appUrl: it does not know where the app runs.',
      );
      return true;
    }
    send(res, 200, 'text/html; charset=utf-8', shellPage(options, domain, app[1] ?? '', url.searchParams));
    return true;
  }
  return false;
}
