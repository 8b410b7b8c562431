/**
 * The sync's job names and dedupe keys (jobs.server.ts runs them), apart
 * from the handlers so that webhook handlers and triggers can queue them
 * without loading the whole sync.
 */

export const SYNC_JOBS = {
  start: 'sync.start',
  bulkStart: 'sync.bulk-start',
  bulkPoll: 'sync.bulk-poll',
  bulkApply: 'sync.bulk-apply',
  catchUp: 'sync.catchup',
} as const;

/** Tries of every sync job (the queue backs off between them) before its run is marked failed. */
export const SYNC_MAX_ATTEMPTS = 8;

/** The dedupe key of one step of one run: a step is queued once however often it is asked for. */
export function stepKey(runId: string, step: string, index = 0): string {
  return `sync:${runId}:${step}:${index}`;
}

/** The dedupe key of a sync request: one full and one catch-up request at a time per shop. */
export function startKey(mode: 'full' | 'catchup'): string {
  return `sync.start:${mode}`;
}
