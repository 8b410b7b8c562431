/**
 * The webhook benchmark's baseline: what a webhook route does when it works
 * inside the request, as Steward's did before the inbox. Same Express, same
 * embedded database, same verification and the same handlers and activity
 * entry as the real pipeline, but per request: one single-row INSERT … ON
 * CONFLICT DO NOTHING, then (for a new event) its processing transaction,
 * then 200. Only bench/webhooks.ts starts it (`vite-node`, a process of its
 * own); it is no part of the app and no route of it.
 * Environment: PORT, PGLITE_DATA_DIR (already migrated), and the app's.
 */
import http from 'node:http';
import express from 'express';
import { openEmbeddedDatabase } from '../app/platform/db/embedded.server';

const dataDir = process.env.PGLITE_DATA_DIR;
if (!dataDir) throw new Error('PGLITE_DATA_DIR is required');
const embedded = await openEmbeddedDatabase({ dataDir });
process.env.DATABASE_URL = embedded.url;

const { default: prisma } = await import('../app/db.server');
const { env } = await import('../app/env.server');
const { verifyWebhook } = await import('../app/platform/webhooks/verify.server');
const { applyEvent } = await import('../app/platform/webhooks/processor.server');
const { WEBHOOK_HANDLERS } = await import('../app/platform/webhooks/handlers.server');
const { webhookEndpoint, withWebhooks } = await import('../app/platform/webhooks/endpoint');

interface Stored {
  id: bigint;
  receivedAt: Date;
}

const endpoint = webhookEndpoint(() => async ({ header, body }) => {
  const verification = verifyWebhook(header, body, env.SHOPIFY_API_SECRET);
  if (!verification.valid) return { status: 401 };
  const { shop, topic, eventId, webhookId, apiVersion, triggeredAt } = verification.headers;
  const text = body.toString('utf8');
  const payload: unknown = JSON.parse(text);
  const [row] = await prisma.$queryRaw<Stored[]>`
      INSERT INTO "WebhookEvent" (shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt")
      VALUES (${shop}, ${topic}, ${eventId}, ${webhookId}, ${apiVersion}, ${triggeredAt}, ${text}::json, now() AT TIME ZONE 'UTC')
      ON CONFLICT (shop, "eventId") DO NOTHING
      RETURNING id, "receivedAt"`;
  if (row) {
    const event = { ...verification.headers, id: row.id, receivedAt: row.receivedAt, payload };
    await applyEvent(prisma, event, { handlers: WEBHOOK_HANDLERS });
  }
  return { status: 200 };
});

// Mounted as server.ts mounts the inbox: ahead of Express.
const server = http.createServer(withWebhooks(endpoint, express()));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`baseline listening on ${JSON.stringify(server.address())}`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void prisma
    .$disconnect()
    .then(() => embedded.close())
    .then(() => process.exit(0));
});
