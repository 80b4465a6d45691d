/**
 * Key/value state shared by everything that must agree across instances: cached rooms and replays,
 * the access_token, the daily quota counter and refresh locks. Values are JSON.
 * Freshness is decided by timestamps inside the values (with the injectable clock); store TTLs only
 * bound garbage and locks.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Atomically adds `by` and returns the new value; the key expires after `ttlMs`. */
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
