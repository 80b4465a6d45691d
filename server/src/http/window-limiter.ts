/**
 * A per-client request budget over fixed windows: one Map read and write per request. It guards the
 * cached room list, which cannot cost WeChat anything (refreshes are single-flight and paced by the
 * quota governor) and so needs only a cheap guard of the server's CPU; routes that can cause real work
 * keep @fastify/rate-limit. Its windows follow real time, like @fastify/rate-limit's.
 */
export class WindowLimiter {
  private counts = new Map<string, number>();
  private windowEnds = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `client`: 0 while within the budget, else the seconds until it renews. */
  take(client: string): number {
    const now = this.now();
    if (now >= this.windowEnds) {
      this.counts = new Map();
      this.windowEnds = now + this.windowMs;
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    return count > this.max ? Math.max(1, Math.ceil((this.windowEnds - now) / 1000)) : 0;
  }
}
