/**
 * Webhook delivery: every topic the devstore emits reaches a local receiver
 * (standing in for the app) with Shopify's headers, a correct HMAC, and a
 * payload valid against shopify-webhook-schemas' JSON schema for 2026-07;
 * mutations publish their topics; only subscribed topics are delivered;
 * retries back off exponentially and stop after 8; fault switches duplicate,
 * reorder and delay deliveries; the trigger endpoint publishes and revokes.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isbot } from 'isbot';
import { schemaForWebhook } from 'shopify-webhook-schemas';
import { parse } from 'smol-toml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevstore, type Devstore } from './index';
import { seedDefaultShops } from './seed';
import type { ShopState } from './state/shop-state';
import { WEBHOOK_USER_AGENT } from './webhooks/delivery';
import { WEBHOOK_TOPICS, type DevstoreEvent, type WebhookTopic } from './webhooks/events';
import { buildPayload } from './webhooks/payloads';
import { readWebhookConfig } from './webhooks/subscriptions';

const SECRET = 'devstore-webhook-secret';
const APP = { apiKey: 'webhook-test-key', apiSecret: SECRET, scopes: ['read_products', 'write_products'] };
const NOW = new Date('2026-10-01T12:00:00Z');

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  at: number;
}

/** The app: records every request; `answer` decides the status. */
async function startReceiver() {
  const received: Received[] = [];
  let answer: (request: Received) => number = () => 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request = { path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw), at: performance.now() };
      received.push(request);
      res.writeHead(answer(request)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerWith(fn: (request: Received) => number) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function writeToml(name: string, body: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-webhooks-')), `${name}.toml`);
  fs.writeFileSync(file, body);
  return file;
}

const ALL_TOPICS_TOML = `[webhooks]
api_version = "2026-07"

  [[webhooks.subscriptions]]
  topics = [${WEBHOOK_TOPICS.filter((t) => !['customers/data_request', 'customers/redact', 'shop/redact'].includes(t))
    .map((t) => JSON.stringify(t))
    .join(', ')}]
  uri = "/webhooks"

  [[webhooks.subscriptions]]
  compliance_topics = ["customers/data_request", "customers/redact", "shop/redact"]
  uri = "/webhooks/compliance"
`;

/**
 * Where the package's schemas (each inferred from one example payload) are
 * narrower than what Shopify sends, so a faithful payload fails them: values
 * Shopify sends as null when the record has none (a customer without email
 * or phone, an address in a country without provinces, no note, a guest
 * order, no product image — null in the package's own example), and orders'
 * `refunds`, inferred from an example whose array was empty (`items: false`),
 * which we allow to hold refunds shaped like refunds/create. Paths are in
 * the payload; `*` is any array element.
 */
const ADDRESS = ['phone', 'province', 'province_code'];
const SCHEMA_GAPS: { topics: RegExp; nullable: string[]; refunds?: boolean }[] = [
  {
    topics: /^customers\/(create|update)$/,
    nullable: [
      'note',
      'email',
      ...ADDRESS.map((field) => `default_address/${field}`),
      ...[...ADDRESS, 'address2', 'company'].map((field) => `addresses/*/${field}`),
    ],
  },
  { topics: /^customers\/(data_request|redact)$/, nullable: ['customer/email', 'customer/phone'] },
  {
    topics: /^orders\//,
    nullable: [
      'email',
      'contact_email',
      'customer',
      'customer/email',
      'shipping_address',
      ...['customer/default_address', 'billing_address', 'shipping_address'].flatMap((address) =>
        ADDRESS.map((field) => `${address}/${field}`),
      ),
    ],
    refunds: true,
  },
  { topics: /^products\/(create|update)$/, nullable: ['image'] },
  { topics: /^refunds\/create$/, nullable: ['note'] },
];

function schemaNode(schema: Record<string, unknown>, payloadPath: string): Record<string, unknown> {
  let node = schema;
  for (const key of payloadPath.split('/'))
    node = (key === '*' ? node.items : (node.properties as Record<string, unknown>)[key]) as Record<string, unknown>;
  return node;
}

function schemaFor(topic: string): Record<string, unknown> {
  const schema = structuredClone(schemaForWebhook('2026-07', topic)) as Record<string, unknown>;
  for (const gap of SCHEMA_GAPS.filter((candidate) => candidate.topics.test(topic))) {
    for (const field of gap.nullable) {
      const node = schemaNode(schema, field);
      const type = node.type as string | string[];
      node.type = [...new Set([...(Array.isArray(type) ? type : [type]), 'null'])];
    }
    if (gap.refunds) {
      const { $schema: _draft, ...refund } = schemaFor('refunds/create');
      schemaNode(schema, 'refunds').items = refund;
    }
  }
  return schema;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

function schemaErrors(topic: string, payload: unknown): string[] {
  const validate = ajv.compile(schemaFor(topic));
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

function expectShopifyHeaders(request: Received, topic: string, shop: string, apiVersion: string) {
  const h = request.headers;
  expect(h['x-shopify-topic']).toBe(topic);
  expect(h['x-shopify-shop-domain']).toBe(shop);
  expect(h['x-shopify-api-version']).toBe(apiVersion);
  expect(h['content-type']).toBe('application/json');
  expect(h['user-agent']).toBe(WEBHOOK_USER_AGENT);
  expect(h['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(h['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Date(String(h['x-shopify-triggered-at'])).toISOString()).toBe(h['x-shopify-triggered-at']);
  expect(h['x-shopify-hmac-sha256']).toBe(createHmac('sha256', SECRET).update(request.raw, 'utf8').digest('base64'));
}

const shops = await seedDefaultShops({ seed: 7, products: 6, customers: 30, orders: 60, images: false, now: NOW });
const receiver = await startReceiver();
const devstore = await startDevstore({
  shops,
  app: APP,
  appUrl: receiver.url,
  webhookToml: writeToml('all', ALL_TOPICS_TOML),
  webhookRetryBaseMs: 5,
});
afterAll(async () => {
  await devstore.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.answerWith(() => 200);
  devstore.webhooks.faults.update({ duplicateRate: 0, outOfOrderRate: 0, delayMs: 0 });
});

const byEvent = (eventId: string, into = receiver) =>
  into.received.filter((r) => r.headers['x-shopify-event-id'] === eventId);

/** Publishes an event and returns the first delivery of it. */
async function publishAndReceive(store: Devstore, event: DevstoreEvent, into = receiver): Promise<Received> {
  store.state.publish(event);
  const eventId = store.webhooks.eventIdOf(event);
  expect(eventId, `${event.topic} was not published for delivery`).toBeDefined();
  return waitFor(() => byEvent(eventId as string, into)[0]);
}

/** Records each topic's event names, chosen so every field has data. */
function eventFor(topic: WebhookTopic, state: ShopState): DevstoreEvent {
  const shop = state.shop.domain;
  const customer = [...state.customers.values()].find((c) => c.email && c.phone) as { id: number };
  const orders = [...state.orders.values()].filter((o) => o.customerId !== null && o.email);
  const plain = orders.find((o) => o.refunds.length === 0) as { id: number };
  const refunded = orders.find((o) => o.refunds.length > 0) as { id: number; refunds: { id: number }[] };
  const product = [...state.products.values()][0] as { id: number };
  switch (topic) {
    case 'app/uninstalled':
    case 'shop/redact':
      return { topic, shop };
    case 'app/scopes_update':
      return { topic, shop, previousScopes: ['read_products'] };
    case 'customers/data_request':
    case 'customers/redact':
    case 'customers/create':
    case 'customers/update':
    case 'customers/delete':
      return { topic, shop, customerId: customer.id };
    case 'products/create':
    case 'products/update':
    case 'products/delete':
      return { topic, shop, productId: product.id };
    case 'orders/create':
    case 'orders/updated':
    case 'orders/paid':
    case 'orders/cancelled':
      return { topic, shop, orderId: plain.id };
    case 'refunds/create':
      return { topic, shop, orderId: refunded.id, refundId: (refunded.refunds[0] as { id: number }).id };
    case 'inventory_levels/update':
      return { topic, shop, inventoryLevelId: ([...state.inventoryLevels.values()][0] as { id: number }).id };
    case 'themes/publish':
      return { topic, shop, themeId: ([...state.themes.values()].find((t) => t.role === 'MAIN') as { id: number }).id };
    case 'bulk_operations/finish':
      throw new Error('bulk_operations/finish comes from a real bulk operation');
  }
}

async function graphql(shop: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(devstore.graphqlUrl(shop), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': devstore.grantToken(shop) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: Record<string, Record<string, unknown>> };
}

describe('webhook payloads and headers', () => {
  const direct = WEBHOOK_TOPICS.filter((topic) => topic !== 'bulk_operations/finish');
  for (const state of shops) {
    it.each(direct)(`%s from ${state.shop.domain}: signed, with every header, valid for 2026-07`, async (topic) => {
      const request = await publishAndReceive(devstore, eventFor(topic, state));
      expectShopifyHeaders(request, topic, state.shop.domain, '2026-07');
      const compliance = ['customers/data_request', 'customers/redact', 'shop/redact'].includes(topic);
      expect(request.path).toBe(compliance ? '/webhooks/compliance' : '/webhooks');
      expect(schemaErrors(topic, request.body)).toEqual([]);
    });
  }

  it('bulk_operations/finish follows a real bulk operation, valid for 2026-07', async () => {
    const shop = devstore.shops[0] as string;
    const started = await graphql(
      shop,
      'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } userErrors { message } } }',
    );
    const id = (started.data.bulkOperationRunQuery?.bulkOperation as { id: string }).id;
    const request = await waitFor(() =>
      receiver.received.find(
        (r) => r.headers['x-shopify-topic'] === 'bulk_operations/finish' && r.body.admin_graphql_api_id === id,
      ),
    );
    expectShopifyHeaders(request, 'bulk_operations/finish', shop, '2026-07');
    expect(request.body.status).toBe('completed');
    expect(schemaErrors('bulk_operations/finish', request.body)).toEqual([]);
  });

  it('productUpdate through the Admin API delivers products/update with the new title', async () => {
    const state = shops[1] as ShopState;
    const product = [...state.products.values()][1] as { id: number };
    const result = await graphql(
      state.shop.domain,
      'mutation($p: ProductUpdateInput!) { productUpdate(product: $p) { product { id title } userErrors { message } } }',
      { p: { id: `gid://shopify/Product/${product.id}`, title: 'Renamed by a webhook test' } },
    );
    expect(result.data.productUpdate?.userErrors).toEqual([]);
    const request = await waitFor(() =>
      receiver.received.find(
        (r) => r.headers['x-shopify-topic'] === 'products/update' && r.body.title === 'Renamed by a webhook test',
      ),
    );
    expect(request.body.id).toBe(product.id);
    expect(request.body.admin_graphql_api_id).toBe(`gid://shopify/Product/${product.id}`);
    expect(schemaErrors('products/update', request.body)).toEqual([]);
  });

  it('productSet creating a product delivers products/create; tagsAdd on a customer delivers customers/update', async () => {
    const state = shops[0] as ShopState;
    const created = await graphql(
      state.shop.domain,
      'mutation { productSet(synchronous: true, input: { title: "Made by productSet" }) { product { id } userErrors { message } } }',
    );
    const id = (created.data.productSet?.product as { id: string }).id;
    const create = await waitFor(() =>
      receiver.received.find(
        (r) => r.headers['x-shopify-topic'] === 'products/create' && r.body.admin_graphql_api_id === id,
      ),
    );
    expect(create.body.title).toBe('Made by productSet');
    expect(schemaErrors('products/create', create.body)).toEqual([]);
    const customer = [...state.customers.values()][5] as { id: number };
    await graphql(
      state.shop.domain,
      'mutation($id: ID!) { tagsAdd(id: $id, tags: ["webhook-vip"]) { userErrors { message } } }',
      {
        id: `gid://shopify/Customer/${customer.id}`,
      },
    );
    const update = await waitFor(() =>
      receiver.received.find((r) => r.headers['x-shopify-topic'] === 'customers/update' && r.body.id === customer.id),
    );
    expect(schemaErrors('customers/update', update.body)).toEqual([]);
  });

  it('chooses a User-Agent that the Shopify library does not take for a bot', () => {
    expect(isbot(WEBHOOK_USER_AGENT)).toBe(false);
  });
});

describe('every record makes a valid payload', () => {
  it.each(shops.map((state) => [state.shop.domain, state] as const))('%s', (_domain, state) => {
    const shop = state.shop.domain;
    const events: DevstoreEvent[] = [
      ...[...state.customers.values()].flatMap((c) =>
        (['customers/update', 'customers/data_request', 'customers/redact'] as const).map((topic) => ({
          topic,
          shop,
          customerId: c.id,
        })),
      ),
      ...[...state.orders.values()].flatMap((o) => [
        { topic: 'orders/updated' as const, shop, orderId: o.id },
        ...o.refunds.map((r) => ({ topic: 'refunds/create' as const, shop, orderId: o.id, refundId: r.id })),
      ]),
      ...[...state.products.values()].map((p) => ({ topic: 'products/update' as const, shop, productId: p.id })),
      ...[...state.inventoryLevels.values()].map((l) => ({
        topic: 'inventory_levels/update' as const,
        shop,
        inventoryLevelId: l.id,
      })),
      ...[...state.themes.values()].map((t) => ({ topic: 'themes/publish' as const, shop, themeId: t.id })),
    ];
    const failures = events.flatMap((event) => {
      const payload = buildPayload(event, state, { baseUrl: devstore.url, sequence: 1, at: NOW.toISOString() });
      return schemaErrors(event.topic, payload).map((error) => `${event.topic}: ${error}`);
    });
    expect(events.length).toBeGreaterThan(100);
    expect([...new Set(failures)]).toEqual([]);
  });
});

describe('subscriptions', () => {
  it('reads the repo toml: its topics and compliance topics, relative uris against appUrl', () => {
    const toml = parse(fs.readFileSync(new URL('../shopify.app.toml', import.meta.url), 'utf8')) as {
      webhooks: {
        api_version: string;
        subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[];
      };
    };
    const config = readWebhookConfig('https://app.example/');
    expect(config.apiVersion).toBe(toml.webhooks.api_version);
    expect(config.subscriptions).toEqual(
      toml.webhooks.subscriptions.map((entry) => ({
        topics: [...(entry.topics ?? []), ...(entry.compliance_topics ?? [])],
        url: `https://app.example/${entry.uri.replace(/^\//, '')}`,
      })),
    );
  });

  it('delivers exactly the subscribed topics, to absolute and relative uris', async () => {
    const other = await startReceiver();
    const toml = writeToml(
      'some',
      `[webhooks]\napi_version = "2026-10"\n[[webhooks.subscriptions]]\ntopics = ["products/update"]\nuri = "${other.url}/absolute"\n[[webhooks.subscriptions]]\ncompliance_topics = ["shop/redact"]\nuri = "/relative"\n`,
    );
    const store = await startDevstore({
      shops: [shops[0] as ShopState],
      app: APP,
      appUrl: other.url,
      webhookToml: toml,
    });
    try {
      const shop = store.shops[0] as string;
      const productId = ([...(shops[0] as ShopState).products.values()][0] as { id: number }).id;
      const ignored: DevstoreEvent[] = [
        { topic: 'products/create', shop, productId },
        { topic: 'app/uninstalled', shop },
      ];
      for (const event of ignored) store.state.publish(event);
      expect(ignored.map((event) => store.webhooks.eventIdOf(event))).toEqual([undefined, undefined]);
      await publishAndReceive(store, { topic: 'products/update', shop, productId }, other);
      await publishAndReceive(store, { topic: 'shop/redact', shop }, other);
      expect(
        other.received.map((r) => [r.path, r.headers['x-shopify-topic'], r.headers['x-shopify-api-version']]),
      ).toEqual([
        ['/absolute', 'products/update', '2026-10'],
        ['/relative', 'shop/redact', '2026-10'],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(other.received).toHaveLength(2);
    } finally {
      await store.close();
      await other.close();
    }
  });
});

describe('retries', () => {
  const shop = () => devstore.shops[0] as string;
  const gaps = (times: number[]) => times.slice(1).map((time, index) => time - (times[index] as number));

  it('retries after 500s with growing gaps and stops once answered 200', async () => {
    const event: DevstoreEvent = { topic: 'shop/redact', shop: shop() };
    let calls = 0;
    receiver.answerWith((request) =>
      request.headers['x-shopify-topic'] === 'shop/redact' ? (++calls <= 2 ? 500 : 200) : 200,
    );
    await publishAndReceive(devstore, event);
    const eventId = devstore.webhooks.eventIdOf(event) as string;
    const attempts = await waitFor(() => (byEvent(eventId).length === 3 ? byEvent(eventId) : undefined));
    expect(new Set(attempts.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
    const [first, second] = gaps(attempts.map((r) => r.at)) as [number, number];
    // Timers never fire early: each gap is at least the planned backoff (5 ms base, doubling).
    expect(first).toBeGreaterThanOrEqual(4);
    expect(second).toBeGreaterThanOrEqual(9);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(byEvent(eventId)).toHaveLength(3);
    const logged = devstore.webhooks.log().find((entry) => entry.eventId === eventId);
    expect(logged).toMatchObject({
      attempts: 3,
      lastStatus: 200,
      state: 'delivered',
      topic: 'shop/redact',
      retryDelaysMs: [5, 10],
    });
  });

  it('gives up after 8 retries (9 attempts), each gap about twice the one before', async () => {
    receiver.answerWith((request) => (request.headers['x-shopify-topic'] === 'customers/delete' ? 503 : 200));
    const event: DevstoreEvent = { topic: 'customers/delete', shop: shop(), customerId: 1 };
    await publishAndReceive(devstore, event);
    const eventId = devstore.webhooks.eventIdOf(event) as string;
    await waitFor(
      () => devstore.webhooks.log().find((entry) => entry.eventId === eventId && entry.state === 'failed'),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const attempts = byEvent(eventId);
    expect(attempts).toHaveLength(9);
    const delays = gaps(attempts.map((r) => r.at));
    delays.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(5 * 2 ** index - 1));
    expect(devstore.webhooks.log().find((entry) => entry.eventId === eventId)?.retryDelaysMs).toEqual([
      5, 10, 20, 40, 80, 160, 320, 640,
    ]);
    const response = await fetch(`${devstore.url}/devstore/webhooks`);
    const log = (await response.json()) as { eventId: string; attempts: number; lastStatus: number; state: string }[];
    expect(log.find((entry) => entry.eventId === eventId)).toMatchObject({
      attempts: 9,
      lastStatus: 503,
      state: 'failed',
    });
  });

  it('retries a network error (nothing listening) and logs it', async () => {
    const closed = await startReceiver();
    await closed.close();
    const toml = writeToml(
      'dead',
      `[webhooks]\napi_version = "2026-10"\n[[webhooks.subscriptions]]\ntopics = ["shop/redact"]\nuri = "/gone"\n`,
    );
    const store = await startDevstore({
      shops: [shops[0] as ShopState],
      app: APP,
      appUrl: closed.url,
      webhookToml: toml,
      webhookRetryBaseMs: 5,
    });
    try {
      const event: DevstoreEvent = { topic: 'shop/redact', shop: store.shops[0] as string };
      store.state.publish(event);
      const entry = await waitFor(() => store.webhooks.log().find((e) => e.state === 'failed'), 10_000);
      expect(entry).toMatchObject({ attempts: 9, lastStatus: null, eventId: store.webhooks.eventIdOf(event) });
      expect(entry.lastError).toBeTruthy();
    } finally {
      await store.close();
    }
  });
});

describe('fault switches', () => {
  const shop = () => devstore.shops[1] as string;

  it('duplicates carry the same event id and a new webhook id', async () => {
    devstore.webhooks.faults.update({ duplicateRate: 1 });
    const event: DevstoreEvent = { topic: 'app/scopes_update', shop: shop(), previousScopes: [] };
    await publishAndReceive(devstore, event);
    const eventId = devstore.webhooks.eventIdOf(event) as string;
    const copies = await waitFor(() => (byEvent(eventId).length === 2 ? byEvent(eventId) : undefined));
    expect(copies[0]?.raw).toBe(copies[1]?.raw);
    expect(copies[0]?.headers['x-shopify-webhook-id']).not.toBe(copies[1]?.headers['x-shopify-webhook-id']);
  });

  it('out-of-order holds an event back until the next one is delivered', async () => {
    const response = await fetch(`${devstore.url}/devstore/webhooks/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outOfOrderRate: 1 }),
    });
    expect(await response.json()).toEqual({ duplicateRate: 0, outOfOrderRate: 1, delayMs: 0 });
    const first: DevstoreEvent = { topic: 'products/delete', shop: shop(), productId: 11 };
    const second: DevstoreEvent = { topic: 'products/delete', shop: shop(), productId: 22 };
    devstore.state.publish(first);
    devstore.state.publish(second);
    const ids = [devstore.webhooks.eventIdOf(first), devstore.webhooks.eventIdOf(second)] as string[];
    const order = await waitFor(() => {
      const seen = receiver.received.filter((r) => ids.includes(String(r.headers['x-shopify-event-id'])));
      return seen.length === 2 ? seen.map((r) => r.body.id) : undefined;
    });
    expect(order).toEqual([22, 11]);
  });

  it('delays every delivery by delayMs', async () => {
    devstore.webhooks.faults.update({ delayMs: 120 });
    const started = performance.now();
    const request = await publishAndReceive(devstore, { topic: 'shop/redact', shop: shop() });
    expect(request.at - started).toBeGreaterThanOrEqual(110);
  });

  it('refuses bad switch values with 400', async () => {
    for (const body of ['{"duplicateRate":2}', '{"delayMs":-1}', '{"surprise":1}', 'not json']) {
      const response = await fetch(`${devstore.url}/devstore/webhooks/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
    }
    expect(devstore.webhooks.faults.settings).toEqual({ duplicateRate: 0, outOfOrderRate: 0, delayMs: 0 });
  });
});

describe('POST /devstore/webhooks/trigger', () => {
  const trigger = (body: unknown) =>
    fetch(`${devstore.url}/devstore/webhooks/trigger`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('publishes a compliance topic for a customer and answers 202 with the event id', async () => {
    const state = shops[0] as ShopState;
    const customer = [...state.customers.values()][3] as { id: number; email: string | null };
    const response = await trigger({ topic: 'customers/redact', shop: state.shop.domain, customerId: customer.id });
    expect(response.status).toBe(202);
    const { eventId } = (await response.json()) as { eventId: string };
    const request = await waitFor(() => byEvent(eventId)[0]);
    expect(request.body).toMatchObject({
      shop_domain: state.shop.domain,
      customer: { id: customer.id, email: customer.email },
    });
  });

  it('app/uninstalled revokes the shop’s access tokens', async () => {
    const shop = devstore.shops[1] as string;
    const token = devstore.grantToken(shop);
    const before = await fetch(devstore.graphqlUrl(shop), {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(before.status).toBe(200);
    const response = await trigger({ topic: 'app/uninstalled', shop });
    expect(response.status).toBe(202);
    const { eventId } = (await response.json()) as { eventId: string };
    const request = await waitFor(() => byEvent(eventId)[0]);
    expect(request.body.myshopify_domain).toBe(shop);
    expect([...devstore.state.tokens.values()].filter((record) => record.shop === shop)).toEqual([]);
    const after = await fetch(devstore.graphqlUrl(shop), {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(after.status).toBe(401);
  });

  it.each([
    [{ topic: 'orders/exploded', shop: 'maple-thread.myshopify.com' }, 400, /topic must be one of/],
    [{ topic: 'shop/redact' }, 400, /shop/],
    [{ topic: 'customers/redact', shop: 'maple-thread.myshopify.com' }, 400, /customerId/],
    [{ topic: 'customers/redact', shop: 'maple-thread.myshopify.com', customerId: 99 }, 404, /No customer 99/],
    [{ topic: 'shop/redact', shop: 'nowhere.myshopify.com' }, 404, /No shop/],
    ['just a string', 400, /JSON object/],
  ])('answers %j with %i', async (body, status, message) => {
    const response = await trigger(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });
});
