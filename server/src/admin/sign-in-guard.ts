/**
 * Password guessing, bounded: per client address (after TRUST_PROXY) at most CLIENT_LIMIT failed
 * sign-ins, and across all clients at most GLOBAL_LIMIT, within two consecutive 15-minute windows; past
 * either limit sign-in is refused (429) without looking at the password. Counts live in the store, so
 * instances share them. Checking a password costs ~128 MiB and a CPU-second (scrypt), so one check
 * runs at a time per instance and only a few may wait. Why these numbers: docs/console.md ("Signing in").
 */
import type { Logger } from "pino";
import { isCount } from "../store/store";
import type { Store } from "../store/store";

export const CLIENT_LIMIT = 5;
export const GLOBAL_LIMIT = 50;
export const WINDOW_MS = 15 * 60_000;
/** Password checks allowed to wait for the one running; more are refused as busy. */
const MAX_WAITING = 4;

export type Verdict =
  | { allowed: true }
  /** `retryAfterMs`: when the oldest counted failures age out. */
  | { allowed: false; scope: "client" | "everyone"; retryAfterMs: number };

/** Too many sign-ins are waiting for a password check. */
export class SignInBusyError extends Error {
  override name = "SignInBusyError";
}

export class SignInGuard {
  private running: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private warnedWindow = -1;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  private window(): number {
    return Math.floor(this.now() / WINDOW_MS);
  }

  private clientKey(address: string, window: number): string {
    return `console:signin-fail:${address}:${window}`;
  }

  private allKey(window: number): string {
    return `console:signin-fail-all:${window}`;
  }

  /** This window's and the last window's failures under `key(window)`. */
  private async counts(key: (window: number) => string): Promise<[number, number]> {
    const w = this.window();
    const [current, previous] = await Promise.all([
      this.store.get(key(w), isCount),
      this.store.get(key(w - 1), isCount),
    ]);
    return [current ?? 0, previous ?? 0];
  }

  /** How long until the failures counted in `[current, previous]` drop below `limit`. */
  private retryAfter([current]: [number, number], limit: number): number {
    const w = this.window();
    // the current window's failures alone keep the limit reached until it too is the previous one
    const until = current >= limit ? (w + 2) * WINDOW_MS : (w + 1) * WINDOW_MS;
    return until - this.now();
  }

  /** Whether `address` may try a password now. */
  async check(address: string): Promise<Verdict> {
    const everyone = await this.counts((w) => this.allKey(w));
    if (everyone[0] + everyone[1] >= GLOBAL_LIMIT) {
      const w = this.window();
      if (this.warnedWindow !== w) {
        this.warnedWindow = w;
        this.log.warn(
          { failures: everyone[0] + everyone[1] },
          "console sign-in closed for everyone: too many wrong passwords",
        );
      }
      return { allowed: false, scope: "everyone", retryAfterMs: this.retryAfter(everyone, GLOBAL_LIMIT) };
    }
    const client = await this.counts((w) => this.clientKey(address, w));
    if (client[0] + client[1] >= CLIENT_LIMIT) {
      return { allowed: false, scope: "client", retryAfterMs: this.retryAfter(client, CLIENT_LIMIT) };
    }
    return { allowed: true };
  }

  /** Counts a wrong password; answers how many tries `address` has left. */
  async failed(address: string): Promise<number> {
    const w = this.window();
    const ttl = 2 * WINDOW_MS + 60_000;
    const [, previous] = await Promise.all([
      this.store.incrBy(this.allKey(w), 1, ttl),
      this.store.get(this.clientKey(address, w - 1), isCount),
    ]);
    const current = await this.store.incrBy(this.clientKey(address, w), 1, ttl);
    this.log.warn({ address }, "console sign-in: wrong password");
    return Math.max(0, CLIENT_LIMIT - current - (previous ?? 0));
  }

  /** A right password: this client's failures are forgotten (everyone's count stays). */
  async succeeded(address: string): Promise<void> {
    const w = this.window();
    await Promise.all([
      this.store.del(this.clientKey(address, w)),
      this.store.del(this.clientKey(address, w - 1)),
    ]);
  }

  /** Runs `check` (a password check) when no other is running here; refuses when too many wait. */
  async serially<T>(check: () => Promise<T>): Promise<T> {
    if (this.waiting >= MAX_WAITING) throw new SignInBusyError("too many sign-ins at once");
    this.waiting += 1;
    const turn = this.running.then(
      () => undefined,
      () => undefined,
    );
    const result = turn.then(() => {
      this.waiting -= 1;
      return check();
    });
    this.running = result;
    return result;
  }
}
