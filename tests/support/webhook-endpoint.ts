/**
 * Steward's webhook endpoint on a loopback port, mounted exactly as server.ts
 * mounts it (app/platform/webhooks/endpoint.ts over receiveWebhook), for
 * tests that deliver webhooks over real HTTP; and the background work that
 * processes what it stores, run in the test's process as the app runs it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import prisma from '~/db.server';
import { runBackgroundWork } from '~/platform/jobs/background.server';
import { webhookEndpoint, withWebhooks } from '~/platform/webhooks/endpoint';
import { receiveWebhook } from '~/platform/webhooks/receive.server';

export interface RunningEndpoint {
  /** The endpoint's URL: http://127.0.0.1:<port>/webhooks. */
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` when given (a test that told the devstore where to deliver before loading this), else a free one. */
export async function startWebhookEndpoint(port = 0): Promise<RunningEndpoint> {
  const server = http.createServer(
    withWebhooks(
      webhookEndpoint(() => receiveWebhook),
      (_req, res) => res.writeHead(404).end(),
    ),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends a Request built by tests/support/shopify-requests.ts to the endpoint. */
export async function post(endpoint: RunningEndpoint, request: Request): Promise<number> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: request.headers,
    body: await request.arrayBuffer(),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs Steward's background work (the job worker and webhook housekeeping) in this process until stopped. */
export function startBackgroundWork(): { stop(): Promise<void> } {
  const controller = new AbortController();
  const running = runBackgroundWork({ signal: controller.signal, concurrency: 2, role: 'test' });
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

/** Polls `check` until it returns true; fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until every stored event of the shop is processed (none left unprocessed). */
export function waitForProcessed(shop: string, timeoutMs?: number): Promise<void> {
  return waitFor(
    `${shop}'s webhook events to be processed`,
    async () => (await prisma.webhookEvent.count({ where: { shop, processedAt: null } })) === 0,
    timeoutMs,
  );
}
