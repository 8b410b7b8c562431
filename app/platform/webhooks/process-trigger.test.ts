import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ProcessTrigger } from './process-trigger.server';

/** An enqueue that records when each call started and takes `ms` to answer. */
function recorder(ms = 1) {
  const starts: { shop: string; at: number }[] = [];
  return {
    starts,
    enqueue: async (shop: string) => {
      starts.push({ shop, at: performance.now() });
      await sleep(ms);
    },
  };
}

describe('ProcessTrigger', () => {
  it('enqueues a quiet shop at once', async () => {
    const { starts, enqueue } = recorder();
    const trigger = new ProcessTrigger(enqueue, { spacingMs: 200 });
    const asked = performance.now();
    trigger.request('a.myshopify.com');
    await sleep(20);
    expect(starts).toHaveLength(1);
    expect(starts[0]!.at - asked).toBeLessThan(20);
    await trigger.idle();
  });

  it('spaces one shop’s enqueues under a stream of commits, and still follows the last commit with one', async () => {
    const { starts, enqueue } = recorder();
    const trigger = new ProcessTrigger(enqueue, { spacingMs: 50 });
    let lastRequest = 0;
    let commits = 0;
    const begin = performance.now();
    while (performance.now() < begin + 300) {
      // Taken before the call: a request may start its enqueue at once.
      lastRequest = performance.now();
      trigger.request('a.myshopify.com');
      commits += 1;
      await sleep(2);
    }
    const streamed = lastRequest - begin;
    await trigger.idle();
    // Dozens of commits; about one enqueue per 50 ms of the stream (a timer may fire a little early), and the trailing one.
    expect(commits).toBeGreaterThan(20);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(streamed / 45) + 2);
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(45);
    expect(starts.at(-1)!.at).toBeGreaterThanOrEqual(lastRequest);
  });

  it('spaces each shop on its own', async () => {
    const { starts, enqueue } = recorder();
    const trigger = new ProcessTrigger(enqueue, { spacingMs: 200 });
    trigger.request('a.myshopify.com');
    trigger.request('b.myshopify.com');
    await sleep(20);
    expect(starts.map((start) => start.shop)).toEqual(['a.myshopify.com', 'b.myshopify.com']);
    await trigger.idle();
  });

  it('keeps going after a failed enqueue: the next commit is enqueued', async () => {
    let calls = 0;
    const trigger = new ProcessTrigger(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
      },
      { spacingMs: 10 },
    );
    trigger.request('a.myshopify.com');
    await trigger.idle();
    trigger.request('a.myshopify.com');
    await trigger.idle();
    expect(calls).toBe(2);
  });
});
