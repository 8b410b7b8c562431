/**
 * Express middleware for server.ts: every request gets an id (the caller's
 * X-Request-Id when it is a sane one, else a new UUID), echoed in the answer,
 * carried into every log line written while the request is handled, and one
 * access log line when it finishes.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../logging/logger.server.ts';

const SANE_ID = /^[A-Za-z0-9-]{8,64}$/;

export function requestIdMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('X-Request-Id');
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      requestContext.run({ requestId }, () =>
        logger.info(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) },
          'request',
        ),
      );
    });
    requestContext.run({ requestId }, next);
  };
}
