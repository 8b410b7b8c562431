/**
 * Structured logging (pino), one JSON line per event, with the current
 * request's id attached. Everything is passed through `redact` first, so no
 * token, secret or e-mail address can reach a log line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { redact } from './redact.ts';

export interface RequestContext {
  requestId: string;
}

/**
 * One store per process, shared through globalThis: the HTTP server (server.ts)
 * and the app bundle are separate module graphs in development.
 */
const STORE_KEY = Symbol.for('steward.requestContext');
type WithStore = typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<RequestContext> };
const holder = globalThis as WithStore;
export const requestContext: AsyncLocalStorage<RequestContext> = (holder[STORE_KEY] ??=
  new AsyncLocalStorage<RequestContext>());

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? (process.env.LOG_LEVEL || 'info'),
      base: { service: 'steward' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          // The message and every interpolated argument (%s, %o, %j) are redacted too.
          method.apply(this, args.map((arg) => redact(arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

export const logger: Logger = createLogger();
