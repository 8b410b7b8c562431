/**
 * The devstore's HTTP server. Paths (a shop is addressed by its myshopify
 * domain, as Steward's devstore routing sends the Shopify library here):
 *   POST /shops/<shop>/admin/api/<version>/graphql.json   Admin GraphQL API
 *   POST /shops/<shop>/admin/oauth/access_token            token exchange, code, refresh
 *   GET  /shops/<shop>/admin/oauth/authorize               authorization code grant
 *   POST /uploads/<shop>/<key>, GET /cdn/<shop>/<key>      staged uploads and files
 *   GET|POST /devstore/faults                               fault switches
 *   GET  /devstore/shops                                    the shops and their sizes
 *   GET  /store/<handle>/apps/<app>, /app-bridge.js         admin shell, App Bridge stand-in
 *   GET  /devstore/webhooks                                 the webhook delivery log
 *   GET|POST /devstore/webhooks/faults                      webhook fault switches
 *   POST /devstore/webhooks/trigger                         publish an event (app/uninstalled, compliance, …)
 *   GET  /shops/<shop>/[products/<handle>], ANY /shops/<shop>/apps/steward/…, /apps/steward/…
 *                                                           the storefront and the app proxy (./storefront)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessTokenAnswer, authorize, issueAuthorizationCode } from './auth';
import { queryCost } from './engine/cost';
import { formatError, prepare, run, type AdminRequest } from './engine/execute';
import { type Faults } from './engine/faults';
import { adminSchema, DEVSTORE_API_VERSION } from './engine/schema';
import { LeakyBucket, MAX_SINGLE_QUERY_COST, type BucketSettings } from './engine/throttle';
import type { DevstoreState } from './state/devstore-state';
import { handleUpload } from './uploads';
import { handleShell } from './admin/shell';
import { createStorefront } from './storefront';
import type { WebhookDelivery } from './webhooks/delivery';
import { triggerWebhook } from './webhooks/trigger';

export interface ServerOptions {
  devstore: DevstoreState;
  faults: Faults;
  bucket: BucketSettings;
  webhooks?: WebhookDelivery;
  /** The admin shell (devstore/admin): where the app runs, its handle and name. */
  shell?: { appUrl: string | null; appHandle: string; appName: string };
  /** Largest request body accepted on the GraphQL endpoint. */
  maxBodyBytes?: number;
}

const THROTTLED_DOCS = 'https://shopify.dev/api/usage/rate-limits';

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if (contentType?.includes('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(text));
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDevstoreServer(options: ServerOptions) {
  const { devstore, faults } = options;
  const maxBody = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const buckets = new Map<string, LeakyBucket>();
  const bucketFor = (shop: string) => {
    let bucket = buckets.get(shop);
    if (!bucket) buckets.set(shop, (bucket = new LeakyBucket(options.bucket)));
    return bucket;
  };
  let baseUrl = '';
  const storefront = createStorefront({ devstore, appUrl: options.shell?.appUrl ?? null });

  async function graphqlEndpoint(req: http.IncomingMessage, res: http.ServerResponse, shop: string, version: string) {
    const state = devstore.shop(shop);
    if (!state) return send(res, 404, { errors: 'Not Found' });
    if (!authorize(devstore, shop, req.headers['x-shopify-access-token'] as string | undefined)) {
      return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    if (version !== DEVSTORE_API_VERSION) {
      return send(res, 404, { errors: `The devstore serves API version ${DEVSTORE_API_VERSION} only, not ${version}` });
    }
    if (faults.settings.latencyMs > 0) await sleep(faults.settings.latencyMs);
    const injected = faults.draw();
    if (injected?.status === 429)
      return send(
        res,
        429,
        { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        { 'Retry-After': '1' },
      );
    if (injected)
      return send(res, injected.status, { errors: 'Internal error (injected by the devstore fault switch)' });

    const text = await readBody(req, maxBody);
    if (text === null) return send(res, 413, { errors: 'Request body too large' });
    const body = parseBody(text, req.headers['content-type']) as AdminRequest | null;
    if (!body || typeof body.query !== 'string')
      return send(res, 400, { errors: { query: 'Required parameter missing or invalid' } });

    const prepared = prepare(body);
    if (Array.isArray(prepared)) return send(res, 200, { errors: prepared.map(formatError) });

    const bucket = bucketFor(shop);
    const requested = queryCost(adminSchema(), prepared.document, body.variables, body.operationName);
    const costOf = (actual: number | null) => ({
      cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
    });
    if (requested > MAX_SINGLE_QUERY_COST) {
      return send(res, 200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_SINGLE_QUERY_COST },
          },
        ],
        extensions: costOf(null),
      });
    }
    // Forced throttling answers THROTTLED while it is on, without emptying the bucket for later.
    if (faults.settings.forceThrottled || !bucket.take(requested)) {
      return send(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: THROTTLED_DOCS } }],
        extensions: costOf(null),
      });
    }
    const result = await run(prepared, body, { devstore, state, baseUrl });
    const actual = Math.min(
      requested,
      queryCost(adminSchema(), prepared.document, body.variables, body.operationName, result.data ?? null),
    );
    bucket.refund(requested - actual);
    send(res, 200, {
      ...(result.errors ? { errors: result.errors.map(formatError) } : {}),
      data: result.data ?? null,
      extensions: costOf(actual),
    });
  }

  async function oauthEndpoint(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    shop: string,
    action: string,
    url: URL,
  ) {
    if (action === 'access_token' && req.method === 'POST') {
      const text = await readBody(req, 64 * 1024);
      const body = text === null ? null : parseBody(text, req.headers['content-type']);
      if (!body) return send(res, 400, { error: 'invalid_request' });
      const answer = accessTokenAnswer(devstore, shop, body);
      return send(res, answer.status, answer.body);
    }
    if (action === 'authorize' && req.method === 'GET') {
      const redirectUri = url.searchParams.get('redirect_uri');
      if (url.searchParams.get('client_id') !== devstore.app.apiKey || !redirectUri)
        return send(res, 400, { error: 'invalid_request' });
      const target = new URL(redirectUri);
      target.searchParams.set('code', issueAuthorizationCode(devstore, shop));
      target.searchParams.set('shop', shop);
      const state = url.searchParams.get('state');
      if (state) target.searchParams.set('state', state);
      res.writeHead(302, { Location: target.toString() });
      return res.end();
    }
    return send(res, 404, { errors: 'Not Found' });
  }

  async function webhookControl(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const { webhooks } = options;
    if (!webhooks) return send(res, 404, { errors: 'Webhook delivery is off' });
    if (path === '/devstore/webhooks' && req.method === 'GET') return send(res, 200, webhooks.log());
    if (path === '/devstore/webhooks/faults' && req.method === 'GET') return send(res, 200, webhooks.faults.settings);
    if (req.method !== 'POST' || !['/devstore/webhooks/faults', '/devstore/webhooks/trigger'].includes(path))
      return send(res, 404, { errors: 'Not Found' });
    const text = await readBody(req, 16 * 1024);
    let input: unknown;
    try {
      input = JSON.parse(text ?? '');
    } catch {
      return send(res, 400, { error: 'Expected a JSON body' });
    }
    if (path === '/devstore/webhooks/trigger') {
      const answer = triggerWebhook(devstore, input, (event) => webhooks.eventIdOf(event));
      return send(res, answer.status, answer.body);
    }
    try {
      return send(res, 200, webhooks.faults.update(input));
    } catch (error) {
      return send(res, 400, { error: (error as Error).message });
    }
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    // Switches change what Steward receives: only local tools and tests may flip them, never a
    // web page. A JSON content type forces a CORS preflight, which this server never answers.
    if (req.method === 'POST') {
      const site = req.headers['sec-fetch-site'];
      if (
        !req.headers['content-type']?.includes('application/json') ||
        (site && site !== 'same-origin' && site !== 'none')
      ) {
        return send(res, 415, { error: 'POST application/json from a local tool (not from a web page)' });
      }
    }
    if (path.startsWith('/devstore/webhooks')) return webhookControl(req, res, path);
    if (path === '/devstore/faults') {
      if (req.method === 'POST') {
        const text = await readBody(req, 16 * 1024);
        try {
          return send(res, 200, faults.update(JSON.parse(text ?? '{}')));
        } catch (error) {
          return send(res, 400, { error: (error as Error).message });
        }
      }
      return send(res, 200, faults.settings);
    }
    if (path === '/devstore/shops') {
      return send(
        res,
        200,
        [...devstore.shops.values()].map((state) => ({
          domain: state.shop.domain,
          name: state.shop.name,
          products: state.products.size,
          customers: state.customers.size,
          orders: state.orders.size,
        })),
      );
    }
    return send(res, 404, { errors: 'Not Found' });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://devstore.local');
    const handle = async () => {
      const graphql = /^\/shops\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
      if (graphql && req.method === 'POST')
        return graphqlEndpoint(req, res, graphql[1] as string, graphql[2] as string);
      const oauth = /^\/shops\/([^/]+)\/admin\/oauth\/(access_token|authorize)$/.exec(url.pathname);
      if (oauth) return oauthEndpoint(req, res, oauth[1] as string, oauth[2] as string, url);
      if (url.pathname.startsWith('/devstore/')) return control(req, res, url.pathname);
      if (await handleUpload(req, res, devstore)) return;
      if (options.shell && handleShell(req, res, url, { devstore, ...options.shell })) return;
      if (await storefront.handle(req, res, url)) return;
      send(res, 404, { errors: 'Not Found' });
    };
    handle().catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { errors: `devstore: ${error.message}` });
      else res.destroy(error);
    });
  });

  return {
    server,
    /** `publicHost` names the server in the URLs it hands out (default: `host`). */
    async listen(port: number, host = '127.0.0.1', publicHost = host): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      baseUrl = `http://${publicHost}:${(server.address() as AddressInfo).port}`;
      return baseUrl;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
