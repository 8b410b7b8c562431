/**
 * POST /webhooks as an Express handler, mounted by server.ts ahead of the
 * request log, compression and Remix: it reads the raw body (bounded) and
 * hands it to the app's receiveWebhook (receive.server.ts), which server.ts
 * reaches through the Remix server build so that development (Vite) and
 * production (the built file) run the same app code. Tests mount it the same
 * way. Plain Node runs this file (server.ts), so it imports types only.
 */
import type { RequestHandler } from 'express';
import type { WebhookDelivery, WebhookReply } from './receive.server.ts';

export type ReceiveWebhook = (delivery: WebhookDelivery) => Promise<WebhookReply>;

/** Shopify's payloads are well under this; a larger body is refused unread. */
export const MAX_WEBHOOK_BYTES = 8 * 1024 * 1024;

function readBody(req: Parameters<RequestHandler>[0]): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function webhookEndpoint(receiver: () => ReceiveWebhook | Promise<ReceiveWebhook>): RequestHandler {
  return (req, res, next) => {
    void (async () => {
      const body = await readBody(req);
      if (body === null) {
        res.writeHead(413, { Connection: 'close' }).end();
        return;
      }
      const receive = await receiver();
      const reply = await receive({
        header: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body,
      });
      res.writeHead(reply.status, reply.headers).end();
    })().catch(next);
  };
}
