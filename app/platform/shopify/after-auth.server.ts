/**
 * What runs once a shop has a fresh offline token (install, re-install, scope
 * change). Areas add their first-run work to AFTER_AUTH_TASKS; each task must
 * be idempotent, as the hook can run again. The sync's task queues the first
 * full sync (or, on a re-install, a catch-up); a sync already running is left
 * alone.
 */
import type { Session } from '@shopify/shopify-api';
import { logger } from '../logging/logger.server.ts';
import { FIRST_SYNC_TASK } from '../sync/trigger.server';

export type AfterAuthTask = { name: string; run(session: Session): Promise<void> };

export const AFTER_AUTH_TASKS: AfterAuthTask[] = [FIRST_SYNC_TASK];

export async function runAfterAuth(session: Session, tasks: AfterAuthTask[] = AFTER_AUTH_TASKS): Promise<void> {
  logger.info(
    { shop: session.shop, scope: session.scope, tasks: tasks.map((task) => task.name) },
    'Shop authenticated',
  );
  for (const task of tasks) {
    await task.run(session);
  }
}
