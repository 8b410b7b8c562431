/**
 * Shopify's leaky bucket, one per shop and app: a request takes its
 * requested cost up front, gets back what it did not use, and is THROTTLED
 * when the bucket holds less than it asks for. Defaults: the Standard plan's
 * 100 points/s restore rate; the bucket holds 20 seconds of it.
 */
export interface BucketSettings {
  restoreRate: number;
  maximumAvailable: number;
}

export const STANDARD_PLAN: BucketSettings = { restoreRate: 100, maximumAvailable: 2000 };
export const MAX_SINGLE_QUERY_COST = 1000;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  #available: number;
  #updatedAt: number;
  readonly settings: BucketSettings;
  readonly #clock: () => number;

  constructor(settings: BucketSettings = STANDARD_PLAN, clock: () => number = Date.now) {
    this.settings = settings;
    this.#clock = clock;
    this.#available = settings.maximumAvailable;
    this.#updatedAt = clock();
  }

  #refill(): void {
    const now = this.#clock();
    this.#available = Math.min(
      this.settings.maximumAvailable,
      this.#available + ((now - this.#updatedAt) / 1000) * this.settings.restoreRate,
    );
    this.#updatedAt = now;
  }

  /** Takes `cost` points if the bucket holds them. */
  take(cost: number): boolean {
    this.#refill();
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }

  /** Gives back points a request reserved but did not use. */
  refund(points: number): void {
    this.#refill();
    this.#available = Math.min(this.settings.maximumAvailable, this.#available + Math.max(points, 0));
  }

  status(): ThrottleStatus {
    this.#refill();
    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.#available),
      restoreRate: this.settings.restoreRate,
    };
  }
}
