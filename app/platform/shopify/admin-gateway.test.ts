import type http from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, startServer, type TestServer } from '../../../tests/support/http-server';
import { createAdminGateway, throttleWait } from './admin-gateway.server';
import { API_VERSION } from './api-version';
import { createLogger } from '../logging/logger.server';
import { AdminGraphqlError, AdminHttpError, AdminRetriesExhaustedError, AdminUserErrors } from './errors';

const SHOP = 'gateway-shop.myshopify.com';
const QUERY = '#graphql\n query GatewayProbe { shop { name } }';

type Reply = { status?: number; headers?: Record<string, string>; body?: unknown };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A local Admin API that answers the given replies in order and records requests. */
async function scriptedShopify(replies: Reply[]) {
  const seen: { url: string; token: string | undefined; body: unknown }[] = [];
  server = await startServer(async (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({
      url: req.url ?? '',
      token: req.headers['x-shopify-access-token'] as string,
      body: JSON.parse(await readBody(req)),
    });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] as Reply;
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body ?? {}));
  });
  const base = server.url;
  const waits: number[] = [];
  const gateway = createAdminGateway({
    shop: SHOP,
    accessToken: 'shpat_secret',
    // Shopify's https://<shop>/… sent to the local server, as the devstore routing does.
    fetch: (input, init) => fetch(String(input).replace(`https://${SHOP}`, base), init),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { gateway, seen, waits };
}

const throttled = (currentlyAvailable: number, requested = 102) => ({
  body: {
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 },
      },
    },
  },
});
const ok = { body: { data: { shop: { name: 'Gateway Shop' } } } };

describe('Admin API gateway', () => {
  it('posts the document to the versioned endpoint with the access token', async () => {
    const { gateway, seen } = await scriptedShopify([ok]);
    await expect(gateway.request(QUERY)).resolves.toEqual({ shop: { name: 'Gateway Shop' } });
    expect(seen).toEqual([
      { url: `/admin/api/${API_VERSION}/graphql.json`, token: 'shpat_secret', body: { query: QUERY, variables: {} } },
    ]);
  });

  it('retries THROTTLED (HTTP 200) after waiting for the points it needs', async () => {
    const { gateway, seen, waits } = await scriptedShopify([throttled(2), ok]);
    await expect(gateway.request(QUERY)).resolves.toEqual({ shop: { name: 'Gateway Shop' } });
    expect(seen).toHaveLength(2);
    // 100 points missing at 100 points/s: one second, plus a small margin.
    expect(waits).toEqual([1050]);
  });

  it('waits for Retry-After on 429 and backs off exponentially on 5xx', async () => {
    const { gateway, seen, waits } = await scriptedShopify([
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 502 },
      { status: 503 },
      ok,
    ]);
    await expect(gateway.request(QUERY)).resolves.toEqual({ shop: { name: 'Gateway Shop' } });
    expect(seen).toHaveLength(4);
    expect(waits).toEqual([2000, 1000, 2000]);
  });

  it('gives up with a typed error once its attempts are spent', async () => {
    const { gateway, seen } = await scriptedShopify([throttled(0)]);
    const error = await gateway.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminRetriesExhaustedError);
    expect((error as AdminRetriesExhaustedError).attempts).toBe(6);
    expect(seen).toHaveLength(6);
  });

  it('does not send a mutation again after a 5xx: it may have run', async () => {
    const { gateway, seen } = await scriptedShopify([{ status: 503 }, ok]);
    const mutation =
      '#graphql\n mutation TagProbe { tagsAdd(id: "gid://shopify/Product/1", tags: ["x"]) { userErrors { message } } }';
    const error = await gateway.request(mutation).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminHttpError);
    expect(seen).toHaveLength(1);
  });

  it('still retries a THROTTLED mutation: Shopify did not run it', async () => {
    const { gateway, seen } = await scriptedShopify([throttled(0, 10), ok]);
    await gateway.request('mutation TagProbe { tagsAdd(id: "x", tags: ["x"]) { userErrors { message } } }');
    expect(seen).toHaveLength(2);
  });

  it('does not retry GraphQL errors or 4xx, and raises typed errors', async () => {
    const graphql = await scriptedShopify([
      { body: { errors: [{ message: "Field 'nope' doesn't exist on type 'Shop'" }] } },
    ]);
    await expect(graphql.gateway.request(QUERY)).rejects.toBeInstanceOf(AdminGraphqlError);
    expect(graphql.seen).toHaveLength(1);
    await server?.close();

    const unauthorized = await scriptedShopify([
      { status: 401, body: { errors: '[API] Invalid API key or access token' } },
    ]);
    const error = await unauthorized.gateway.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminHttpError);
    expect((error as AdminHttpError).status).toBe(401);
    expect(unauthorized.seen).toHaveLength(1);
  });

  it('turns userErrors into AdminUserErrors naming the fields', async () => {
    const { gateway } = await scriptedShopify([
      {
        body: {
          data: {
            productUpdate: {
              product: null,
              userErrors: [{ field: ['input', 'title'], message: "Title can't be blank" }],
            },
          },
        },
      },
    ]);
    const error = await gateway
      .mutate(
        '#graphql\n mutation Probe { productUpdate { userErrors { field message } } }',
        {},
        (data) => (data as { productUpdate: { userErrors: { field: string[]; message: string }[] } }).productUpdate,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminUserErrors);
    expect((error as Error).message).toContain("input.title: Title can't be blank");
  });

  it('logs the deprecation Shopify reports in X-Shopify-API-Deprecated-Reason', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const reason = 'https://shopify.dev/api/usage/versioning#deprecation-practices';
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Shopify-API-Deprecated-Reason': reason });
      res.end(JSON.stringify(ok.body));
    });
    const base = server.url;
    const gateway = createAdminGateway({
      shop: SHOP,
      accessToken: 'shpat_secret',
      fetch: (input, init) => fetch(String(input).replace(`https://${SHOP}`, base), init),
      logger,
    });
    await gateway.request(QUERY);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', operation: 'GatewayProbe', deprecation: reason, shop: SHOP }),
    ]);
  });

  it('computes the throttle wait from throttleStatus', () => {
    const status = { maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 50 };
    expect(throttleWait({ requestedQueryCost: 110, actualQueryCost: null, throttleStatus: status }, 999)).toBe(2050);
    // A query can never need more than the bucket holds.
    expect(throttleWait({ requestedQueryCost: 5000, actualQueryCost: null, throttleStatus: status }, 999)).toBe(19850);
    expect(throttleWait(undefined, 999)).toBe(999);
  });
});
