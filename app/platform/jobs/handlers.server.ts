/**
 * Every job Steward knows how to run, by name. `npm run worker` registers
 * exactly these; a worker claims only jobs whose name is here, so workers of
 * different versions can share a queue. Areas add their handlers as they move
 * work out of requests (webhook processing, syncs).
 */
import { CONTENT_JOB_HANDLERS } from '../../modules/content/jobs.server';
import { INBOX_JOB_HANDLERS } from '../../modules/inbox/mail-jobs.server';
import { INSIGHTS_JOB_HANDLERS } from '../../modules/insights/jobs.server';
import { STUDIO_JOB_HANDLERS } from '../../modules/studio/jobs.server';
import { SYNC_JOB_HANDLERS } from '../sync/jobs.server';
import { WEBHOOK_JOB_HANDLERS } from '../webhooks/jobs.server';
import type { JobHandlers } from './types';

export const JOB_HANDLERS: JobHandlers = {
  ...WEBHOOK_JOB_HANDLERS,
  ...INSIGHTS_JOB_HANDLERS,
  ...SYNC_JOB_HANDLERS,
  ...STUDIO_JOB_HANDLERS,
  ...CONTENT_JOB_HANDLERS,
  ...INBOX_JOB_HANDLERS,
};
