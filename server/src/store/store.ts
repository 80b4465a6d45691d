import type { Logger } from "pino";

/**
 * Checks a value read back from storage (the snapshot file or Redis) before anything uses it: storage
 * outlives the code that wrote it, and a hand-edited or truncated value must never be served.
 */
export type Check<T> = (value: unknown) => value is T;

/**
 * Key/value state shared by everything that must agree across instances: cached rooms and replays,
 * the access_token, the daily quota counter and refresh locks. Values are JSON.
 * Freshness is decided by timestamps inside the values (with the injectable clock); store TTLs only
 * bound garbage and locks.
 */
export interface Store {
  /** The value when present and it passes `check`; a value that fails is discarded and logged once. */
  get<T>(key: string, check: Check<T>): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Atomically adds `by` and returns the new value; the key expires after `ttlMs`. The count never
   * goes down: calls counted while the shared store was away are added back when it returns.
   */
  incrBy(key: string, by: number, ttlMs: number): Promise<number>;
  /** Returns a release token when the lock was free, undefined when someone else holds it. */
  tryLock(key: string, ttlMs: number): Promise<string | undefined>;
  unlock(key: string, token: string): Promise<void>;
  /** "off" for the embedded store; "up"/"down" for Redis. */
  status(): "off" | "up" | "down";
  close(): Promise<void>;
}

/** Keys never written to disk: the token is a secret, locks are meaningless after a restart. */
export function isVolatileKey(key: string): boolean {
  return key === "token" || key.startsWith("lock:");
}

export const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/**
 * Logs each key whose stored value was discarded once, not on every read: a bad value in Redis stays
 * there until the next good write replaces it, and reads come often.
 */
export class BadValueLog {
  private readonly reported = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly log?: Logger,
  ) {}

  discarded(key: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log?.warn({ key, source: this.source }, "stored value has the wrong shape, discarded");
  }

  /** A good value was read again: a later bad one is news worth a line. */
  accepted(key: string): void {
    this.reported.delete(key);
  }
}
