import type { CounterStore } from './request-counters.js';

/** A refusal: seconds to wait, and whether it is the first of the window (the one worth a warning). */
export interface Refusal {
  retryAfter: number;
  first: boolean;
}

/**
 * Fixed one-minute windows per key, counted in a `CounterStore`: in the app that is PostgreSQL, so all
 * instances behind the load balancer share one count per client (see docs/security.md).
 */
export class RateLimiter {
  constructor(
    private readonly store: CounterStore,
    /** Names the limit in the counter key, so two limiters never share a count. */
    private readonly name: string,
    private readonly limitPerMinute: number,
  ) {}

  /** Counts one hit; returns null when allowed, else how long to wait. */
  async hit(key: string): Promise<Refusal | null> {
    if (this.limitPerMinute <= 0) return null;
    const { count, resetsInSeconds } = await this.store.hit(`${this.name}:${key}`, 60);
    if (count <= this.limitPerMinute) return null;
    return { retryAfter: resetsInSeconds, first: count === this.limitPerMinute + 1 };
  }
}
