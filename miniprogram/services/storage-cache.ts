/**
 * A small device cache over wx storage: the last good copy of something, with when it was saved and
 * its ETag. Storage failures (full, unavailable) never break a page: the cache just misses.
 */

/** Bump when the cached shape changes; old entries are then ignored. */
const VERSION = 1;
const PREFIX = `live-cache:v${VERSION}:`;

export interface CacheEntry<T> {
  value: T;
  /** Unix milliseconds. */
  savedAt: number;
  etag: string | null;
}

export function readCache<T>(key: string, validate: (raw: unknown) => T | null): CacheEntry<T> | null {
  let raw: unknown;
  try {
    raw = wx.getStorageSync(PREFIX + key);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const entry = raw as { value?: unknown; savedAt?: unknown; etag?: unknown };
  if (typeof entry.savedAt !== "number") return null;
  const value = validate(entry.value);
  if (value === null) return null;
  return { value, savedAt: entry.savedAt, etag: typeof entry.etag === "string" ? entry.etag : null };
}

export function writeCache<T>(key: string, value: T, etag: string | null, now: number): void {
  try {
    wx.setStorageSync(PREFIX + key, { value, savedAt: now, etag });
  } catch (err) {
    // Storage is a convenience here; a full or unavailable storage must not break the page.
    console.warn("cache write failed", key, err);
  }
}

/** Keeps the value but records a fresh check (after a 304). */
export function touchCache(key: string, now: number): void {
  try {
    const raw: unknown = wx.getStorageSync(PREFIX + key);
    if (typeof raw === "object" && raw !== null) wx.setStorageSync(PREFIX + key, { ...raw, savedAt: now });
  } catch (err) {
    console.warn("cache touch failed", key, err);
  }
}
