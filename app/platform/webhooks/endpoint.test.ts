/**
 * The endpoint as server.ts mounts it, in front of the app: which requests
 * are deliveries, and what a delivery is answered when receiving throws.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookEndpoint, withWebhooks } from './endpoint';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(receive: Parameters<typeof webhookEndpoint>[0], errors: unknown[] = []): Promise<string> {
  server = http.createServer(
    withWebhooks(
      webhookEndpoint(receive, (error) => errors.push(error)),
      (_req, res) => res.writeHead(299).end('app'),
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('withWebhooks', () => {
  it('sends POST /webhooks (with or without a query) to the endpoint, with its raw body, and all else to the app', async () => {
    const bodies: string[] = [];
    const url = await serve(() => async ({ body, header }) => {
      bodies.push(`${header('x-shopify-topic')} ${body.toString()}`);
      return { status: 200 };
    });
    const post = (path: string) =>
      fetch(url + path, { method: 'POST', body: '{"a":1}', headers: { 'X-Shopify-Topic': 'orders/paid' } });
    expect((await post('/webhooks')).status).toBe(200);
    expect((await post('/webhooks?x=1')).status).toBe(200);
    expect((await post('/webhooksx')).status).toBe(299);
    expect((await post('/webhooks/x')).status).toBe(299);
    expect((await fetch(`${url}/webhooks`)).status).toBe(299);
    expect(bodies).toEqual(['orders/paid {"a":1}', 'orders/paid {"a":1}']);
  });

  it('answers 500 and reports the error when receiving throws (nothing acknowledged)', async () => {
    const errors: unknown[] = [];
    const url = await serve(() => () => Promise.reject(new Error('database gone')), errors);
    expect((await fetch(`${url}/webhooks`, { method: 'POST', body: '{}' })).status).toBe(500);
    expect(errors).toHaveLength(1);
  });
});
