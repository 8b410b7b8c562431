import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.server';
import { requestIdMiddleware } from './request-id.server';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const app = express();
  app.use(requestIdMiddleware(logger));
  // A handler deep in the app logs through its own logger, with no id passed to it.
  app.get('/work', (_req, res) => {
    logger.info('doing the work');
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines };
}

describe('request ids', () => {
  it('gives every request an id, answers it, and stamps every log line written meanwhile', async () => {
    const { url, lines } = await serve();
    const response = await fetch(`${url}/work`);
    const id = response.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['doing the work', id],
      ['request', id],
    ]);
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/work', status: 200 });
  });

  it('keeps a sane incoming X-Request-Id and replaces an unsafe one', async () => {
    const { url } = await serve();
    const kept = await fetch(`${url}/work`, { headers: { 'X-Request-Id': 'edge-1234567890' } });
    expect(kept.headers.get('X-Request-Id')).toBe('edge-1234567890');
    const replaced = await fetch(`${url}/work`, { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(replaced.headers.get('X-Request-Id')).not.toContain('script');
  });
});
