/**
 * Asks for a shop's `webhooks.process` job after the inbox has committed new
 * events for it, without one enqueue per commit: per shop, at most one
 * enqueue is in flight, and commits that land meanwhile are answered by one
 * more enqueue started after it. So every commit is followed by an enqueue
 * that STARTS after the commit, which is what the processor's guarantee needs
 * (a job queued or started after an event was committed will see the event;
 * see processor.server.ts for the one remaining race and the sweeper).
 * A failed enqueue is logged; the sweeper (housekeeping.server.ts) finds the
 * shop's events all the same.
 */
import { logger } from '../logging/logger.server';

export type EnqueueShop = (shop: string) => Promise<unknown>;

export class ProcessTrigger {
  private readonly enqueue: EnqueueShop;
  private readonly inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(enqueue: EnqueueShop) {
    this.enqueue = enqueue;
  }

  request(shop: string): void {
    const running = this.inFlight.get(shop);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false, done: Promise.resolve() };
    this.inFlight.set(shop, state);
    state.done = this.run(shop, state);
  }

  /** Resolves when no enqueue is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((state) => state.done));
  }

  private async run(shop: string, state: { again: boolean }): Promise<void> {
    try {
      do {
        state.again = false;
        await this.enqueue(shop).catch((error: unknown) => {
          logger.warn({ shop, err: error }, 'Could not enqueue webhook processing; the sweeper will');
        });
      } while (state.again);
    } finally {
      this.inFlight.delete(shop);
    }
  }
}
