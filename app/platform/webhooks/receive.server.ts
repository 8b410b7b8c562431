/**
 * The one handler of every webhook delivery, whatever the topic (mounted by
 * server.ts at POST /webhooks through endpoint.ts; see
 * docs/decisions/005-webhook-inbox.md):
 * verify (verify.server.ts) → store once in the inbox (inbox.server.ts) → 200.
 * - bad or missing HMAC or Shopify headers: 401;
 * - a body that is not JSON: 400;
 * - a duplicate (same shop and event id): 200, nothing stored again;
 * - inbox full: 503; database error: 500 — nothing was acknowledged, Shopify
 *   delivers again.
 * No session is loaded here: handlers that need the Admin API load it in their
 * job. After each commit the shops' `webhooks.process` jobs are requested.
 */
import { inboxPool } from '~/db.server';
import { env } from '~/env.server';
import { jobQueue } from '../jobs/index.server';
import { logger } from '../logging/logger.server';
import { InboxFullError, UnstorableDeliveryError, WebhookInbox } from './inbox.server';
import { noteDelivery } from './ingest-pressure.server';
import { enqueueProcessing } from './jobs.server';
import { ProcessTrigger } from './process-trigger.server';
import type { DeliveryHeaders } from './types';
import { verifyWebhook, type HeaderReader } from './verify.server';

const log = logger.child({ component: 'webhook-inbox' });

export interface WebhookDelivery {
  /** A request header by lower-case name. */
  header: HeaderReader;
  /** The raw body, exactly as received (the HMAC covers these bytes). */
  body: Buffer;
}

export interface WebhookReply {
  status: number;
  headers?: Record<string, string>;
}

interface InboxRuntime {
  inbox: WebhookInbox;
  trigger: ProcessTrigger;
}

// One inbox per process, surviving Vite's module reloads in development.
const RUNTIME_KEY = Symbol.for('steward.webhookInbox');
type WithRuntime = typeof globalThis & { [RUNTIME_KEY]?: InboxRuntime };
const holder = globalThis as WithRuntime;

function inboxRuntime(): InboxRuntime {
  return (holder[RUNTIME_KEY] ??= (() => {
    const trigger = new ProcessTrigger((shop) => enqueueProcessing(jobQueue(), shop));
    const inbox = new WebhookInbox(inboxPool, {
      maxConcurrentWrites: 2,
      onCommitted: (shops) => {
        for (const shop of shops) trigger.request(shop);
      },
    });
    return { inbox, trigger };
  })());
}

/** Writes what the inbox holds and lets the process triggers go out (shutdown). */
export async function drainInbox(): Promise<void> {
  const runtime = holder[RUNTIME_KEY];
  if (!runtime) return;
  await runtime.inbox.flush();
  await runtime.trigger.idle();
}

/**
 * The body as the inbox stores it: the bytes received, which the inbox's json
 * column checks are JSON. Only a body that escapes the NUL character is
 * rewritten, without it (PostgreSQL's text and jsonb refuse NUL, and the
 * processor writes payload strings to text columns); null if that body is not
 * JSON.
 */
function storablePayload(body: Buffer): Buffer | string | null {
  if (!body.includes('\\u0000')) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  return JSON.stringify(parsed, (_key, value: unknown) =>
    typeof value === 'string' ? value.replaceAll('\u0000', '') : value,
  );
}

function refusedAsNotJson(headers: DeliveryHeaders): WebhookReply {
  log.warn({ shop: headers.shop, topic: headers.topic, eventId: headers.eventId }, 'Webhook refused: body is not JSON');
  return { status: 400 };
}

export async function receiveWebhook(delivery: WebhookDelivery): Promise<WebhookReply> {
  const verification = verifyWebhook(delivery.header, delivery.body, env.SHOPIFY_API_SECRET);
  if (!verification.valid) {
    log.warn(
      { reason: verification.reason, topic: delivery.header('x-shopify-topic') },
      'Webhook refused: not signed by Shopify',
    );
    return { status: 401 };
  }
  const { headers } = verification;
  noteDelivery();
  const payload = storablePayload(delivery.body);
  if (payload === null) return refusedAsNotJson(headers);
  try {
    const stored = await inboxRuntime().inbox.accept({ ...headers, payload });
    if (!stored) log.debug({ shop: headers.shop, topic: headers.topic, eventId: headers.eventId }, 'Duplicate webhook');
    return { status: 200 };
  } catch (error) {
    if (error instanceof UnstorableDeliveryError) return refusedAsNotJson(headers);
    if (error instanceof InboxFullError) {
      log.warn({ shop: headers.shop, topic: headers.topic }, 'Webhook refused: inbox full');
      return { status: 503, headers: { 'Retry-After': '1' } };
    }
    log.error({ err: error, shop: headers.shop, topic: headers.topic }, 'Webhook could not be stored');
    return { status: 500 };
  }
}
