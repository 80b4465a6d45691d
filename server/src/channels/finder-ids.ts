/**
 * 视频号 ids (finderUserName) as the shop lists them: "sph" and letters and digits, as 视频号助手 shows
 * them (docs/channels-live.md "视频号 ids"). A stray space inside an id is a real pitfall: WeChat then
 * answers 1416100 (invalid id) on every phone, so it is refused here with the position named.
 * Used for CHANNELS_FINDER_IDS today and, later, for ids an operator edits at run time.
 */

/** The documented shape ("以 sph 开头", e.g. sphcqO59YEPCvoe); the length is not documented. */
export const FINDER_ID = /^sph[0-9A-Za-z]{4,32}$/;
/** Each card costs a shopper's phone two WeChat calls a minute; more than this is not a live list. */
export const MAX_FINDER_IDS = 20;

export class FinderIdError extends Error {
  override name = "FinderIdError";
}

function describe(id: string): string {
  const odd = /[^\x21-\x7e]/u.exec(id);
  if (odd) {
    const what = /\s/u.test(odd[0])
      ? "a space"
      : `an invisible character (U+${(odd[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`;
    return `"${id}" contains ${what} at position ${odd.index + 1}; copy the id again from 视频号助手`;
  }
  return `"${id}" is not a 视频号 id ("sph" followed by letters and digits, e.g. sphcqO59YEPCvoe)`;
}

/** One id, checked; surrounding whitespace is trimmed (JavaScript's trim: spaces, NBSP, U+3000, BOM). */
export function checkFinderId(raw: string): string {
  const id = raw.trim();
  if (!FINDER_ID.test(id)) throw new FinderIdError(describe(id));
  return id;
}

/** "sphA, sphB" → ["sphA", "sphB"]; empty parts (a trailing comma) are ignored, duplicates refused. */
export function parseFinderIdList(raw: string): string[] {
  const ids = raw
    .split(/[,，]/)
    .filter((part) => part.trim() !== "")
    .map(checkFinderId);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new FinderIdError(`"${id}" is listed twice`);
    seen.add(id);
  }
  if (ids.length > MAX_FINDER_IDS) {
    throw new FinderIdError(`at most ${MAX_FINDER_IDS} 视频号 ids, got ${ids.length}`);
  }
  return ids;
}
