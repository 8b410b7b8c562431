/**
 * Applies a shop's stored webhook events, oldest first (WebhookEvent.id is the
 * order of arrival). The `webhooks.process` job (jobs.server.ts) runs it.
 *
 * - Events are read in small batches; each is then applied in ONE short
 *   interactive transaction that (1) locks its row FOR UPDATE SKIP LOCKED
 *   while it is still unprocessed and sets processedAt, (2) runs the topic's
 *   handlers, (3) records its activity entry. Effects and the mark commit
 *   together or not at all (shop/redact may delete the row itself), so a
 *   process killed mid-way leaves the event unprocessed and it is applied
 *   again, once, later; the lock keeps two processors (a lease taken over)
 *   from applying it at the same time.
 * - A failing event gets attempts+1 and lastError, and the run stops there
 *   (EventFailedError): the job is retried with the queue's backoff and
 *   starts again at that event, so the shop's order holds. At
 *   `maxAttempts` the event is dead: it stays unprocessed with its error,
 *   is logged, and is passed over from then on, so it no longer holds up the
 *   shop's later events. A topic without a handler is dead at once.
 * - The run ends when no due event is left. An event committed after the
 *   run's last read but before its job is marked done finds that job still
 *   "running", so the inbox's enqueue is deduplicated into it and nothing
 *   would pick the event up: the sweeper (housekeeping.server.ts) closes that
 *   window by enqueueing every shop with due events periodically.
 */
import type { PrismaClient } from '@prisma/client';
import { describeWebhook } from '~/modules/activity/describe-webhook';
import { recordActivity, type ActivityInput } from '~/modules/activity/record.server';
import { logger } from '../logging/logger.server';
import type { InboxEvent, TopicHandlers, Tx } from './types';

const log = logger.child({ component: 'webhook-processor' });

/** Tries before an event is dead. */
export const MAX_EVENT_ATTEMPTS = 5;

export interface ProcessorOptions {
  /** Handlers per topic, run in order inside the event's transaction. */
  handlers: TopicHandlers;
  /** The event's activity entry (default: the activity module's describeWebhook). */
  describe?: (event: InboxEvent) => ActivityInput | null;
  /** Events read at a time (default 20). */
  batchSize?: number;
  maxAttempts?: number;
  /** Awaited before each event with the run's signal (the job passes ingest-pressure's yieldToDeliveries). */
  pace?: (signal: AbortSignal) => Promise<void>;
  /** When aborted (the worker is stopping), the run ends after the event in hand; the rest waits for the next run. */
  signal?: AbortSignal;
}

export interface ProcessResult {
  /** Events applied by this run. */
  applied: number;
  /** Events that became dead in this run. */
  dead: number;
}

/** An event failed and will be tried again: the job fails so the queue retries it with backoff. */
export class EventFailedError extends Error {
  override name = 'EventFailedError';
}

export class UnhandledTopicError extends Error {
  override name = 'UnhandledTopicError';
}

function errorText(error: unknown): string {
  return (error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 4_000);
}

async function nextBatch(db: PrismaClient, shop: string, limit: number, maxAttempts: number): Promise<InboxEvent[]> {
  const rows = await db.webhookEvent.findMany({
    where: { shop, processedAt: null, attempts: { lt: maxAttempts } },
    orderBy: { id: 'asc' },
    take: limit,
    select: {
      id: true,
      topic: true,
      eventId: true,
      webhookId: true,
      apiVersion: true,
      triggeredAt: true,
      receivedAt: true,
      payload: true,
    },
  });
  return rows.map((row) => ({ ...row, shop }));
}

function withDefaults(options: ProcessorOptions): Required<ProcessorOptions> {
  // An option given as undefined takes its default, as one left out does.
  return {
    handlers: options.handlers,
    describe: options.describe ?? describeWebhook,
    batchSize: options.batchSize ?? 20,
    maxAttempts: options.maxAttempts ?? MAX_EVENT_ATTEMPTS,
    pace: options.pace ?? (async () => {}),
    signal: options.signal ?? new AbortController().signal,
  };
}

/**
 * Applies one stored event in its own transaction (see the module comment);
 * false when it was no longer there to apply (done, erased, or locked by
 * another run). Throws what the handler threw; the caller counts the failure.
 */
export function applyEvent(db: PrismaClient, event: InboxEvent, options: ProcessorOptions): Promise<boolean> {
  return apply(db, event, withDefaults(options));
}

async function apply(db: PrismaClient, event: InboxEvent, options: Required<ProcessorOptions>): Promise<boolean> {
  const handlers = options.handlers[event.topic];
  if (!handlers || handlers.length === 0) throw new UnhandledTopicError(`No handler for webhook topic ${event.topic}`);
  return db.$transaction(
    async (tx: Tx) => {
      // Lock the row and mark it in one statement; both stand or fall with the transaction.
      const mine = await tx.$queryRaw<{ id: bigint }[]>`
        UPDATE "WebhookEvent" SET "processedAt" = now() AT TIME ZONE 'UTC'
        WHERE id = (
          SELECT id FROM "WebhookEvent"
          WHERE shop = ${event.shop} AND id = ${event.id} AND "processedAt" IS NULL
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id`;
      if (mine.length === 0) return false;
      for (const handler of handlers) await handler(tx, event);
      const entry = options.describe(event);
      if (entry) await recordActivity(tx, entry);
      return true;
    },
    { maxWait: 30_000, timeout: 15_000 },
  );
}

/**
 * Counts a failed try; returns the event's attempts so far (the maximum at
 * once for an unhandled topic), or null when the event is no longer pending.
 */
async function recordFailure(
  db: PrismaClient,
  event: InboxEvent,
  error: unknown,
  maxAttempts: number,
): Promise<number | null> {
  const floor = error instanceof UnhandledTopicError ? maxAttempts : 0;
  const rows = await db.$queryRaw<{ attempts: number }[]>`
    UPDATE "WebhookEvent"
    SET attempts = GREATEST(attempts + 1, ${floor}::int), "lastError" = ${errorText(error)}
    WHERE shop = ${event.shop} AND id = ${event.id} AND "processedAt" IS NULL
    RETURNING attempts`;
  return rows[0]?.attempts ?? null;
}

/** Applies the shop's due events in order until none is left; see the module comment. */
export async function processShopEvents(
  db: PrismaClient,
  shop: string,
  options: ProcessorOptions,
): Promise<ProcessResult> {
  const settings = withDefaults(options);
  const result: ProcessResult = { applied: 0, dead: 0 };
  for (;;) {
    const batch = await nextBatch(db, shop, settings.batchSize, settings.maxAttempts);
    if (batch.length === 0) return result;
    for (const event of batch) {
      await settings.pace(settings.signal);
      if (settings.signal.aborted) return result;
      try {
        if (await apply(db, event, settings)) result.applied += 1;
      } catch (error) {
        const attempts = await recordFailure(db, event, error, settings.maxAttempts);
        if (attempts === null) continue;
        const context = { shop, topic: event.topic, eventId: event.eventId, id: String(event.id), attempts };
        if (attempts >= settings.maxAttempts) {
          result.dead += 1;
          log.error({ ...context, err: error }, 'Webhook event is dead: left unprocessed with its error');
          continue;
        }
        log.warn({ ...context, err: error }, 'Webhook event failed; it will be retried');
        throw new EventFailedError(
          `Webhook event ${event.eventId} (${event.topic}) of ${shop} failed: ${errorText(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    log.debug({ shop, applied: result.applied }, 'Webhook events applied');
  }
}
