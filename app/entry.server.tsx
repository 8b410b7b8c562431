import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { env } from './env.server';
import { logger } from './platform/logging/logger.server';
import { allowDevstoreFraming } from './platform/shopify/devstore-routing.server';
import { addDocumentResponseHeaders } from './shopify.server';

export const streamTimeout = 5_000;

// Reached by server.ts through the server build (build.entry.module), so the
// webhook inbox and the in-process worker run the same app code as Remix, in
// development (Vite) and production (the built file) alike.
export { receiveWebhook, drainInbox } from './platform/webhooks/receive.server';
export { runBackgroundWork } from './platform/jobs/background.server';
export { closeDatabase } from './db.server';

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  if (env.DEVSTORE_URL) allowDevstoreFraming(env.DEVSTORE_URL, responseHeaders);
  const userAgent = request.headers.get('user-agent');
  const readyEvent = userAgent && isbot(userAgent) ? 'onAllReady' : 'onShellReady';

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [readyEvent]() {
        const body = new PassThrough();
        responseHeaders.set('Content-Type', 'text/html');
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        logger.error({ err: error }, 'Rendering failed');
      },
    });
    setTimeout(abort, streamTimeout + 1_000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, path: new URL(request.url).pathname }, 'Unhandled error in a loader or action');
}
