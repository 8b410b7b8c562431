/**
 * `npm run test:redis`: the job queue contract against the BullMQ driver, on
 * the Redis in REDIS_URL (a database of its own is best: redis://…/15). Kept
 * out of `npm test`, which has no Redis, rather than skipped there.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

if (!process.env.REDIS_URL) {
  throw new Error('npm run test:redis needs a Redis: set REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/15');
}

// Spread, not mergeConfig: mergeConfig would concatenate include/exclude.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['app/platform/jobs/bullmq.test.ts'], exclude: ['node_modules/**'] },
});
