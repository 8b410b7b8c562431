/**
 * The sync's webhook: bulk_operations/finish says a bulk query is done. Run
 * inside the webhook processor's transaction, it only queues the download of
 * the run waiting for that operation (through the same transaction), and is
 * done in a query or two. An operation no run waits for (another area's, or
 * a run already settled) is ignored; whether it completed or failed, the
 * apply job asks Shopify and acts on what it says.
 */
import { z } from 'zod';
import type { WebhookHandlers } from '../webhooks/types';
import { enqueueWithin } from './enqueue-within.server';
import { stepKey, SYNC_JOBS, SYNC_MAX_ATTEMPTS } from './job-names';

const finishPayload = z.object({ admin_graphql_api_id: z.string().startsWith('gid://shopify/BulkOperation/') });

export const SYNC_WEBHOOK_HANDLERS: WebhookHandlers = {
  async 'bulk_operations/finish'(tx, event) {
    const { admin_graphql_api_id: operationId } = finishPayload.parse(event.payload);
    const run = await tx.syncRun.findFirst({
      where: { shop: event.shop, bulkOperationId: operationId, state: 'running' },
      select: { id: true },
    });
    if (!run) return;
    await enqueueWithin(
      tx,
      SYNC_JOBS.bulkApply,
      { runId: run.id, step: 0 },
      { shop: event.shop, dedupeKey: stepKey(run.id, 'apply', 0), maxAttempts: SYNC_MAX_ATTEMPTS },
    );
  },
};
