/**
 * The job queue contract on BullMQ. Runs with `npm run test:redis` only
 * (vitest.redis.config.ts), which requires REDIS_URL; `npm test` has no Redis.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll } from 'vitest';
import { BullJobQueue } from './bullmq.server';
import { describeJobQueue } from './queue.contract';

const url = process.env.REDIS_URL!;
// A key prefix of this run's own, removed afterwards.
const prefix = `steward-test-${randomUUID().slice(0, 8)}`;

describeJobQueue(
  'bullmq',
  ({ backoffBaseMs }) => new BullJobQueue({ url, prefix, backoff: { baseMs: backoffBaseMs } }),
);

afterAll(async () => {
  const probe = new Queue('_cleanup', { connection: { url }, prefix });
  const client = await probe.client;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, { MATCH: `${prefix}:*`, COUNT: 1000 });
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  await probe.close();
});
