/**
 * Downloads a bulk operation's result file to a local path as a stream (the
 * body goes to disk chunk by chunk, never whole in memory). Shopify's result
 * URLs are signed and expire: an answer saying the file is gone or the link
 * no longer valid is a ResultGoneError, so the caller runs the operation
 * again; anything else (5xx, network) is an ordinary error, retried.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';

/** The result file cannot be fetched any more (expired link or deleted file). */
export class ResultGoneError extends Error {
  override name = 'ResultGoneError';
}

const GONE = new Set([400, 401, 403, 404, 410]);

/** Downloads `url` to `file`; returns its size in bytes. */
export async function downloadResult(url: string, file: string, timeoutMs = 10 * 60_000): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (GONE.has(response.status)) {
    await response.body?.cancel();
    throw new ResultGoneError(`The bulk operation's result is gone (HTTP ${response.status})`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`Downloading the bulk operation's result failed: HTTP ${response.status}`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(file));
  return (await stat(file)).size;
}
