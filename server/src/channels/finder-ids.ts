/**
 * 视频号 ids (finderUserName) as the shop lists them: "sph" and letters and digits, as 视频号助手 shows
 * them (docs/channels-live.md "视频号 ids"). A stray space inside an id is a real pitfall: WeChat then
 * answers 1416100 (invalid id) on every phone, so it is refused here with the position named.
 * Used for CHANNELS_FINDER_IDS and for the ids an operator edits in the console (admin/choices.ts).
 */

/** The documented shape ("以 sph 开头", e.g. sphcqO59YEPCvoe); the length is not documented. */
export const FINDER_ID = /^sph[0-9A-Za-z]{4,32}$/;
/** Each card costs a shopper's phone two WeChat calls a minute; more than this is not a live list. */
export const MAX_FINDER_IDS = 20;

export class FinderIdError extends Error {
  override name = "FinderIdError";
}

/** What is wrong with a trimmed id: a space or an invisible character (with its position), or its shape. */
export type FinderIdProblem =
  | { kind: "space"; position: number }
  | { kind: "invisible"; position: number; codePoint: string }
  | { kind: "shape" };

/** Why `id` (already trimmed) is not a 视频号 id, or undefined when it is one. */
export function finderIdProblem(id: string): FinderIdProblem | undefined {
  if (FINDER_ID.test(id)) return undefined;
  const odd = /[^\x21-\x7e]/u.exec(id);
  if (!odd) return { kind: "shape" };
  const position = odd.index + 1;
  if (/\s/u.test(odd[0])) return { kind: "space", position };
  const codePoint = `U+${(odd[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  return { kind: "invisible", position, codePoint };
}

function describe(id: string, problem: FinderIdProblem): string {
  if (problem.kind === "shape") {
    return `"${id}" is not a 视频号 id ("sph" followed by letters and digits, e.g. sphcqO59YEPCvoe)`;
  }
  const what = problem.kind === "space" ? "a space" : `an invisible character (${problem.codePoint})`;
  return `"${id}" contains ${what} at position ${problem.position}; copy the id again from 视频号助手`;
}

/** One id, checked; surrounding whitespace is trimmed (JavaScript's trim: spaces, NBSP, U+3000, BOM). */
export function checkFinderId(raw: string): string {
  const id = raw.trim();
  const problem = finderIdProblem(id);
  if (problem) throw new FinderIdError(describe(id, problem));
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
