/**
 * Deliveries come first. With the embedded database the inbox and the
 * processor share one database session, and a processing transaction holds it
 * for its every round trip (~15 ms): deliveries that arrive meanwhile wait.
 * So while deliveries keep arriving the processor applies one event and then
 * pauses, and goes at full speed once they stop: a burst is taken in at full
 * rate and worked off after it. Progress never stops: a steady stream still
 * gets an event applied every pause.
 *
 * The pause follows the arrival rate. Under a moderate stream (below
 * HEAVY_RATE deliveries a second) it is PAUSE_MS, so the processor keeps up
 * with up to ten events a second. Above it, more arrive than the processor
 * could apply at full speed (~70–120 events a second), so the backlog is
 * worked off after the stream whatever the pace; the pause is then
 * HEAVY_PAUSE_MS, and the deliveries that meet a processing transaction are a
 * hundredth of them, not a tenth.
 *
 * One state per process (kept on globalThis, which the server and the app's
 * module graph share).
 */
const QUIET_MS = 200;
const PAUSE_MS = 100;
const HEAVY_RATE = 200;
const HEAVY_PAUSE_MS = 5_000;
/** The arrival rate is counted over windows of this length. */
const RATE_WINDOW_MS = 250;
/** The shortest span over which the window under way is taken for a rate. */
const MIN_RATE_SPAN_MS = 50;

export interface IngestState {
  lastDelivery: number;
  windowStart: number;
  windowCount: number;
  /** Deliveries a second over the last full window. */
  rate: number;
}

export function freshIngestState(): IngestState {
  return { lastDelivery: Number.NEGATIVE_INFINITY, windowStart: Number.NEGATIVE_INFINITY, windowCount: 0, rate: 0 };
}

/** Counts one delivery at `now` (ms). */
export function countDelivery(state: IngestState, now: number): void {
  const elapsed = now - state.windowStart;
  if (elapsed >= RATE_WINDOW_MS) {
    // A window that ended long ago says nothing about now: the rate restarts from zero.
    state.rate = elapsed < 2 * RATE_WINDOW_MS ? (state.windowCount * 1000) / elapsed : 0;
    state.windowStart = now;
    state.windowCount = 0;
  }
  state.windowCount += 1;
  state.lastDelivery = now;
}

/** How long the processor pauses before its next event at `now` (0: deliveries have stopped). */
export function pauseBeforeEvent(state: IngestState, now: number): number {
  if (now - state.lastDelivery >= QUIET_MS) return 0;
  // The window under way counts too once it is long enough to say something: a burst is heavy from its start.
  // The delivery that opened the window starts its span: the window's rate is of the ones after it.
  const elapsed = now - state.windowStart;
  const current = elapsed >= MIN_RATE_SPAN_MS ? ((state.windowCount - 1) * 1000) / elapsed : 0;
  return Math.max(state.rate, current) >= HEAVY_RATE ? HEAVY_PAUSE_MS : PAUSE_MS;
}

const KEY = Symbol.for('steward.webhookIngest');
type WithState = typeof globalThis & { [KEY]?: IngestState };
const state = ((globalThis as WithState)[KEY] ??= freshIngestState());

/** The inbox calls it for every delivery it takes in. */
export function noteDelivery(): void {
  countDelivery(state, performance.now());
}

/** A pause is slept in steps this long, so it ends soon after deliveries stop or the worker stops. */
const STEP_MS = 100;

/**
 * Waits until `pauseBeforeEvent` says the processor may go on. The pause is
 * asked again every STEP_MS, so a 5 s heavy pause ends within a step of the
 * stream stopping (or slowing to moderate), and at once when `signal` aborts.
 */
export async function waitForTurn(
  ingest: IngestState,
  clock: () => number,
  sleep: (ms: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const start = clock();
  for (;;) {
    if (signal?.aborted) return;
    const now = clock();
    const left = pauseBeforeEvent(ingest, now) - (now - start);
    if (left <= 0) return;
    await sleep(Math.min(STEP_MS, left));
  }
}

function sleepUnless(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
}

/** The processor awaits it before each event; it returns early when `signal` aborts. */
export function yieldToDeliveries(signal?: AbortSignal): Promise<void> {
  return waitForTurn(state, () => performance.now(), sleepUnless(signal), signal);
}
