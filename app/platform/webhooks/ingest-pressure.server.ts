/**
 * Deliveries come first. With the embedded database the inbox and the
 * processor share one thread and one connection, so while deliveries keep
 * arriving the processor applies at most one event per PAUSE_MS (a fraction
 * of the process), and goes at full speed once they stop: a burst is taken in
 * at full rate and worked off after it. Progress never stops: a steady stream
 * still gets an event applied every PAUSE_MS. One state per process (kept on
 * globalThis, which the server and the app's module graph share).
 */
const QUIET_MS = 200;
const PAUSE_MS = 100;

const KEY = Symbol.for('steward.webhookIngest');
type WithState = typeof globalThis & { [KEY]?: { lastDelivery: number } };
const state = ((globalThis as WithState)[KEY] ??= { lastDelivery: Number.NEGATIVE_INFINITY });

/** The inbox calls it for every delivery it takes in. */
export function noteDelivery(): void {
  state.lastDelivery = performance.now();
}

/** The processor awaits it before each event. */
export async function yieldToDeliveries(): Promise<void> {
  if (performance.now() - state.lastDelivery < QUIET_MS) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}
