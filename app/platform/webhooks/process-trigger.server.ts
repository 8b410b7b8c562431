/**
 * Asks for a shop's `webhooks.process` job after the inbox has committed new
 * events for it, without one enqueue per commit: per shop, at most one
 * enqueue is in flight, and commits that land meanwhile are answered by one
 * more enqueue started after it. So every commit is followed by an enqueue
 * that STARTS after the commit, which is what the processor's guarantee needs
 * (a job queued or started after an event was committed will see the event;
 * see processor.server.ts for the one remaining race and the sweeper).
 *
 * Enqueues for one shop also start at least `spacingMs` apart. Under a stream
 * of deliveries the shop's job is running and every enqueue meanwhile only
 * finds it (the dedupe key), yet each costs the database two statements; one
 * per spacing is enough, and a commit's processing waits at most that long
 * for its enqueue. A shop's first enqueue after a quiet spell goes at once.
 * A failed enqueue is logged; the sweeper (housekeeping.server.ts) finds the
 * shop's events all the same.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../logging/logger.server';

export type EnqueueShop = (shop: string) => Promise<unknown>;

/** Default spacing between two enqueues for one shop. */
export const ENQUEUE_SPACING_MS = 100;

interface ShopState {
  again: boolean;
  done: Promise<void>;
}

export class ProcessTrigger {
  private readonly enqueue: EnqueueShop;
  private readonly spacingMs: number;
  private readonly inFlight = new Map<string, ShopState>();

  constructor(enqueue: EnqueueShop, options: { spacingMs?: number } = {}) {
    this.enqueue = enqueue;
    this.spacingMs = options.spacingMs ?? ENQUEUE_SPACING_MS;
  }

  request(shop: string): void {
    const running = this.inFlight.get(shop);
    if (running) {
      running.again = true;
      return;
    }
    const state: ShopState = { again: false, done: Promise.resolve() };
    this.inFlight.set(shop, state);
    state.done = this.run(shop, state);
  }

  /** Resolves when no enqueue is in flight or waiting its turn (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((state) => state.done));
  }

  private async run(shop: string, state: ShopState): Promise<void> {
    try {
      for (;;) {
        state.again = false;
        const started = performance.now();
        await this.enqueue(shop).catch((error: unknown) => {
          logger.warn({ shop, err: error }, 'Could not enqueue webhook processing; the sweeper will');
        });
        // Stay in flight until the spacing has passed: commits meanwhile set `again`.
        const rest = this.spacingMs - (performance.now() - started);
        if (rest > 0) await sleep(rest);
        if (!state.again) return;
      }
    } finally {
      this.inFlight.delete(shop);
    }
  }
}
