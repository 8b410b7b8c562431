import { describe, expect, it } from 'vitest';
import { countDelivery, freshIngestState, pauseBeforeEvent, waitForTurn } from './ingest-pressure.server';

/** Deliveries at `perSecond` from `from` until `to` (ms). */
function stream(state: ReturnType<typeof freshIngestState>, perSecond: number, from: number, to: number): void {
  for (let at = from; at < to; at += 1000 / perSecond) countDelivery(state, at);
}

describe('ingest pressure', () => {
  it('lets the processor run at full speed when no delivery has come for a while', () => {
    const state = freshIngestState();
    expect(pauseBeforeEvent(state, 1_000)).toBe(0);
    stream(state, 50, 0, 1_000);
    expect(pauseBeforeEvent(state, 1_300)).toBe(0);
  });

  it('applies an event every 100 ms under a moderate stream', () => {
    const state = freshIngestState();
    stream(state, 50, 0, 1_000);
    expect(pauseBeforeEvent(state, 1_000)).toBe(100);
    stream(state, 150, 1_000, 2_000);
    expect(pauseBeforeEvent(state, 2_000)).toBe(100);
  });

  it('pauses 5 s between events while more arrive than it could apply, and comes back when the stream calms', () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 1_000);
    expect(pauseBeforeEvent(state, 1_000)).toBe(5_000);
    stream(state, 20, 1_000, 2_000);
    expect(pauseBeforeEvent(state, 2_000)).toBe(100);
  });

  it('takes a burst for heavy from its first 50 ms', () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 60);
    expect(pauseBeforeEvent(state, 60)).toBe(5_000);
    const calm = freshIngestState();
    stream(calm, 50, 0, 60);
    expect(pauseBeforeEvent(calm, 60)).toBe(100);
  });

  it('does not take a burst long past for the rate of a new delivery', () => {
    const state = freshIngestState();
    stream(state, 4_000, 0, 250);
    countDelivery(state, 700);
    expect(pauseBeforeEvent(state, 700)).toBe(100);
  });

  it('does not take a short cluster for a heavy stream', () => {
    // Ten deliveries in the same millisecond (a shop's retries, say), looked at 50 ms later.
    const state = freshIngestState();
    for (let index = 0; index < 10; index += 1) countDelivery(state, index / 10);
    expect(pauseBeforeEvent(state, 50)).toBe(100);
  });
});

describe('waiting for the processor’s turn', () => {
  /** A clock that only sleeping moves; `during` runs for each slept step (a stream going on, an abort). */
  function fakeTime(start: number, during: (from: number, to: number) => void = () => {}) {
    let now = start;
    const steps: number[] = [];
    return {
      clock: () => now,
      sleep: async (ms: number) => {
        steps.push(ms);
        during(now, now + ms);
        now += ms;
      },
      steps,
      waited: () => now - start,
    };
  }

  it('waits the whole heavy pause while the stream goes on, in steps of 100 ms', async () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 1_000);
    const time = fakeTime(1_000, (from, to) => stream(state, 2_000, from, to));
    await waitForTurn(state, time.clock, time.sleep);
    expect(time.waited()).toBe(5_000);
    expect(Math.max(...time.steps)).toBe(100);
  });

  it('ends a heavy pause soon after the stream stops, not 5 s later', async () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 1_000);
    const time = fakeTime(1_000, (from, to) => (to <= 1_300 ? stream(state, 2_000, from, to) : undefined));
    await waitForTurn(state, time.clock, time.sleep);
    // The last delivery came just before 1,300 ms; the processor goes on once 200 ms pass without one.
    expect(time.waited()).toBeGreaterThanOrEqual(500);
    expect(time.waited()).toBeLessThanOrEqual(600);
  });

  it('ends at once when the worker stops', async () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 1_000);
    const stop = new AbortController();
    const time = fakeTime(1_000, (from, to) => {
      stream(state, 2_000, from, to);
      if (to >= 1_300) stop.abort();
    });
    await waitForTurn(state, time.clock, time.sleep, stop.signal);
    expect(time.waited()).toBe(300);
  });

  it('does not wait when no delivery has come for a while', async () => {
    const state = freshIngestState();
    stream(state, 2_000, 0, 1_000);
    const time = fakeTime(1_500);
    await waitForTurn(state, time.clock, time.sleep);
    expect(time.steps).toEqual([]);
  });
});
