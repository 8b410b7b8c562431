/**
 * POST /webhooks as a plain Node request listener, put in front of Express by
 * server.ts (`withWebhooks`): a delivery never goes through Express's request
 * set-up, the request log, compression or Remix. It reads the raw body
 * (bounded) and hands it to the app's receiveWebhook (receive.server.ts),
 * which server.ts reaches through the Remix server build so that development
 * (Vite) and production (the built file) run the same app code. Tests and the
 * benchmark mount it the same way. Plain Node runs this file (server.ts), so
 * it imports types only.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { WebhookDelivery, WebhookReply } from './receive.server.ts';

export type ReceiveWebhook = (delivery: WebhookDelivery) => Promise<WebhookReply>;

/** Shopify's payloads are well under this; a larger body is refused unread. */
export const MAX_WEBHOOK_BYTES = 8 * 1024 * 1024;

const WEBHOOK_PATH = '/webhooks';

function readBody(req: IncomingMessage): Promise<Buffer | null> {
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

/** True for a delivery: POST to the webhook path (a query string is allowed and ignored). */
export function isWebhookRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith(WEBHOOK_PATH)) return false;
  const rest = req.url.slice(WEBHOOK_PATH.length);
  return rest === '' || rest.startsWith('?');
}

export function webhookEndpoint(
  receiver: () => ReceiveWebhook | Promise<ReceiveWebhook>,
  onError: (error: unknown) => void = () => {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
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
    })().catch((error: unknown) => {
      onError(error);
      // Nothing was acknowledged: Shopify delivers again.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

/** The server's request listener: deliveries to the endpoint, everything else to `app`. */
export function withWebhooks(endpoint: ReturnType<typeof webhookEndpoint>, app: RequestListener): RequestListener {
  return (req, res) => (isWebhookRequest(req) ? endpoint(req, res) : app(req, res));
}
