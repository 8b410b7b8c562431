/**
 * A sync worker in a process of its own (run with vite-node), for tests that
 * kill it with SIGKILL mid-job: Steward's sync jobs on the database queue,
 * over the DATABASE_URL and DEVSTORE_URL it inherits, with a 1 s lease so the
 * test's own worker can take over a killed job quickly. SYNC_WORK_DIR is
 * where it downloads result files.
 */
import prisma from '../../app/db.server';
import { DbJobQueue } from '../../app/platform/jobs/db.server';
import { createSyncJobHandlers } from '../../app/platform/sync/jobs.server';

const queue = new DbJobQueue(prisma, { pollIntervalMs: 20, leaseMs: 1_000 });
const handlers = createSyncJobHandlers({
  pollFirstMs: 50,
  pollMaxMs: 200,
  sliceMs: 10 * 60_000,
  workDir: process.env.SYNC_WORK_DIR,
});
// The queue's timers are unref'd; this keeps the process up until it is killed.
setInterval(() => {}, 60_000);
// Not awaited: vite-node keeps serving modules only while this one evaluates, and everything is imported above.
void queue.work({ handlers, concurrency: 1, signal: new AbortController().signal });
