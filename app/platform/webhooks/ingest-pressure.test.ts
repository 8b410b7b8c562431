import { describe, expect, it } from 'vitest';
import { countDelivery, freshIngestState, pauseBeforeEvent } from './ingest-pressure.server';

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
});
