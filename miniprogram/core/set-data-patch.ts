/**
 * The smallest setData: what changed, under path keys where a list is concerned, and nothing when
 * nothing changed. Pages and components build their next view with core/ and send only this. Pure.
 */

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The smallest setData that turns `prev` into `next` under `key`: `key[i]` for each changed or new
 * item, the whole list only when it shrinks (path keys cannot remove items), null when nothing changed.
 */
export function patchList<T>(
  key: string,
  prev: readonly T[],
  next: readonly T[],
): Record<string, T | T[]> | null {
  if (next.length < prev.length) return { [key]: [...next] };
  const patch: Record<string, T> = {};
  let changed = false;
  next.forEach((item, i) => {
    if (i < prev.length && same(prev[i], item)) return;
    patch[`${key}[${i}]`] = item;
    changed = true;
  });
  return changed ? patch : null;
}

/** Only the fields that differ, as `key[index].field` paths (a countdown flipping one card). */
export function patchItem<T extends object>(
  key: string,
  index: number,
  prev: T,
  next: T,
): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  for (const field of Object.keys(next) as Array<keyof T & string>) {
    if (!same(prev[field], next[field])) patch[`${key}[${index}].${field}`] = next[field];
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The keys of `next` whose values differ from `current` (primitives compared by value). */
export function changedFields<T extends object>(current: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (current[key] !== next[key]) out[key] = next[key];
  }
  return out;
}
